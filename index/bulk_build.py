"""Large updates with worker processes, each writing its own index segment.

Reading, quotation extraction and analysis are CPU-bound Python, so a large
batch of files is split across spawned worker processes. Each writes unlocked
segments (as Whoosh's own multi-process writer does, but with
`segment_writer.FastSegmentWriter`), indexes its share and sends back the
finished segments; its quotations, article entries and fingerprints go to the
parent as it goes, a batch of files at a time. The caller's writer lists those
segments in the new TOC at commit, so the update stays one atomic commit under
the caller's lock.

The whole build's memory has one budget (`BUILD_MEMORY_MB`): the parent holds
every file's quotations and entries until commit, so the larger the corpus the
less is left for the workers' postings, and past a size one worker fewer keeps
each worker's segments large (see `workers_for`). Such a build is short of
memory at the relink too: one worker writes the linked quotations, and the
others hand over their segments and exit before it (`quotation_writers`).

Each worker talks through a pipe of its own, not a shared queue: a worker
killed (OOM, SIGKILL) halfway through a message, or while holding a shared
queue's write lock, would leave the parent waiting forever for the rest of the
message or the other workers waiting forever for the lock. With one pipe each,
a dead worker's pipe reads as end of file and the parent stops with a message.
The files to index go through that pipe too (see `_send_share`).

Workers are started with "spawn", never "fork": forking a process that runs
threads (the Textual app) is unsafe, and Whoosh's `MpWriter` forks. A worker
whose parent has died exits on its own, so no orphan keeps indexing.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import fields
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from .models import IndexUnavailable, Progress, Quote
from .planning import UpdatePlan

if TYPE_CHECKING:
    from .segment_writer import SegmentSeries
    from .vocabulary import Vocabulary

BULK_THRESHOLD = 1000
# The memory a whole bulk build may take (the parent and every worker), with margin
# under 1 GB. Each worker writes its share of the postings out as a segment (and
# starts another) when they pass its budget: what the total leaves once the
# parent's and the workers' own memory is counted, split between the workers.
BUILD_MEMORY_MB = 880
# A worker's memory besides its postings: interpreter, imports, word caches, vocabulary,
# and the speakers' word table (~6 MB, `quotes.lexicon`). A 100k worker is ~300 MB
# once its share is indexed, not the 236 counted: Python keeps the memory of the
# segments it wrote.
WORKER_BASE_MB = 116
# The parent's: its own, and every file's quotations, article entry and fingerprint,
# which it holds until commit (~2 kB a file at the end of a 100k build's indexing,
# measured, the build's peak; its relink's ~3.5 kB a file runs beside one worker).
PARENT_BASE_MB = 100
PARENT_KB_PER_FILE = 3
# Resident memory per MB of postings as `segment_writer` counts them (measured).
POSTINGS_RSS_RATIO = 1.0
# A worker's budget at most (larger segments: no faster) and at least (below it, one
# worker fewer: each segment written costs every search a little).
WORKER_POSTINGS_MB = (80, 120)
# Quotations sent to a worker at a time while they are linked.
DOCUMENTS_PER_MESSAGE = 500
# Files a worker indexes before it sends their quotations, article entries and
# fingerprints on: held until the end, every worker's share was in memory twice
# (the worker's and the parent's) and pickled whole in one message.
FILES_PER_RESULT = 500
PARENT_POLL_SECONDS = 0.5
PROGRESS_SECONDS = 0.1


def workers_for(plan: UpdatePlan) -> int:
    """How many worker processes the plan deserves: one per core and one more, none
    below the threshold, fewer where the memory budget would leave each too little.
    Whoosh's own `procs=2` writer runs three busy processes on two cores; with one
    a core, a core waits whenever a worker does (reading a file, writing a segment),
    and on a shared machine each process gets its share."""
    cpus = _cores()
    if len(plan.to_read) <= BULK_THRESHOLD or cpus is None or cpus < 2:
        return 0
    workers = cpus + 1
    while workers > 2 and _postings_left_mb(len(plan.to_read), workers) < WORKER_POSTINGS_MB[0]:
        workers -= 1
    return workers


def _cores() -> int | None:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def quotation_writers(workers: int) -> int:
    """How many of a build's workers write its linked quotations: all, unless the budget
    gave it fewer workers than a core each and one more (`workers_for`): its memory is
    tight, and the first worker writes them alone while the others write their last
    segment and exit before the relink. At 100k the relink takes the parent from ~220
    to ~470 MB while each worker holds ~310 MB (Python keeps the memory of the
    segments it wrote): beside both workers that was the build's peak, 1.1 GB."""
    cpus = _cores()
    return workers if cpus is None or workers > cpus else 1


