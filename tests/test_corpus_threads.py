"""`Corpus` called from several threads at once, with no lock held by the caller."""

from __future__ import annotations

import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from index import Corpus, open_corpus

from .conftest import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "seeds"
WAIT = 60.0


def seeds_corpus(tmp_path: Path) -> tuple[Path, Corpus]:
    folder = Path(shutil.copytree(SEEDS, tmp_path / "corpus"))
    return folder, open_corpus(folder, tmp_path / "index")


def test_a_search_does_not_wait_for_one_still_running_in_another_thread(tmp_path: Path) -> None:
    _, corpus = seeds_corpus(tmp_path)
    borrowed, release = threading.Event(), threading.Event()

    def slow_reader() -> None:  # holds a searcher as a slow query does
        with corpus._lock.shared(), corpus._searcher():
            borrowed.set()
            release.wait(WAIT)

    with ThreadPoolExecutor(max_workers=2) as pool:
        held = pool.submit(slow_reader)
        try:
            assert borrowed.wait(WAIT)
            search = pool.submit(corpus.search, "sorry")
            assert search.result(WAIT).total == 3  # done while the other still reads
            assert not held.done()
        finally:
            release.set()
    corpus.close()


def test_searches_and_an_update_from_many_threads_all_see_a_whole_index(tmp_path: Path) -> None:
    folder, corpus = seeds_corpus(tmp_path)
    before = corpus.search("netflix", limit=50).total
    (folder / "new.txt").write_text(
        "Netflix answers critics\n\nNetflix said on Friday it stands by the film.\n",
        encoding="utf-8",
    )

    def search(_: int) -> int:
        return corpus.search("netflix", limit=50).total

    with ThreadPoolExecutor(max_workers=4) as pool:
        counts = list(pool.map(search, range(8)))
        update = pool.submit(corpus.update)
        counts += list(pool.map(search, range(8)))
        report = update.result(WAIT)
    assert report.added == 1
    assert set(counts) <= {before, before + 1}  # the index before or after, never broken
    assert corpus.search("netflix", limit=50).total == before + 1
    corpus.close()
