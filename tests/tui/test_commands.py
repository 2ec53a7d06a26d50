"""One command table feeds the key bindings, the ctrl+p palette and the `?` help."""

from __future__ import annotations

from textual.binding import Binding

from tui.app import SourcedeskApp
from tui.command_table import COMMANDS, bindings
from tui.screens.reader import ReaderScreen
from tui.widgets import ArticleView, SearchBar

from .helpers import pick_in_palette, reader, running, search, settle, shown


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
