"""One way to replace a file whole: exports, the clipboard file, verdicts and the index sidecar."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write `text` (bytes, or str as UTF-8) to `path` through a temporary file in the
    same folder, then rename.

    An existing file is replaced only once the new one is whole: a failure (a full
    disk, a name that cannot be encoded) leaves it untouched and no temporary file
    behind. Raises `OSError` (FileNotFoundError when the folder is missing).
    """
    data = text.encode("utf-8") if isinstance(text, str) else text  # fails before any file
    try:
        mode = os.stat(path).st_mode & 0o7777  # a replaced file keeps its permissions
    except OSError:
        mode = 0o666  # as `open()` creates files: less the umask
    # Short enough for any file system's name limit, whatever the target's length.
    temporary = path.parent / f".{path.name[:64]}.{secrets.token_hex(4)}.tmp"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(handle, "wb") as target:
            target.write(data)
            target.flush()
            os.fsync(target.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
