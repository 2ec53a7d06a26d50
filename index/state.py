"""Sidecar state tied to one index generation: file sizes and quote clusters.

Written atomically (temporary file, then `os.replace`) after Whoosh commits, and
named after the generation it describes, so a reader either finds the sidecar of
the generation it opened or none, never a half-written or stale one; without it
the caller recomputes.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .documents import quote_from_stored
from .models import ArticleInfo, Cluster, DiffPart, Version

STATE_PATTERN = re.compile(r"^state-(\d+)\.json$")
INDEX_FILE_PATTERN = re.compile(r"^_?MAIN_")


def state_path(index_dir: Path, generation: int) -> Path:
    return index_dir / f"state-{generation}.json"


def index_files(index_dir: Path) -> dict[str, int]:
    """The Whoosh files in the folder and their sizes (the manifest to check on open)."""
    sizes = {}
    for entry in os.scandir(index_dir):
        if entry.is_file() and INDEX_FILE_PATTERN.match(entry.name):
            sizes[entry.name] = entry.stat().st_size
    return sizes


def write_state(
    index_dir: Path,
    generation: int,
    clusters: list[Cluster | dict[str, Any]],
    articles: list[ArticleInfo],
) -> None:
    """Record the generation's files, clusters and article list, then drop older sidecars."""
    data = {
        "generation": generation,
        "files": index_files(index_dir),
        "clusters": [c if isinstance(c, dict) else cluster_to_data(c) for c in clusters],
        "articles": [[a.id, a.path, a.title, a.quotes, a.chars] for a in articles],
    }
    target = state_path(index_dir, generation)
    temporary = target.with_suffix(f".{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as out:
        # ASCII: file names may carry lone surrogates. `dumps` (C encoder), not `dump`
        # (pure-Python chunks, ~5x slower on 19k articles).
        out.write(json.dumps(data))
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, target)
    for entry in os.scandir(index_dir):
        match = STATE_PATTERN.match(entry.name)
        if match and int(match.group(1)) != generation:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def read_state(index_dir: Path, generation: int) -> dict[str, Any] | None:
    """The sidecar of exactly this generation, or None when absent or unreadable."""
    try:
        with open(state_path(index_dir, generation), encoding="utf-8") as src:
            data = json.load(src)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("generation") != generation:
        return None
    return data


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
