"""Fuzzy terms expanded by rapidfuzz over each segment's cached word lists.

Whoosh's `FuzzyTerm` asks the reader for `terms_within`. On an index of several
segments (the multi-process build writes several, every incremental update adds
one) `MultiReader` has no automaton path: it loops in Python over every term
sharing the prefix and computes an edit distance for each, and it does so again
for the size estimate, the matcher and the highlighter (~200 ms per query at 19k
articles). The words sharing the first letter are read once per segment
(`term_lists`) and scanned by rapidfuzz (C); the last expansion is remembered
on the query node too.
"""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import OSA
from whoosh import query as wq

from .term_lists import words_with_prefix


def words_within(
    reader, fieldname: str, text: str, maxdist: int, prefix: str
) -> dict[str, tuple[int, int]]:
    """Indexed words of the field within `maxdist` edits of `text` that start with
    `prefix` (one letter or more): word -> (edits, document frequency, all segments)."""
    candidates = words_with_prefix(reader, fieldname, prefix)
    found = process.extract(
        text, list(candidates), scorer=OSA.distance, score_cutoff=int(maxdist), limit=None
    )
    return {word: (int(edits), candidates[word]) for word, edits, _index in found}


class CachedFuzzyTerm(wq.FuzzyTerm):
    """`FuzzyTerm` whose expansion scans cached word lists with rapidfuzz."""

    def _btexts(self, ixreader):
        return sorted(self.within(ixreader))

    def within(self, ixreader) -> dict[str, tuple[int, int]]:
        """Word -> (edits, document frequency) of every word this term stands for."""
        memo = getattr(self, "_memo", None)
        if memo is not None and memo[0] is ixreader:
            return memo[1]
        prefix = self.text[: max(1, self.prefixlength)]
        found = words_within(ixreader, self.fieldname, self.text, self.maxdist, prefix)
        self._memo = (ixreader, found)
        return found


def cached_fuzzy(node: wq.Query) -> wq.Query:
    """For `Query.accept`: swap every FuzzyTerm for a CachedFuzzyTerm, same settings."""
    if isinstance(node, wq.FuzzyTerm) and not isinstance(node, CachedFuzzyTerm):
        return CachedFuzzyTerm(
            node.fieldname, node.text, node.boost, node.maxdist, node.prefixlength
        )
    return node
