"""Searchers kept open between calls, and the lock that makes a `Corpus` thread-safe.

Opening a Whoosh searcher opens every segment file (tens of milliseconds on a
large index), more than a typical search takes, so searchers are reused while
the index generation is unchanged. A Whoosh searcher must not be used by two
threads at once, so each caller borrows one of its own: an idle one when there
is one, else a fresh one. A new search therefore never waits for a slow one
still running in another thread.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Concatenate, ParamSpec, Protocol, TypeVar

if TYPE_CHECKING:  # Whoosh loads with the first searcher, not with `index`
    from whoosh.index import FileIndex
    from whoosh.searching import Searcher

IDLE_KEPT = 2  # idle searchers kept open for the next callers


class SearcherCache:
    """Lends a searcher of `ix` to each caller, one caller per searcher at a time."""

    def __init__(self, ix: FileIndex) -> None:
        self.ix = ix
        self._idle: list[Searcher] = []
        self._lock = threading.Lock()  # guards `_idle` only; never held while searching
        self._closed = False

    @contextlib.contextmanager
    def searcher(self) -> Iterator[Searcher]:
        searcher = self._borrow()
        try:
            yield searcher
        finally:
            self._give_back(searcher)

    def _borrow(self) -> Searcher:
        while True:
            with self._lock:
                searcher = self._idle.pop() if self._idle else None
            if searcher is None:
                from .store import open_searcher

                return open_searcher(self.ix)
            if _current(searcher):
                return searcher
            _close(searcher)  # the index changed since: try the next, or open afresh

    def _give_back(self, searcher: Searcher) -> None:
        with self._lock:
            if not self._closed and len(self._idle) < IDLE_KEPT:
                self._idle.append(searcher)
                return
        _close(searcher)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for searcher in idle:
            _close(searcher)


def _current(searcher: Searcher) -> bool:
    try:
        return searcher.up_to_date()
    except Exception:  # the index changed under us
        return False


def _close(searcher: Searcher) -> None:
    with contextlib.suppress(Exception):
        searcher.close()


class SharedExclusiveLock:
    """Many readers at once, or one writer alone; a thread may nest its reads.

    Readers are never held back by a waiting writer, so a read nested inside
    another read (`quotes` calling `search`) cannot deadlock.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._readers = 0
        self._writer: int | None = None

    @contextlib.contextmanager
    def shared(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._changed:
            while self._writer is not None and self._writer != me:
                self._changed.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._changed:
                self._readers -= 1
                self._changed.notify_all()

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._changed:
            while self._writer is not None or self._readers:
                self._changed.wait()
            self._writer = me
        try:
            yield
        finally:
            with self._changed:
                self._writer = None
                self._changed.notify_all()


class _Locked(Protocol):
    _lock: SharedExclusiveLock


S = TypeVar("S", bound=_Locked)
P = ParamSpec("P")
R = TypeVar("R")


def reads(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Run `method` under its object's shared lock (alongside other reads)."""

    @functools.wraps(method)
    def locked(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._lock.shared():
            return method(self, *args, **kwargs)

    return locked


def writes(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Run `method` under its object's exclusive lock (no read runs meanwhile)."""

    @functools.wraps(method)
    def locked(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._lock.exclusive():
            return method(self, *args, **kwargs)

    return locked
