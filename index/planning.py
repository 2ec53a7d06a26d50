"""Deciding what an update must touch: files added, changed, removed, or only touched.

A file counts as unchanged when its size, mtime, ctime and inode match the stored
fingerprint; when any differs its content hash decides, so `touch` or a copy that
keeps the bytes re-indexes nothing, while `cp -p` or rsync writing new bytes under
the old size and mtime is still seen (writing always moves the ctime).
"""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from whoosh.searching import Searcher

from .corpus import FileEntry, read_regular_file
from .models import Skipped


class Fingerprint(NamedTuple):
    """What the index remembers of one corpus file: `stat` is `FileEntry.stat` (size,
    mtime, ctime, inode), compared as one tuple; a named tuple, since 100k of them are
    made whenever a process first reads the sidecar."""

    stat: tuple[int, int, int, int]
    sha: str
    skipped: tuple[Skipped, ...] = ()

    @classmethod
    def of(cls, entry: FileEntry, sha: str, skipped: Iterable[Skipped] = ()) -> Fingerprint:
        """The fingerprint of a scanned file whose bytes hash to `sha`."""
        return cls(entry.stat, sha, tuple(skipped))


@dataclass(slots=True)
class UpdatePlan:
    """The work of one update; `to_read` holds the added and changed files."""

    to_read: list[FileEntry] = field(default_factory=list)
    to_delete: list[str] = field(default_factory=list)
    retouched: list[tuple[FileEntry, str, tuple[Skipped, ...]]] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    kept_skipped: list[Skipped] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.to_read or self.to_delete or self.retouched)

    @property
    def bytes_to_read(self) -> int:
        return sum(entry.size for entry in self.to_read)


def content_hash(path: Path) -> str:
    """A hash of the file's bytes, read as the indexer reads them (never blocking on a FIFO)."""
    data = read_regular_file(path)
    if data is None:
        raise OSError(f"{path.name} is not a regular file")
    return digest(data)


def digest(data: bytes) -> str:
    """BLAKE2b of the bytes: fast, and collision-safe for telling versions of a file apart."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def load_fingerprints(searcher: Searcher) -> dict[str, Fingerprint]:
    """The stored fingerprint of every file in the index, by relative path."""
    prints = {}
    for fields in searcher.documents(doctype="file"):
        skipped = tuple(Skipped(path, reason) for path, reason in fields.get("skipped") or ())
        stat = (
            int(fields["size"]),
            int(fields["mtime_ns"]),
            int(fields.get("ctime_ns") or 0),
            int(fields.get("inode") or 0),
        )
        prints[fields["path"]] = Fingerprint(stat, fields["sha"], skipped)
    return prints


def differs_cheaply(entries: list[FileEntry], prints: dict[str, Fingerprint]) -> bool:
    """Whether a stat-only comparison finds anything to do (no file is read)."""
    return len(entries) != len(prints) or _stats(entries) != _known_stats(prints)


def _stats(entries: list[FileEntry]) -> dict[str, tuple[int, int, int, int]]:
    """Path -> stat of each scanned file, built without a Python loop."""
    return dict(zip(map(_REL, entries), map(_ENTRY_STAT, entries), strict=True))


def _known_stats(prints: dict[str, Fingerprint]) -> dict[str, tuple[int, int, int, int]]:
    """Path -> stat of each fingerprint; kept for the last few fingerprint tables (they
    are never changed once made: an update makes a new one), so the check the reader
    makes after each wake-up builds only the scan's side."""
    for table, stats in _KNOWN_STATS:
        if table is prints:
            return stats
    stats = dict(zip(prints, map(_PRINT_STAT, prints.values()), strict=True))
    _KNOWN_STATS[:] = [(prints, stats), *_KNOWN_STATS[: _KEPT_TABLES - 1]]
    return stats


_KNOWN_STATS: list[tuple[dict[str, Fingerprint], dict[str, tuple[int, int, int, int]]]] = []
_KEPT_TABLES = 2  # the sidecar's table and the one the last update returned


_REL = operator.itemgetter(0)
_ENTRY_STAT = operator.itemgetter(2, 3, 4, 5)  # FileEntry: size, mtime, ctime, inode
_PRINT_STAT = operator.attrgetter("stat")


def make_plan(entries: list[FileEntry], prints: dict[str, Fingerprint]) -> UpdatePlan:
    """Compare the scanned files with the fingerprints; hashes only files whose stat changed."""
    current, known = _stats(entries), _known_stats(prints)
    # Compared as dictionaries (in C) first: at 100k files a loop over every entry was
    # most of a one-file update; only files whose stat differs (or new ones) are visited.
    suspects = set()
    if current != known:
        suspects = {rel for rel, stat in current.items() if known.get(rel) != stat}
    gone = sorted(known.keys() - current.keys())
    by_rel = dict(zip(map(_REL, entries), entries, strict=True))
    return _planned(prints, by_rel, suspects, gone, len(entries))


def make_plan_for(found: dict[str, FileEntry | None], prints: dict[str, Fingerprint]) -> UpdatePlan:
    """`make_plan` when only the files in `found` (`scan_some`: path -> entry, None when
    gone) can differ from their fingerprints, so the others need no stat."""
    by_rel = {rel: entry for rel, entry in found.items() if entry is not None}
    suspects = {rel for rel, entry in by_rel.items() if _stat_differs(entry, prints)}
    gone = sorted(rel for rel, entry in found.items() if entry is None and rel in prints)
    count = len(prints) - len(gone) + sum(rel not in prints for rel in by_rel)
    return _planned(prints, by_rel, suspects, gone, count)


def found_differs(found: dict[str, FileEntry | None], prints: dict[str, Fingerprint]) -> bool:
    """`differs_cheaply` for the files `scan_some` found (the others are as fingerprinted)."""
    return any(
        rel in prints if entry is None else _stat_differs(entry, prints)
        for rel, entry in found.items()
    )


def _stat_differs(entry: FileEntry, prints: dict[str, Fingerprint]) -> bool:
    known = prints.get(entry.rel)
    return known is None or known.stat != entry.stat


def _planned(
    prints: dict[str, Fingerprint],
    by_rel: dict[str, FileEntry],
    suspects: set[str],
    gone: list[str],
    count: int,
) -> UpdatePlan:
    """The plan once the files whose stat differs (`suspects`, in `by_rel`) and the gone
    ones are known; `count` files are there now."""
    plan = UpdatePlan()
    plan.unchanged = count - len(suspects)
    dropped = set(gone)
    for rel in sorted(rel for rel, p in prints.items() if p.skipped and rel not in dropped):
        if rel not in suspects:
            plan.kept_skipped.extend(prints[rel].skipped)
    for rel in sorted(suspects):
        entry = by_rel[rel]
        known_print = prints.get(rel)
        if known_print is None:
            plan.to_read.append(entry)
            plan.added += 1
            continue
        try:
            sha = content_hash(entry.path)
        except OSError:
            sha = ""
        if sha and sha == known_print.sha:
            plan.unchanged += 1
            plan.kept_skipped.extend(known_print.skipped)
            plan.retouched.append((entry, sha, known_print.skipped))
        else:
            plan.to_read.append(entry)
            plan.to_delete.append(entry.rel)
            plan.changed += 1
    plan.to_delete.extend(gone)
    plan.removed = len(gone)
    return plan
