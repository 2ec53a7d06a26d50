"""The extractor's process-wide caches stay bounded and answer as the uncached functions do.

A build worker extracts from tens of thousands of articles in one process
(workers ~300 MB each at 100k): a cache that grew with the corpus would grow
the worker with it.
"""

from __future__ import annotations

from index.quotes.speakers import canonical_speaker

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
