"""Telling a damaged index from a sound one: checksums, decode errors and a damage mark.

Whoosh checks nothing it reads: garbage bytes in a segment either raise a decode
error deep inside a search (zlib, unpickling, struct) or silently change what is
found. So each generation's sidecar records a BLAKE2b checksum of every index
file (`file_sums`, at commit), `verify` compares them on demand (the reader runs
it in the background, `sourcedesk index --check` in the foreground), and a
decode error while reading becomes `IndexDamaged`. Either way the damage is
written to a mark naming the generation, so the next update of any process
rebuilds the index instead of trusting it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import pickle
import re
import struct
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path

from .models import IndexUnavailable, QueryError

DAMAGE_MARK = "sourcedesk.damaged.json"
_TOC = re.compile(r"^_MAIN_(\d+)\.toc$")
_CHUNK = 1 << 20

# What reading garbled bytes raises inside Whoosh: compressed stored fields and
# postings (zlib), pickled stored fields, packed numbers (struct, array), short
# reads (EOF), and names or terms that no longer decode.
DECODE_ERRORS: tuple[type[BaseException], ...] = (
    zlib.error,
    pickle.UnpicklingError,
    struct.error,
    EOFError,
    UnicodeDecodeError,
    OverflowError,
    MemoryError,
)


class IndexDamaged(IndexUnavailable):
    """The index's files are damaged; the next update rebuilds it."""


def _chain(err: BaseException) -> Iterator[BaseException]:
    """`err`, then what it wraps (its cause or context), each once."""
    seen: set[int] = set()
    current: BaseException | None = err
    while current is not None and id(current) not in seen:
        yield current
        seen.add(id(current))
        current = current.__cause__ or current.__context__


def is_decode_error(err: BaseException) -> bool:
    """Whether `err` (or what it wraps) is garbage read from an index file."""
    for current in _chain(err):
        if isinstance(current, DECODE_ERRORS):
            return True
        # A garbled file offset: seeking before the start of a file or past any size.
        if isinstance(current, OSError) and current.errno == errno.EINVAL:
            return True
        # Whoosh's posting reader raises a bare Exception on a garbled block header.
        if type(current) is Exception and str(current).startswith("Block tag error"):
            return True
    return False


# What else a garbled pickle raises: a protocol, a number or a class that is not there
# (`unsupported pickle protocol: 9`). Bugs raise these too, so they are damage only
# when the index's files fail their checksums (`is_damage_shaped`, then `damaged_files`).
_GARBAGE_SHAPED = (ValueError, TypeError, KeyError, IndexError, AttributeError, ImportError)


def is_damage_shaped(err: BaseException) -> bool:
    """Whether `err` (or what it wraps) could be garbage read, not a query written wrong."""
    return any(
        isinstance(current, _GARBAGE_SHAPED) and not isinstance(current, QueryError)
        for current in _chain(err)
    )


def file_sum(path: Path) -> str:
    """BLAKE2b of one file, read in chunks (segments can be hundreds of megabytes)."""
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as src:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_sums(
    index_dir: Path, sizes: Mapping[str, int], known: Mapping[str, tuple[int, str]]
) -> dict[str, str]:
    """The checksum of each listed file; `known` (name -> size, sum) from the previous
    generation is reused for files of the same name and size, since Whoosh never
    rewrites a segment file in place: only new segments and the new TOC are read."""
    sums = {}
    for name, size in sizes.items():
        previous = known.get(name)
        sums[name] = previous[1] if previous and previous[0] == size else file_sum(index_dir / name)
    return sums


def damaged_files(index_dir: Path, sums: Mapping[str, str]) -> list[str]:
    """One line per listed file that is missing or whose bytes changed since the commit."""
    problems = []
    for name, expected in sorted(sums.items()):
        try:
            actual = file_sum(index_dir / name)
        except FileNotFoundError:
            problems.append(f"{name} is missing")
            continue
        except OSError as err:
            problems.append(f"{name} cannot be read ({err.strerror or err})")
            continue
        if actual != expected:
            problems.append(f"{name} does not match its checksum")
    return problems


def mark_damaged(index_dir: Path, generation: int, reason: str) -> None:
    """Record that this generation is damaged, so the next update rebuilds it.

    Best effort: on a read-only or full disk the mark cannot be written, and the
    damage is found again by the next reader instead.
    """
    target = index_dir / DAMAGE_MARK
    temporary = index_dir / f".{DAMAGE_MARK}.{os.getpid()}.tmp"
    mark = {"generation": generation, "toc": _toc_identity(index_dir, generation), "reason": reason}
    with contextlib.suppress(OSError):
        temporary.write_text(json.dumps(mark))
        os.replace(temporary, target)
    with contextlib.suppress(OSError):
        temporary.unlink()


def latest_generation(index_dir: Path) -> int | None:
    """The newest generation on disk, from the TOC file names (no TOC is opened)."""
    try:
        names = os.listdir(index_dir)
    except OSError:
        return None
    generations = [int(m.group(1)) for name in names if (m := _TOC.match(name))]
    return max(generations, default=None)


def mark_latest_damaged(index_dir: Path, reason: str) -> None:
    """`mark_damaged` for the newest generation on disk (its TOC may not even open)."""
    generation = latest_generation(index_dir)
    if generation is not None:
        mark_damaged(index_dir, generation, reason)


def recorded_damage(index_dir: Path, generation: int) -> str | None:
    """The damage marked for this generation, or None (a mark of another one is stale)."""
    try:
        data = json.loads((index_dir / DAMAGE_MARK).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("generation") != generation:
        return None
    if data.get("toc") != _toc_identity(index_dir, generation):
        return None  # a rebuilt index restarts its generations: same number, new TOC
    reason = data.get("reason")
    return reason if isinstance(reason, str) and reason else "marked as damaged"


def clear_stale_mark(index_dir: Path, generation: int) -> None:
    """Remove a damage mark left for an older generation (the index was rebuilt since)."""
    if recorded_damage(index_dir, generation) is None:
        with contextlib.suppress(OSError):
            (index_dir / DAMAGE_MARK).unlink()


def _toc_identity(index_dir: Path, generation: int) -> str:
    """The checksum of the generation's TOC, which names its (randomly named) segments."""
    try:
        return file_sum(index_dir / f"_MAIN_{generation}.toc")
    except OSError:
        return ""


def describe_decode_error(err: BaseException) -> str:
    """A one-line reason for a decode error, for messages and the damage mark."""
    return f"{type(err).__name__}: {err}"[:200]
