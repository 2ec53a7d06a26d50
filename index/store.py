"""Opening the Whoosh index of a corpus: check it, and start afresh when it is unusable.

An index is unusable when it was built with another schema version or for
another corpus folder, or when it is damaged (a garbage TOC, a segment file
deleted or truncated). The reason is returned so the update report can say why
everything was indexed again. Only index files in the index folder are ever
deleted; the corpus is never written to.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from itertools import islice
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex
from whoosh.searching import Searcher

from .documents import META_KEY
from .integrity import recorded_damage
from .models import IndexUnavailable
from .schema import SCHEMA_VERSION, build_schema
from .state import INDEX_FILE_PATTERN, STATE_PATTERN, missing_or_resized, read_state


def check_index(ix: FileIndex, index_dir: Path, root: Path) -> str | None:
    """Why this index cannot be used for `root`, or None when it looks sound.

    Cheap: compares file sizes with the manifest of the generation, then reads
    the meta document and one stored document and term of every segment.
    """
    generation = ix.latest_generation()
    damage = recorded_damage(index_dir, generation)
    if damage:
        return f"the index is damaged: {damage}"
    state = read_state(index_dir, generation)
    if state is not None:
        damage = missing_or_resized(index_dir, state.get("files") or {})
        if damage:
            return f"the index is damaged: {damage}"
    files = _index_files_now(index_dir)
    if _vouched.get(index_dir) == (root, files):
        return None
    with ix.searcher() as searcher:
        meta = searcher.document(key=META_KEY)
        if meta is None:
            return "the index has no version record"
        if meta.get("doctype") != "meta" or not isinstance(meta.get("schema_version"), int):
            # Every version wrote a number here: another document (or none) under the
            # version record's key is a damaged term index or stored field, not an old index.
            return "the index is damaged: its version record cannot be read"
        if meta.get("schema_version") != SCHEMA_VERSION:
            return (
                f"the index was built by another version of sourcedesk "
                f"(schema {meta.get('schema_version')}, now {SCHEMA_VERSION})"
            )
        if meta.get("root") != str(root):
            return f"the index belonged to another corpus ({meta.get('root')})"
        for reader, _offset in searcher.reader().leaf_readers():
            count = reader.doc_count_all()
            if count:
                reader.stored_fields(count - 1)
            for fieldname in ("doctype", "body"):
                list(islice(reader.lexicon(fieldname), 1))
        # One posting block read (a search would score every article).
        if searcher.reader().doc_frequency("doctype", "article"):
            next(iter(searcher.reader().postings("doctype", "article").all_ids()))
    _vouched[index_dir] = (root, files)
    return None


# Index folder -> (corpus folder, its index files as `_index_files_now` saw them) when
# `check_index` last read them, or this process just committed them: the next update
# skips the reads while no file changed (a stored document of each segment read
# its column of offsets: a tenth of a one-file update). A write moves the ctime,
# which nothing can set back, so a garbled file is read again.
_vouched: dict[Path, tuple[Path, frozenset[tuple[str, int, int, int]]]] = {}


def _index_files_now(index_dir: Path) -> frozenset[tuple[str, int, int, int]]:
    """Name, size, mtime and ctime of each Whoosh file in the folder (its lock left out)."""
    found = set()
    for entry in os.scandir(index_dir):
        if INDEX_FILE_PATTERN.match(entry.name) and not entry.name.endswith("WRITELOCK"):
            info = entry.stat()
            found.add((entry.name, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
    return frozenset(found)


def vouch_for(index_dir: Path, root: Path) -> None:
    """Record the index files this process just committed for `root` as checked."""
    _vouched[index_dir] = (root, _index_files_now(index_dir))


def open_checked(index_dir: Path, root: Path) -> tuple[FileIndex | None, str]:
    """The existing index when usable, else (None, reason to rebuild)."""
    if not any_index_files(index_dir):
        return None, "new index"
    try:
        ix = open_index(index_dir)
        problem = check_index(ix, index_dir, root)
    except Exception as err:  # any failure to read the index means it is damaged
        return None, f"the index is damaged ({type(err).__name__}: {err})"[:300]
    if problem:
        return None, problem
    return ix, ""


def open_index(index_dir: Path) -> FileIndex:
    """The index, read through plain file reads rather than mmap.

    With mmap, Whoosh wraps each segment file in a `BufferFile`, whose
    `BytesIO(buffer)` copies the whole file on every `ix.searcher()`: ~30 ms per
    searcher at 2k articles, ~210 ms at 19k. Without it, files are read lazily
    (1-20 ms per searcher at 19k); see docs/BENCHMARKS.md.
    """
    return FileStorage(str(index_dir), supports_mmap=False).open_index()


def any_index_files(index_dir: Path) -> bool:
    return index_dir.is_dir() and any(
        INDEX_FILE_PATTERN.match(name) for name in os.listdir(index_dir)
    )


def create_fresh(index_dir: Path) -> FileIndex:
    """Remove this folder's index files and sidecars, and create an empty index."""
    index_dir.mkdir(parents=True, exist_ok=True)
    for entry in os.scandir(index_dir):
        if INDEX_FILE_PATTERN.match(entry.name) or STATE_PATTERN.match(entry.name):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
        elif entry.is_dir() and entry.name.endswith(".tmp"):
            shutil.rmtree(entry.path, ignore_errors=True)
    return whoosh_index.create_in(str(index_dir), build_schema())


SEARCHER_ATTEMPTS = 3


def open_searcher(ix: FileIndex) -> Searcher:
    """A searcher on the latest generation, retried when a writer's commit just removed
    the files of the generation we read (the next TOC names the new ones).

    Raises `IndexUnavailable` when the index still cannot be read.
    """
    for attempt in range(SEARCHER_ATTEMPTS):
        try:
            return ix.searcher()
        except Exception as err:  # files vanished between reading the TOC and opening them
            if attempt + 1 == SEARCHER_ATTEMPTS:
                raise IndexUnavailable(
                    f"the index cannot be read ({type(err).__name__}: {err}); "
                    "open the corpus again to rebuild it"
                ) from err
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")