def postings_budget_mb(files: int, workers: int) -> int:
    """Each worker's postings budget in a build of `files` files by `workers` workers."""
    least, most = WORKER_POSTINGS_MB
    return int(min(most, max(least, _postings_left_mb(files, workers))))


def _postings_left_mb(files: int, workers: int) -> float:
    """A worker's share of what `BUILD_MEMORY_MB` leaves after the parent and the
    workers' own memory, in postings as `segment_writer` counts them."""
    parent = PARENT_BASE_MB + files * PARENT_KB_PER_FILE / 1024
    left = BUILD_MEMORY_MB - parent - workers * WORKER_BASE_MB
    return left / workers / POSTINGS_RSS_RATIO


@contextlib.contextmanager
def indexing_workers(
    root: Path, index_dir: Path, plan: UpdatePlan, workers: int, report
) -> Iterator[WorkerPool]:
    """Index `plan.to_read` in `workers` spawned processes (`pool.added` holds the
    result but the segments); those that write the quotations
    (`quotation_writers`) wait for `pool.finish` to write more documents and hand
    over their segments, the others have handed theirs over and exited."""
    context = multiprocessing.get_context("spawn")
    pipes = [context.Pipe() for _ in range(workers)]  # (parent's end, worker's end)
    writers = quotation_writers(workers)
    roles: list[Role] = [
        "writes" if writers == workers else "writes alone" if i == 0 else "leaves"
        for i in range(workers)
    ]
    processes = [
        context.Process(
            target=_worker_main,
            args=(
                str(root),
                str(index_dir),
                theirs,
                os.getpid(),
                postings_budget_mb(len(plan.to_read), workers),
                FILES_PER_RESULT,
                role,
            ),
            name=f"sourcedesk-indexer-{i}",
        )
        for i, ((_, theirs), role) in enumerate(zip(pipes, roles, strict=True))
    ]
    try:
        with _interrupts_ignored(), _stderr_with_a_descriptor():
            for process in processes:
                process.start()
        for _, theirs in pipes:
            theirs.close()  # the worker holds its end alone: its death reads as EOF
        ours: dict[Connection, BaseProcess] = {
            mine: process for (mine, _), process in zip(pipes, processes, strict=True)
        }
        for i, mine in enumerate(ours):
            _send_share(mine, ours[mine], plan.to_read[i::workers])
        pool = WorkerPool(ours, writers)
        _collect(dict(ours), plan, report, pool.added)
        pool.let_go()
        yield pool
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
            if process.pid is not None:
                process.join(5)
        for mine, theirs in pipes:
            mine.close()
            theirs.close()


class WorkerPool:
    """The workers of a bulk build once their files are indexed: the first `writers`
    keep their last segment open for more documents (the linked quotations), so these
    are written without adding segments (each costs every search a little), in
    parallel where there are several. Documents are passed on as they come, a few
    hundred at a time, so this process never holds them all."""

    def __init__(self, pipes: dict[Connection, BaseProcess], writers: int) -> None:
        from .updater import Added

        self._pipes = pipes
        self._order = list(pipes)[:writers]
        self._written: dict[Connection, list] = {}
        self._buffer: list[QuoteRows] = []
        self._sent = 0
        self.added = Added()

    def add_quote(self, quote: Quote, raw: Quote) -> None:
        """Have a worker write this quotation's document (in turn, by messages of a few
        hundred); the worker builds it (`quote_rows`)."""
        self._buffer.append(quote_rows(quote, raw))
        if len(self._buffer) >= DOCUMENTS_PER_MESSAGE:
            self._pass_on()

    def _pass_on(self) -> None:
        if self._buffer:
            pipe = self._order[self._sent % len(self._order)]
            _send(pipe, self._pipes[pipe], ("quotes", self._buffer))
            self._sent += 1
            self._buffer = []

    def let_go(self) -> None:
        """Take the segments of the workers that write no quotations, and wait until
        they have exited: their memory is the system's again before the relink."""
        for pipe, process in self._pipes.items():
            if pipe not in self._order:
                self._written[pipe] = self._segments(pipe, process)
                process.join()

    def finish(self) -> list:
        """Have the workers write what is left and close their segments; returns every
        segment, in worker order."""
        self._pass_on()
        for pipe in self._order:
            _send(pipe, self._pipes[pipe], ("finish", None))
        pending = {pipe: self._pipes[pipe] for pipe in self._order}
        while pending:
            for receiver in cast("list[Connection]", wait(list(pending))):  # the pipes given
                self._written[receiver] = self._segments(receiver, pending.pop(receiver))
        return [segment for pipe in self._pipes for segment in self._written[pipe]]

    @staticmethod
    def _segments(pipe: Connection, process: BaseProcess) -> list:
        kind, payload = _receive(pipe, process)
        if kind != "segments":
            raise IndexUnavailable(payload)
        return payload


