"""A damaged index on disk is detected, reported and rebuilt; the corpus is never written.

Each case builds a real index, damages its files the way a full disk, a crash
or a stray `rm` would, then opens the corpus again: through the API (the update
report must say it was rebuilt and why) and through the command line (the user
is told on stderr and the search still answers). The corpus files are hashed
before and after.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from index import IndexUnavailable, QueryError, open_corpus

from .helpers import SEEDS, article_text, file_digests, hit_ids, pseudo_words, run_here

RNG = random.Random(61)
WORDS = pseudo_words(RNG, 40)
MARKERS = {f"extra/{word}.txt": word for word in WORDS[:3]}


def whoosh_files(index_dir: Path) -> tuple[list[Path], list[Path]]:
    """The index's table-of-contents files and its segment files."""
    files = [p for p in index_dir.iterdir() if p.is_file() and "MAIN" in p.name]
    tocs = [p for p in files if p.suffix == ".toc"]
    segments = [p for p in files if p.suffix not in (".toc", ".lock")]
    assert tocs and segments, f"no Whoosh files in {sorted(p.name for p in index_dir.iterdir())}"
    return tocs, sorted(segments, key=lambda p: p.stat().st_size)


def truncate_segment(index_dir: Path) -> None:
    segment = whoosh_files(index_dir)[1][-1]
    segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])


def delete_segment(index_dir: Path) -> None:
    whoosh_files(index_dir)[1][-1].unlink()


def garbage_toc(index_dir: Path) -> None:
    for toc in whoosh_files(index_dir)[0]:
        toc.write_bytes(random.Random(1).randbytes(toc.stat().st_size))


def empty_toc(index_dir: Path) -> None:
    for toc in whoosh_files(index_dir)[0]:
        toc.write_bytes(b"")


def zeroed_segment(index_dir: Path) -> None:
    """A crash on some file systems leaves a file of the right size full of zeros."""
    segment = whoosh_files(index_dir)[1][-1]
    segment.write_bytes(b"\x00" * segment.stat().st_size)


def garbage_sidecars(index_dir: Path) -> None:
    """Every non-Whoosh file of the index (state, clusters, fingerprints) turned to garbage."""
    for path in index_dir.iterdir():
        if path.is_file() and "MAIN" not in path.name and "lock" not in path.name:
            path.write_bytes(b"\x00{not json")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated_segment": truncate_segment,
    "deleted_segment": delete_segment,
    "garbage_toc": garbage_toc,
    "empty_toc": empty_toc,
    "zeroed_segment": zeroed_segment,
}
REBUILD_WORDS = re.compile(r"rebuil|damag|corrupt|unreadable|cannot be read|broken", re.I)


@pytest.fixture
def corpus_root(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root)
    for rel, word in MARKERS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article_text(word, WORDS[10:], RNG), encoding="utf-8")
    return root


def build(root: Path, index_dir: Path) -> None:
    open_corpus(root, index_dir).close()


def assert_answers(root: Path, index_dir: Path) -> None:
    corpus = open_corpus(root, index_dir, update=False)
    try:
        for rel, word in MARKERS.items():
            assert hit_ids(corpus, word) == [rel]
        assert len(corpus.articles()) == len(list(SEEDS.iterdir())) + len(MARKERS)
        assert hit_ids(corpus, "netflix"), "the seeds are no longer searchable"
    finally:
        corpus.close()


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_index_is_reported_and_rebuilt_by_the_api(corpus_root: Path, damage: str):
    index_dir = corpus_root.parent / "index"
    build(corpus_root, index_dir)
    before = file_digests(corpus_root)
    DAMAGE[damage](index_dir)

    try:  # a reader that does not update must get the typed error, or a working index
        reader = open_corpus(corpus_root, index_dir, update=False)
    except IndexUnavailable as err:
        assert str(err).strip()
    else:
        try:
            reader.search(WORDS[0])
        except (IndexUnavailable, QueryError) as err:
            pytest.fail(f"damage passed the open check and broke the search: {err}")
        finally:
            reader.close()

    corpus = open_corpus(corpus_root, index_dir)
    report = corpus.last_report
    corpus.close()
    assert report is not None and report.rebuilt, f"not rebuilt after {damage}: {report}"
    assert REBUILD_WORDS.search(report.reason), f"the reason does not say why: {report.reason!r}"
    assert report.added == len(before)
    assert_answers(corpus_root, index_dir)
    assert file_digests(corpus_root) == before, "the corpus files were written to"


@pytest.mark.parametrize("damage", ["truncated_segment", "garbage_toc"])
def test_command_line_tells_the_user_and_still_answers(corpus_root: Path, damage: str):
    index_dir = corpus_root.parent / "index"
    build(corpus_root, index_dir)
    before = file_digests(corpus_root)
    DAMAGE[damage](index_dir)
    word = WORDS[0]
    args = ["search", "--corpus", str(corpus_root), "--index-dir", str(index_dir), "--format"]
    done = run_here([*args, "jsonl", word])
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert REBUILD_WORDS.search(stderr), f"the user was not told: {stderr!r}"
    hits = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [hit["source"] for hit in hits] == [f"extra/{word}.txt"]
    assert file_digests(corpus_root) == before


def test_garbage_sidecar_files_do_not_break_the_index(corpus_root: Path):
    index_dir = corpus_root.parent / "index"
    build(corpus_root, index_dir)
    before = file_digests(corpus_root)
    garbage_sidecars(index_dir)
    corpus = open_corpus(corpus_root, index_dir)
    try:
        corpus.clusters()
        corpus.speakers()
    finally:
        corpus.close()
    assert_answers(corpus_root, index_dir)
    assert file_digests(corpus_root) == before
