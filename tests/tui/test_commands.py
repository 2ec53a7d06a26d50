"""One command table feeds the key bindings, the ctrl+p palette and the `?` help."""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen

from tui.app import SourcedeskApp
from tui.command_table import COMMANDS, COVERAGE, MOVING, SEARCHING, SPEAKERS, TIMELINE, bindings
from tui.screens.coverage import CoverageScreen
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.screens.speakers import SpeakersScreen
from tui.screens.timeline import TimelineScreen
from tui.widgets import ArticleView, SearchBar

from .helpers import open_from_reader, pick_in_palette, reader, running, search, settle, shown


def test_every_bound_command_is_a_binding_of_its_class() -> None:
    owners = {
        "SourcedeskApp": SourcedeskApp,
        "ReaderScreen": ReaderScreen,
        "SearchBar": SearchBar,
        "ArticleView": ArticleView,
    }
    for name, cls in owners.items():
        bound = {(b.key, b.action) for b in cls.BINDINGS if isinstance(b, Binding)}
        assert bound == {(b.key, b.action) for b in bindings(name)}
        assert bound, name


async def test_help_lists_every_command_of_the_table(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = " ".join(" ".join(shown(w) for w in app.screen.query(".help-table")).split())
        missing = [c.explained for c in COMMANDS if c.explained and c.explained not in text]
        assert not missing


async def test_help_explains_every_key_in_words_not_footer_labels(app: SourcedeskApp) -> None:
    # Keys with no help of their own showed their footer label: "Next pane", "Close".
    async with running(app) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = " ".join(" ".join(shown(w) for w in app.screen.query(".help-table")).split())
        assert "tab the next pane (the search box is one)" in text
        assert "shift+tab the previous pane" in text
        for label in ("Next pane", "Previous pane", "Close", "Quit", "Open this version"):
            assert label not in text
    capitals = [c.explained for c in COMMANDS if c.explained[:1].isupper()]
    assert capitals == ["Quotes pane: this article's, or all matching the query"]


async def test_the_palette_runs_a_reader_key_s_command(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        screen = reader(pilot)
        await search(pilot, "cuties")
        await pilot.press("escape", "right_square_bracket", "right_square_bracket")
        await settle(pilot)
        second = screen.article.id if screen.article else None
        await pilot.press("ctrl+p")
        await pick_in_palette(pilot, "Back", "Back")
        await settle(pilot)
        assert screen.article is not None and screen.article.id != second


def help_titles(pilot: Pilot) -> list[str]:
    """The titles of the help tables, in the order shown."""
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    return [shown(table).split("\n", 1)[0].strip() for table in screen.query(".help-table")]


@pytest.mark.parametrize(
    ("key", "screen_type", "section"),
    [
        ("c", CoverageScreen, COVERAGE),
        ("s", SpeakersScreen, SPEAKERS),
        ("t", TimelineScreen, TIMELINE),
    ],
)
async def test_question_mark_in_a_view_shows_that_view_s_keys_first(
    app: SourcedeskApp, key: str, screen_type: type[Screen], section: str
) -> None:
    # `?` did nothing outside the reader.
    async with running(app) as pilot:
        view = await open_from_reader(pilot, key, screen_type)
        await pilot.press("question_mark")
        await settle(pilot)
        titles = help_titles(pilot)
        assert titles[0] == section
        assert "Query syntax" in titles
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is view


async def test_question_mark_in_the_reader_keeps_the_table_s_order(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        assert help_titles(pilot)[:2] == [SEARCHING, MOVING]
