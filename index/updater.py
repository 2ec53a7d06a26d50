"""Applying an update plan to the index with one Whoosh writer, then linking quotes.

Files are read and indexed here (`add_files`), or by worker processes for large
batches, which call the same function. The corpus-wide quote steps (canonical
speakers, clusters) then run over every quotation. Whoosh commits atomically
(new segments are listed in one TOC write); the generation's sidecar follows.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh.index import FileIndex, LockError
from whoosh.reading import SegmentReader
from whoosh.writing import IndexWriter

from .collector import collector_paused
from .corpus import FileEntry, entry_from_bytes, read_regular_file, unreadable
from .documents import (
    article_doc,
    file_doc,
    info_from_stored,
    info_of,
    meta_doc,
    term,
)
from .models import ArticleInfo, IndexUnavailable, Progress, Quote, Skipped
from .planning import Fingerprint, UpdatePlan, digest
from .quotes import extract_quotes
from .quotes.clusters import ClusterMemo
from .relink import (
    WriterQuotes,
    carried_to,
    cluster_changes,
    links_kept,
    previous_clusters,
    relink_quotes,
    remember,
    stored_quotes,
)
from .schema import SCHEMA_VERSION
from .state import Delta, prints_from_state, read_state, write_state
from .store import vouch_for
from .vocabulary import Vocabulary, write_vocabulary

if TYPE_CHECKING:
    from .segment_writer import SegmentSeries

ProgressFn = Callable[[Progress], None]
WRITER_LOCK_WAIT = 5.0
WRITER_MEMORY_MB = 256
# Small segments (each update adds one) kept apart before they are merged into one:
# every segment costs each search a little, a merge costs the update that does it.
# They are merged by tiers of their size on disk, `MAX_SMALL_SEGMENTS` of a tier at
# a time (see `_merge_policy`).
MAX_SMALL_SEGMENTS = 8
SMALL_SEGMENT_DOCS = 1000
FIRST_TIER_BYTES = 128 * 1024  # an update's segment is 15-30 KB; each tier is 8x the last


def _ignore(_progress: Progress) -> None:
    """The progress callback used when the caller gave none."""


def open_writer(ix: FileIndex) -> IndexWriter:
    """The Whoosh writer (it takes Whoosh's own lock too, inside our corpus lock)."""
    try:
        return ix.writer(limitmb=WRITER_MEMORY_MB, timeout=WRITER_LOCK_WAIT)
    except LockError as err:
        raise IndexUnavailable(
            "another program holds the index's write lock; try again later"
        ) from err


def read_file(root: Path, entry: FileEntry) -> tuple[str, list, list[Skipped], list[Quote]]:
    """Hash, read and extract one file; any failure becomes a Skipped, never an exception."""
    try:
        data = read_regular_file(entry.path)
    except OSError as err:
        return "", [], [unreadable(entry, err)], []
    try:  # read once: the same bytes are hashed and parsed
        sha = digest(data) if data is not None else ""
        articles, skipped = entry_from_bytes(entry, data)
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
    prints: dict[str, Fingerprint],
    *,
    workers: int = 0,
    progress: ProgressFn | None = None,
) -> tuple[list[Skipped], dict[str, Fingerprint]]:
    """Write the plan's changes, relink the quotations, commit, write the sidecar.

    `prints` are the fingerprints before the update. With `workers` > 0 the added
    files are read and indexed by that many spawned processes, each writing its
    own segment (see `bulk_build`); this process then only deletes, writes
    quotations and commits. Returns what was skipped and the fingerprints after.
    """
    report = progress or _ignore
    dropped = set(plan.to_delete)
    generation = ix.latest_generation()
    state = read_state(index_dir, generation)
    writer = open_writer(ix)
    try:
        with contextlib.ExitStack() as stack:
            # The writer's own searcher (kept open for its deletions): opening one
            # reads every segment's term index, tens of milliseconds at 100k.
            searcher = writer.searcher()
            # By path alone, then by type: a path's few documents, not every quotation's.
            dropped_quotes = [
                f
                for rel in plan.to_delete
                for f in searcher.documents(path=term(rel))
                if f.get("doctype") == "quote"
            ]
            before = None
            if state is None:  # the sidecar is lost: the article list from the index (slow)
                before = [info_from_stored(f) for f in searcher.documents(doctype="article")]
            for rel in plan.to_delete:
                writer.delete_by_term("path", term(rel), searcher=searcher)
            pool = None
            if workers > 0:
                from .bulk_build import indexing_workers

                pool = stack.enter_context(indexing_workers(root, index_dir, plan, workers, report))
                added = pool.added
            else:
                added = add_files(writer, root, plan.to_read, plan.bytes_to_read, report)
            for entry, sha, reasons in plan.retouched:
                writer.update_document(**file_doc(entry, sha, reasons))
            clusters: list | None = None  # None: the links are kept as they were
            relinked: tuple[list, ClusterMemo] | None = None
            before_clusters: tuple[list, ClusterMemo] | None = None
            if not links_kept(writer, state, dropped_quotes, added.quotes):
                # No cyclic collections while it allocates per quotation (none form
                # cycles): each would walk every object kept, the last relink's among them.
                with collector_paused():
                    stored = stored_quotes(index_dir, state, searcher, dropped)
                    # The clusters before, reused where their statements did not change.
                    before_clusters = previous_clusters(index_dir, state)
                    memo = before_clusters[1] if before_clusters else ClusterMemo()
                    # A bulk build's workers write its new quotations, in parallel;
                    # deletions and rewrites stay with this writer.
                    adder = pool if pool is not None else WriterQuotes(writer)
                    clusters, now = relink_quotes(writer, adder, stored, added.quotes, memo, report)
                relinked = (now, memo)
            if pool is not None:
                added.segments.extend(pool.finish())
        write_vocabulary(writer, added.vocabulary)
        writer.update_document(**meta_doc(SCHEMA_VERSION, str(root)))
        report(Progress("commit", len(plan.to_read), len(plan.to_read)))
        extra = list(added.segments)
        writer.commit(mergetype=lambda w, segments: _merge_policy(w, segments) + extra)
    except BaseException:
        with contextlib.suppress(Exception):
            writer.cancel()
        raise
    vouch_for(index_dir, root)
    written = dict(added.prints)
    for entry, sha, reasons in plan.retouched:
        written[entry.rel] = Fingerprint.of(entry, sha, reasons)
    generation = ix.latest_generation()
    if relinked is None:
        carried_to(index_dir, state)
    else:
        remember(index_dir, relinked[0], clusters or [], relinked[1])
    if state is None:  # every list whole (a first build, or the sidecar was lost)
        listed = [a for a in before or () if a.path not in dropped]
        write_state(
            index_dir,
            generation,
            clusters=clusters or [],
            articles=listed + added.infos,
            prints=_merged(prints, dropped, written),
        )
    else:  # what changed: a one-file update writes that file's rows
        changed_prints = Delta(plan.to_delete, written)
        write_state(
            index_dir,
            generation,
            clusters=_cluster_record(clusters, before_clusters),
            articles=Delta(plan.to_delete, added.infos),
            prints=changed_prints if "prints" in state else _merged(prints, dropped, written),
            previous=state,
        )
    # The sidecar's own table (made once, in `write_state`): the next check reuses it.
    recorded = prints_from_state(read_state(index_dir, generation))
    return added.skipped, recorded or _merged(prints, dropped, written)


