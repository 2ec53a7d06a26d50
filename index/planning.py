"""Deciding what an update must touch: files added, changed, removed, or only touched.

A file counts as unchanged when its size, mtime, ctime and inode match the stored
fingerprint; when any differs its content hash decides, so `touch` or a copy that
keeps the bytes re-indexes nothing, while `cp -p` or rsync writing new bytes under
the old size and mtime is still seen (writing always moves the ctime).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from whoosh.searching import Searcher

from .corpus import FileEntry, read_regular_file
from .models import Skipped


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the index remembers of one corpus file."""

    size: int
    mtime_ns: int
    sha: str
    skipped: tuple[Skipped, ...] = ()
    ctime_ns: int = 0
    inode: int = 0

    @classmethod
    def of(cls, entry: FileEntry, sha: str, skipped: Iterable[Skipped] = ()) -> Fingerprint:
        """The fingerprint of a scanned file whose bytes hash to `sha`."""
        return cls(entry.size, entry.mtime_ns, sha, tuple(skipped), entry.ctime_ns, entry.inode)


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
        prints[fields["path"]] = Fingerprint(
            int(fields["size"]),
            int(fields["mtime_ns"]),
            fields["sha"],
            skipped,
            int(fields.get("ctime_ns") or 0),
            int(fields.get("inode") or 0),
        )
    return prints


def stat_differs(entry: FileEntry, known: Fingerprint) -> bool:
    return (
        entry.size != known.size
        or entry.mtime_ns != known.mtime_ns
        or entry.ctime_ns != known.ctime_ns
        or entry.inode != known.inode
    )


def differs_cheaply(entries: list[FileEntry], prints: dict[str, Fingerprint]) -> bool:
    """Whether a stat-only comparison finds anything to do (no file is read)."""
    if len(entries) != len(prints):
        return True
    return any(e.rel not in prints or stat_differs(e, prints[e.rel]) for e in entries)


def make_plan(entries: list[FileEntry], prints: dict[str, Fingerprint]) -> UpdatePlan:
    """Compare the scanned files with the fingerprints; hashes only files whose stat changed."""
    plan = UpdatePlan()
    seen = set()
    for entry in entries:
        seen.add(entry.rel)
        known = prints.get(entry.rel)
        if known is None:
            plan.to_read.append(entry)
            plan.added += 1
            continue
        if not stat_differs(entry, known):
            plan.unchanged += 1
            plan.kept_skipped.extend(known.skipped)
            continue
        try:
            sha = content_hash(entry.path)
        except OSError:
            sha = ""
        if sha and sha == known.sha:
            plan.unchanged += 1
            plan.kept_skipped.extend(known.skipped)
            plan.retouched.append((entry, sha, known.skipped))
        else:
            plan.to_read.append(entry)
            plan.to_delete.append(entry.rel)
            plan.changed += 1
    for rel in prints:
        if rel not in seen:
            plan.to_delete.append(rel)
            plan.removed += 1
    return plan