@contextlib.contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """Start workers immune to Ctrl-C (an ignored signal stays ignored across exec).

    Ctrl-C in a terminal interrupts the whole process group; a worker hit while
    its interpreter starts prints a traceback. The parent handles the interrupt
    and terminates its workers instead. Signal handlers can only be changed on
    the main thread; elsewhere (the app's worker threads) Ctrl-C is a key press,
    not a signal, anyway.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def _stderr_with_a_descriptor() -> Iterator[None]:
    """Give `sys.stderr` a real file descriptor while worker processes start.

    multiprocessing hands `sys.stderr.fileno()` to the resource tracker it
    spawns. Inside the Textual app stderr is a capture object whose `fileno()`
    is -1, and starting a process then fails with "bad value(s) in
    fds_to_keep". The process's own descriptor 2 (or /dev/null) stands in.
    """
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    replaced = sys.stderr
    with open(os.devnull, "w", encoding="utf-8") as devnull:
        sys.stderr = devnull
        try:
            yield
        finally:
            sys.stderr = replaced


def _send_share(pipe: Connection, process: BaseProcess, share: list) -> None:
    """Hand a started worker its files through its pipe, not as a `Process` argument.

    multiprocessing writes a spawned child's arguments into a pipe whose read end
    the parent keeps open until the write is done: when a child dies during start
    (a script without a `__main__` guard, an import error, the OOM killer) a
    share larger than the pipe's buffer blocks the parent forever.
    """
    _send(pipe, process, share)


def _send(pipe: Connection, process: BaseProcess, message: object) -> None:
    try:
        pipe.send(message)
    except OSError:
        process.join(5)
        raise IndexUnavailable(
            f"an indexing process stopped unexpectedly (exit code {process.exitcode})"
        ) from None


def _receive(pipe: Connection, process: BaseProcess) -> tuple[str, Any]:
    try:
        return pipe.recv()
    except (EOFError, OSError):  # the worker died, maybe halfway through a message
        process.join(5)
        raise IndexUnavailable(
            f"an indexing process stopped unexpectedly (exit code {process.exitcode})"
        ) from None


def _collect(pending: dict[Connection, BaseProcess], plan: UpdatePlan, report, added) -> None:
    """Relay per-file progress and gather every worker's results, reading whichever pipe
    is ready. The results come a batch of files at a time (`FILES_PER_RESULT`) and are
    added in worker order at the end, so the output does not depend on timing."""
    total, bytes_total = len(plan.to_read), plan.bytes_to_read
    done = bytes_done = 0
    found: dict[Connection, list] = {pipe: [] for pipe in pending}
    order = list(pending)
    report(Progress("index", 0, total, 0, bytes_total))
    while pending:
        for receiver in cast("list[Connection]", wait(list(pending))):  # the pipes given
            kind, payload = _receive(receiver, pending[receiver])
            if kind == "files":
                count, size, rel = payload
                done += count
                bytes_done += size
                report(Progress("index", done, total, bytes_done, bytes_total, rel))
            elif kind == "found":
                found[receiver].append(payload)
            elif kind == "done":
                added.vocabulary.update(payload)
                del pending[receiver]
            else:
                raise IndexUnavailable(payload)
    from .models import ArticleInfo, Skipped

    for pipe in order:
        for quotes, skipped, infos, prints in found.pop(pipe):
            added.prints.update(prints)
            added.quotes.extend(_objects(quotes, Quote))
            added.skipped.extend(_objects(skipped, Skipped))
            added.infos.extend(_objects(infos, ArticleInfo))


def _rows(items: list, cls: type) -> list[tuple]:
    """Frozen, slotted dataclasses as plain tuples for the pipe: pickled as they are,
    each goes through `dataclasses`' own `__getstate__`/`__setstate__` (a `fields()`
    call apiece), which cost the parent ~3 CPU s of a 19k build (12k quotations and
    19k entries), on the cores the workers need."""
    get = attrgetter(*(f.name for f in fields(cls)))
    return [get(item) for item in items]


def _objects(rows: list[tuple], cls: type) -> list:
    """The dataclasses `_rows` sent."""
    return [cls(*row) for row in rows]


# A linked quotation and, unless it is that very object, the quotation as extracted.
QuoteRows = tuple[tuple, tuple | None]
_quote_row = attrgetter(*(f.name for f in fields(Quote)))


def quote_rows(quote: Quote, raw: Quote) -> QuoteRows:
    """A quotation for the pipe as plain tuples, its document built by the worker that
    writes it: the parent built and pickled 12k documents of two 21-key dicts each at
    19k (0.16 CPU s, 5.9 MB through the pipes; as rows 0.02 s, 2.6 MB, and the workers
    spend 0.03 s more). Most quotations are linked as extracted: sent once."""
    return _quote_row(quote), None if raw is quote else _quote_row(raw)


def _quote_document(rows: QuoteRows) -> dict[str, Any]:
    """The document of a quotation `quote_rows` sent."""
    from .documents import quote_doc

    linked, raw = rows
    quote = Quote(*linked)
    return quote_doc(quote, quote if raw is None else Quote(*raw))


# What a worker does once its files are indexed: add the documents it is sent (the
# linked quotations) to its last segment, the same alone (first handing back what the
# indexing freed), or nothing (`quotation_writers`); then it sends back its segments.
Role = Literal["writes", "writes alone", "leaves"]


def _worker_main(
    root: str,
    index_dir: str,
    messages: Connection,
    parent: int,
    memory_mb: int,
    batch: int,
    role: Role,
) -> None:
    """Entry point of a worker: index the files it is sent, report what it found, add
    the documents it is sent next as its `role` says and send back its segments."""
    _exit_with_parent(parent)
    share = messages.recv()
    try:
        from whoosh import index as whoosh_index

        from .segment_writer import SegmentSeries

        ix = whoosh_index.open_dir(index_dir)
        # Unlocked: the parent holds the index lock and commits our segments.
        writer = SegmentSeries(ix, memory_mb)
        # Held by no name here: freed once sent, before the quotations come.
        messages.send(("done", _index_share(writer, Path(root), share, batch, messages)))
        del share
        if role == "writes alone":
            _return_memory()
        while role != "leaves":
            kind, quotes = messages.recv()
            if kind == "finish":
                break
            for rows in quotes:
                writer.add_document(**_quote_document(rows))
        messages.send(("segments", writer.finish()))
    except EOFError:  # the parent closed our pipe: it is stopping the build
        pass
    except Exception as err:  # reported to the parent, which raises IndexUnavailable
        messages.send(("error", f"indexing failed ({type(err).__name__}: {err})"))
    messages.close()


def _return_memory() -> None:
    """Give back what indexing the share freed: the collector's garbage, then the free
    pages glibc keeps for the process's next allocations (~25 MB of a worker's ~310 at
    100k; Python keeps the rest, in the arenas its objects were in)."""
    gc.collect()
    with contextlib.suppress(AttributeError, OSError):  # not glibc: it stays with us
        ctypes.CDLL(None).malloc_trim(0)


def _index_share(
    writer: SegmentSeries, root: Path, share: list, batch: int, messages: Connection
) -> Vocabulary:
    """Index the worker's files `batch` at a time, sending each batch's quotations,
    article entries and fingerprints on as it is done; returns the vocabulary."""
    from .models import ArticleInfo, Skipped
    from .updater import add_files
    from .vocabulary import Vocabulary

    vocabulary = Vocabulary()
    relay = _ProgressRelay(messages, len(share))
    for start in range(0, len(share), batch):
        relay.offset = start
        added = add_files(writer, root, share[start : start + batch], 0, relay)
        vocabulary.update(added.vocabulary)
        quotes, skipped = _rows(added.quotes, Quote), _rows(added.skipped, Skipped)
        messages.send(("found", (quotes, skipped, _rows(added.infos, ArticleInfo), added.prints)))
    return vocabulary


class _ProgressRelay:
    """Passes a worker's per-file progress to the parent, at most every PROGRESS_SECONDS.

    One message a file woke the parent 19k times a build, on cores the workers need.
    """

    def __init__(self, messages: Connection, total: int) -> None:
        self._messages, self._total = messages, total
        self.offset = 0  # files of the share before the batch being indexed
        self._files = self._bytes = 0  # sent so far
        self._seen_bytes = self._batch_bytes = 0  # read so far, and before this batch
        self._sent_at = time.monotonic()

    def __call__(self, update: Progress) -> None:
        if not update.done:  # a new batch: it counts its bytes from 0
            self._batch_bytes = self._seen_bytes
            return
        done, bytes_done = self.offset + update.done, self._batch_bytes + update.bytes_done
        self._seen_bytes = bytes_done
        files, size = done - self._files, bytes_done - self._bytes
        now = time.monotonic()
        if now - self._sent_at >= PROGRESS_SECONDS or done == self._total:
            self._messages.send(("files", (files, size, update.path)))
            self._files, self._bytes, self._sent_at = done, bytes_done, now


def _exit_with_parent(parent: int) -> None:
    """Exit when the process that started us is gone: it alone can commit our work."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
