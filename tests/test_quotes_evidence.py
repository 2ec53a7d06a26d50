"""Evidence spans (issue 14): the words that gave each quotation its speaker.

Each kind on a short text of our own, asserting the words a reader would see
highlighted (`text[start:end]`); then one corpus on disk, to show the spans
survive the index, an incremental update, `Corpus.quotes()` and the JSON lines.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index import open_corpus, quotes_to_jsonl
from index.models import Article, Quote
from index.quotes import extract_quotes


def quote_in(text: str, words: str) -> Quote:
    found = [q for q in extract_quotes(Article("a.txt", "a.txt", "", text)) if words in q.text]
    assert len(found) == 1, found
    return found[0]


def evidence_words(text: str, quote: Quote) -> list[str]:
    return [text[start:end] for start, end in quote.evidence]


@pytest.mark.parametrize(
    ("text", "words", "evidence"),
    [
        (
            '"We are deeply sorry for the harm," a Netflix spokesperson said on Thursday.',
            "deeply sorry",
            ["a Netflix spokesperson said"],
        ),
        (
            'The vote failed. "We will try again next week," said Sen. Ann Smith of Ohio.',
            "try again",
            ["said Sen. Ann Smith of Ohio"],
        ),
        (
            'Mr. Jonas Peel told reporters: "We are done here and going home tonight."',
            "going home",
            ["Mr. Jonas Peel told"],
        ),
        (
            '"It is a scandal and nobody will answer for it," according to Rep. Lea Moss.',
            "a scandal",
            ["according to Rep. Lea Moss"],
        ),
        (
            '"Nothing matters more than the next vote."\n'
            "― Hillary Clinton, former secretary of state\n\nThe campaign went on.",
            "next vote",
            ["― Hillary Clinton, former secretary of state"],
        ),
        (
            "WALLACE: Next question, governor.\n\n"
            '"PENCE: We will release them when the audit is done."',
            "audit is done",
            ["PENCE:"],
        ),
        (
            "The rally is over!\n— Dana Reyes (@danareyes) September 11, 2016",
            "rally is over",
            ["— Dana Reyes (@danareyes) September 11, 2016"],
        ),
    ],
)
def test_the_cue_that_named_the_speaker_is_the_evidence(text, words, evidence):
    assert evidence_words(text, quote_in(text, words)) == evidence


def test_a_pronoun_gives_itself_and_the_person_it_points_back_to():
    text = (
        "Maria Lopez met voters in Toledo on Monday. The crowd was small.\n\n"
        '"We will win this state in November," she told reporters.'
    )
    quote = quote_in(text, "win this state")
    assert quote.speaker == "Maria Lopez"
    assert evidence_words(text, quote) == ["Maria Lopez", "she told"]


def test_a_pronoun_after_a_pronoun_still_points_to_the_name():
    text = (
        "Maria Lopez met voters in Toledo on Monday.\n\n"
        '"We will win this state in November," she told reporters.\n\n'
        'Later, in Dayton, the tone changed. "I am worried about turnout," she said.'
    )
    quote = quote_in(text, "turnout")
    assert quote.speaker == "Maria Lopez"
    assert evidence_words(text, quote) == ["Maria Lopez", "she said"]


def test_no_speaker_means_no_evidence():
    text = 'Snow fell all night.\n\n"Closed until further notice for the season."\n\nNo one came.'
    quote = quote_in(text, "further notice")
    assert quote.speaker is None and quote.evidence == ()


FIRST = (
    "Budget row\n\n"
    '"We will not sign this budget as it stands," a Treasury spokesperson said on Friday.\n'
)
SECOND = (
    "Vote delayed\n\n"
    "Maria Lopez spoke in Toledo on Monday.\n\n"
    '"The vote will wait until the spring session," she said.\n'
)


def spans_by_text(quotes: list[Quote], texts: dict[str, str]) -> dict[str, list[str]]:
    return {
        q.text: [texts[Path(q.path).name][s:e] for s, e in q.evidence]
        for q in quotes
        if q.kind != "scare"
    }


def test_evidence_survives_the_index_an_update_and_the_json_lines(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "budget.txt").write_text(FIRST, encoding="utf-8")
    texts = {"budget.txt": FIRST, "vote.txt": SECOND}
    corpus = open_corpus(folder, tmp_path / "index")
    assert spans_by_text(corpus.quotes(), texts) == {
        "We will not sign this budget as it stands,": ["a Treasury spokesperson said"]
    }

    (folder / "vote.txt").write_text(SECOND, encoding="utf-8")
    corpus.update()
    reopened = open_corpus(folder, tmp_path / "index")
    assert reopened.last_report.added == 0
    quotes = reopened.quotes()
    assert spans_by_text(quotes, texts) == {
        "We will not sign this budget as it stands,": ["a Treasury spokesperson said"],
        "The vote will wait until the spring session,": ["Maria Lopez", "she said"],
    }
    records = [json.loads(line) for line in quotes_to_jsonl(quotes).splitlines()]
    vote = next(r for r in records if r["speaker"] == "Maria Lopez")
    assert [SECOND[s:e] for s, e in vote["evidence"]] == ["Maria Lopez", "she said"]