def _cluster_record(clusters: list | None, before: tuple[list, ClusterMemo] | None) -> Any:
    """The clusters for the sidecar: None when kept, what changed when the clusters
    before are known (a one-file relink changes a few), else all of them."""
    if clusters is None or before is None:
        return clusters
    return cluster_changes(before[0], clusters)


def _merged(
    prints: dict[str, Fingerprint], dropped: set[str], written: dict[str, Fingerprint]
) -> dict[str, Fingerprint]:
    after = {rel: p for rel, p in prints.items() if rel not in dropped}
    after.update(written)
    return after


def _merge_policy(writer: IndexWriter, segments: list) -> list:
    """An update adds its segment and merges nothing until `MAX_SMALL_SEGMENTS` small
    segments (fewer than `SMALL_SEGMENT_DOCS` documents) of one size tier have piled
    up; then only those are merged, into one of the next tier. Merging every small
    segment at once rewrote, every 8th update, the one holding a build's vocabulary
    documents (2 MB at 100k: 4-5 s under load); by tiers, a document is rewritten
    once per tier it climbs, and the merge costs what the merged segments hold.
    Whoosh's MERGE_SMALL merged on every update once there were 6 segments, which a
    100k build always has; large segments are merged only by a rebuild."""
    storage, tiers = writer.storage, dict[int, list]()
    names = storage.list()
    for segment in segments:
        if segment.doc_count_all() < SMALL_SEGMENT_DOCS:
            prefix = f"{segment.segment_id()}."
            size = sum(storage.file_length(n) for n in names if n.startswith(prefix))
            tiers.setdefault(_size_tier(size), []).append(segment)
    full = [group for _tier, group in sorted(tiers.items()) if len(group) >= MAX_SMALL_SEGMENTS]
    if not full:
        return list(segments)
    merged = {id(segment) for segment in full[0]}
    for segment in full[0]:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [s for s in segments if id(s) not in merged]


def _size_tier(size: int) -> int:
    """0 below `FIRST_TIER_BYTES` on disk, then one more for each 8x."""
    tier, limit = 0, FIRST_TIER_BYTES
    while size >= limit:
        tier, limit = tier + 1, limit * MAX_SMALL_SEGMENTS
    return tier


@dataclass(slots=True)
class Added:
    """What indexing a batch of files produced; `segments` only from worker processes."""

    skipped: list[Skipped] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    infos: list[ArticleInfo] = field(default_factory=list)
    segments: list = field(default_factory=list)
    prints: dict[str, Fingerprint] = field(default_factory=dict)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)


def add_files(
    writer: IndexWriter | SegmentSeries,
    root: Path,
    entries: list[FileEntry],
    bytes_total: int,
    report: ProgressFn,
) -> Added:
    """Index these files' articles and fingerprints; their quotations are returned, not written."""
    added = Added()
    total, bytes_done = len(entries), 0
    report(Progress("index", 0, total, 0, bytes_total))
    for done, entry in enumerate(entries, 1):
        sha, articles, file_skipped, quotes = read_file(root, entry)
        counts: dict[str, int] = {}
        for quote in quotes:
            counts[quote.article_id] = counts.get(quote.article_id, 0) + (quote.kind != "scare")
        for article in articles:
            count = counts.get(article.id, 0)
            writer.add_document(**article_doc(article, count))
            added.vocabulary.add(article)
            added.infos.append(info_of(article, count))
        writer.add_document(**file_doc(entry, sha, file_skipped))
        added.prints[entry.rel] = Fingerprint.of(entry, sha, file_skipped)
        added.skipped.extend(file_skipped)
        added.quotes.extend(quotes)
        bytes_done += entry.size
        report(Progress("index", done, total, bytes_done, bytes_total, entry.rel))
    return added
