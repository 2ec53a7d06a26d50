"""Quotation hits shown as sources: `speaker:blair` lists the articles that quote Blair.

A query on a quotation field (speaker, kind, text, handle) finds quotations; the
reader's panes list sources, so the quotations are grouped by their article:
one row per source, its matches the quotations' spans, counted as sources.
"""

from __future__ import annotations

from dataclasses import replace

from index import Hit, SearchResults


def by_source(results: SearchResults) -> SearchResults:
    """`results` of quotations as one hit per article (in rank order of its best)."""
    grouped: dict[str, list[Hit]] = {}
    for hit in results.hits:
        article_id = hit.quote.article_id if hit.quote is not None else hit.id
        grouped.setdefault(article_id, []).append(hit)
    sources = tuple(_source_hit(article_id, hits) for article_id, hits in grouped.items())
    return replace(results, total=len(sources), hits=sources, offset=0, limit=len(sources))


def _source_hit(article_id: str, hits: list[Hit]) -> Hit:
    in_text_order = sorted(hits, key=lambda hit: hit.matches[:1])
    best = hits[0]
    return Hit(
        id=article_id,
        path=best.path,
        title=best.title,
        score=best.score,
        matches=tuple(span for hit in in_text_order for span in hit.matches),
        fragments=tuple(f for hit in in_text_order for f in hit.fragments),
    )
