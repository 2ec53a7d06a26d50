"""Fuzzy terms expanded by rapidfuzz over each segment's term list, read once.

Whoosh's `FuzzyTerm` asks the reader for `terms_within`. On an index of several
segments (the multi-process build writes several, every incremental update adds
one) `MultiReader` has no automaton path: it loops in Python over every term
sharing the prefix and computes an edit distance for each, and it does so again
for the size estimate, the matcher and the highlighter (~200 ms per query at 19k
articles). A segment's terms never change, so read them once per segment and let
rapidfuzz (C) scan them; remember the last expansion on the query node too.
"""

from __future__ import annotations

import threading
from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import OSA
from whoosh import query as wq

_TERMS: dict[tuple[str, str], dict[str, list[str]]] = {}
_LOCK = threading.Lock()
_MAX_CACHED = 64  # (segment, field) pairs; old segments vanish after merges


def _segment_terms(leaf, fieldname: str) -> dict[str, list[str]]:
    """The field's terms in one segment, grouped by first letter (cached by segment id)."""
    key = (leaf.segment().segment_id(), fieldname)
    with _LOCK:
        cached = _TERMS.get(key)
    if cached is not None:
        return cached
    groups: dict[str, list[str]] = defaultdict(list)
    if fieldname in leaf.schema:
        for term in leaf.field_terms(fieldname):
            groups[term[:1]].append(term)
    terms = dict(groups)
    with _LOCK:
        if len(_TERMS) >= _MAX_CACHED:
            _TERMS.pop(next(iter(_TERMS)))
        _TERMS[key] = terms
    return terms


class CachedFuzzyTerm(wq.FuzzyTerm):
    """`FuzzyTerm` whose expansion scans cached term lists with rapidfuzz."""

    def _btexts(self, ixreader):
        memo = getattr(self, "_memo", None)
        if memo is not None and memo[0] is ixreader:
            return memo[1]
        prefix = self.text[: self.prefixlength]
        candidates: set[str] = set()
        for leaf, _offset in ixreader.leaf_readers():
            group = _segment_terms(leaf, self.fieldname).get(prefix[:1], ())
            candidates.update(t for t in group if t.startswith(prefix))
        found = process.extract(
            self.text,
            list(candidates),
            scorer=OSA.distance,
            score_cutoff=int(self.maxdist),
            limit=None,
        )
        words = sorted(term for term, _distance, _index in found)
        self._memo = (ixreader, words)
        return words


def cached_fuzzy(node: wq.Query) -> wq.Query:
    """For `Query.accept`: swap every FuzzyTerm for a CachedFuzzyTerm, same settings."""
    if isinstance(node, wq.FuzzyTerm) and not isinstance(node, CachedFuzzyTerm):
        return CachedFuzzyTerm(
            node.fieldname, node.text, node.boost, node.maxdist, node.prefixlength
        )
    return node
