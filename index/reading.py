"""One searcher per corpus, kept open between calls and refreshed after commits.

Opening a Whoosh searcher opens every segment file (tens of milliseconds on a
large index), more than a typical search takes, so the searcher is reused while
the index generation is unchanged. Whoosh searchers are not meant to be shared
between threads, and the app searches from worker threads, so calls take turns.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from whoosh.index import FileIndex
from whoosh.searching import Searcher

from .store import open_searcher


class SearcherCache:
    """Lends the current searcher of `ix` to one caller at a time."""

    def __init__(self, ix: FileIndex) -> None:
        self.ix = ix
        self._searcher: Searcher | None = None
        self._lock = threading.RLock()

    @contextlib.contextmanager
    def searcher(self) -> Iterator[Searcher]:
        with self._lock:
            yield self._current()

    def _current(self) -> Searcher:
        if self._searcher is not None:
            try:
                if self._searcher.up_to_date():
                    return self._searcher
            except Exception:  # the index changed under us; open afresh below
                pass
            self.close()
        self._searcher = open_searcher(self.ix)
        return self._searcher

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                with contextlib.suppress(Exception):
                    self._searcher.close()
                self._searcher = None
