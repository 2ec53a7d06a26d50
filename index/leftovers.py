"""Removing what a failed write left in the index folder.

A write that fails half-way (a full disk, a killed worker) leaves segment files
no TOC lists, temporary folders of Whoosh's posting pools or of bulk-build
workers, and half-written sidecars. The last committed generation never needs
them, and on a full disk they hold the very space the next attempt needs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import _DEF_INDEX_NAME as _INDEX_NAME
from whoosh.index import EmptyIndexError, clean_files

from .locking import write_lock
from .models import IndexUnavailable
from .store import open_index


def remove_partial_files(index_dir: Path) -> None:
    """Delete files of no committed generation; skipped while another writer is at work."""
    with contextlib.suppress(IndexUnavailable, OSError), write_lock(index_dir, wait=0):
        _remove_temporary(index_dir)
        storage = FileStorage(str(index_dir))
        try:
            ix = open_index(index_dir)
            generation, segments = ix.latest_generation(), ix._segments()
        except EmptyIndexError:  # nothing committed yet: every segment file is partial
            generation, segments = -1, []
        except Exception:  # a damaged TOC: the next update rebuilds; keep the evidence
            return
        clean_files(storage, _INDEX_NAME, generation, segments)


def _remove_temporary(index_dir: Path) -> None:
    for entry in os.scandir(index_dir):
        if not entry.name.endswith(".tmp"):
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
