"""Files that change under the indexer: gone, a folder, a FIFO, emptied between scan and read.

A corpus folder is live (a scraper is still writing to it), so whatever `scan`
saw may be different when `read_entry` opens it. Each change must become a skip
with a reason, never an exception, and never a blocked read.
"""

from __future__ import annotations

import os
import random
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from index import open_corpus
from index.corpus import FileEntry, read_entry, scan

from .helpers import (
    BINARY,
    article_text,
    hit_ids,
    pseudo_words,
    run_python,
    update_in_subprocess,
    write_file,
)

RNG = random.Random(66)
WORDS = pseudo_words(RNG, 120)


def replace_with_directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


def replace_with_loop(path: Path) -> None:
    path.unlink()
    os.symlink(path.name, path)


CHANGES: dict[str, Callable[[Path], None]] = {
    "deleted": Path.unlink,
    "replaced_by_directory": replace_with_directory,
    "emptied": lambda path: path.write_bytes(b""),
    "replaced_by_binary": lambda path: path.write_bytes(BINARY),
    "replaced_by_symlink_loop": replace_with_loop,
}


def scanned_entry(root: Path, rel: str) -> FileEntry:
    entries, _skipped = scan(root)
    return next(entry for entry in entries if entry.rel == rel)


@pytest.mark.parametrize("change", list(CHANGES))
def test_file_changed_between_scan_and_read_is_skipped_with_a_reason(tmp_path: Path, change):
    path = write_file(tmp_path, "story.txt", article_text(WORDS[0], WORDS[10:], RNG))
    entry = scanned_entry(tmp_path, "story.txt")
    CHANGES[change](path)
    articles, skipped = read_entry(tmp_path, entry)
    assert articles == []
    assert [s.path for s in skipped] == ["story.txt"]
    assert skipped[0].reason.strip() and "\n" not in skipped[0].reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_file_made_unreadable_after_scan_is_skipped_with_a_reason(tmp_path: Path):
    path = write_file(tmp_path, "story.txt", article_text(WORDS[3], WORDS[10:], RNG))
    entry = scanned_entry(tmp_path, "story.txt")
    path.chmod(0)
    try:
        articles, skipped = read_entry(tmp_path, entry)
    finally:
        path.chmod(0o644)
    assert articles == []
    assert [s.path for s in skipped] == ["story.txt"] and skipped[0].reason.strip()


FIFO_SCRIPT = """
import json, os, sys
from pathlib import Path
from index.corpus import read_entry, scan
root = Path(sys.argv[1])
entries, skipped = scan(root)
print(json.dumps({"scanned": [e.rel for e in entries],
                  "scan_skipped": [[s.path, s.reason] for s in skipped]}), flush=True)
entry = next(e for e in entries if e.rel == "story.txt")
(root / "story.txt").unlink()
os.mkfifo(root / "story.txt")
articles, skipped = read_entry(root, entry)
print(json.dumps({"articles": len(articles), "skipped": [[s.path, s.reason] for s in skipped]}))
from index.updater import read_file  # the updater hashes the file before reading it
sha, articles, skipped, quotes = read_file(root, entry)
print(json.dumps({"articles": len(articles), "skipped": [[s.path, s.reason] for s in skipped]}))
"""


def test_fifo_swapped_in_after_scan_is_skipped_without_blocking(tmp_path: Path):
    write_file(tmp_path, "story.txt", article_text(WORDS[1], WORDS[10:], RNG))
    os.mkfifo(tmp_path / "feed.txt")
    try:
        scanned, *reads = run_python(FIFO_SCRIPT, str(tmp_path), timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("reading a FIFO named story.txt blocked (a read must never wait on a pipe)")
    assert "feed.txt" not in scanned["scanned"] or any(
        path == "feed.txt" for path, _ in scanned["scan_skipped"]
    )
    for read in reads:  # read_entry, then the updater's hash-and-read step
        assert read["articles"] == 0
        assert [path for path, _ in read["skipped"]] == ["story.txt"]


def test_fifo_in_the_corpus_is_skipped_with_a_reason(tmp_path: Path):
    write_file(tmp_path, "story.txt", article_text(WORDS[2], WORDS[10:], RNG))
    os.mkfifo(tmp_path / "feed.txt")
    report = update_in_subprocess(tmp_path, tmp_path.parent / f"{tmp_path.name}-ix", timeout=60)
    reasons = dict(report["skipped"])
    assert "feed.txt" in reasons, f"the FIFO is not in the skipped summary: {report}"
    assert reasons["feed.txt"].strip()
    assert report["added"] == 1


class Churn(threading.Thread):
    """Deletes, re-creates and swaps files for folders and FIFOs while an update runs."""

    def __init__(self, paths: list[Path], texts: dict[Path, str]) -> None:
        super().__init__(daemon=True)
        self.paths, self.texts = paths, texts
        self.stop = threading.Event()
        self.rounds = 0

    def run(self) -> None:
        rng = random.Random(7)
        while not self.stop.is_set():
            path = rng.choice(self.paths)
            self.restore(path)
            action = rng.choice(("delete", "directory", "fifo", "rewrite"))
            path.unlink()
            if action == "directory":
                path.mkdir()
            elif action == "fifo":
                os.mkfifo(path)
            elif action == "rewrite":
                path.write_text(self.texts[path], encoding="utf-8")
            self.rounds += 1
            self.stop.wait(0.002)

    def restore(self, path: Path) -> None:
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
        elif path.exists() or path.is_symlink() or path.is_fifo():
            path.unlink()
        path.write_text(self.texts[path], encoding="utf-8")


def test_files_churning_during_an_update_never_crash_or_hang_it(tmp_path: Path):
    root, index_dir = tmp_path / "corpus", tmp_path / "index"
    texts: dict[Path, str] = {}
    markers: dict[str, str] = {}
    for number, marker in enumerate(WORDS[20:80]):
        rel = f"batch{number % 4}/story{number:03}.txt"
        path = write_file(root, rel, article_text(marker, WORDS[10:20], RNG))
        texts[path], markers[rel] = path.read_text(encoding="utf-8"), marker
    churn = Churn(sorted(texts)[::3], texts)
    churn.start()
    try:
        report = update_in_subprocess(root, index_dir, timeout=90)
    finally:
        churn.stop.set()
        churn.join()
    for path in churn.paths:
        churn.restore(path)
    assert churn.rounds > 10, "the churn did not overlap the update"
    print(f"{churn.rounds} file swaps during the update")
    assert report["added"] + len(report["skipped"]) >= len(texts) - len(churn.paths)
    update_in_subprocess(root, index_dir, timeout=90)
    corpus = open_corpus(root, index_dir, update=False)
    try:
        for rel, marker in markers.items():
            assert hit_ids(corpus, marker) == [rel], f"{rel} lost after the churn"
    finally:
        corpus.close()
