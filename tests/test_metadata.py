"""Article metadata: HTML meta tags, .jsonl fields, Markdown front matter, sources.csv.

Each test writes its own small corpus (real files, a real index on disk) and
reads it back through `open_corpus`, the CLI and the exports, as callers do.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from index import (
    QueryError,
    cluster_to_markdown,
    first_carried,
    normalise_date,
    open_corpus,
    quotes_to_csv,
    quotes_to_jsonl,
)
from index.metadata import DateNotUnderstood, parse_manifest, split_front_matter
from tui.citation import citation
from tui.cli import main

SAID = (
    "“We are deeply sorry for the inappropriate artwork we used for Cuties,” "
    "a Netflix spokesperson said in a statement on Thursday."
)
HTML = f"""<!doctype html><html><head>
<title>Cuties poster pulled | The Gazette</title>
<meta property="og:site_name" content="The Gazette">
<meta property="og:title" content="Cuties poster pulled after outcry">
<meta property="article:published_time" content="2020-09-09T14:02:00Z">
<meta name="author" content="Jane Smith">
<link rel="canonical" href="https://gazette.example/cuties-poster">
</head><body><article><h1>Cuties poster pulled after outcry</h1>
<p>The streaming service changed the poster of the French film within a day of the complaints
reaching it from parents and politicians across the country.</p>
<p>{SAID}</p>
<p>The film itself will be released as planned, the company added in a brief note.</p>
</article></body></html>
"""
JSONL = (
    json.dumps(
        {
            "title": "Memo fallout continues",
            "source": "Wire Service",
            "date": "September 10, 2020",
            "url": "https://wire.example/memo",
            "author": ["A. Writer", "B. Writer"],
            "text": "The memo drew criticism from staff.\n\n" + SAID,
        }
    )
    + "\n"
    + json.dumps({"text": "A second line with no metadata at all, so nothing is guessed."})
    + "\n"
)
MARKDOWN = f"""---
title: Netflix apologises
outlet: Variety
date: 8 Sep 2020
author: Chris Critic
url: https://variety.example/netflix
---
# A heading that is not the title

