"""One update of a corpus's index: lock, check, plan, write (here or with worker processes)."""

from __future__ import annotations

import time
from collections.abc import Collection
from pathlib import Path

from whoosh.index import FileIndex

from .bulk_build import workers_for
from .collector import collector_paused
from .corpus import (
    FileEntry,
    FolderStats,
    scan_corpus,
    scan_some,
    walk_changes,
    walk_stats,
    walked_entries,
)
from .locking import write_lock
from .models import IndexUnavailable, Progress, Skipped, UpdateReport
from .planning import Fingerprint, load_fingerprints, make_plan, make_plan_for
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
    changed: Collection[str] | None = None,
) -> tuple[FileIndex, UpdateReport, dict[str, Fingerprint]]:
    """Bring the index of `root` up to date; returns the open index, the report and fingerprints.

    `changed`: the only relative paths that can differ from the last update (the
    folder watcher's), so only they are stat'ed (`scan_some`); the folder is scanned
    whole when they cannot tell (see there) or no full scan of it was made before in
    this process. Raises `IndexUnavailable` when another process keeps the lock past
    `lock_wait`.
    """
    started = time.perf_counter()
    try:
        return _update(root, index_dir, progress, lock_wait, started, follow_links, changed)
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
    changed: Collection[str] | None,
) -> tuple[FileIndex, UpdateReport, dict[str, Fingerprint]]:
    with write_lock(index_dir, wait=lock_wait):
        ix, reason = open_checked(index_dir, root)
        rebuilt = ix is None
        if ix is None:
            ix = create_fresh(index_dir)
        if progress:
            progress(Progress("scan"))
        key = (root, follow_links)
        with collector_paused():
            before = _known_prints(ix, index_dir, rebuilt)
            hinted = None if rebuilt else _scan_hinted(root, follow_links, changed)
            walked = None if hinted is not None else walk_stats(root)
            kept = _last_walk.get(key)
            if hinted is not None:
                found, scan_skipped = hinted
                plan = make_plan_for(found, before)
                if kept is not None and kept[0] is before:  # the next plain update's to compare
                    walked = _with_found(kept[1], found)
            elif walked is not None:  # no link, mount or FIFO: nothing for `scan` to judge
                scan_skipped = _last_skipped[key] = []
                if kept is not None and kept[0] is before:  # the walk these prints were made of
                    plan = make_plan_for(walk_changes(root, kept[1], walked), before)
                else:
                    plan = make_plan(walked_entries(root, walked), before)
            else:
                entries, scan_skipped = scan_corpus(root, follow_links=follow_links)
                _last_skipped[key] = scan_skipped
                plan = make_plan(entries, before)
            _last_walk.pop(key, None)
            if progress:
                count = plan.unchanged + plan.added + plan.changed
                progress(Progress("scan", count, count))
        read_skipped: list = []
        prints = before
        if plan.has_changes or rebuilt:
            read_skipped, prints = apply_plan(
                ix, root, index_dir, plan, before, workers=workers_for(plan), progress=progress
            )
        if walked is not None:
            _last_walk[key] = (prints, walked)
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


# (corpus folder, follow_links) -> what its last full scan in this process skipped:
# still so after an update of only the files the watcher named (none of them).
_last_skipped: dict[tuple[Path, bool], list[Skipped]] = {}
# (corpus folder, follow_links) -> the fingerprints an update left and the `walk_stats`
# they were made of: the next plain update compares its walk with that one, folder by
# folder, and stats nothing twice. Told apart by identity: the sidecar's decoded table
# is the same object until an update changes it (`state._materialise`).
_last_walk: dict[tuple[Path, bool], tuple[dict[str, Fingerprint], dict[str, FolderStats]]] = {}


def _with_found(
    tables: dict[str, FolderStats], found: dict[str, FileEntry | None]
) -> dict[str, FolderStats]:
    """The walk `tables` as it is after an update of the files `scan_some` found (the
    folders they are in copied, the others shared)."""
    patched = dict(tables)
    for rel, entry in found.items():
        folder, _slash, name = rel.rpartition("/")
        table = patched[folder] = dict(patched.get(folder) or {})
        if entry is None:
            table.pop(name, None)
        else:
            table[name] = entry.stat
    return patched


def _scan_hinted(
    root: Path, follow_links: bool, changed: Collection[str] | None
) -> tuple[dict[str, FileEntry | None], list[Skipped]] | None:
    """The `changed` files as `scan_some` finds them and what the folder's last full scan
    skipped; None when the folder must be scanned whole."""
    skipped = _last_skipped.get((root, follow_links))
    if changed is None or skipped is None or any(s.path in changed for s in skipped):
        return None
    found = scan_some(root, changed)
    return None if found is None else (found, skipped)


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
