"""The extractor's process-wide caches stay bounded and answer as the uncached functions do.

A build worker extracts from tens of thousands of articles in one process
(workers ~300 MB each at 100k): a cache that grew with the corpus would grow
the worker with it.
"""

from __future__ import annotations

import pytest

from index.quotes.attribution import _np_word, is_group
from index.quotes.names import looks_like_org
from index.quotes.speakers import _describes_person, _lost_its_noun, canonical_speaker

MENTIONS = (
    "Foreign Secretary Jack Straw",
    "a Netflix spokesperson",
    "Netflix’s official Twitter account",
    "the company",
    "Smith and Jones",
    "Prime Minister Tony Blair's official spokesman",
    "she",
)


def test_canonical_speaker_cache_holds_at_most_its_bound() -> None:
    bound = canonical_speaker.cache_info().maxsize
    assert bound is not None and bound <= 65536
    for n in range(bound + 100):
        canonical_speaker(f"Councillor Name{n} Surname{n}")
    assert canonical_speaker.cache_info().currsize == bound


def test_canonical_speaker_cached_answers_are_the_uncached_ones() -> None:
    for mention in MENTIONS:
        first = canonical_speaker(mention)
        assert canonical_speaker(mention) == first == canonical_speaker.__wrapped__(mention)


# Pure helpers asked again at each repeated phrase of an article, cached since antec.
PHRASES = ("the protesters", "the Arizona", "the defender", "Netflix", "Marty West", "she")
CACHED = (_np_word, is_group, looks_like_org, _lost_its_noun)


@pytest.mark.parametrize("helper", CACHED, ids=lambda f: f.__name__)
def test_phrase_caches_are_bounded_and_answer_as_uncached(helper) -> None:
    bound = helper.cache_info().maxsize
    assert bound is not None and bound <= 65536
    for phrase in PHRASES:
        assert helper(phrase) == helper(phrase) == helper.__wrapped__(phrase)
    for n in range(bound + 100):
        helper(f"the Name{n} group")
    assert helper.cache_info().currsize == bound


def test_describes_person_cache_answers_as_uncached() -> None:
    for mention, canonical in (("the defender", "the defender"), ("the BBC", "BBC")):
        first = _describes_person(mention, canonical)
        assert first == _describes_person(mention, canonical)
        assert first == _describes_person.__wrapped__(mention, canonical)
    assert _describes_person("the defender", "the defender")
    assert not _describes_person("the company", "the company")
    assert _describes_person.cache_info().maxsize <= 65536
