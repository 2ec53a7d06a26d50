"""The stray-speaker audit (`bench.speaker_audit`): its shapes, on texts written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import speaker_audit
from bench.speaker_audit import stray_reason

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

ARTICLE = (
    "Given the late hour, the council met again. Marta Quiñones-Ruiz spoke first, and "
    "Quiñones-Ruiz said the vote would wait. Typically, the mayor agrees. "
    "J. R. O'Brien Jr. of Tallow & Finch said little; Tallow & Finch rarely does.\n\n"
    "Vulture reported the vote."
)


@pytest.mark.parametrize(
    "speaker",
    [
        "Marta Quiñones-Ruiz",
        "Quiñones-Ruiz",  # one word, written so mid-sentence
        "J. R. O'Brien Jr.",
        "@cityhall",
        "a Labour spokesman",
        "the petition",
        "Obama's campaign manager",
        "Mr Blair's official spokesman",  # a named owner is the determiner
        "Quiñones-Ruiz' lawyer",
        "today's survey",  # a day owns it, as a name would
        "this Quiñones-Ruiz look-alike",
        "the younger Mr. O'Brien",  # a titled name told apart by a modifier
        "federal prosecutors",
        "Tallow political hands",  # `old … hands`: experienced people, a described group
        "a spokesman for Tallow & Finch",
        "the 30-year-old",
        "Marta Quiñones-Ruiz and J. R. O'Brien Jr.",
        "Vulture",  # a singular noun with no determiner reporting in prose: an outlet's name
        "MuÃ±oz",  # the source's mojibake, once or twice
        "SarukhÃ\x83Â¡n",
        "Quiñones-Ruiz 24 Ore",  # a number of a few figures after a name's word: `Radio 1`
    ],
)
def test_names_handles_and_descriptions_pass(speaker: str) -> None:
    assert stray_reason(speaker, ARTICLE) is None


@pytest.mark.parametrize(
    ("speaker", "reason"),
    [
        ("Given", "a common word opening a sentence"),
        ("Typically", "a common word opening a sentence"),
        ("tweet", "a common noun without a determiner"),
        ("she", "a pronoun"),
        ("the Arizona", "a determiner and a place"),
        ("the latest", "not ending on a noun"),
        ("the council met Marta", "running into a name"),
        ("the printed Marta", "running into a name"),
        ("FULL TEXT", "a heading in capitals"),
        ("Republican presidential nominee", "without its determiner"),
        ("Quiñones-Ruiz meanwhile", "not ending on a noun"),
        ("Mr Blair's grievance-driven", "not ending on a noun"),
        ("Quiñones-Ruiz 2016", "a name run into other words"),  # a year is no part of a name
    ],
)
def test_stray_words_are_named_with_a_reason(speaker: str, reason: str) -> None:
    assert reason in (stray_reason(speaker, ARTICLE) or "")


@pytest.mark.parametrize(
    ("speaker", "text"),
    [
        # a role noun the source wrote with a capital after an abbreviation
        ("a senior U.S. Official", "The talks began. A senior U.S. Official said little."),
        # an organisation's name, ending on an organisation word or written so elsewhere
        ("Inland Tallow Industries Inc", "Inland Tallow Industries Inc said it would sell."),
        ("Nuclear Tallow", "Nuclear Tallow Inc sold a unit. Nuclear Tallow said it would."),
        # `of` inside a name
        ("Muslim Council of Tallow", "The Muslim Council of Tallow said it would."),
        # a surname written like a pronoun, inside a sentence
        ("He Qiaolin", "But He Qiaolin, an envoy, said little."),
        # a surname English lacks after a first name it knows as a word
        ("Pan Quishan", "Pan Quishan, an official of the county, said little."),
        # an acronym spelled out before, in parentheses
        ("TALLOWCO", "The Tallow Council (TALLOWCO) met. TALLOWCO's spokesman said little."),
        # an organisation's own `and`
        ("Office of Ferries and Harbours", "The Office of Ferries and Harbours said it would."),
        (
            "Cargo Food and Harbour Workers Union",
            "The Cargo Food and Harbour Workers Union struck.",
        ),
    ],
)
def test_a_role_noun_in_capitals_and_an_organisation_pass(speaker: str, text: str) -> None:
    assert stray_reason(speaker, text) is None


def test_a_run_opening_on_an_adjective_the_article_writes_no_other_way_is_stray() -> None:
    assert stray_reason("Nuclear Tallow", "Nuclear Tallow said it would sell.")


@pytest.mark.parametrize(
    ("speaker", "text"),
    [
        ("Multiple outlets", "The vote was late. Multiple outlets reported the count."),
        ("Diplomats", "Talks\n\nThe vote was late. Diplomats said the count would wait."),
    ],
)
def test_a_quantifier_or_a_plural_reporting_is_a_described_source(speaker: str, text: str) -> None:
    assert stray_reason(speaker, text) is None


def test_a_plural_opening_a_sentence_without_reporting_is_stray() -> None:
    text = "Talks\n\nThe vote was late. Diplomats met again on Monday."
    assert "a common word opening a sentence" in (stray_reason("Diplomats", text) or "")


def test_a_noun_reporting_only_in_the_headline_is_no_name() -> None:
    text = "Sentinel warns of delays\n\nThe council met again. Its vote was late."
    assert "a common word opening a sentence" in (stray_reason("Sentinel", text) or "")
    assert stray_reason("Sentinel", f"{text} Sentinel reported the vote.") is None


def test_audit_runs_on_a_corpus_and_lists_what_it_found() -> None:
    payload = speaker_audit.core(False, [SEEDS, SEEDS / "absent"])
    (seeds,) = payload["corpora"]
    assert seeds["quotes"] > 0 and seeds["with_speaker"] > 0
    assert seeds["distinct_stray"] == len(seeds["stray"])
    assert all(s["reason"] and s["example"] for s in seeds["stray"])
    assert payload["skipped"] == [f"{SEEDS / 'absent'} is absent"]


@pytest.mark.parametrize(
    ("speaker", "text"),
    [
        ("Office of Ferries", "Head of the Office of Ferries and Harbours Ann Moss spoke."),
        ("Society of Northern", "A member of the Society of Northern Ferry Pilots spoke."),
        ("Cargo Food", "The Cargo Food and Harbour Workers Union struck."),
    ],
)
def test_an_organisation_s_name_cut_short_is_stray(speaker: str, text: str) -> None:
    assert "never writes ending so" in (stray_reason(speaker, text) or "")
    assert stray_reason(speaker, f"{text} The {speaker} said so.") is None
