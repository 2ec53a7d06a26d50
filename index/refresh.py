"""One update of a corpus's index: lock, check, plan, write (here or with worker processes)."""

from __future__ import annotations

import time
from pathlib import Path

from whoosh.index import FileIndex

from .bulk_build import workers_for
from .collector import collector_paused
from .corpus import scan_corpus
from .locking import write_lock
from .models import IndexUnavailable, Progress, UpdateReport
from .planning import Fingerprint, load_fingerprints, make_plan
from .state import prints_from_state, read_state
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
        with collector_paused():
            entries, scan_skipped = scan_corpus(root, follow_links=follow_links)
            if progress:
                progress(Progress("scan", len(entries), len(entries)))
            before = _known_prints(ix, index_dir, rebuilt)
            plan = make_plan(entries, before)
        read_skipped: list = []
        prints = before
        if plan.has_changes or rebuilt:
            read_skipped, prints = apply_plan(
                ix, root, index_dir, plan, before, workers=workers_for(plan), progress=progress
            )
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


def _known_prints(ix: FileIndex, index_dir: Path, rebuilt: bool) -> dict[str, Fingerprint]:
    """The fingerprints of the index's current generation: from its sidecar (decoded
    once per process, then only the parts each update added), else read back from
    the index's file documents (a stored-fields read per corpus file: seconds at 100k)."""
    if rebuilt:
        return {}
    prints = prints_from_state(read_state(index_dir, ix.latest_generation()))
    if prints is not None:
        return prints
    with ix.searcher() as searcher:
        return load_fingerprints(searcher)
