"""Running a checked query: one page of hits with match spans and fragments.

Articles and quotations live in one index; a `doctype` filter keeps each search
to one kind. Scores are Whoosh's BM25F with the title boosted.
"""

from __future__ import annotations

from collections.abc import Callable
from weakref import WeakKeyDictionary

from whoosh import query as wq
from whoosh.searching import Searcher

from .counting import count_matches, term_documents
from .documents import article_from_stored, doc_key, quote_from_stored
from .expansion import WIDE_OR, Expansion, cap_expansions, walk
from .highlight import (
    PostingCursors,
    best_fragments,
    match_spans,
    matched_terms,
    phrases_of,
    single_terms_of,
)
from .models import Fragment, Hit, QueryError, SearchResults
from .query import ParsedQuery, describe, parse_query
from .suggest import suggest_query

# Suggest a correction when a query finds fewer hits than this.
SUGGEST_BELOW = 3
MAX_LIMIT = 10_000
_DOCTYPE_SETS: WeakKeyDictionary[Searcher, dict[str, set[int]]] = WeakKeyDictionary()


def search_index(
    searcher: Searcher,
    text: str,
    limit: int = 20,
    offset: int = 0,
    *,
    scope: str = "articles",
    fragments: int = 3,
    widen: Callable[[wq.Query], wq.Query] | None = None,
) -> SearchResults:
    """One page of results for `text`; every problem with the query raises `QueryError`.

    `widen` rewrites the parsed query (`sources.widen_with_manifest`: metadata kept
    outside the index)."""
    if not 0 < limit <= MAX_LIMIT or offset < 0:
        raise QueryError(f"limit must be 1-{MAX_LIMIT} and offset 0 or more", text)
    parsed = parse_query(text, searcher.schema, scope)
    if widen is not None:
        parsed = ParsedQuery(parsed.text, widen(parsed.query), parsed.scope)
    doctype = "quote" if parsed.scope == "quotes" else "article"
    query, cuts = cap_expansions(parsed.query, searcher.reader())
    query = query.accept(_preload_wide_or)
    parsed = ParsedQuery(parsed.text, query, parsed.scope)
    try:
        allowed = documents_of(searcher, doctype)
        counted = count_matches(searcher, query, allowed) if _wide_and(query) else None
        if counted == 0:  # nothing to rank
            total, page = 0, []
        else:
            results = searcher.search(query, limit=offset + limit, filter=allowed)
            scored = results.scored_length()
            # Fewer than asked for: the collector never filled up, so it saw every match.
            if counted is not None:
                total = counted
            elif scored < offset + limit:
                total = scored
            else:
                total = count_matches(searcher, query, allowed)
            page = [results[i] for i in range(offset, min(offset + limit, scored))]
    except Exception as err:  # Whoosh errors while matching
        raise QueryError(f"the query could not be run ({describe(err)})", text) from err
    cursors = PostingCursors(searcher.reader())
    terms = matched_terms(searcher.reader(), query, [hit.docnum for hit in page], cursors.known)
    make = _quote_hit if parsed.scope == "quotes" else _article_hit
    # Built in document order (the cursors only move forward), shown in rank order.
    made = {
        hit.docnum: make(searcher, hit, parsed, fragments, terms[hit.docnum], cursors)
        for hit in sorted(page, key=lambda hit: hit.docnum)
    }
    hits = tuple(made[hit.docnum] for hit in page)
    suggestion = suggest_query(searcher.reader(), parsed.text) if total < SUGGEST_BELOW else None
    return SearchResults(
        query=text,
        total=total,
        hits=hits,
        offset=offset,
        limit=limit,
        suggestion=suggestion,
        scope=parsed.scope,
        note="; ".join(cut.describe() for cut in cuts) or None,
    )


class _PreloadedOr(wq.Or):
    """A wide OR of phrases or groups (plain words are scored in bulk by `expansion`):
    its matches read into an array of summed scores, several times faster than
    Whoosh's tree of two-way unions, same scores."""

    matcher_type = wq.Or.ARRAY_MATCHER


def _wide_and(query: wq.Query) -> bool:
    """An AND of `WIDE_OR` parts or more, none an expansion: its documents are counted
    by set algebra first, since Whoosh's intersection of a long query (200 words
    of pasted text) walks every part's postings, ~1 s cold at 19k, to find that
    nothing matches all of them."""
    if type(query) is not wq.And or len(query.subqueries) < WIDE_OR:
        return False
    return not any(isinstance(node, Expansion) for node in walk(query))


def _preload_wide_or(node: wq.Query) -> wq.Query:
    if type(node) is wq.Or and len(node.subqueries) >= WIDE_OR:
        return _PreloadedOr(node.subqueries, boost=node.boost, minmatch=node.minmatch)
    return node


def documents_of(searcher: Searcher, doctype: str) -> set[int]:
    """The numbers of every document of one type, computed once per searcher
    (a plain set: Whoosh accepts no other collection as a filter; never mutated).

    A `filter=Term(...)` would rebuild this set on every search (80 ms on 19k
    articles); intersecting with the term instead makes Whoosh count hits by
    intersecting two sets of every id. (`Require` trips an assertion in
    whoosh-reloaded 2.7.5.)
    """
    cached = _DOCTYPE_SETS.setdefault(searcher, {})
    if doctype not in cached:
        cached[doctype] = term_documents(searcher, "doctype", doctype)
    return cached[doctype]


def _article_hit(
    searcher: Searcher,
    hit,
    parsed: ParsedQuery,
    fragments: int,
    terms: list,
    cursors: PostingCursors,
) -> Hit:
    article = article_from_stored(hit.fields())
    matches = match_spans(
        cursors,
        hit.docnum,
        terms,
        phrases_of(parsed.query),
        single_terms_of(parsed.query),
    )
    return Hit(
        id=article.id,
        path=article.path,
        title=article.title,
        score=float(hit.score),
        matches=matches,
        fragments=best_fragments(article.text, matches, article.paragraphs, fragments),
    )


def _quote_hit(
    searcher: Searcher,
    hit,
    parsed: ParsedQuery,
    fragments: int,
    terms: list,
    cursors: PostingCursors,
) -> Hit:
    """A quotation hit; `title` is its article's title, `matches` the quotation's span."""
    quote = quote_from_stored(hit["quote"])
    article = searcher.document(key=doc_key("article", quote.article_id)) or {}
    in_quote = match_spans(
        cursors,
        hit.docnum,
        [(f, t) for f, t in terms if f == "text"],
        [p for p in phrases_of(parsed.query) if p[0] == "text"],
        single_terms_of(parsed.query),
    )
    fragment = Fragment(quote.text, quote.start, quote.end, in_quote)
    return Hit(
        id=quote.id,
        path=quote.path,
        title=article.get("title") or quote.path,
        score=float(hit.score),
        matches=((quote.start, quote.end),),
        fragments=(fragment,) if fragments > 0 else (),
        quote=quote,
    )
