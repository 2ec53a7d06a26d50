"""A bulk-build worker that dies, at start or mid-build: the update stops with a message,
it never hangs."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from index import IndexUnavailable, Progress, open_corpus
from index.bulk_build import BULK_THRESHOLD

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FILES = BULK_THRESHOLD + 100
UPDATE_TIMEOUT = 300.0  # seconds; generous for a loaded 2-core machine, fails loudly


def make_corpus(folder: Path, files: int = FILES) -> None:
    """Enough real files for the multi-process path."""
    folder.mkdir()
    for n in range(files):
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


@pytest.mark.slow
def test_a_worker_dying_at_start_stops_the_build_with_a_message(tmp_path: Path):
    """A script without a `__main__` guard: each spawned worker re-runs it, finds the
    index locked by its parent and exits before reading the files it was given."""
    corpus_dir, index_dir = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus_dir, files=3 * BULK_THRESHOLD)  # shares larger than a pipe's buffer
    script = tmp_path / "unguarded.py"
    script.write_text(
        "from index import open_corpus\n"
        f"open_corpus({str(corpus_dir)!r}, {str(index_dir)!r}).close()\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        capture_output=True,
        text=True,
        timeout=UPDATE_TIMEOUT,
        check=False,
    )
    assert done.returncode != 0
    assert "an indexing process stopped unexpectedly" in done.stderr.splitlines()[-1]
