"""Prefix, wildcard, fuzzy and range terms: expanded once, capped, matched from raw postings.

Whoosh ORs one scored matcher per expanded word, and walks that tree of
matchers posting by posting in Python: `comp*` (190 words) takes about 2 s at
19k articles, `s*` (5,500 words) 44 s, a range over a text field a minute. Here
each expansion is computed once per query from the top-level reader (so every
segment searches the same words), cut to the `cap` words of highest document
frequency when it is larger, and matched by reading each word's posting blocks
whole and summing a BM25-like score per document (idf x saturated term
frequency, no length norm). Whoosh documents these queries as constant-score;
this keeps a useful order (rarer and repeated words first) at the cost of the
length norm. The result says when a cap cut something.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass

from whoosh import matching
from whoosh import query as wq
from whoosh.reading import IndexReader, TermNotFound

from .fuzzy import CachedFuzzyTerm

# Words kept per expansion, and for all expansions of one query together.
MAX_EXPANSION = 250
QUERY_EXPANSION_BUDGET = 500
MIN_PER_EXPANSION = 10
K1 = 1.2


@dataclass(frozen=True, slots=True)
class Cut:
    """One expansion that a cap cut: what was typed, how many words it matched, how many kept."""

    pattern: str
    matched: int
    kept: int

    def describe(self) -> str:
        return (
            f"`{self.pattern}` matched {self.matched:,} words; "
            f"searched the {self.kept:,} most frequent"
        )


def _pattern(node: wq.Query) -> str:
    """The expansion as a person would type it (without the field)."""
    if isinstance(node, wq.Prefix):
        return f"{node.text}*"
    if isinstance(node, wq.FuzzyTerm):
        return f"{node.text}~{node.maxdist}"
    if isinstance(node, wq.TermRange):
        start, end = node.start or "", node.end or ""
        return f"{'{' if node.startexcl else '['}{start} TO {end}{'}' if node.endexcl else ']'}"
    return str(getattr(node, "text", node))


def _words_from(reader: IndexReader, fieldname: str, start: str, prefix: bool) -> dict[str, int]:
    """(word, document frequency) of the field's words from `start` on (only those
    starting with it when `prefix`), summed over all segments."""
    found: dict[str, int] = {}
    first = start.encode("utf-8")
    for leaf, _offset in reader.leaf_readers():
        if fieldname not in leaf.schema:
            continue
        for btext, info in leaf.iter_field(fieldname, start):
            if prefix and not btext.startswith(first):
                break
            word = btext.decode("utf-8")
            found[word] = found.get(word, 0) + info.doc_frequency()
    return found


def expand(reader: IndexReader, node: wq.Query) -> dict[str, int]:
    """Every indexed word the multi-term `node` stands for, with its document frequency."""
    field = node.fieldname
    if isinstance(node, wq.Prefix):
        return _words_from(reader, field, node.text, prefix=True)
    if isinstance(node, wq.Wildcard):
        prefix = node._find_prefix(node.text)
        pattern = re.compile(node._get_pattern())
        words = _words_from(reader, field, prefix, prefix=True)
        return {w: df for w, df in words.items() if pattern.match(w)}
    if isinstance(node, wq.TermRange):
        words = _words_from(reader, field, node.start or "", prefix=False)
        return {w: df for w, df in words.items() if _in_range(node, w)}
    if isinstance(node, CachedFuzzyTerm):
        return {w: reader.doc_frequency(field, w) for w in node._btexts(reader)}
    raise TypeError(f"not an expansion: {node!r}")


def _in_range(node: wq.TermRange, word: str) -> bool:
    if node.start is not None and (word < node.start or (node.startexcl and word == node.start)):
        return False
    return node.end is None or word < node.end or (word == node.end and not node.endexcl)


def is_expansion(node: wq.Query) -> bool:
    return isinstance(node, wq.Prefix | wq.Wildcard | wq.TermRange | CachedFuzzyTerm)


class Expansion(wq.Query):
    """A fixed list of words in one field, ORed and scored from their raw postings."""

    def __init__(self, fieldname: str, words: dict[str, int], boost: float, pattern: str):
        self.fieldname = fieldname
        self.words = dict(sorted(words.items()))
        self.boost = boost
        self.pattern = pattern
        # Per segment reader: the sorted documents of each word, for match spans.
        self.docs: dict[int, dict[str, list[int]]] = {}

    def __repr__(self) -> str:
        return f"Expansion({self.fieldname!r}, {self.pattern!r}, {len(self.words)} words)"

    def __eq__(self, other) -> bool:
        return (
            type(other) is Expansion
            and other.fieldname == self.fieldname
            and other.words == self.words
            and other.boost == self.boost
        )

    def __hash__(self) -> int:
        return hash((self.fieldname, tuple(self.words), self.boost))

    def field(self) -> str:
        return self.fieldname

    def has_terms(self) -> bool:
        return True

    def terms(self, phrases: bool = False):
        for word in self.words:
            yield self.fieldname, word

    def estimate_size(self, ixreader) -> int:
        return sum(self.words.values())

    def matcher(self, searcher, context=None):
        reader = searcher.reader()
        total = max(1, searcher.get_parent().doc_count_all())
        scores: dict[int, float] = {}
        docs: dict[str, list[int]] = {}
        for word, df in self.words.items():
            try:
                ids, weights = read_postings(reader, self.fieldname, word)
            except TermNotFound:
                continue
            idf = math.log(total / (df + 1)) + 1.0
            docs[word] = ids
            for docnum, tf in zip(ids, weights, strict=True):
                scores[docnum] = scores.get(docnum, 0.0) + idf * tf * (K1 + 1) / (tf + K1)
        self.docs[id(reader)] = docs
        if not scores:
            return matching.NullMatcher()
        ids = sorted(scores)
        return _ScoredList(ids, [scores[d] * self.boost for d in ids])

    def segment_docs(self, reader) -> set[int]:
        """Every document (segment-local number) this expansion matched in one segment."""
        return {d for ids in self.docs.get(id(reader), {}).values() for d in ids}

    def words_in(self, reader, docnum: int) -> list[str]:
        """The words of this expansion in one document (segment-local number)."""
        found = []
        for word, ids in self.docs.get(id(reader), {}).items():
            i = bisect_left(ids, docnum)
            if i < len(ids) and ids[i] == docnum:
                found.append(word)
        return found


def read_postings(reader, fieldname: str, word: str) -> tuple[list[int], list[float]]:
    """Every live document number and weight of one word in one segment, block by block
    (`TermNotFound` when the segment lacks it)."""
    m = reader.postings(fieldname, word)
    while isinstance(m, matching.WrappingMatcher) and not hasattr(m, "_read_ids"):
        m = m.child
    ids: list[int] = []
    weights: list[float] = []
    if hasattr(m, "_read_ids") and hasattr(m, "_goto"):  # whoosh3 on-disk postings
        while m.is_active():
            m._read_ids()
            m._read_weights()
            ids.extend(m._ids[m._i :])
            weights.extend(m._weights[m._i :])
            if m._lastblock:
                break
            m._goto(m._nextoffset)
    else:
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            m.next()
    if reader.has_deletions():
        kept = [(d, w) for d, w in zip(ids, weights, strict=True) if not reader.is_deleted(d)]
        ids, weights = [d for d, _ in kept], [w for _, w in kept]
    return ids, weights


class _ScoredList(matching.ListMatcher):
    """Precomputed documents and scores; reports no terms (spans come from `words_in`)."""

    def __init__(self, ids: list[int], scores: list[float]) -> None:
        super().__init__(ids)
        self._scores = scores

    def score(self) -> float:
        return self._scores[self._i]

    def copy(self):
        copied = _ScoredList(self._ids, self._scores)
        copied._i = self._i
        return copied

    def supports_block_quality(self) -> bool:
        return False

    def term_matchers(self):
        return iter(())

    def matching_terms(self, id=None):
        return iter(())


def cap_expansions(query: wq.Query, reader: IndexReader) -> tuple[wq.Query, list[Cut]]:
    """`query` with every expansion replaced by an `Expansion`, capped; and what was cut."""
    nodes = [n for n in _walk(query) if is_expansion(n)]
    if not nodes:
        return query, []
    per_node = max(MIN_PER_EXPANSION, min(MAX_EXPANSION, QUERY_EXPANSION_BUDGET // len(nodes)))
    cuts: dict[str, Cut] = {}

    def replace(node: wq.Query) -> wq.Query:
        if not is_expansion(node):
            return node
        words = expand(reader, node)
        pattern = _pattern(node)
        if len(words) > per_node:
            kept = sorted(words, key=lambda w: (-words[w], w))[:per_node]
            previous = cuts.get(pattern)
            if previous is None or previous.matched < len(words):
                cuts[pattern] = Cut(pattern, len(words), per_node)
            words = {w: words[w] for w in kept}
        if not words:
            return wq.NullQuery
        return Expansion(node.fieldname, words, node.boost, pattern)

    return query.accept(replace), list(cuts.values())


def _walk(query: wq.Query):
    yield query
    for child in query.children():
        yield from _walk(child)
