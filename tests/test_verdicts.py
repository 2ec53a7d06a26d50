"""The researcher's verdicts: kept per corpus in the data folder, through re-indexing,
edits to other files and the quotation's own disappearance (then orphaned)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from index import open_corpus, quotes_to_csv
from index.verdicts import DATA_DIR_ENV, VerdictStore, VerdictsUnreadable, quote_key
from tui.cli import main

SAID = "“We are deeply sorry for the artwork we used,” a Netflix spokesperson said on Thursday."
OTHER = "“The film is a social commentary against the sexualisation of children,” Netflix said."


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text(f"First report on the poster.\n\n{SAID}\n", encoding="utf-8")
    (root / "b.txt").write_text(f"Second report on the film.\n\n{OTHER}\n", encoding="utf-8")
    return root


def the_quote(corpus, start: str = "We are deeply"):  # type: ignore[no-untyped-def]
    return next(q for q in corpus.quotes() if q.text.startswith(start))


def test_a_corrected_speaker_survives_reopening_and_reindexing(
    data_dir: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "ix"
    corpus = open_corpus(corpus_dir, index_dir)
    quote = the_quote(corpus)
    corpus.verdicts.correct_speaker(quote, "Ted Sarandos")
    corpus.verdicts.mark(quote, "disputed", "  the memo says  it was the PR team ")
    corpus.close()

    shutil.rmtree(index_dir)  # a rebuild from scratch: new index, same verdicts
    (corpus_dir / "b.txt").write_text(f"Second report, edited.\n\n{OTHER}\n", encoding="utf-8")
    (corpus_dir / "c.txt").write_text("A third file about something else entirely.\n")
    corpus = open_corpus(corpus_dir, index_dir)
    try:
        quote = the_quote(corpus)
        assert (quote.corrected_speaker, quote.verdict, quote.note) == (
            "Ted Sarandos",
            "disputed",
            "the memo says it was the PR team",
        )
        assert quote.speaker == "Netflix", "the machine's proposal is kept beside the correction"
        rows = list(csv.DictReader(io.StringIO(quotes_to_csv(corpus.quotes()))))
        row = next(r for r in rows if r["text"].startswith("We are deeply"))
        assert (row["verdict"], row["note"], row["corrected_speaker"]) == (
            "disputed",
            "the memo says it was the PR team",
            "Ted Sarandos",
        )
        other = the_quote(corpus, "The film")
        assert (other.verdict, other.corrected_speaker) == (None, None)
        assert [q.text for q in corpus.quotes(speaker="sarandos")] == [quote.text]
        assert {s.name: s.quotes for s in corpus.speakers()} == {"Ted Sarandos": 1, "Netflix": 1}
    finally:
        corpus.close()
    assert not list(corpus_dir.glob("*.json")), "never written into the corpus folder"
    files = list(data_dir.rglob("*"))
    assert [f.suffix for f in files if f.is_file()] == [".json"], "no temporary file left"


def test_a_verdict_whose_quotation_vanished_is_kept_as_orphaned(
    data_dir: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    corpus = open_corpus(corpus_dir, tmp_path / "ix")
    try:
        quote = the_quote(corpus)
        corpus.verdicts.mark(quote, "verified", "checked with Netflix")
        (corpus_dir / "a.txt").write_text("First report, the quotation taken out.\n")
        corpus.update()
        assert not [q for q in corpus.quotes() if q.verdict]
        orphans = corpus.verdicts.orphans(corpus.quotes())
        assert [(o.key, o.verdict, o.text) for o in orphans] == [
            (quote_key(quote), "verified", quote.text)
        ]
        (corpus_dir / "a.txt").write_text(f"It is back.\n\n{SAID}\n", encoding="utf-8")
        corpus.update()
        assert the_quote(corpus).verdict == "verified"
        assert corpus.verdicts.orphans(corpus.quotes()) == []
    finally:
        corpus.close()


def test_groups_can_be_split_and_joined_and_bad_input_is_refused(
    data_dir: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    corpus = open_corpus(corpus_dir, tmp_path / "ix")
    try:
        said, other = the_quote(corpus), the_quote(corpus, "The film")
        store = corpus.verdicts
        joined = store.join(said, other)
        assert store.get(said).group == store.get(other).group == joined.group
        split = store.split(other)
        assert split.group != store.get(said).group
        with pytest.raises(ValueError, match="verified, disputed"):
            store.mark(said, "maybe")
        store.correct_speaker(said, None)
        store.mark(said, None)
        store.split(said)
        reopened = VerdictStore(corpus_dir)
        assert reopened.get(said) is not None and reopened.get(said).group is not None
    finally:
        corpus.close()


def test_an_unreadable_verdicts_file_is_reported_not_overwritten(
    data_dir: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    store = VerdictStore(corpus_dir)
    store.path.parent.mkdir(parents=True)
    store.path.write_text("{not json", encoding="utf-8")
    with pytest.raises(VerdictsUnreadable, match="cannot be read"):
        store.all()
    with pytest.raises(VerdictsUnreadable):
        store.correct_speaker(open_corpus(corpus_dir, tmp_path / "ix").quotes()[0], "X")
    assert store.path.read_text(encoding="utf-8") == "{not json"
    out, err = io.StringIO(), io.StringIO()
    argv = ["quotes", "--corpus", str(corpus_dir), "--index-dir", str(tmp_path / "ix")]
    assert main(argv, out, err) == 1
    assert err.getvalue().splitlines()[-1].startswith("sourcedesk: the verdicts file ")


def test_the_cli_exports_and_shows_verdicts(
    data_dir: Path, corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "240")  # one table row per line
    index_dir = tmp_path / "ix"
    corpus = open_corpus(corpus_dir, index_dir)
    corpus.verdicts.correct_speaker(the_quote(corpus), "Ted Sarandos")
    corpus.close()
    out, err = io.StringIO(), io.StringIO()
    argv = ["quotes", "--corpus", str(corpus_dir), "--index-dir", str(index_dir)]
    assert main([*argv, "--format", "jsonl"], out, err) == 0
    records = {r["text"][:6]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert records["We are"]["corrected_speaker"] == "Ted Sarandos"
    assert {"verdict", "note", "corrected_speaker"} <= set(records["The fi"])
    out, err = io.StringIO(), io.StringIO()
    assert main([*argv, "--no-update"], out, err) == 0
    assert "corrected (proposed: Netflix)" in out.getvalue()


def test_splits_and_joins_change_the_statements_across_sources(
    data_dir: Path, tmp_path: Path
) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    for name in ("a", "b", "c"):
        (root / f"{name}.txt").write_text(f"Report {name}.\n\n{SAID}\n", encoding="utf-8")
    (root / "d.txt").write_text(f"Report d.\n\n{OTHER}\n", encoding="utf-8")
    corpus = open_corpus(root, tmp_path / "ix")
    try:
        (machine,) = corpus.clusters()
        assert machine.sources == ("a.txt", "b.txt", "c.txt")
        said = {q.article_id: q for q in corpus.quotes() if q.text.startswith("We are")}
        corpus.verdicts.split(said["c.txt"])
        (cluster,) = corpus.clusters()
        assert set(cluster.sources) == {"a.txt", "b.txt"}
        other = the_quote(corpus, "The film")
        corpus.verdicts.join(said["a.txt"], other)
        (cluster,) = corpus.clusters()
        assert set(cluster.sources) == {"a.txt", "b.txt", "d.txt"}
        corpus.verdicts.split(said["a.txt"])
        corpus.verdicts.split(said["b.txt"])
        assert corpus.clusters() == [], "no statement is left carried twice"
    finally:
        corpus.close()