{SAID}
"""
MANIFEST = """path,outlet,date,url,title
a.txt,Deadline,2020-09-11,https://deadline.example/a,Deadline on the poster
b.txt,The Guardian,12 Sep 2020,https://guardian.example/b,
c.txt,BBC,"September 13, 2020",,BBC on the poster
,Nobody,2020-09-14,,a line without a path
d.txt,Daily Post,sometime soon,,Undated by mistake
gone.txt,Ghost Gazette,2020-09-15,,a file that is not there
"""


@pytest.fixture
def meta_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "page.html").write_text(HTML, encoding="utf-8")
    (root / "wire.jsonl").write_text(JSONL, encoding="utf-8")
    (root / "note.md").write_text(MARKDOWN, encoding="utf-8")
    for name in ("a", "b", "c", "d", "e"):
        (root / f"{name}.txt").write_text(f"Report {name} on the poster.\n\n{SAID}\n")
    (root / "sources.csv").write_text(MANIFEST, encoding="utf-8")
    return root


def by_path(corpus) -> dict:  # type: ignore[no-untyped-def]
    return {info.id: info for info in corpus.articles()}


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2020-09-10", "2020-09-10"),
        ("2020-09-10T23:59:00+02:00", "2020-09-10"),
        ("10 Sep 2020", "2020-09-10"),
        ("September 10, 2020", "2020-09-10"),
        ("Thursday, 10 September 2020", "2020-09-10"),
        ("25/12/2020", "2020-12-25"),
        ("", None),
    ],
)
def test_dates_are_normalised_to_iso_days(written: str, iso: str | None) -> None:
    assert normalise_date(written) == iso


@pytest.mark.parametrize("written", ["04/05/2020", "sometime soon", "2020-13-45", "3 days ago"])
def test_a_date_that_cannot_be_read_surely_is_refused(written: str) -> None:
    with pytest.raises(DateNotUnderstood):
        normalise_date(written)


def test_front_matter_is_metadata_not_text() -> None:
    front, body, problem = split_front_matter(MARKDOWN)
    assert problem is None
    assert front["outlet"] == "Variety" and body.startswith("# A heading")
    assert split_front_matter("No front matter.\n---\n") == ({}, "No front matter.\n---\n", None)
    _front, _body, problem = split_front_matter("---\n: [broken\n---\ntext\n")
    assert problem is not None and "YAML" in problem


def test_a_bad_manifest_line_warns_with_its_line_and_the_rest_is_used() -> None:
    manifest = parse_manifest(MANIFEST)
    assert set(manifest.entries) == {"a.txt", "b.txt", "c.txt", "d.txt", "gone.txt"}
    assert [w.split(":")[:2] for w in manifest.warnings] == [
        ["sources.csv", "5"],
        ["sources.csv", "6"],
    ]
    assert manifest.entries["d.txt"].date is None
    assert manifest.entries["d.txt"].title == "Undated by mistake"
    hostile = parse_manifest("path,outlet\nx.txt,\x1b[31mRed\u202e Post\n")
    assert hostile.entries["x.txt"].outlet == "[31mRed Post", "no escape reaches a terminal"
    assert parse_manifest("outlet,date\nX,2020-01-01\n").warnings == (
        "sources.csv:1: no `path` column in the header",
    )


def test_a_bad_date_or_front_matter_is_reported_with_its_line_and_the_article_kept(
    tmp_path: Path,
) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    good = json.dumps({"text": "A line dated well.", "date": "10 Sep 2020"})
    bad = json.dumps({"text": "A line dated badly.", "date": "next Tuesday-ish"})
    (root / "feed.jsonl").write_text(f"{good}\n{bad}\n", encoding="utf-8")
    (root / "dated.md").write_text("---\ndate: 31/31/2020\n---\nSome text.\n")
    (root / "broken.md").write_text("---\ntitle: [unclosed\n---\nMore text.\n")
    corpus = open_corpus(root, tmp_path / "ix")
    try:
        report = corpus.last_report
        assert report is not None
        reasons = {s.path: s.reason for s in report.skipped}
        assert reasons["feed.jsonl:2"] == (
            "bad date: 'next Tuesday-ish' is not a date; article kept undated"
        )
        assert reasons["dated.md"].startswith("bad date: '31/31/2020'")
        assert reasons["broken.md"].startswith("front matter is not valid YAML (line ")
        infos = by_path(corpus)
        assert (infos["feed.jsonl:1"].date, infos["feed.jsonl:2"].date) == ("2020-09-10", None)
        assert set(infos) == {"feed.jsonl:1", "feed.jsonl:2", "dated.md", "broken.md"}
    finally:
        corpus.close()


def test_every_format_gives_its_metadata(meta_corpus: Path, tmp_path: Path) -> None:
    corpus = open_corpus(meta_corpus, tmp_path / "ix")
    try:
        infos = by_path(corpus)
        page = infos["page.html"]
        assert (page.outlet, page.date, page.url) == (
            "The Gazette",
            "2020-09-09",
            "https://gazette.example/cuties-poster",
        )
        assert "Jane Smith" in (page.author or "")
        wire = infos["wire.jsonl:1"]
        assert (wire.outlet, wire.date, wire.author, wire.title) == (
            "Wire Service",
            "2020-09-10",
            "A. Writer, B. Writer",
            "Memo fallout continues",
        )
        bare = infos["wire.jsonl:2"]
        assert (bare.outlet, bare.date, bare.author, bare.url) == (None, None, None, None)
        note = infos["note.md"]
        assert (note.outlet, note.date, note.title) == (
            "Variety",
            "2020-09-08",
            "Netflix apologises",
        )
        assert "title:" not in corpus.article("note.md").text, "front matter is not article text"
        assert [infos[n].date for n in ("a.txt", "b.txt", "c.txt")] == [
            "2020-09-11",
            "2020-09-12",
            "2020-09-13",
        ]
        assert infos["b.txt"].title == "Report b on the poster.", "an empty cell keeps the file's"
        assert infos["c.txt"].title == "BBC on the poster"
        e = infos["e.txt"]
        assert (e.outlet, e.date, e.url) == (None, None, None), "nothing guessed from names"
        assert "sources.csv" not in {info.path for info in infos.values()}
        report = corpus.last_report
        assert report is not None
        assert list(report.warnings) == [
            "sources.csv:5: no path; line ignored",
            "sources.csv:6: bad date: 'sometime soon' is not a date; left empty",
            "sources.csv:7: gone.txt is not an article of the corpus",
        ]
    finally:
        corpus.close()


def test_quotes_hits_and_exports_carry_their_article_metadata(
    meta_corpus: Path, tmp_path: Path
) -> None:
    corpus = open_corpus(meta_corpus, tmp_path / "ix")
    try:
        quotes = {q.article_id: q for q in corpus.quotes() if q.text.startswith("We are deeply")}
        assert quotes["note.md"].outlet == "Variety"
        assert quotes["a.txt"].url == "https://deadline.example/a"
        records = {
            r["article_id"]: r
            for r in map(json.loads, quotes_to_jsonl(list(quotes.values())).splitlines())
        }
        assert {k: records["page.html"][k] for k in ("outlet", "date", "url")} == {
            "outlet": "The Gazette",
            "date": "2020-09-09",
            "url": "https://gazette.example/cuties-poster",
        }
        rows = list(csv.DictReader(io.StringIO(quotes_to_csv(list(quotes.values())))))
        assert {"outlet", "date", "url"} <= set(rows[0])
        assert {r["article_id"]: r["outlet"] for r in rows}["c.txt"] == "BBC"
        hits = corpus.search("poster", limit=50).hits
        assert {h.id: h.outlet for h in hits}["a.txt"] == "Deadline"
        quote_hits = corpus.search("sorry", scope="quotes", limit=50).hits
        assert {h.quote.article_id: h.outlet for h in quote_hits if h.quote}[
            "b.txt"
        ] == "The Guardian"
    finally:
        corpus.close()


def test_a_manifest_edit_shows_at_once_for_the_articles_it_names(
    meta_corpus: Path, tmp_path: Path
) -> None:
    corpus = open_corpus(meta_corpus, tmp_path / "ix")
    try:
        assert by_path(corpus)["e.txt"].outlet is None
        with (meta_corpus / "sources.csv").open("a", encoding="utf-8") as manifest:
            manifest.write("e.txt,Reuters,2020-09-15,https://reuters.example/e,\n")
        corpus.update()
        assert by_path(corpus)["e.txt"].outlet == "Reuters"
        assert corpus.article("e.txt").date == "2020-09-15"
        assert {q.article_id: q.outlet for q in corpus.quotes()}["e.txt"] == "Reuters"
    finally:
        corpus.close()


def test_a_statement_across_sources_is_ordered_earliest_first(
    meta_corpus: Path, tmp_path: Path
) -> None:
    corpus = open_corpus(meta_corpus, tmp_path / "ix")
    try:
        cluster = next(c for c in corpus.clusters() if len(c.sources) >= 5)
        order = [v.quote.article_id for v in cluster.versions]
        dated = [v.quote.published for v in cluster.versions if v.quote.published]
        assert dated == sorted(dated)
        assert order[: len(dated)] and order[0] == "note.md"  # 8 Sep, before the others
        undated = order[len(dated) :]
        assert undated == sorted(undated), "undated last, in corpus order"
        first = first_carried(cluster)
        assert first is not None and (first.outlet, first.published) == ("Variety", "2020-09-08")
        assert "First carried by Variety, 8 Sep 2020." in cluster_to_markdown(cluster)
    finally:
        corpus.close()


def test_a_citation_is_a_real_reference(meta_corpus: Path, tmp_path: Path) -> None:
    corpus = open_corpus(meta_corpus, tmp_path / "ix")
    try:
        quotes = {q.article_id: q for q in corpus.quotes() if q.text.startswith("We are deeply")}
    finally:
        corpus.close()
    cited = citation(quotes["note.md"])
    assert cited.startswith("“We are deeply sorry")
    assert cited.endswith(
        "— Netflix, Variety, 8 Sep 2020, “Netflix apologises”, https://variety.example/netflix"
    )
    assert citation(quotes["e.txt"]).endswith(", “Report e on the poster.”, e.txt")


def test_cli_shows_metadata_and_warns_on_stderr(
    meta_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "240")  # one table row per line
    index_dir = str(tmp_path / "ix")
    out, err = io.StringIO(), io.StringIO()
    argv = ["search", "--corpus", str(meta_corpus), "--index-dir", index_dir]
    assert main([*argv, "--format", "jsonl", "poster"], out, err) == 0
    records = {r["id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert {k: records["a.txt"][k] for k in ("outlet", "date", "author", "url")} == {
        "outlet": "Deadline",
        "date": "2020-09-11",
        "author": None,
        "url": "https://deadline.example/a",
    }
    assert "warning: sources.csv:5: no path; line ignored" in err.getvalue().splitlines()
    out, err = io.StringIO(), io.StringIO()
    quotes = ["quotes", "--corpus", str(meta_corpus), "--index-dir", index_dir]
    assert main([*quotes, "--format", "jsonl"], out, err) == 0
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {r["source"]: r["outlet"] for r in records}["note.md"] == "Variety"
    out, err = io.StringIO(), io.StringIO()
    assert main([*argv, "poster"], out, err) == 0
    table = out.getvalue()
    assert "Deadline · 11 Sep 2020 · Deadline on the poster" in table
    assert table.index("Deadline on the poster") < table.index("a.txt"), "the file name after"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("outlet:variety", {"note.md"}),
        ("outlet:gazette", {"page.html"}),
        ("outlet:guardian", {"b.txt"}),  # from sources.csv
        ("author:smith", {"page.html"}),
        ("author:writer", {"wire.jsonl:1"}),
        ("date:2020-09-12", {"b.txt"}),
        ("date:2020-09", {"note.md", "page.html", "wire.jsonl:1", "a.txt", "b.txt", "c.txt"}),
        ("date:[2020-09-01 TO 2020-09-09]", {"note.md", "page.html"}),
        ("date:[2020-09-11 TO 2020-09-12]", {"a.txt", "b.txt"}),
        ("poster date:[2020-09-10 TO 2020-09]", {"a.txt", "b.txt", "c.txt"}),
    ],
)
def test_query_fields_find_by_outlet_author_and_date(
    meta_corpus: Path, tmp_path: Path, query: str, found: set[str]
) -> None:
    corpus = open_corpus(meta_corpus, tmp_path / "ix")
    try:
        assert {hit.id for hit in corpus.search(query, limit=50).hits} == found
    finally:
        corpus.close()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("date:sept", "'sept' is not a date: write date: as 2020, 2020-09 or 2020-09-10"),
        ("date:2020-02-30", "'2020-02-30' is not a date"),
        ("date:[2020-09-15 TO 2020-09-01]", "the date range ends before it starts"),
        ("date:2020*", "date: takes no wildcards"),
        ("speaker:netflix outlet:variety", "outlet: searches articles"),
    ],
)
def test_a_bad_date_query_is_a_clear_error(
    meta_corpus: Path, tmp_path: Path, query: str, message: str
) -> None:
    corpus = open_corpus(meta_corpus, tmp_path / "ix")
    try:
        with pytest.raises(QueryError, match=re.escape(message)):
            corpus.search(query)
    finally:
        corpus.close()
