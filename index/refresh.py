"""One update of a corpus's index: lock, check, plan, write (here or with worker processes)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from whoosh.index import FileIndex

from .bulk_build import workers_for
from .corpus import scan_corpus
from .locking import write_lock
from .models import IndexUnavailable, Progress, UpdateReport
from .planning import Fingerprint, load_fingerprints, make_plan
from .store import create_fresh, open_checked
from .updater import ProgressFn, apply_plan


def update_index(
    root: Path,
    index_dir: Path,
    progress: ProgressFn | None = None,
    *,
    lock_wait: float = 10.0,
    follow_links: bool = False,
) -> tuple[FileIndex, UpdateReport, dict[str, Fingerprint]]:
    """Bring the index of `root` up to date; returns the open index, the report and fingerprints.

    Raises `IndexUnavailable` when another process keeps the lock past `lock_wait`.
    """
    started = time.perf_counter()
    try:
        return _update(root, index_dir, progress, lock_wait, started, follow_links)
    except OSError as err:  # a read-only or full disk, a vanished index folder
        where = err.filename or index_dir
        raise IndexUnavailable(
            f"the index in {index_dir} could not be written ({err.strerror or err}: {where})"
        ) from err


def _update(
    root: Path,
    index_dir: Path,
    progress: ProgressFn | None,
    lock_wait: float,
    started: float,
    follow_links: bool,
) -> tuple[FileIndex, UpdateReport, dict[str, Fingerprint]]:
    with write_lock(index_dir, wait=lock_wait):
        ix, reason = open_checked(index_dir, root)
        rebuilt = ix is None
        if ix is None:
            ix = create_fresh(index_dir)
        if progress:
            progress(Progress("scan"))
        entries, scan_skipped = scan_corpus(root, follow_links=follow_links)
        if progress:
            progress(Progress("scan", len(entries), len(entries)))
        before = _known_prints(ix, index_dir) if not rebuilt else None
        if before is None:
            with ix.searcher() as searcher:
                before = load_fingerprints(searcher)
        plan = make_plan(entries, before)
        read_skipped: list = []
        prints = before
        if plan.has_changes or rebuilt:
            read_skipped, written = apply_plan(
                ix, root, index_dir, plan, workers=workers_for(plan), progress=progress
            )
            gone = set(plan.to_delete)
            prints = {rel: p for rel, p in before.items() if rel not in gone}
            prints.update(written)
        _remember_prints(ix, index_dir, prints)
    report = UpdateReport(
        added=plan.added,
        changed=plan.changed,
        removed=plan.removed,
        unchanged=plan.unchanged,
        skipped=tuple(scan_skipped) + tuple(plan.kept_skipped) + tuple(read_skipped),
        seconds=time.perf_counter() - started,
        rebuilt=rebuilt and reason != "new index",
        reason=reason,
        index_dir=index_dir,
    )
    return ix, report, prints


# index folder -> (the generation's TOC identity, the fingerprints it holds)
_KNOWN: dict[Path, tuple[tuple[int, int, int], dict[str, Fingerprint]]] = {}


def _toc_identity(ix: FileIndex, index_dir: Path) -> tuple[int, int, int] | None:
    """The latest generation with its TOC file's inode and mtime: another process's
    rebuild can reuse a generation number, never the same file."""
    generation = ix.latest_generation()
    try:
        info = os.stat(index_dir / f"_{ix.indexname}_{generation}.toc")
    except OSError:
        return None
    return generation, info.st_ino, info.st_mtime_ns


def _known_prints(ix: FileIndex, index_dir: Path) -> dict[str, Fingerprint] | None:
    """The fingerprints this process wrote or read for the index's current generation.

    Reading them back costs a stored-fields read per corpus file (~0.5 s at 19k
    files): an update of one file should cost that file.
    """
    known = _KNOWN.get(index_dir)
    identity = _toc_identity(ix, index_dir)
    if known is None or identity is None or known[0] != identity:
        return None
    return known[1]


def _remember_prints(ix: FileIndex, index_dir: Path, prints: dict[str, Fingerprint]) -> None:
    identity = _toc_identity(ix, index_dir)
    if identity is not None:
        _KNOWN[index_dir] = (identity, prints)
