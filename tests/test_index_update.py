"""The index on disk: incremental updates, rebuilds, damage, locks (real Whoosh indexes in tmp)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from index import IndexUnavailable, open_corpus
from index.documents import meta_doc
from index.locking import write_lock
from index.refresh import update_index

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def corpus_dir(tmp_path: Path, seeds_dir: Path) -> Path:
    """A private copy of the seeds that tests may add to, change and delete."""
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir, folder)
    return folder


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"


def sources(corpus, query: str) -> set[str]:
    return {hit.path for hit in corpus.search(query, limit=100).hits}


def write_article(folder: Path, name: str, title: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


def test_first_open_indexes_every_file_and_reopening_reads_none(corpus_dir, index_dir):
    first = open_corpus(corpus_dir, index_dir)
    assert (first.last_report.added, first.last_report.unchanged) == (5, 0)
    assert first.last_report.reason == "new index"
    assert len(first.articles()) == 5

    again = open_corpus(corpus_dir, index_dir)
    report = again.last_report
    assert (report.added, report.changed, report.removed, report.unchanged) == (0, 0, 0, 5)
    assert not report.rebuilt
    assert not again.needs_update()
    assert sources(again, "doucoure") == sources(first, "doucoure")


def test_opened_without_update_it_knows_when_nothing_changed(corpus_dir, index_dir):
    """The app opens big corpora without updating first; the check must not cry wolf."""
    open_corpus(corpus_dir, index_dir)
    reader = open_corpus(corpus_dir, index_dir, update=False)
    assert reader.last_report is None
    assert not reader.needs_update()
    write_article(corpus_dir, "late.txt", "Harbour news", "A late addition.")
    assert reader.needs_update()


def test_added_changed_and_deleted_files_are_the_only_ones_touched(corpus_dir, index_dir):
    corpus = open_corpus(corpus_dir, index_dir)
    names = sorted(p.name for p in corpus_dir.iterdir())
    write_article(corpus_dir, "new.txt", "Harbour dredging approved", "The quarzelite plan passed.")
    changed = corpus_dir / names[0]
    changed.write_text("Council minutes\n\nOnly the word zimbleworth remains.\n", encoding="utf-8")
    (corpus_dir / names[1]).unlink()

    assert corpus.needs_update()
    report = corpus.update()
    assert (report.added, report.changed, report.removed, report.unchanged) == (1, 1, 1, 3)
    assert sources(corpus, "quarzelite") == {"new.txt"}
    assert sources(corpus, "zimbleworth") == {names[0]}
    assert names[0] not in sources(corpus, "netflix")
    assert names[1] not in sources(corpus, "netflix")
    assert {info.path for info in corpus.articles()} == {"new.txt", *names[0:1], *names[2:]}
    with pytest.raises(KeyError):
        corpus.article(names[1])
    assert not corpus.needs_update()


def test_a_touched_but_identical_file_is_not_reindexed(corpus_dir, index_dir):
    corpus = open_corpus(corpus_dir, index_dir)
    touched = next(corpus_dir.iterdir())
    later = time.time_ns() + 5_000_000_000
    os.utime(touched, ns=(later, later))
    assert corpus.needs_update()
    report = corpus.update()
    assert (report.added, report.changed, report.unchanged) == (0, 0, 5)
    assert not corpus.needs_update(), "the new mtime is remembered"


def test_skipped_files_are_reported_on_every_open_but_read_once(corpus_dir, index_dir):
    (corpus_dir / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    first = open_corpus(corpus_dir, index_dir).last_report
    assert first.added == 6
    assert [s.path for s in first.skipped] == ["photo.txt"]
    again = open_corpus(corpus_dir, index_dir).last_report
    assert (again.added, again.unchanged) == (0, 6)
    assert [s.path for s in again.skipped] == ["photo.txt"]


def test_other_schema_version_rebuilds(corpus_dir, index_dir):
    open_corpus(corpus_dir, index_dir)
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.writer() as writer:
        writer.update_document(**meta_doc(-1, str(corpus_dir.resolve())))
    report = open_corpus(corpus_dir, index_dir).last_report
    assert report.rebuilt
    assert "another version" in report.reason
    assert report.added == 5


def test_an_index_of_another_folder_is_not_reused(corpus_dir, index_dir, tmp_path):
    open_corpus(corpus_dir, index_dir)
    other = tmp_path / "other"
    other.mkdir()
    write_article(other, "a.txt", "Lone article", "Nothing about streaming at all.")
    corpus = open_corpus(other, index_dir)
    assert corpus.last_report.rebuilt
    assert "another corpus" in corpus.last_report.reason
    assert sources(corpus, "netflix") == set()


def segment_files(index_dir: Path) -> list[Path]:
    return sorted(index_dir.glob("MAIN_*.seg"))


@pytest.mark.parametrize("damage", ["truncate segment", "delete segment", "garbage toc"])
def test_a_damaged_index_is_detected_and_rebuilt(corpus_dir, index_dir, damage):
    open_corpus(corpus_dir, index_dir)
    before = {p: p.read_bytes() for p in corpus_dir.iterdir()}
    if damage == "truncate segment":
        segment = segment_files(index_dir)[0]
        segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])
    elif damage == "delete segment":
        segment_files(index_dir)[0].unlink()
    else:
        toc = max(index_dir.glob("_MAIN_*.toc"))
        toc.write_bytes(b"\x80\x04garbage, not a pickle" * 10)
    corpus = open_corpus(corpus_dir, index_dir)
    assert corpus.last_report.rebuilt
    assert "damaged" in corpus.last_report.reason
    assert len(sources(corpus, "netflix")) == 5
    assert {p: p.read_bytes() for p in corpus_dir.iterdir()} == before, "corpus never written"


def test_a_second_writer_waits_then_names_the_first(corpus_dir, index_dir):
    index_dir.mkdir()
    with (
        write_lock(index_dir),
        pytest.raises(IndexUnavailable, match=r"another sourcedesk .*is indexing this corpus"),
    ):
        update_index(corpus_dir.resolve(), index_dir, lock_wait=0.3)
    assert open_corpus(corpus_dir, index_dir).last_report.added == 5


def test_a_lock_held_by_a_killed_process_is_recovered(corpus_dir, index_dir):
    index_dir.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import signal
                from pathlib import Path
                from index.locking import write_lock
                with write_lock(Path({str(index_dir)!r})):
                    print("locked", flush=True)
                    signal.pause()  # hold the lock until killed
                """
            ),
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(IndexUnavailable, match=rf"pid {holder.pid}"):
            update_index(corpus_dir.resolve(), index_dir, lock_wait=0.2)
    finally:
        holder.kill()
        holder.wait(10)
    assert open_corpus(corpus_dir, index_dir).last_report.added == 5


