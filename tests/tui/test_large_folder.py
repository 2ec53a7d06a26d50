"""A folder of more than `BULK_THRESHOLD` files opens in the app (bulk workers inside Textual)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Label

from index.bulk_build import BULK_THRESHOLD
from tui.app import SourcedeskApp
from tui.widgets import IndexStatus

from .helpers import reader, running, wait_until

FILES = BULK_THRESHOLD + 50


@pytest.fixture
def big_folder(tmp_path: Path) -> Path:
    """`FILES` small distinct articles, enough that indexing uses worker processes."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(FILES):
        (folder / f"{n:05d}.txt").write_text(
            f"Harbour report number {n}\n\nThe harbour master counted {n} boats today.\n",
            encoding="utf-8",
        )
    return folder


async def test_a_folder_over_the_bulk_threshold_opens_and_lists_every_file(
    big_folder: Path, tmp_path: Path
) -> None:
    app = SourcedeskApp(big_folder, tmp_path / "index")
    async with running(app) as pilot:
        screen = reader(pilot)
        status_line = screen.query_one(IndexStatus)
        await wait_until(
            pilot,
            lambda: len(screen.sources.items) == FILES or status_line.has_class("-error"),
            f"{FILES} sources listed, or an error",
        )
        status = str(screen.query_one("#status-text", Label).content)
        assert not status_line.has_class("-error"), status
        assert "Cannot open" not in status
        assert f"{FILES:,} sources" in status
        assert screen.query_one("#articles-pane").border_title == f"Articles {FILES:,}"
