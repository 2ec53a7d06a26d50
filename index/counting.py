"""How many documents a query matches, by set algebra over posting lists.

Whoosh's top-N collector skips blocks that cannot reach the top, so it does not
know the total; `len(results)` then runs the whole query a second time through
its matcher tree, posting by posting in Python (~20% of a term query, seconds
for a large OR). Reading each word's document numbers block by block and
combining them as sets answers the same question much faster.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.reading import TermNotFound
from whoosh.searching import Searcher

from .bulk_scoring import read_postings
from .expansion import Expansion


def count_matches(searcher: Searcher, query: wq.Query, allowed: set[int]) -> int:
    """The number of live documents in `allowed` that `query` matches.

    Expansions must already have been matched by this searcher (their documents
    are remembered from the search).
    """
    return len(_docs(searcher, query) & allowed)


def _docs(searcher: Searcher, node: wq.Query) -> set[int]:
    if node is wq.NullQuery or isinstance(node, wq.NullQuery.__class__):
        return set()
    if type(node) is wq.Term:
        return term_documents(searcher, node.fieldname, node.text)
    if isinstance(node, Expansion):
        return {
            offset + d
            for segment, offset in searcher.reader().leaf_readers()
            for d in node.segment_docs(segment)
        }
    if isinstance(node, wq.Or | wq.DisjunctionMax):
        found: set[int] = set()
        for child in node.subqueries:
            found |= _docs(searcher, child)
        return found
    if isinstance(node, wq.And):
        sets = sorted((_docs(searcher, child) for child in node.subqueries), key=len)
        if not sets:
            return set()
        found = sets[0]
        for other in sets[1:]:
            found = found & other
        return found
    if isinstance(node, wq.AndNot):
        return _docs(searcher, node.a) - _docs(searcher, node.b)
    if isinstance(node, wq.AndMaybe):
        return _docs(searcher, node.a)
    if isinstance(node, wq.Require):
        return _docs(searcher, node.a) & _docs(searcher, node.b)
    if isinstance(node, wq.Not):
        return set(searcher.reader().all_doc_ids()) - _docs(searcher, node.query)
    return set(searcher.docs_for_query(node))


def term_documents(searcher: Searcher, fieldname: str, text: str) -> set[int]:
    """The live documents holding one word, each segment's posting blocks read whole."""
    found: set[int] = set()
    for segment, offset in searcher.reader().leaf_readers():
        try:
            ids, _weights = read_postings(segment, fieldname, text, weights=False)
        except TermNotFound:
            continue
        found.update(offset + d for d in ids)
    return found