def test_open_without_update_needs_a_usable_index(corpus_dir, index_dir):
    with pytest.raises(IndexUnavailable, match="without an update"):
        open_corpus(corpus_dir, index_dir, update=False)
    open_corpus(corpus_dir, index_dir)
    corpus = open_corpus(corpus_dir, index_dir, update=False)
    assert corpus.last_report is None
    assert len(corpus.articles()) == 5


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(IndexUnavailable, match="no such folder"):
        open_corpus(tmp_path / "nowhere", tmp_path / "index")


def test_the_index_lives_under_the_environment_override(corpus_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCEDESK_INDEX_DIR", str(tmp_path / "cache"))
    corpus = open_corpus(corpus_dir)
    assert corpus.index_dir.parent == tmp_path / "cache"
    assert corpus.index_dir.name.startswith("corpus-")


def test_a_file_name_that_is_not_utf8_is_indexed_found_and_removed(corpus_dir, index_dir):
    raw = os.path.join(os.fsencode(corpus_dir), b"caf\xe9 minutes.txt")
    with open(raw, "wb") as out:
        out.write(b"Cafe minutes\n\nThe glossolith committee met.\n")
    corpus = open_corpus(corpus_dir, index_dir)
    assert corpus.last_report.added == 6
    hits = corpus.search("glossolith").hits
    assert [os.fsencode(h.path) for h in hits] == [b"caf\xe9 minutes.txt"]
    assert "glossolith" in corpus.article(hits[0].id).text
    os.unlink(raw)
    report = corpus.update()
    assert (report.removed, report.unchanged) == (1, 5)
    assert corpus.search("glossolith").total == 0


def test_without_its_sidecar_an_index_still_lists_articles_and_clusters(corpus_dir, index_dir):
    corpus = open_corpus(corpus_dir, index_dir)
    articles, clusters = corpus.articles(), corpus.clusters()
    sidecars = list(index_dir.glob("state-*.json"))
    assert len(sidecars) == 1
    sidecars[0].unlink()
    reopened = open_corpus(corpus_dir, index_dir, update=False)
    assert reopened.articles() == articles
    assert [c.id for c in reopened.clusters()] == [c.id for c in clusters]
    assert len(clusters) >= 1, "the seeds carry statements quoted by several sources"
