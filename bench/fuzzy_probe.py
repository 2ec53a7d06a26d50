"""Why fuzzy queries are slow, and what would make them fast: measured, not guessed.

Two views on the fuzzy queries of the mix:
- a cProfile of `Corpus.search` on them (the functions with the most own time);
- the cost of expanding each misspelt word into the index terms within one edit
  on the unstemmed body field, by several strategies: Whoosh's `terms_within`
  with prefix lengths 1-3 (on a multi-segment index this is the reader's
  generic Python loop), Whoosh's per-segment Levenshtein automaton, and a term
  list cached once per index generation scanned by rapidfuzz (C).
"""

from __future__ import annotations

import cProfile
import pstats
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from whoosh import index

from bench.queries import BenchQuery

# A real term field to compare the expansion strategies on: the body's whole words
# are no field's terms since schema 5 (`index.vocabulary`), so its stems serve.
FIELD = "body"
PROFILE_TOP = 8


def profile_fuzzy(corpus: Any, queries: Sequence[BenchQuery]) -> list[dict[str, Any]]:
    """The functions with the most own time while `Corpus.search` runs fuzzy queries."""
    fuzzy = [q.whoosh() for q in queries if q.kind == "fuzzy"]
    profiler = cProfile.Profile()
    profiler.enable()
    for text in fuzzy:
        corpus.search(text, limit=20, fragments=3)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(tt for _cc, _nc, tt, _ct, _callers in stats.values()) or 1.0
    ranked = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:PROFILE_TOP]
    return [
        {
            "function": f"{func} ({filename.rsplit('/', 2)[-1]}:{line})",
            "calls": nc,
            "own_ms_per_query": round(tt / len(fuzzy) * 1000, 2),
            "cum_ms_per_query": round(ct / len(fuzzy) * 1000, 2),
            "own_share": round(tt / total, 3),
        }
        for (filename, line, func), (_cc, nc, tt, ct, _callers) in ranked
    ]


class TermCache:
    """Every term of a field, grouped by first letter, read once per index generation."""

    def __init__(self, reader: Any, field: str) -> None:
        groups: dict[str, list[str]] = defaultdict(list)
        for term in reader.field_terms(field):
            groups[term[:1]].append(term)
        self.groups = dict(groups)

    def within(self, word: str, maxdist: int = 1) -> list[str]:
        """Terms sharing the first letter and within `maxdist` edits (Levenshtein)."""
        found = process.extract(
            word,
            self.groups.get(word[:1], []),
            scorer=Levenshtein.distance,
            score_cutoff=maxdist,
            limit=None,
        )
        return [term for term, _score, _index in found]


def per_segment_automaton(reader: Any, word: str, prefix: int) -> set[str]:
    """Whoosh's own DFA walk, run on each segment instead of the multi-reader's loop."""
    found: set[str] = set()
    for leaf, _offset in reader.leaf_readers():
        found.update(leaf.terms_within(FIELD, word, 1, prefix=prefix))
    return found


def time_each(words: Iterable[str], expand: Callable[[str], Iterable[str]]) -> dict[str, Any]:
    samples, counts = [], []
    for word in words:
        start = time.perf_counter()
        counts.append(len(set(expand(word))))
        samples.append(time.perf_counter() - start)
    return {
        "median_ms": round(statistics.median(samples) * 1000, 2),
        "max_ms": round(max(samples) * 1000, 2),
        "terms_found": sum(counts),
    }


def expansion_strategies(ix: Any, words: Sequence[str]) -> dict[str, Any]:
    """Median time to expand each word by each strategy, on the same reader."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        segments = len(reader.leaf_readers())
        start = time.perf_counter()
        cache = TermCache(reader, FIELD)
        cache_ms = round((time.perf_counter() - start) * 1000, 1)
        strategies: dict[str, Callable[[str], Iterable[str]]] = {
            "whoosh terms_within, prefix 1 (FuzzyTerm default)": lambda w: reader.terms_within(
                FIELD, w, 1, prefix=1
            ),
            "whoosh terms_within, prefix 2": lambda w: reader.terms_within(FIELD, w, 1, prefix=2),
            "whoosh terms_within, prefix 3": lambda w: reader.terms_within(FIELD, w, 1, prefix=3),
            "per-segment Levenshtein DFA, prefix 1": lambda w: per_segment_automaton(reader, w, 1),
            "cached term list + rapidfuzz, prefix 1": cache.within,
        }
        rows = [{"strategy": name} | time_each(words, fn) for name, fn in strategies.items()]
        terms = sum(len(group) for group in cache.groups.values())
    return {"segments": segments, "field_terms": terms, "cache_build_ms": cache_ms, "rows": rows}


def probe_fuzzy(corpus: Any, queries: Sequence[BenchQuery]) -> dict[str, Any] | None:
    """Profile plus expansion strategies for the mix's fuzzy queries (None if none)."""
    words = [q.words[0] for q in queries if q.kind == "fuzzy"]
    if not words:
        return None
    ix = index.open_dir(str(corpus.index_dir))
    try:
        expansion = expansion_strategies(ix, words)
    finally:
        ix.close()
    return {
        "words": len(words),
        "segments": expansion["segments"],
        "field_terms": expansion["field_terms"],
        "term_cache_build_ms": expansion["cache_build_ms"],
        "strategies": expansion["rows"],
        "profile": profile_fuzzy(corpus, queries),
    }
