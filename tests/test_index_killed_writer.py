"""A writer SIGKILLed mid-build: workers die with it, the lock is free, the index recovers."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from index import IndexUnavailable, open_corpus
from index.bulk_build import BULK_THRESHOLD
from index.locking import write_lock

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FILES = BULK_THRESHOLD + 100


def make_corpus(folder: Path) -> None:
    """Enough real files for the multi-process path, each with one word of its own."""
    folder.mkdir()
    for n in range(FILES):
        (folder / f"{n:05d}.txt").write_text(
            f"Harbour board report {n}\n\n"
            f'The board said "we will publish the accounts" on Monday, adding that '
            f"marker{n:05d}x was recorded in the minutes of meeting number {n}.\n",
            encoding="utf-8",
        )


@pytest.mark.slow
def test_killed_bulk_build_leaves_no_orphans_and_a_consistent_index(tmp_path: Path):
    corpus_dir, index_dir = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus_dir)
    writer = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "index", str(corpus_dir), "--index-dir", str(index_dir)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = writer.stderr.readline()
        assert line.startswith(f"indexing {FILES:,} files"), line
        line = writer.stderr.readline()
        assert line.strip().endswith(f"/{FILES:,} files"), line  # workers are indexing
        workers = psutil.Process(writer.pid).children(recursive=True)
        assert workers, "a large build runs in worker processes"
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
        _gone, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive, f"workers outlived the killed writer: {alive}"
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()

    with write_lock(index_dir, wait=1.0):
        pass  # the lock of the dead writer is free at once
    with pytest.raises(IndexUnavailable):
        open_corpus(corpus_dir, index_dir, update=False)  # nothing half-written is served

    corpus = open_corpus(corpus_dir, index_dir)
    assert corpus.last_report.added == FILES
    assert len(corpus.articles()) == FILES
    for n in (0, FILES // 2, FILES - 1):
        assert [h.path for h in corpus.search(f"marker{n:05d}x").hits] == [f"{n:05d}.txt"]
    assert corpus.search("harbour", limit=1).total == FILES
