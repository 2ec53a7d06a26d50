"""Where a corpus's index lives on disk.

One index per corpus, keyed by the corpus's absolute path, so two corpora never
share (or clobber) an index and moving between them needs no flags.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import platformdirs

from .models import IndexUnavailable

INDEX_DIR_ENV = "SOURCEDESK_INDEX_DIR"


def resolve_user_path(path: Path | str, what: str = "") -> Path:
    """`path` with `~` and `~user` expanded; an unknown user is a clear `IndexUnavailable`."""
    try:
        return Path(path).expanduser()
    except RuntimeError:  # pathlib: "Could not determine home directory"
        user = str(path).split("/", 1)[0]
        origin = f" (from {what})" if what else ""
        raise IndexUnavailable(
            f"cannot expand {user} in {path}{origin}: no such user or home folder"
        ) from None


def cache_root() -> Path:
    """The folder holding every corpus's index: `$SOURCEDESK_INDEX_DIR` or the user cache."""
    override = os.environ.get(INDEX_DIR_ENV)
    if override:
        return resolve_user_path(override, INDEX_DIR_ENV)
    return Path(platformdirs.user_cache_dir("sourcedesk")) / "indexes"


def index_dir_for(root: Path, index_dir: Path | str | None = None) -> Path:
    """The index folder for corpus `root`; `index_dir` (from `--index-dir`) wins.

    The folder name carries a readable slug of the corpus name plus a hash of its
    absolute path, so `ls` in the cache says which corpus each index belongs to.
    """
    if index_dir is not None:
        return resolve_user_path(index_dir, "--index-dir").resolve()
    absolute = resolve_user_path(root).resolve()
    digest = hashlib.sha256(str(absolute).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", absolute.name).strip("-")[:40] or "corpus"
    return cache_root() / f"{slug}-{digest}"
