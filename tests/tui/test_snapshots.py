"""Snapshots of the reader at a fixed size (update with `pytest --snapshot-update`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from index import Corpus
from tui.app import SourcedeskApp
from tui.widgets import ArticleList, QuotesList

from .helpers import SEEDS, search, settle

SIZE = (160, 45)


@pytest.fixture
def seeds_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeds_corpus: Corpus
) -> SourcedeskApp:
    """The app as `sourcedesk seeds` opens it (the path on screen is the same everywhere)."""
    monkeypatch.chdir(SEEDS.parent)
    return SourcedeskApp(Path("seeds"), tmp_path / "index", corpus=seeds_corpus)


async def _steady(pilot: Pilot) -> None:
    """Wait for the corpus, then stop the cursor blinking (shown steadily)."""
    await settle(pilot)
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()


def test_start_up_on_the_seeds(snap_compare, seeds_app: SourcedeskApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seeds_app, terminal_size=SIZE, run_before=_steady)


def test_a_search_with_an_open_match(snap_compare, seeds_app: SourcedeskApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await _steady(pilot)
        await search(pilot, "apology")
        await pilot.press("enter", "enter")
        await _steady(pilot)

    assert snap_compare(seeds_app, terminal_size=SIZE, run_before=run_before)


def test_a_quotations_versions_across_sources(snap_compare, seeds_app: SourcedeskApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await _steady(pilot)
        screen = pilot.app.screen
        sources = screen.query_one(ArticleList)
        sources.focus()
        sources.highlight_where(lambda row: row.path.startswith("001_"))
        await pilot.press("enter")
        await settle(pilot)
        quotes = screen.query_one(QuotesList)
        quotes.focus()
        quotes.highlight_where(lambda quote: quote.text.startswith("We’re deeply sorry"))
        await pilot.press("v")
        await _steady(pilot)

    assert snap_compare(seeds_app, terminal_size=SIZE, run_before=run_before)
