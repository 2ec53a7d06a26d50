"""Prefix, wildcard and fuzzy terms: expanded once per query, capped, scored in bulk.

Whoosh expands such a term in every segment and ORs one matcher per word,
walked posting by posting in Python: `comp*` (190 words) took about 2 s at 19k
articles, `s*` (4,300 words) 44 s. Here each expansion is computed once from the
top-level reader, from term lists cached per segment and first letter, and cut
to the words of highest document frequency when it is larger than its share of
the query's budget (the result then says so). The words kept, and the plain
words ORed beside them, are scored together by `bulk_scoring` with the same
BM25F as Whoosh.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

import numpy as np
from whoosh import matching
from whoosh import query as wq
from whoosh.reading import IndexReader

from .bulk_scoring import ScoredList, Word, score_words
from .fuzzy import CachedFuzzyTerm
from .term_lists import words_with_prefix
from .vocabulary import STEMMED_FIELD, WORDS_FIELD, stem_words

# Words kept per expansion, and for all expansions of one query together.
MAX_EXPANSION = 64
QUERY_EXPANSION_BUDGET = 128
MIN_PER_EXPANSION = 2
# An OR of this many plain words or more is scored in bulk too.
WIDE_OR = 8


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
    return node.text


def expand(reader: IndexReader, node: wq.Query) -> dict[str, int]:
    """Every indexed word the multi-term `node` stands for, with its document frequency."""
    field = node.fieldname
    if isinstance(node, wq.Prefix):
        return words_with_prefix(reader, field, node.text)
    if isinstance(node, wq.Wildcard):
        pattern = re.compile(node._get_pattern())
        words = words_with_prefix(reader, field, node._find_prefix(node.text))
        return {w: df for w, df in words.items() if pattern.match(w)}
    if isinstance(node, CachedFuzzyTerm):
        return {w: df for w, (_edits, df) in node.within(reader).items()}
    raise TypeError(f"not an expansion: {node!r}")


def is_expansion(node: wq.Query) -> bool:
    """Prefix, wildcard and fuzzy terms (the parser refuses ranges of words)."""
    is_pattern = isinstance(node, wq.Prefix | wq.Wildcard) and bool(getattr(node, "text", ""))
    return is_pattern or isinstance(node, CachedFuzzyTerm)


class Expansion(wq.Query):
    """Words ORed together and scored in bulk (`bulk_scoring`): what an expansion kept,
    or the plain words and expansions side by side in one wide OR."""

    def __init__(self, words: list[Word], frequencies: dict[tuple[str, str], int]) -> None:
        self.words = list(words)
        self.frequencies = dict(frequencies)
        self.boost = 1.0
        # Per segment reader: the sorted documents of each (field, word), for match spans.
        self.docs: dict[int, dict[tuple[str, str], np.ndarray]] = {}

    def __repr__(self) -> str:
        return f"Expansion({len(self.words)} words)"

    def __eq__(self, other) -> bool:
        return type(other) is Expansion and other.words == self.words

    def __hash__(self) -> int:
        return hash(tuple(self.words))

    def has_terms(self) -> bool:
        return True

    def terms(self, phrases: bool = False):
        for word in self.words:
            yield word.fieldname, word.text

    def estimate_size(self, ixreader) -> int:
        return sum(self.frequencies.values())

    def matcher(self, searcher, context=None):
        ids, scores, docs = score_words(searcher, self.words, self.frequencies)
        self.docs[id(searcher.reader())] = docs
        if not len(ids):
            return matching.NullMatcher()
        return ScoredList(ids.tolist(), scores.tolist())

    def segment_docs(self, reader) -> set[int]:
        """Every document (segment-local number) this expansion matched in one segment."""
        found: set[int] = set()
        for ids in self.docs.get(id(reader), {}).values():
            found.update(ids.tolist())
        return found

    def words_in(self, reader, docnum: int) -> list[tuple[str, str]]:
        """(field, word) of this expansion's words in one document (segment-local number)."""
        found = []
        for key, ids in self.docs.get(id(reader), {}).items():
            i = bisect_left(ids, docnum)
            if i < len(ids) and ids[i] == docnum:
                found.append(key)
        return found


def cap_expansions(query: wq.Query, reader: IndexReader) -> tuple[wq.Query, list[Cut]]:
    """`query` with every expansion replaced by an `Expansion`, capped, and wide ORs
    scored in bulk; and what the caps cut."""
    nodes = [n for n in walk(query) if is_expansion(n)]
    share = QUERY_EXPANSION_BUDGET // max(1, len(nodes))
    per_node = max(MIN_PER_EXPANSION, min(MAX_EXPANSION, share))
    cuts: dict[str, Cut] = {}

    def rewrite(node: wq.Query) -> wq.Query:
        if type(node) is wq.Or:
            return _merge_expansions(node)
        if not is_expansion(node):
            return node
        matched = expand(reader, node)
        words = matched
        pattern = _pattern(node)
        if len(words) > per_node:
            kept = sorted(words, key=lambda w: (-words[w], w))[:per_node]
            previous = cuts.get(pattern)
            if previous is None or previous.matched < len(words):
                cuts[pattern] = Cut(pattern, len(words), per_node)
            words = {w: words[w] for w in kept}
        if not words:
            return wq.NullQuery
        return _expansion(reader, node.fieldname, words, matched, node.boost)

    return query.accept(rewrite), list(cuts.values())


def _expansion(
    reader: IndexReader,
    fieldname: str,
    words: dict[str, int],
    matched: dict[str, int],
    boost: float,
) -> Expansion:
    """The words kept as an `Expansion`; whole words of the body become their stems on
    `body`, narrowed to the forms the pattern matched where a stem has others
    (`vocabulary`)."""
    if fieldname != WORDS_FIELD:
        return Expansion(
            [Word(fieldname, w, boost) for w in sorted(words)],
            {(fieldname, w): df for w, df in words.items()},
        )
    stems = stem_words(reader, words, matched)
    return Expansion(
        [Word(STEMMED_FIELD, stem, boost, forms) for stem, forms, _df in stems],
        {(STEMMED_FIELD, stem): df for stem, _forms, df in stems},
    )


def _merge_expansions(node: wq.Or) -> wq.Query:
    """An OR's expansions and plain words scored together, in bulk, when it has an
    expansion and something else, or `WIDE_OR` words or more."""
    mergeable = [q for q in node.subqueries if isinstance(q, Expansion) or type(q) is wq.Term]
    has_expansion = any(isinstance(q, Expansion) for q in mergeable)
    if len(mergeable) < 2 and not (has_expansion and node.boost != 1.0):
        return node
    if not has_expansion and len(mergeable) < WIDE_OR:
        return node
    words: list[Word] = []
    frequencies: dict[tuple[str, str], int] = {}
    for q in mergeable:
        if isinstance(q, Expansion):
            words.extend(replace(w, boost=w.boost * node.boost) for w in q.words)
            frequencies.update(q.frequencies)
        else:
            words.append(Word(q.fieldname, q.text, q.boost * node.boost))
    merged = Expansion(words, frequencies)
    others = [q for q in node.subqueries if not (isinstance(q, Expansion) or type(q) is wq.Term)]
    if not others:
        return merged
    return wq.Or([merged, *others], minmatch=node.minmatch)


def walk(query: wq.Query):
    """The query and every node under it."""
    yield query
    for child in query.children():
        yield from walk(child)
