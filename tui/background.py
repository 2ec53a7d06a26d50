"""Background work that quitting never waits for, and searches that report back.

Textual runs thread workers in asyncio's default executor, which is joined when
the app exits: quitting during a slow query (or any slow corpus call) waited for
it. `DaemonThreads` is the app's default executor instead; its threads are
abandoned at exit, so `q` exits at once. (An index update cut short this way is
recovered on the next open, as after a killed indexer.)

Searches run in such threads too; since `Corpus` lets reads run side by side, a
new query never waits for an old one. The result comes back as `SearchFinished`
carrying the serial of its request; the reader drops every one that is not the
latest, in one place.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from textual.message import Message
from textual.message_pump import MessagePump

from index import QueryError, SearchResults


class DaemonThreads(ThreadPoolExecutor):
    """An executor running each task in a new daemon thread; shutdown never waits.

    (A ThreadPoolExecutor by type only, as asyncio's default executor must be: its
    pool of joined threads is never started.)
    """

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as error:
                future.set_exception(error)

        threading.Thread(target=run, name="sourcedesk-worker", daemon=True).start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to wait for: the threads end with the process."""


class SearchFinished(Message):
    """A search ran: its results, or why it could not (a query error, a failure)."""

    def __init__(
        self,
        serial: int,
        results: SearchResults | None = None,
        *,
        error: QueryError | None = None,
        failure: Exception | None = None,
        more: bool = False,
    ) -> None:
        super().__init__()
        self.serial = serial
        self.results = results
        self.error = error
        self.failure = failure
        self.more = more  # a further page of an earlier search, not a new one


def search_in_background(
    target: MessagePump, serial: int, run: Callable[[], SearchResults], *, more: bool = False
) -> None:
    """Run `run` in a daemon thread; post its `SearchFinished` to `target`."""

    def search() -> None:
        try:
            message = SearchFinished(serial, run(), more=more)
        except QueryError as error:
            message = SearchFinished(serial, error=error, more=more)
        except Exception as failure:  # a damaged or vanished index: the reader says so
            message = SearchFinished(serial, failure=failure, more=more)
        target.post_message(message)  # thread-safe; dropped if the app has gone

    DaemonThreads().submit(search)
