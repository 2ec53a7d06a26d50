"""Articles' metadata as callers see it: what the files say, overlaid with `sources.csv`.

The manifest is applied when the index is read, not when it is written, so an
edit to it shows at once for every article it names, without re-indexing them.
Quotations, hits and clusters get their article's outlet, date, author, URL
and title here, so no caller needs a lookup of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypedDict

from .documents import term
from .metadata import Manifest, SourceMeta
from .models import Article, ArticleInfo, Cluster, Hit, Quote

if TYPE_CHECKING:
    from whoosh import query as wq
    from whoosh.analysis import Analyzer

_UNDATED = "9999-99-99"


def _meta_of(info: ArticleInfo) -> SourceMeta:
    return SourceMeta(info.outlet, info.date, info.author, info.url, info.title)


def with_manifest(infos: Iterable[ArticleInfo], manifest: Manifest) -> list[ArticleInfo]:
    """The article list with the manifest's values (by file path) over the files' own."""
    if not manifest.entries:
        return list(infos)
    out = []
    for info in infos:
        row = manifest.entries.get(info.path)
        if row is None:
            out.append(info)
            continue
        meta = row.over(_meta_of(info))
        out.append(
            replace(
                info,
                outlet=meta.outlet,
                date=meta.date,
                author=meta.author,
                url=meta.url,
                title=meta.title or info.title,
            )
        )
    return out


def article_with_manifest(article: Article, manifest: Manifest) -> Article:
    """One article with the manifest's values over its own."""
    row = manifest.entries.get(article.path)
    if row is None:
        return article
    own = SourceMeta(article.source, article.date, article.author, article.url, article.title)
    meta = row.over(own)
    return replace(
        article,
        source=meta.outlet,
        date=meta.date,
        author=meta.author,
        url=meta.url,
        title=meta.title or article.title,
    )


class SourceFields(TypedDict):
    """The `Quote` fields that say where an article's quotations were published."""

    outlet: str | None
    published: str | None
    author: str | None
    url: str | None
    title: str | None


def quote_source_fields(info: ArticleInfo) -> SourceFields:
    """The `Quote` fields that say where an article's quotations were published."""
    return {
        "outlet": info.outlet,
        "published": info.date,
        "author": info.author,
        "url": info.url,
        "title": info.title,
    }


def with_source_fields(stored: dict[str, Any], sources: dict[str, SourceFields]) -> dict[str, Any]:
    """A stored quotation's fields with its article's source fields: one Quote is built
    from them, not one and then a copy (a corpus's quotations are listed often)."""
    extra = sources.get(stored["article_id"])
    return {**stored, **extra} if extra else stored


def quote_with_source(quote: Quote, infos: dict[str, ArticleInfo]) -> Quote:
    """The quotation with its article's metadata (unchanged when the article is unknown)."""
    info = infos.get(quote.article_id)
    if info is None:
        return quote
    return replace(quote, **quote_source_fields(info))


def hit_with_source(hit: Hit, infos: dict[str, ArticleInfo]) -> Hit:
    """The hit (and its quotation) with the article's metadata."""
    quote = quote_with_source(hit.quote, infos) if hit.quote is not None else None
    info = infos.get(quote.article_id if quote is not None else hit.id)
    if info is None:
        return replace(hit, quote=quote)
    return replace(
        hit,
        quote=quote,
        title=info.title or hit.title,
        outlet=info.outlet,
        date=info.date,
        author=info.author,
        url=info.url,
    )


def provenance_key(quote: Quote, order: dict[str, int]) -> tuple[str, int, int]:
    """Earliest first: by the article's date (else the quotation's own, a tweet's),
    undated last, then in corpus order (article, then position)."""
    when = quote.published or quote.date or _UNDATED
    return (when, order.get(quote.article_id, len(order)), quote.start)


def clusters_with_sources(
    clusters: Iterable[Cluster], infos: dict[str, ArticleInfo]
) -> list[Cluster]:
    """Each cluster's versions with their sources' metadata, ordered by `provenance_key`
    (the corpus order is sorted once for all of them, not once per statement)."""
    order = {article_id: n for n, article_id in enumerate(sorted(infos))}
    out = []
    for cluster in clusters:
        versions = [replace(v, quote=quote_with_source(v.quote, infos)) for v in cluster.versions]
        versions.sort(key=lambda v: provenance_key(v.quote, order))
        out.append(replace(cluster, versions=tuple(versions)))
    return out


def first_carried(cluster: Cluster) -> Quote | None:
    """The earliest dated version of a statement (`clusters_with_sources` order), or None
    when no version is dated: "first carried by Variety, 10 Sep 2020"."""
    for version in cluster.versions:
        if version.quote.published or version.quote.date:
            return version.quote
    return None


def widen_with_manifest(manifest: Manifest, analyzer: Analyzer) -> Callable[[wq.Query], wq.Query]:
    """A query rewrite: `outlet:`, `author:` and `date:` terms also match the files whose
    `sources.csv` line says so (the manifest is applied on reading, not indexed).

    `analyzer` is the one the index uses for outlet and author, so `outlet:guardian`
    matches "The Guardian" in the manifest as it would in the index.
    """
    from whoosh import query as wq  # Whoosh loads with the first search, not with `index`

    def words(value: str | None) -> set[str]:
        return {t.text for t in analyzer(value)} if value else set()

    def matches(node: wq.Query, meta: SourceMeta) -> bool:
        field = node.fieldname  # type: ignore[attr-defined]
        if field == "date":
            if not isinstance(node, wq.TermRange) or not meta.date:
                return False
            low = (
                node.start is None
                or meta.date > node.start
                or (meta.date == node.start and not node.startexcl)
            )
            return low and (node.end is None or meta.date <= node.end)
        have = words(getattr(meta, field))
        if isinstance(node, wq.Prefix):
            return any(word.startswith(node.text) for word in have)
        return type(node) is wq.Term and node.text in have

    def rewrite(node: wq.Query) -> wq.Query:
        if getattr(node, "fieldname", None) not in ("outlet", "author", "date"):
            return node
        paths = [rel for rel, meta in manifest.entries.items() if matches(node, meta)]
        if not paths:
            return node
        return wq.Or([node, *(wq.Term("path", term(rel)) for rel in paths)])

    return lambda query: query.accept(rewrite)
