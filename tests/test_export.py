"""Export of quotations: JSON lines, JSON, CSV and citation-ready Markdown."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from index.export import (
    cluster_to_markdown,
    quotes_to_csv,
    quotes_to_json,
    quotes_to_jsonl,
    quotes_to_markdown,
)
from index.models import Article, Quote
from index.quotes import apply_clusters, canonicalize_speakers, cluster_quotes, extract_quotes

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
REQUIRED = {
    "source",
    "start",
    "end",
    "text",
    "kind",
    "speaker",
    "speaker_mention",
    "handle",
    "date",
    "cluster",
    "also_in",
}

TWEET = Quote(
    "001.txt#10",
    "001.txt",
    "001.txt",
    10,
    60,
    "We’re deeply sorry for the inappropriate artwork",
    "tweet",
    speaker="Netflix",
    speaker_mention="Netflix",
    handle="@netflix",
    date="2020-08-20",
    cluster="c1",
    also_in=("002.txt", "003.txt"),
)
SAID = Quote(
    "002.txt#5",
    "002.txt",
    "002.txt",
    5,
    40,
    'I received numerous attacks, "she" said',
    "direct",
    speaker="Maïmouna Doucouré",
    speaker_mention="she",
)
ANON = Quote("x_y.txt#0", "x_y.txt", "x_y.txt", 0, 9, "line one\nline two", "direct")


def linked_seed_quotes() -> list[Quote]:
    quotes = []
    for path in sorted(SEEDS.glob("*.txt")):
        quotes += extract_quotes(Article(path.name, path.name, "", path.read_text("utf-8")))
    quotes = canonicalize_speakers(quotes)
    return apply_clusters(quotes, cluster_quotes(quotes))


def test_jsonl_has_one_object_per_quote_with_the_issue_fields():
    quotes = linked_seed_quotes()
    lines = quotes_to_jsonl(quotes).splitlines()
    assert len(lines) == len(quotes)
    records = [json.loads(line) for line in lines]
    assert all(r.keys() >= REQUIRED for r in records)
    linked = [r for r in records if r["also_in"]]
    assert linked and all(isinstance(r["also_in"], list) for r in linked)
    tweet = next(r for r in records if r["handle"] == "@RonSetran")
    assert tweet["source"] == "000_98b00397815eb994.txt" and tweet["date"] == "2020-09-11"


def test_jsonl_keeps_unicode_readable():
    line = quotes_to_jsonl([SAID])
    assert "Maïmouna Doucouré" in line and "\\u" not in line
    assert json.loads(line)["text"] == SAID.text


def test_json_is_an_array_of_the_same_records():
    data = json.loads(quotes_to_json([TWEET, SAID]))
    assert [d["speaker"] for d in data] == ["Netflix", "Maïmouna Doucouré"]
    assert data[0]["also_in"] == ["002.txt", "003.txt"]
    assert json.loads(quotes_to_json([])) == []


def test_csv_round_trips_through_the_csv_module():
    rows = list(csv.DictReader(io.StringIO(quotes_to_csv([TWEET, SAID, ANON]))))
    assert rows[0].keys() >= REQUIRED
    assert rows[0]["also_in"] == "002.txt; 003.txt"
    assert rows[1]["text"] == SAID.text  # quotes inside the text survive
    assert rows[2]["text"] == "line one\nline two"
    assert rows[2]["speaker"] == ""


def test_markdown_is_citation_ready():
    md = quotes_to_markdown(
        [TWEET, ANON], titles=lambda q: "Netflix apologises" if q is TWEET else None
    )
    first, second = md.strip().split("\n\n")
    assert first.splitlines() == [
        "> “We’re deeply sorry for the inappropriate artwork”",
        "— Netflix (@netflix, 2020-08-20), *Netflix apologises*; also in *002.txt*, *003.txt*",
    ]
    assert second.splitlines() == ["> “line one", "> line two”", r"— Unattributed, *x\_y.txt*"]
    assert quotes_to_markdown([]) == ""


def test_cluster_markdown_bolds_the_words_that_differ():
    quotes = linked_seed_quotes()
    cluster = next(
        c for c in cluster_quotes(quotes) if any("won an award" in v.quote.text for v in c.versions)
    )
    md = cluster_to_markdown(cluster)
    assert md.startswith(f"## Statement carried by 3 sources ({cluster.id})")
    assert "**won an award**" in md
    assert "**premiered**" in md
    assert md.count("— Netflix") == len(cluster.versions)
