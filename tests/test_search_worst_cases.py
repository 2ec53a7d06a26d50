"""Worst-case queries: each returns results or one clear QueryError, and caps say what they cut.

The named cases are the ones `bench/worst_cases.py` times at 19k articles; here
they run on the seeds and on small corpora made for the purpose (no timing).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from bench.worst_cases import cases
from index import QueryError, open_corpus
from index.expansion import MAX_EXPANSION


@pytest.fixture(scope="module")
def seeds(tmp_path_factory, seeds_dir: Path):
    return open_corpus(seeds_dir, tmp_path_factory.mktemp("index"))


@pytest.mark.parametrize("name", list(cases()))
def test_each_worst_case_returns_results_or_a_clear_error(seeds, name: str):
    query = cases()[name]
    try:
        results = seeds.search(query, limit=20)
    except QueryError as err:
        message = str(err)
        assert message and "\n" not in message
        assert err.query == query
        return
    assert results.total >= len(results.hits)
    assert all(hit.matches for hit in results.hits)


def test_refusals_say_what_to_change(seeds):
    with pytest.raises(QueryError, match=r"ranges of words .* not supported.*prefix such as"):
        seeds.search("[kuchma TO]")
    with pytest.raises(QueryError, match=r"wildcard needs at least one letter before it"):
        seeds.search("?*")


def _many_words(count: int) -> list[str]:
    """`count` distinct made-up words starting with `zz`."""
    letters = "abcdefghij"
    return ["zz" + "".join(p) for p in itertools.product(letters, repeat=3)][:count]


@pytest.fixture(scope="module")
def wide(tmp_path_factory):
    """A corpus where `zz*` matches far more words than a cap keeps, one of them everywhere."""
    root = tmp_path_factory.mktemp("wide")
    words = _many_words(MAX_EXPANSION * 3)
    for i in range(4):
        share = words[i::4]
        (root / f"{i}.txt").write_text(
            f"Story {i}\n\nzzcommon appears here. " + " ".join(share) + "\n", encoding="utf-8"
        )
    (root / "other.txt").write_text("Other\n\nNothing to see.\n", encoding="utf-8")
    return open_corpus(root, tmp_path_factory.mktemp("wide-index")), len(words) + 1


def test_a_capped_prefix_searches_the_most_frequent_words_and_says_so(wide):
    corpus, matched = wide
    results = corpus.search("zz*")
    assert results.note == (
        f"`zz*` matched {matched:,} words; searched the {MAX_EXPANSION:,} most frequent"
    )
    # zzcommon, in every story, is among the words kept: every story is found.
    assert results.total == 4
    for hit in results.hits:
        text = corpus.article(hit.id).text
        assert "zzcommon" in {text[s:e] for s, e in hit.matches}


def test_an_uncapped_query_has_no_note(wide):
    corpus, _matched = wide
    assert corpus.search("zzcommon").note is None
    assert corpus.search("zzaa*").note is None


def test_many_ored_prefixes_share_the_budget_and_still_find(wide):
    corpus, _matched = wide
    query = " OR ".join(["zz*"] * 3 + ["story", "zzcommon", "nothing"] * 3)
    results = corpus.search(query)
    assert results.total == 5
    assert results.note and "`zz*` matched" in results.note


def test_a_prefix_ranks_and_counts_like_its_words_ored(wide):
    corpus, _matched = wide
    prefix = corpus.search("zzaa*", limit=50)
    ored = corpus.search(" OR ".join(_many_words(10)), limit=50)
    assert prefix.total == ored.total
    assert [h.id for h in prefix.hits] == [h.id for h in ored.hits]


def test_did_you_mean_never_replaces_a_word_that_finds_something(seeds):
    # The seeds say "threats", not "threat": the stem finds it, so no correction
    # (and never the more frequent "that", two edits away).
    results = seeds.search("threat")
    assert results.total > 0
    assert results.suggestion is None
    assert seeds.suggest("threat") is None
    assert seeds.suggest("death threat") is None


def test_did_you_mean_picks_the_nearest_word(seeds):
    assert seeds.suggest("sundanse") == "sundance"
    assert seeds.suggest("netflx cuties") == "netflix cuties"


def test_repeated_unknown_words_are_corrected_alike(seeds):
    assert seeds.suggest("sundanse " * 30).split() == ["sundance"] * 30


def test_a_long_and_finds_what_each_of_its_words_finds_and_nothing_when_one_is_missing(seeds):
    """Eight ANDed words or more are counted before they are ranked: the hits are the
    articles holding every word, and one word no article holds leaves none."""
    words = ["netflix", "film", "cuties", "french", "girls", "backlash", "critics", "twitter"]
    each = [{hit.id for hit in seeds.search(word, limit=20).hits} for word in words]
    every = set.intersection(*each)
    assert every, "the seeds hold these words together"
    results = seeds.search(" ".join(words), limit=20)
    assert {hit.id for hit in results.hits} == every and results.total == len(every)
    assert all(hit.matches for hit in results.hits)
    pasted = seeds.search(" ".join([*words, "zzunheardof"]), limit=20)
    assert pasted.total == 0 and not pasted.hits
