"""Sidecar state tied to one index generation: file sizes, checksums, the article
list and quote clusters.

Written atomically (temporary file, then `os.replace`) after Whoosh commits, and
named after the generation it describes, so a reader either finds the sidecar of
the generation it opened or none, never a half-written or stale one. Its first
line carries a checksum of the rest: a sidecar that was edited, cut short or is
of another shape reads as absent, so the caller recomputes from the index (and
the next update rewrites it) instead of trusting it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .atomic_write import write_atomically
from .documents import quote_from_stored
from .integrity import clear_stale_mark, file_sums
from .models import ArticleInfo, Cluster, DiffPart, Version

STATE_PATTERN = re.compile(r"^state-(\d+)\.json$")
INDEX_FILE_PATTERN = re.compile(r"^_?MAIN_")
# Whoosh's lock file: empty, and absent whenever no Whoosh writer ran; not index data.
_NOT_INDEX_DATA = re.compile(r"WRITELOCK$")
STATE_FORMAT = 2


def state_path(index_dir: Path, generation: int) -> Path:
    return index_dir / f"state-{generation}.json"


def index_files(index_dir: Path) -> dict[str, int]:
    """The Whoosh files in the folder and their sizes (the manifest to check on open)."""
    sizes = {}
    for entry in os.scandir(index_dir):
        name = entry.name
        if entry.is_file() and INDEX_FILE_PATTERN.match(name) and not _NOT_INDEX_DATA.search(name):
            sizes[name] = entry.stat().st_size
    return sizes


def write_state(
    index_dir: Path,
    generation: int,
    clusters: Sequence[Cluster | dict[str, Any]],
    articles: list[ArticleInfo],
) -> None:
    """Record the generation's files (sizes and checksums), clusters and article list,
    then drop older sidecars and any damage mark of an older generation."""
    sizes = index_files(index_dir)
    data = {
        "generation": generation,
        "files": sizes,
        "sums": file_sums(index_dir, sizes, _previous_sums(index_dir)),
        "clusters": [c if isinstance(c, dict) else cluster_to_data(c) for c in clusters],
        "articles": [
            [a.id, a.path, a.title, a.quotes, a.chars, a.outlet, a.date, a.author, a.url]
            for a in articles
        ],
    }
    body = json.dumps(data).encode("ascii")  # ASCII: file names may carry lone surrogates
    header = json.dumps({"format": STATE_FORMAT, "digest": _digest(body)}).encode("ascii")
    write_atomically(state_path(index_dir, generation), header + b"\n" + body)
    for entry in os.scandir(index_dir):
        match = STATE_PATTERN.match(entry.name)
        if match and int(match.group(1)) != generation:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    clear_stale_mark(index_dir, generation)


def _digest(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=16).hexdigest()


def _previous_sums(index_dir: Path) -> dict[str, tuple[int, str]]:
    """Name -> (size, checksum) from the newest valid sidecar still in the folder."""
    generations = sorted(
        (int(m.group(1)) for name in os.listdir(index_dir) if (m := STATE_PATTERN.match(name))),
        reverse=True,
    )
    for generation in generations:
        state = read_state(index_dir, generation)
        if state is not None:
            sizes, sums = state["files"], state.get("sums") or {}
            return {name: (sizes[name], sums[name]) for name in sums if name in sizes}
    return {}


# The last sidecar decoded, as (its bytes, its data): one update reads the same
# sidecar three or four times (opening, planning, writing the next), and decoding
# 19k articles' worth of JSON is most of a one-file update's cost.
_last_read: tuple[bytes, dict[str, Any]] | None = None


def read_state(index_dir: Path, generation: int) -> dict[str, Any] | None:
    """The sidecar of exactly this generation, or None when absent, unreadable, not
    matching its checksum or not of the expected shape. Callers must not change it:
    bytes identical to the last sidecar read give back the same data."""
    global _last_read
    try:
        raw = state_path(index_dir, generation).read_bytes()
        last = _last_read
        if last is not None and last[0] == raw and last[1]["generation"] == generation:
            return last[1]
        header_line, _newline, body = raw.partition(b"\n")
        header = json.loads(header_line)
        if not isinstance(header, dict) or header.get("format") != STATE_FORMAT:
            return None
        if header.get("digest") != _digest(body):
            return None
        data = json.loads(body)
    except (OSError, ValueError, RecursionError):
        return None
    if not _well_formed(data) or data["generation"] != generation:
        return None
    _last_read = (raw, data)
    return data


def _well_formed(data: object) -> bool:
    """Whether a sidecar has the top-level shape `write_state` gives it; the checksum
    already vouches for the rest (only `write_state` writes a matching one)."""
    if not isinstance(data, dict) or not isinstance(data.get("generation"), int):
        return False
    return all(
        isinstance(data.get(key), kind)
        for key, kind in (("files", dict), ("sums", dict), ("articles", list), ("clusters", list))
    )


def missing_or_resized(index_dir: Path, recorded: dict[str, int]) -> str | None:
    """Why the index files differ from the manifest (deleted or truncated), or None."""
    current = index_files(index_dir)
    for name, size in recorded.items():
        if name not in current:
            return f"index file {name} is missing"
        if current[name] != size:
            return f"index file {name} changed size ({size} -> {current[name]} bytes)"
    return None


def articles_from_state(state: dict[str, Any] | None) -> list[ArticleInfo] | None:
    """The article list recorded in a sidecar, or None when it has none."""
    rows = (state or {}).get("articles")
    if rows is None:
        return None
    return [ArticleInfo(*row) for row in rows]


def cluster_to_data(cluster: Cluster) -> dict[str, Any]:
    return {"id": cluster.id, "versions": [asdict(v) for v in cluster.versions]}


def cluster_from_data(data: dict[str, Any]) -> Cluster:
    versions = tuple(
        Version(
            quote=quote_from_stored(v["quote"]),
            parts=tuple(DiffPart(**p) for p in v.get("parts") or ()),
        )
        for v in data.get("versions") or ()
    )
    return Cluster(id=data["id"], versions=versions)
