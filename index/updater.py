"""Applying an update plan to the index with one Whoosh writer, then linking quotes.

Reading files, extracting quotations and the corpus-wide quote steps (canonical
speakers, clusters) all happen here, so the in-process path and the spawned bulk
builder run the same code. Whoosh commits atomically; the generation's sidecar
is written right after.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from whoosh.index import FileIndex, LockError
from whoosh.writing import IndexWriter

from .corpus import FileEntry, read_entry
from .documents import (
    article_doc,
    file_doc,
    meta_doc,
    quote_doc,
    quote_from_stored,
    quote_to_stored,
)
from .models import IndexUnavailable, Progress, Quote, Skipped
from .planning import UpdatePlan, content_hash
from .quotes import apply_clusters, canonicalize_speakers, cluster_quotes, extract_quotes
from .schema import SCHEMA_VERSION
from .state import write_state

ProgressFn = Callable[[Progress], None]
WRITER_LOCK_WAIT = 5.0
WRITER_MEMORY_MB = 256


def _ignore(_progress: Progress) -> None:
    """The progress callback used when the caller gave none."""


def open_writer(ix: FileIndex, procs: int) -> IndexWriter:
    """A Whoosh writer; several processes (one segment each) when `procs` > 1."""
    try:
        if procs > 1:
            return ix.writer(
                procs=procs, multisegment=True, limitmb=WRITER_MEMORY_MB // procs,
                timeout=WRITER_LOCK_WAIT,
            )
        return ix.writer(limitmb=WRITER_MEMORY_MB, timeout=WRITER_LOCK_WAIT)
    except LockError as err:
        raise IndexUnavailable(
            "another program holds the index's write lock; try again later"
        ) from err


def read_file(root: Path, entry: FileEntry) -> tuple[str, list, list[Skipped], list[Quote]]:
    """Hash, read and extract one file; any failure becomes a Skipped, never an exception."""
    try:
        sha = content_hash(entry.path)
        articles, skipped = read_entry(root, entry)
    except Exception as err:  # a bad file must not stop the corpus
        return "", [], [Skipped(entry.rel, f"could not be read ({type(err).__name__}: {err})")], []
    quotes: list[Quote] = []
    for article in articles:
        try:
            quotes.extend(extract_quotes(article))
        except Exception as err:  # quotations are a bonus; the article stays searchable
            skipped.append(Skipped(article.id, f"quotations not extracted ({err})"))
    return sha, articles, list(skipped), quotes


def apply_plan(
    ix: FileIndex,
    root: Path,
    index_dir: Path,
    plan: UpdatePlan,
    *,
    procs: int = 1,
    progress: ProgressFn | None = None,
) -> list[Skipped]:
    """Write the plan's changes, relink every quotation, commit, write the sidecar.

    Returns what was skipped while reading the plan's files.
    """
    report = progress or _ignore
    dropped = set(plan.to_delete)
    with ix.searcher() as searcher:
        stored = [f for f in searcher.documents(doctype="quote") if f["path"] not in dropped]
    writer = open_writer(ix, procs)
    try:
        for rel in plan.to_delete:
            writer.delete_by_term("path", rel)
        skipped, new_raw = _add_files(writer, root, plan, report)
        for entry, sha, kept in plan.retouched:
            writer.update_document(**file_doc(entry.rel, entry.size, entry.mtime_ns, sha, kept))
        clusters = _relink_quotes(writer, stored, new_raw, report)
        writer.update_document(**meta_doc(SCHEMA_VERSION, str(root)))
        report(Progress("commit", len(plan.to_read), len(plan.to_read)))
        writer.commit()
    except BaseException:
        with contextlib.suppress(Exception):
            writer.cancel()
        raise
    write_state(index_dir, ix.latest_generation(), clusters)
    return skipped


def _add_files(
    writer: IndexWriter, root: Path, plan: UpdatePlan, report: ProgressFn
) -> tuple[list[Skipped], list[Quote]]:
    """Index the plan's added and changed files; their quotations are returned, not written."""
    skipped: list[Skipped] = []
    new_raw: list[Quote] = []
    total, bytes_total, bytes_done = len(plan.to_read), plan.bytes_to_read, 0
    report(Progress("index", 0, total, 0, bytes_total))
    for done, entry in enumerate(plan.to_read, 1):
        sha, articles, file_skipped, quotes = read_file(root, entry)
        counts: dict[str, int] = {}
        for quote in quotes:
            counts[quote.article_id] = counts.get(quote.article_id, 0) + (quote.kind != "scare")
        for article in articles:
            writer.add_document(**article_doc(article, counts.get(article.id, 0)))
        writer.add_document(**file_doc(entry.rel, entry.size, entry.mtime_ns, sha, file_skipped))
        skipped.extend(file_skipped)
        new_raw.extend(quotes)
        bytes_done += entry.size
        report(Progress("index", done, total, bytes_done, bytes_total, entry.rel))
    return skipped, new_raw


def _relink_quotes(
    writer: IndexWriter, stored: list[dict], new_raw: list[Quote], report: ProgressFn
) -> list:
    """Redo canonical speakers and clusters over all quotations; rewrite only what changed."""
    previous = {f["id"]: f["quote"] for f in stored}
    raw = [quote_from_stored(f["raw_quote"]) for f in stored] + new_raw
    report(Progress("quotes", 0, len(raw)))
    canonical = canonicalize_speakers(raw)
    clusters = cluster_quotes(canonical)
    linked = apply_clusters(canonical, clusters)
    raw_by_id = {q.id: q for q in raw}
    for done, quote in enumerate(linked, 1):
        stored_now = previous.get(quote.id)
        if stored_now is None:
            writer.add_document(**quote_doc(quote, raw_by_id.get(quote.id, quote)))
        elif stored_now != quote_to_stored(quote):
            writer.update_document(**quote_doc(quote, raw_by_id.get(quote.id, quote)))
        if done % 1000 == 0:
            report(Progress("quotes", done, len(linked)))
    report(Progress("quotes", len(linked), len(linked)))
    return clusters
