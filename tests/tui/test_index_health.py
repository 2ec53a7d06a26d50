"""What the reader says about the index itself: files it left out, an index another
process is writing, damage found by the background check, links out of the folder."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from textual.pilot import Pilot

from index import open_corpus
from index.locking import write_lock
from tui.app import SourcedeskApp
from tui.widgets import IndexStatus

from .helpers import flat, reader, running, wait_until

ARTICLES = {
    "harbour.txt": 'Harbour news\n\n"The boats are back," said Mary Jones, the harbour master.\n',
    "market.txt": 'Market day\n\n"Prices held steady," said Tom Brown, a trader.\n',
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def status(pilot: Pilot) -> str:
    return flat(reader(pilot).query_one("#status-text"))


def status_is_error(pilot: Pilot) -> bool:
    return reader(pilot).query_one(IndexStatus).has_class("-error")


def notices(pilot: Pilot) -> list[str]:
    return [str(n.message) for n in pilot.app._notifications]


async def test_skipped_files_are_named_with_their_reasons(corpus: Path, tmp_path: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blob.txt").write_bytes(bytes(range(256)) * 8)
    app = SourcedeskApp(corpus, tmp_path / "index")
    async with running(app) as pilot:
        await wait_until(pilot, lambda: len(reader(pilot).infos) == 2, "the two articles")
        notice = next((n for n in notices(pilot) if "skipped" in n), "")
        assert "skipped 2 files" in notice, notices(pilot)
        assert "empty.txt: empty file" in notice
        assert "blob.txt: " in notice


@pytest.mark.parametrize("size", [(160, 45), (80, 24)])  # short: the line shows when wrong
async def test_a_busy_index_is_read_as_last_committed_and_the_status_says_so(
    corpus: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    index_dir = tmp_path / "index"
    open_corpus(corpus, index_dir).close()
    (corpus / "late.txt").write_text("Late news\n\nThe ferry ran late.\n", encoding="utf-8")
    app = SourcedeskApp(corpus, index_dir)
    with write_lock(index_dir):  # another sourcedesk is indexing
        async with running(app, size) as pilot:
            await wait_until(pilot, lambda: "not up to date" in status(pilot), "a stale status")
            assert reader(pilot).query_one(IndexStatus).region.height == 1
            assert "another sourcedesk" in status(pilot)
            assert "Cannot open" not in status(pilot)
            assert sorted(reader(pilot).infos) == sorted(ARTICLES)  # the last commit's


async def test_damage_found_after_opening_shows_in_the_status_line(
    corpus: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    for path in corpus.iterdir():  # long unchanged: opening needs no update, which would
        os.utime(path, (1e9, 1e9))  # repair the small segment before the check finds it
    open_corpus(corpus, index_dir).close()
    segment = max(index_dir.glob("*.seg"), key=lambda p: p.stat().st_size)
    before = segment.stat()
    with open(segment, "r+b") as handle:  # same size, same mtime: only checksums tell
        handle.seek(before.st_size // 2)
        handle.write(random.Random(1).randbytes(64))
    os.utime(segment, ns=(before.st_atime_ns, before.st_mtime_ns))
    app = SourcedeskApp(corpus, index_dir)
    async with running(app) as pilot:
        # Which read meets the garbage first varies with the segment's layout: opening
        # may find it and rebuild (nothing left to report), else the check reports it.
        repaired = app.corpus is not None and app.corpus.last_report is not None
        if repaired:
            assert app.corpus is not None and app.corpus.verify() == []
            assert not status_is_error(pilot), status(pilot)
            return
        await wait_until(pilot, lambda: "damaged" in status(pilot), f"damage in {status(pilot)!r}")
        assert segment.name in status(pilot)
        assert status_is_error(pilot)


@pytest.mark.parametrize("follow", [False, True])
async def test_links_out_of_the_folder_are_read_only_when_asked(
    corpus: Path, tmp_path: Path, follow: bool
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Outside\n\nA file from elsewhere.\n", encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside)
    app = SourcedeskApp(corpus, tmp_path / "index", follow_links=follow)
    async with running(app) as pilot:
        await wait_until(pilot, lambda: len(reader(pilot).infos) >= 2, "the articles listed")
        assert ("link.txt" in reader(pilot).infos) is follow
