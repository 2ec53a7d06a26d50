"""Sidecar state tied to one index generation: file sizes, checksums, the article
list, the corpus files' fingerprints and quote clusters.

`state-N.json` is small: the generation's index files with their sizes and
checksums, and for each of the three lists (articles, fingerprints, clusters)
the chain of *parts* it is made of. A part is an immutable file named after the
checksum of its bytes (`part-<digest>.json`): the first of a chain holds whole
rows, each later one the rows an update dropped and added. A one-file update
therefore writes a few hundred bytes, not the corpus's lists again (23 MB at
100k articles), and a list no update changed (the clusters, most of the time)
keeps its parts. Every `COMPACT_AFTER` parts, or when the changes outgrow a
quarter of the list, the chain is written whole again.

Written atomically (parts first, then the state file through a temporary file
and `os.replace`) after Whoosh commits, and named after the generation it
describes, so a reader either finds the sidecar of the generation it opened or
none, never a half-written or stale one. The state file's first line carries a
checksum of the rest, and each part is checked against its name when decoded:
a sidecar that was edited, cut short or is of another shape reads as absent, so
the caller recomputes from the index (and the next update rewrites it) instead
of trusting it. Lists decoded once are kept per process by chain, so reading the
next generation's sidecar costs the parts added since.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

from .atomic_write import write_atomically
from .documents import quote_from_stored, quote_to_stored
from .integrity import clear_stale_mark, file_sums
from .models import ArticleInfo, Cluster, DiffPart, Skipped, Version
from .planning import Fingerprint

STATE_PATTERN = re.compile(r"^state-(\d+)\.json$")
PART_PATTERN = re.compile(r"^part-([0-9a-f]{32})\.json$")
INDEX_FILE_PATTERN = re.compile(r"^_?MAIN_")
# Whoosh's lock file: empty, and absent whenever no Whoosh writer ran; not index data.
_NOT_INDEX_DATA = re.compile(r"WRITELOCK$")
STATE_FORMAT = 3
KINDS = ("articles", "prints", "clusters")
EAGER_KINDS = ("articles", "prints")  # decoded with the state; clusters when asked for
# A chain is written whole again past this many parts, or when its changed rows
# pass a quarter of its length (decoding many parts would cost a fresh process).
# At 8 the rewrite (23 MB at 100k) fell on every 8th one-file update.
COMPACT_AFTER = 32
_SHA_CHARS = 40  # planning.digest: BLAKE2b of 20 bytes, in hex


@dataclass(frozen=True, slots=True)
class Delta:
    """What an update changed in one list: the keys it dropped (article and
    fingerprint rows by file path, clusters by id) and the rows it added."""

    drop: Collection[str]
    rows: Any  # ArticleInfos, fingerprints by path, or clusters


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


# --- the three lists: rows on disk <-> values in memory ------------------------------


def _article_rows(infos: Sequence[ArticleInfo]) -> list[list[Any]]:
    return [
        [a.id, a.path, a.title, a.quotes, a.chars, a.outlet, a.date, a.author, a.url] for a in infos
    ]


def _prints_rows(prints: dict[str, Fingerprint]) -> dict[str, Any]:
    """Fingerprints as columns: one list of paths, one flat list of stat numbers, one
    string of hashes, the few skipped reasons apart (100k rows of objects took seconds
    to decode; columns take tens of milliseconds)."""
    return {
        "paths": list(prints),
        "stats": [n for p in prints.values() for n in p.stat],
        "shas": "".join(p.sha.ljust(_SHA_CHARS)[:_SHA_CHARS] for p in prints.values()),
        "skipped": {
            rel: [[s.path, s.reason] for s in p.skipped] for rel, p in prints.items() if p.skipped
        },
    }


def _prints_from_rows(rows: dict[str, Any]) -> dict[str, Fingerprint]:
    paths, flat, shas = rows["paths"], rows["stats"], rows["shas"]
    if len(flat) != 4 * len(paths) or len(shas) != _SHA_CHARS * len(paths):
        raise ValueError("fingerprint columns of different lengths")
    numbers = iter(flat)
    stats = zip(numbers, numbers, numbers, numbers, strict=False)
    hashes = (shas[i : i + _SHA_CHARS].rstrip() for i in range(0, len(shas), _SHA_CHARS))
    prints = dict(zip(paths, map(Fingerprint._make, zip(stats, hashes, repeat(()))), strict=True))
    for rel, reasons in rows["skipped"].items():
        prints[rel] = prints[rel]._replace(skipped=tuple(Skipped(p, r) for p, r in reasons))
    return prints


def _decode(kind: str, rows: Any) -> Any:
    if kind == "articles":
        return [ArticleInfo(*row) for row in rows]
    if kind == "prints":
        return _prints_from_rows(rows)
    if not all(isinstance(c, dict) and "id" in c for c in rows):
        raise ValueError("a cluster without an id")
    return list(rows)


def _encode(kind: str, value: Any) -> Any:
    if kind == "articles":
        return _article_rows(value)
    if kind == "prints":
        return _prints_rows(value)
    return [c if isinstance(c, dict) else cluster_to_data(c) for c in value]


def _apply(kind: str, value: Any, drop: Collection[str], added: Any) -> Any:
    """The list `value` without the rows keyed by `drop`, plus `added` (decoded)."""
    dropped = set(drop)
    if kind == "articles":
        return [a for a in value if a.path not in dropped] + added
    if kind == "prints":  # copied in C, then the few dropped: no loop over 100k rows
        prints = dict(value)
        for rel in dropped:
            prints.pop(rel, None)
        prints.update(added)
        return prints
    return sorted([c for c in value if c["id"] not in dropped] + added, key=_cluster_order)


def _cluster_order(data: dict[str, Any]) -> tuple[str, str, int, str]:
    """`clusters.cluster_order` of a cluster as data: the order a fresh build lists them in."""
    first = data["versions"][0]["quote"]
    return (first["date"] or "9999", first["path"], first["start"], first["article_id"])


def _whole(kind: str, given: Any) -> Any:
    """A list as kept in memory: `ArticleInfo`s, fingerprints by path, cluster data."""
    if kind == "articles":
        return list(given)
    if kind == "prints":
        return dict(given)
    return _encode(kind, given)


# --- parts on disk, and the lists decoded from them (kept per process) --------------


def _part_path(index_dir: Path, digest: str) -> Path:
    return index_dir / f"part-{digest}.json"


def _read_part(index_dir: Path, digest: str) -> dict[str, Any]:
    """A part's data; ValueError when its bytes do not match its name or shape."""
    raw = _part_path(index_dir, digest).read_bytes()
    if _digest(raw) != digest:
        raise ValueError(f"part {digest} does not match its checksum")
    data = json.loads(raw)
    if not isinstance(data, dict) or data.get("kind") not in KINDS:
        raise ValueError(f"part {digest} is of another shape")
    return data


