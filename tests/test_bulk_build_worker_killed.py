"""A bulk-build worker killed mid-build: the update stops with a message, it never hangs."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from pathlib import Path

import pytest

from index import IndexUnavailable, Progress, open_corpus
from index.bulk_build import BULK_THRESHOLD

FILES = BULK_THRESHOLD + 100
UPDATE_TIMEOUT = 300.0  # seconds; generous for a loaded 2-core machine, fails loudly


def make_corpus(folder: Path) -> None:
    """Enough real files for the multi-process path."""
    folder.mkdir()
    for n in range(FILES):
        (folder / f"{n:05d}.txt").write_text(
            f"Harbour board report {n}\n\n"
            f'The board said "we will publish the accounts" on Monday, number {n}.\n',
            encoding="utf-8",
        )


@pytest.mark.slow
def test_a_killed_worker_stops_the_build_with_a_message(tmp_path: Path):
    corpus_dir, index_dir = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus_dir)
    killed: list[int] = []

    def kill_a_worker(update: Progress) -> None:
        """Once workers report files, SIGKILL one of them (it may be mid-message)."""
        if killed or update.phase != "index" or not update.done:
            return
        workers = [p for p in multiprocessing.active_children() if "indexer" in p.name]
        assert workers, "a large build runs in worker processes"
        os.kill(workers[0].pid, signal.SIGKILL)
        killed.append(workers[0].pid)

    raised: list[BaseException] = []

    def build() -> None:
        try:
            open_corpus(corpus_dir, index_dir, progress=kill_a_worker).close()
        except BaseException as err:  # handed to the test thread
            raised.append(err)

    builder = threading.Thread(target=build, daemon=True)
    builder.start()
    builder.join(UPDATE_TIMEOUT)
    assert not builder.is_alive(), f"the build hung after worker {killed} was killed"
    assert killed, "no worker was killed"
    assert len(raised) == 1 and isinstance(raised[0], IndexUnavailable), raised
    assert "stopped unexpectedly" in str(raised[0])
    assert not [p for p in multiprocessing.active_children() if "indexer" in p.name]
