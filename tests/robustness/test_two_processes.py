"""Two sourcedesk processes on one corpus: a reader during a write, two writers at once.

A researcher often has the app open while a script re-indexes, or starts the
command twice. Readers must keep getting whole answers from the last committed
index; a second writer must wait for the first or say clearly that it is busy;
neither may crash or corrupt the index.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest

from index import IndexUnavailable, open_corpus
from index.locking import lock_owner
from tests.waiting import wait_until

from .helpers import REPO, LiveCorpus, sourcedesk_command, subprocess_env

FILES = 600
BUSY_WORDS = ("another sourcedesk", "try again", "locked", "busy", "in use")


def start_index(root: Path, index_dir: Path, log: Path) -> subprocess.Popen:
    with log.open("wb") as sink:
        return subprocess.Popen(
            [*sourcedesk_command(), "index", str(root), "--index-dir", str(index_dir)],
            cwd=REPO,
            env=subprocess_env(),
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )


def finish(process: subprocess.Popen, timeout: float = 180) -> int:
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)
        pytest.fail(f"indexer {process.pid} did not finish within {timeout} s")


def wait_until_writing(writer: subprocess.Popen, index_dir: Path) -> None:
    """Return once `writer` holds the write lock (its pid is recorded beside the lock)."""
    wait_until(
        lambda: lock_owner(index_dir) == writer.pid or writer.poll() is not None,
        "the indexer to take the write lock",
    )
    assert writer.poll() is None, "the indexer finished before the test could overlap it"


def assert_index_matches(corpus: LiveCorpus, index_dir: Path, sample: int = 60) -> None:
    opened = open_corpus(corpus.root, index_dir, update=False)
    try:
        assert {info.id for info in opened.articles()} == set(corpus.texts)
        for rel in random.Random(3).sample(sorted(corpus.texts), sample):
            assert opened.article(rel).text == corpus.texts[rel]
            assert [h.id for h in opened.search(corpus.markers[rel], limit=3).hits] == [rel]
    finally:
        opened.close()


@pytest.mark.slow
def test_searching_while_another_process_indexes(tmp_path: Path):
    corpus = LiveCorpus.generate(tmp_path / "corpus", 62, FILES)
    index_dir = tmp_path / "index"
    open_corpus(corpus.root, index_dir).close()
    before = dict(corpus.texts)
    corpus.churn(300)
    stable = [rel for rel in sorted(before)[::20] if corpus.texts.get(rel) == before[rel]]
    assert stable

    writer = start_index(corpus.root, index_dir, tmp_path / "writer.log")
    wait_until_writing(writer, index_dir)
    reads = 0
    while writer.poll() is None:
        reader = open_corpus(corpus.root, index_dir, update=False)
        try:  # files the writer does not touch are found, whole, at every moment
            for rel in stable:
                assert [hit.id for hit in reader.search(corpus.markers[rel]).hits] == [rel]
                assert reader.article(rel).text == before[rel]
        finally:
            reader.close()
        reads += 1
    log = (tmp_path / "writer.log").read_text("utf-8", "replace")
    assert finish(writer) == 0, log
    assert reads >= 1, "no read started while the writer held the index"
    print(f"{reads} reads ({reads * len(stable)} searches) during the write")
    assert_index_matches(corpus, index_dir)


@pytest.mark.slow
def test_two_writers_at_once_wait_or_report_clearly(tmp_path: Path):
    corpus = LiveCorpus.generate(tmp_path / "corpus", 63, FILES)
    index_dir = tmp_path / "index"
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    writers = [start_index(corpus.root, index_dir, log) for log in logs]
    codes = [finish(writer) for writer in writers]
    outputs = [log.read_text("utf-8", "replace") for log in logs]
    assert 0 in codes, outputs
    for code, output in zip(codes, outputs, strict=True):
        assert "Traceback" not in output, output
        if code != 0:
            last = output.strip().splitlines()[-1]
            assert any(word in last.lower() for word in BUSY_WORDS), last
    assert_index_matches(corpus, index_dir)


@pytest.mark.slow
def test_update_while_another_process_holds_the_index_waits_then_succeeds(tmp_path: Path):
    corpus = LiveCorpus.generate(tmp_path / "corpus", 64, FILES)
    index_dir = tmp_path / "index"
    open_corpus(corpus.root, index_dir).close()
    corpus.churn(200)
    writer = start_index(corpus.root, index_dir, tmp_path / "writer.log")
    wait_until_writing(writer, index_dir)
    corpus.churn(8)
    try:
        opened = open_corpus(corpus.root, index_dir)
    except IndexUnavailable as err:  # allowed only with a clear message
        assert any(word in str(err).lower() for word in BUSY_WORDS), str(err)
        opened = None
    assert finish(writer) == 0, (tmp_path / "writer.log").read_text("utf-8", "replace")
    if opened is None:
        opened = open_corpus(corpus.root, index_dir)
    opened.close()
    assert_index_matches(corpus, index_dir)