def _write_part(index_dir: Path, kind: str, drop: Collection[str], rows: Any) -> str:
    raw = json.dumps({"kind": kind, "drop": list(drop), "rows": rows}).encode("ascii")
    digest = _digest(raw)
    write_atomically(_part_path(index_dir, digest), raw)  # again even if present: it may be damaged
    return digest


# (index folder, kind) -> (chain of part digests, the list decoded from it); the two
# latest chains of each, so the next generation's sidecar decodes only what it added.
_decoded: dict[tuple[Path, str], list[tuple[tuple[str, ...], Any]]] = {}
_KEPT_CHAINS = 2


def _remember(index_dir: Path, kind: str, chain: tuple[str, ...], value: Any) -> None:
    kept = _decoded.setdefault((index_dir, kind), [])
    kept[:] = [(c, v) for c, v in kept if c != chain][: _KEPT_CHAINS - 1]
    kept.insert(0, (chain, value))


def _materialise(index_dir: Path, kind: str, chain: tuple[str, ...]) -> Any:
    """The list a chain of parts makes, from the longest chain decoded before that
    it continues; raises OSError or ValueError for a missing or damaged part."""
    start, value = 0, None
    for known, known_value in _decoded.get((index_dir, kind), ()):
        if chain[: len(known)] == known and len(known) > start:
            start, value = len(known), known_value
    decoded_from = start
    if value is None:
        base = _read_part(index_dir, chain[0])
        if base["kind"] != kind or base["drop"]:
            raise ValueError(f"part {chain[0]} is no {kind} list")
        start, value = 1, _decode(kind, base["rows"])
    for digest in chain[start:]:
        delta = _read_part(index_dir, digest)
        if delta["kind"] != kind:
            raise ValueError(f"part {digest} is no {kind} change")
        value = _apply(kind, value, delta["drop"], _decode(kind, delta["rows"]))
    if decoded_from < len(chain):
        _remember(index_dir, kind, chain, value)
    return value


# --- the state file --------------------------------------------------------------------


def write_state(
    index_dir: Path,
    generation: int,
    *,
    clusters: Sequence[Cluster | dict[str, Any]] | Delta | None,
    articles: Sequence[ArticleInfo] | Delta,
    prints: dict[str, Fingerprint] | Delta | None,
    previous: dict[str, Any] | None = None,
) -> None:
    """Record the generation's files (sizes and checksums) and its three lists, then
    drop older sidecars, parts no longer listed and any damage mark of an older generation.

    Each list is given whole, or as a `Delta` of the `previous` state's (the state
    `read_state` gave for the generation this update started from); clusters None
    keep the previous ones unchanged, prints None record none (they are then read
    back from the index).
    """
    sizes = index_files(index_dir)
    parts: dict[str, list[str]] = {}
    for kind, given in (("articles", articles), ("prints", prints), ("clusters", clusters)):
        before = tuple((previous or {}).get("parts", {}).get(kind) or ())
        if given is None and kind == "clusters":
            if not before:
                raise ValueError("no clusters to keep")
            parts[kind] = list(before)
        elif given is not None:
            parts[kind] = list(_write_list(index_dir, kind, given, before, previous))
    data = {
        "generation": generation,
        "files": sizes,
        "sums": file_sums(index_dir, sizes, _previous_sums(index_dir)),
        "parts": parts,
    }
    body = json.dumps(data).encode("ascii")  # ASCII: file names may carry lone surrogates
    header = json.dumps({"format": STATE_FORMAT, "digest": _digest(body)}).encode("ascii")
    write_atomically(state_path(index_dir, generation), header + b"\n" + body)
    listed = {digest for chain in parts.values() for digest in chain}
    for entry in os.scandir(index_dir):
        state, part = STATE_PATTERN.match(entry.name), PART_PATTERN.match(entry.name)
        if (state and int(state.group(1)) != generation) or (part and part[1] not in listed):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    clear_stale_mark(index_dir, generation)


