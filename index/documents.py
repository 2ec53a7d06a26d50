"""Turning models into Whoosh documents and stored fields back into models.

Every document carries `path` (the corpus-relative file), so deleting a file's
documents is one `delete_by_term("path", ...)`, and a unique `key` of
`doctype:id`, so ids of different document types never collide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from operator import attrgetter
from typing import Any

from .corpus import FileEntry
from .models import Article, ArticleInfo, Quote, Skipped

META_KEY = "meta:"


def term(text: str) -> str:
    """`text` as an indexed ID term: Whoosh stores terms as UTF-8, and a file name that
    is not valid UTF-8 arrives with lone surrogates (`os.fsdecode`), so those bytes
    are spelled `\\xNN` (and backslashes doubled) after a NUL, which no file name can
    hold: `caf\\xe9.txt` spelled out in ASCII keeps an id of its own. Stored values
    keep the original (`_stored_<field>`)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        doubled = text.replace("\\", "\\\\")
        try:
            raw = doubled.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate that is no escaped byte
            raw = doubled.encode("utf-8", "surrogatepass")
        return "\x00" + raw.decode("utf-8", "backslashreplace")
    return text


def doc_key(doctype: str, ident: str) -> str:
    """The unique key of a document: its type and id."""
    return term(f"{doctype}:{ident}")


def _ids(doctype: str, ident: str, path: str) -> dict[str, Any]:
    """The indexed identity fields of a document, with the original text stored."""
    return {
        "doctype": doctype,
        "key": doc_key(doctype, ident),
        "id": term(ident),
        "_stored_id": ident,
        "path": term(path),
        "_stored_path": path,
    }


def article_doc(article: Article, quote_count: int) -> dict[str, Any]:
    """The document for one article; `body` indexes the display text.

    Metadata fields are left out when unknown: an indexed field takes no None.
    """
    known = {
        name: value
        for name, value in (
            ("date", article.date),
            ("outlet", article.source),
            ("author", article.author),
        )
        if value
    }
    return {
        **_ids("article", article.id, article.path),
        "title": article.title,
        "body": article.text,
        "text_display": article.text,
        "paragraphs": [list(p) for p in article.paragraphs],
        "url": article.url,
        "source": article.source,
        "quotes": quote_count,
        **known,
    }


def quote_doc(quote: Quote, raw: Quote) -> dict[str, Any]:
    """The document for one quotation: searchable speaker/kind/text, the Quote stored whole.

    `raw` is the quote as extracted from its article alone, kept so later updates
    can redo the corpus-wide steps (canonical speakers, clusters) from scratch.
    """
    doc: dict[str, Any] = {
        **_ids("quote", quote.id, quote.path),
        "article_id": term(quote.article_id),
        "kind": quote.kind,
        "text": quote.text,
        "quote": quote_to_stored(quote),
        "raw_quote": quote_to_stored(raw),
    }
    speaker = " ".join(s for s in (quote.speaker, quote.speaker_mention) if s)
    if speaker:
        doc["speaker"] = speaker
    if quote.handle:
        doc["handle"] = quote.handle
    return doc


def file_doc(entry: FileEntry, sha: str, skipped: Sequence[Skipped]) -> dict[str, Any]:
    """The fingerprint of one corpus file, and why parts of it were skipped.

    `ctime_ns` and `inode` catch a rewrite that keeps size and mtime (`cp -p`, rsync).
    """
    return {
        **_ids("file", entry.rel, entry.rel),
        "size": entry.size,
        "mtime_ns": entry.mtime_ns,
        "ctime_ns": entry.ctime_ns,
        "inode": entry.inode,
        "sha": sha,
        "skipped": [[s.path, s.reason] for s in skipped],
    }


def meta_doc(schema_version: int, root: str) -> dict[str, Any]:
    """The one document saying which schema and corpus this index was built for."""
    return {
        **_ids("meta", "", ""),
        "schema_version": schema_version,
        "root": root,
    }


def quote_to_stored(quote: Quote) -> dict[str, Any]:
    """A Quote as plain data (tuples become lists) for a stored field or JSON."""
    data = dict(zip(_QUOTE_FIELDS, _QUOTE_VALUES(quote), strict=True))
    data["also_in"] = list(quote.also_in)
    data["evidence"] = [list(span) for span in quote.evidence]
    return data


# `dataclasses.asdict` copies recursively: ~0.5 ms a quote, seconds for a corpus.
_QUOTE_FIELDS = tuple(f.name for f in dataclass_fields(Quote))
_QUOTE_VALUES = attrgetter(*_QUOTE_FIELDS)


def quote_from_stored(data: dict[str, Any]) -> Quote:
    """The Quote written by `quote_to_stored`."""
    return Quote(
        **{
            **data,
            "also_in": tuple(data.get("also_in") or ()),
            "evidence": tuple((int(s), int(e)) for s, e in data.get("evidence") or ()),
        }
    )


def with_links(quote: Quote, cluster: str | None, also_in: tuple[str, ...]) -> Quote:
    """The quote with its cross-source links replaced."""
    return replace(quote, cluster=cluster, also_in=also_in)


def article_from_stored(fields: dict[str, Any]) -> Article:
    """The Article stored by `article_doc`."""
    return Article(
        id=fields["id"],
        path=fields["path"],
        title=fields.get("title") or "",
        text=fields.get("text_display") or "",
        paragraphs=tuple((int(a), int(b)) for a, b in fields.get("paragraphs") or ()),
        url=fields.get("url"),
        date=fields.get("date"),
        source=fields.get("source"),
        author=fields.get("author"),
    )


def info_from_stored(fields: dict[str, Any]) -> ArticleInfo:
    """The list entry for an article, without building the whole Article."""
    return ArticleInfo(
        id=fields["id"],
        path=fields["path"],
        title=fields.get("title") or "",
        quotes=int(fields.get("quotes") or 0),
        chars=len(fields.get("text_display") or ""),
        outlet=fields.get("source"),
        date=fields.get("date"),
        author=fields.get("author"),
        url=fields.get("url"),
    )


def info_of(article: Article, quote_count: int) -> ArticleInfo:
    """The list entry for an article just read."""
    return ArticleInfo(
        article.id,
        article.path,
        article.title,
        quote_count,
        len(article.text),
        article.source,
        article.date,
        article.author,
        article.url,
    )
