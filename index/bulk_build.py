"""Large updates in their own process, so Whoosh's forking writer never forks the app.

Whoosh's multi-process writer (`procs=2, multisegment=True`) indexes a large
corpus about twice as fast on two cores, but it forks, and forking a process
that runs threads (the Textual app) is unsafe. The caller therefore spawns a
fresh interpreter (`multiprocessing` "spawn") that runs `apply_plan` with
several writer processes and sends progress back over a queue.

If the spawned builder dies (killed, or its parent died), its forked writer
children die with it (Linux parent-death signal), so nothing keeps holding the
index's write lock.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import signal
import threading
import time
from pathlib import Path

from .models import IndexUnavailable, Progress, Skipped
from .planning import UpdatePlan

BULK_THRESHOLD = 1000
BULK_PROCS = 2
PARENT_POLL_SECONDS = 0.5


def worth_a_process(plan: UpdatePlan) -> bool:
    """Whether the plan is big enough to repay starting an interpreter and writer processes."""
    return len(plan.to_read) > BULK_THRESHOLD and (os.cpu_count() or 1) > 1


def run_bulk(root: Path, index_dir: Path, plan: UpdatePlan, progress) -> list[Skipped]:
    """Apply `plan` in a spawned process; progress is forwarded to `progress` here."""
    context = multiprocessing.get_context("spawn")
    messages = context.Queue()
    builder = context.Process(
        target=_builder_main,
        args=(str(root), str(index_dir), plan, messages, os.getpid()),
        name="sourcedesk-bulk-build",
    )
    builder.start()
    try:
        return _follow(builder, messages, progress)
    finally:
        if builder.is_alive():
            builder.terminate()
        builder.join(5)
        messages.close()


def _follow(builder, messages, progress) -> list[Skipped]:
    """Relay the builder's messages until it reports its result or dies."""
    while True:
        try:
            kind, payload = messages.get(timeout=0.2)
        except queue.Empty:
            if not builder.is_alive():
                raise IndexUnavailable(
                    f"the indexing process stopped unexpectedly (exit code {builder.exitcode})"
                ) from None
            continue
        if kind == "progress":
            if progress is not None:
                progress(payload)
        elif kind == "done":
            return payload
        else:
            raise IndexUnavailable(payload)


def _builder_main(root: str, index_dir: str, plan: UpdatePlan, messages, parent: int) -> None:
    """Entry point of the spawned builder process."""
    _die_with_parent(parent)
    os.register_at_fork(after_in_child=_child_dies_with_parent)
    from whoosh import index as whoosh_index

    from .updater import apply_plan

    def report(update: Progress) -> None:
        messages.put(("progress", update))

    try:
        ix = whoosh_index.open_dir(index_dir)
        skipped = apply_plan(
            ix, Path(root), Path(index_dir), plan, procs=BULK_PROCS, progress=report
        )
    except IndexUnavailable as err:
        messages.put(("error", str(err)))
    except Exception as err:  # reported to the parent, which raises IndexUnavailable
        messages.put(("error", f"indexing failed ({type(err).__name__}: {err})"))
    else:
        messages.put(("done", skipped))
    messages.close()
    messages.join_thread()


def _die_with_parent(parent: int) -> None:
    """Exit when the process that spawned us is gone (it holds the corpus lock)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _child_dies_with_parent() -> None:
    """In Whoosh's forked writer children: be killed when the builder dies (Linux only)."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
        if os.getppid() == 1:
            os._exit(1)