def _write_list(
    index_dir: Path, kind: str, given: Any, before: tuple[str, ...], previous: dict | None
) -> tuple[str, ...]:
    """The chain of parts recording `given` (whole, or a `Delta` of `previous`'s list)."""
    if isinstance(given, Delta):
        if previous is None or not before:
            raise ValueError(f"a change to the {kind} list needs the list it changes")
        old = _materialise(index_dir, kind, before)
        added = _whole(kind, given.rows)
        value = _apply(kind, old, given.drop, added)
        if len(before) < COMPACT_AFTER and len(given.drop) + len(added) <= len(old) / 4:
            chain = (*before, _write_part(index_dir, kind, given.drop, _encode(kind, added)))
            _remember(index_dir, kind, chain, value)
            return chain
    else:
        value = _whole(kind, given)
    chain = (_write_part(index_dir, kind, (), _encode(kind, value)),)
    _remember(index_dir, kind, chain, value)
    return chain


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


def read_state(index_dir: Path, generation: int) -> dict[str, Any] | None:
    """The sidecar of exactly this generation, or None when absent, unreadable, not
    matching its checksums or not of the expected shape: `files`, `sums`, `parts`
    as recorded, and the lists under `articles` (`ArticleInfo`s) and `prints` (by
    path; absent when none were recorded); the clusters, the largest part (45 MB
    at 100k), are decoded when asked for (`clusters_from_state`). Callers must not
    change the lists: they are shared with the next read."""
    try:
        raw = state_path(index_dir, generation).read_bytes()
        header_line, _newline, body = raw.partition(b"\n")
        header = json.loads(header_line)
        if not isinstance(header, dict) or header.get("format") != STATE_FORMAT:
            return None
        if header.get("digest") != _digest(body):
            return None
        data = json.loads(body)
        if not _well_formed(data) or data["generation"] != generation:
            return None
        for kind in EAGER_KINDS:
            if kind in data["parts"]:
                data[kind] = _materialise(index_dir, kind, tuple(data["parts"][kind]))
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None
    return data


def _well_formed(data: object) -> bool:
    """Whether a sidecar has the top-level shape `write_state` gives it; the checksums
    already vouch for the rest (only `write_state` writes matching ones)."""
    if not isinstance(data, dict) or not isinstance(data.get("generation"), int):
        return False
    if not all(isinstance(data.get(key), dict) for key in ("files", "sums", "parts")):
        return False
    parts = data["parts"]
    return (
        "articles" in parts
        and "clusters" in parts
        and set(parts) <= set(KINDS)
        and all(
            isinstance(chain, list) and chain and all(isinstance(d, str) for d in chain)
            for chain in parts.values()
        )
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
    return None if state is None else state.get("articles")


def clusters_from_state(index_dir: Path, state: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The clusters recorded in a sidecar (as `cluster_to_data` gives them), or None
    when their parts are missing or damaged."""
    try:
        return _materialise(index_dir, "clusters", tuple(state["parts"]["clusters"]))
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None


def prints_from_state(state: dict[str, Any] | None) -> dict[str, Fingerprint] | None:
    """The corpus files' fingerprints recorded in a sidecar, or None when it has none."""
    return None if state is None else state.get("prints")


def cluster_to_data(cluster: Cluster) -> dict[str, Any]:
    """A cluster as plain data, built directly (`dataclasses.asdict` copies recursively:
    a second per thousand clusters)."""
    return {
        "id": cluster.id,
        "versions": [
            {
                "quote": quote_to_stored(v.quote),
                "parts": [{"text": p.text, "changed": p.changed} for p in v.parts],
            }
            for v in cluster.versions
        ],
    }


def cluster_from_data(data: dict[str, Any]) -> Cluster:
    versions = tuple(
        Version(
            quote=quote_from_stored(v["quote"]),
            parts=tuple(DiffPart(**p) for p in v.get("parts") or ()),
        )
        for v in data.get("versions") or ()
    )
    return Cluster(id=data["id"], versions=versions)
