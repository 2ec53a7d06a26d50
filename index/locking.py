"""The corpus write lock: one sourcedesk process updates an index at a time.

The lock is an OS file lock (fcntl/msvcrt through Whoosh's `FileLock`), so a
process that dies, even by SIGKILL, releases it: a stale lock cannot outlive its
owner. The owner's pid goes into a sidecar file only to name the owner in the
message a second writer shows after waiting its bounded time; failing to write
it (a full disk) is no reason to stop. Readers never take this lock.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from .models import IndexUnavailable

LOCK_NAME = "sourcedesk.lock"
OWNER_NAME = "sourcedesk.lock.pid"
DEFAULT_WAIT = 10.0


class IndexBusy(IndexUnavailable):
    """Another process holds the corpus write lock (it is indexing)."""


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists (signal 0 probes without sending)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def lock_owner(index_dir: Path) -> int | None:
    """The pid recorded by the last process that took the lock, if readable."""
    try:
        return int((index_dir / OWNER_NAME).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def write_lock(index_dir: Path, wait: float = DEFAULT_WAIT) -> Iterator[None]:
    """Hold the corpus write lock, waiting at most `wait` seconds for another writer.

    Raises `IndexUnavailable` naming the other process when it is still alive.
    """
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise IndexUnavailable(f"the index folder {index_dir} is a file, not a folder") from None
    except OSError as err:
        raise IndexUnavailable(
            f"the index folder {index_dir} cannot be created ({err.strerror or err})"
        ) from None
    from whoosh.util.filelock import FileLock  # not on the import path of `index`

    lock = FileLock(str(index_dir / LOCK_NAME))
    deadline = time.monotonic() + wait
    while not lock.acquire(blocking=False):
        if time.monotonic() >= deadline:
            owner = lock_owner(index_dir)
            who = f" (pid {owner})" if owner and pid_alive(owner) else ""
            raise IndexBusy(
                f"another sourcedesk{who} is indexing this corpus; "
                f"try again when it has finished (index: {index_dir})"
            )
        time.sleep(0.05)
    try:
        with contextlib.suppress(OSError):
            (index_dir / OWNER_NAME).write_text(str(os.getpid()), encoding="ascii")
        yield
    finally:
        with contextlib.suppress(OSError):
            (index_dir / OWNER_NAME).unlink()
        lock.release()
