"""The reader's compositor draws only under what changed, and writes what Textual's would."""

from __future__ import annotations

from collections import Counter

import pytest
from textual._compositor import ChopsUpdate, Compositor
from textual.filter import Monochrome
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from tui.app import SourcedeskApp
from tui.screens.reader import ReaderScreen
from tui.widgets import PagedList
from tui.widgets.repaint import RegionCompositor

from . import frames
from .helpers import reader, running, search, settle, written

SIZES = [(160, 45), (80, 24)]


Cells = list[list[tuple[str, object]]]


class Compared:
    """Every partial update of the reader's compositor, checked against the update
    Textual's own compositor makes of the same repainted areas (the same cells
    written, with the same text and style: Textual's also moves the cursor to
    where a repainted span ends, writing nothing there); and
    how many rows of which widgets each drew."""

    def __init__(self, app: SourcedeskApp, monkeypatch: pytest.MonkeyPatch) -> None:
        self.updates = 0
        self.differing: list[str] = []
        self.drawn: dict[str, Counter[str]] = {"ours": Counter(), "theirs": Counter()}
        drawing: list[Counter[str]] = []
        ours = RegionCompositor.render_partial_update
        render_lines = Widget.render_lines

        def counted(widget: Widget, crop: Region) -> list[Strip]:
            if drawing:
                drawing[-1][type(widget).__name__] += crop.height
            return render_lines(widget, crop)

        def compared(compositor: RegionCompositor) -> ChopsUpdate | None:
            areas = set(compositor._dirty_regions)
            drawing.append(self.drawn["theirs"])
            theirs = Compositor.render_partial_update(compositor)
            compositor._dirty_regions.update(areas)
            drawing[-1] = self.drawn["ours"]
            mine = ours(compositor)
            drawing.clear()
            if theirs is None or mine is None:
                assert theirs is mine
                return mine
            self.updates += 1
            if written(app, mine) != written(app, theirs):
                self.differing.append(f"areas {sorted(areas)}")
            return mine

        monkeypatch.setattr(RegionCompositor, "render_partial_update", compared)
        monkeypatch.setattr(Widget, "render_lines", counted)
        # Every frame painted, as for a user (tests defer them: see frames.py).
        monkeypatch.setattr(Screen, "_compositor_refresh", frames._paint_frame)


def blank(app: SourcedeskApp) -> Cells:
    width, height = app.size
    return [[(" ", None)] * width for _ in range(height)]


def apply(cells: Cells, app: SourcedeskApp, update: object) -> None:
    """Write `update` into `cells`, as a terminal would."""
    for (x, y), cell in written(app, update).items():
        cells[y][x] = cell


def on_terminal(app: SourcedeskApp) -> Cells:
    """What a terminal shows: every update handed to the driver applied in turn."""
    cells = blank(app)
    draw = app._display

    def display(screen: Screen, renderable: object) -> None:
        if renderable is not None:
            apply(cells, app, renderable)
        draw(screen, renderable)  # type: ignore[arg-type]

    app._display = display  # type: ignore[method-assign]
    return cells


async def walk(pilot: Pilot) -> Cells:
    """Searches with more and fewer hits than the lists have rows (scrollbars come
    and go), none, one that cannot be read; the cursor moved, an article opened
    and scrolled, the panes cycled, every frame painted. What the terminal shows
    at the end, from the updates painted on the way."""
    app = pilot.app
    assert isinstance(app, SourcedeskApp)
    screen = reader(pilot)
    assert isinstance(screen._compositor, RegionCompositor)
    terminal = on_terminal(app)
    apply(terminal, app, screen._compositor.render_update(full=True))
    for query in ("netflix OR cuties OR poster OR apology", "sorry", "zzzqqq", "netflix"):
        await search(pilot, query)
    await pilot.press("enter", "down", "down", "enter")
    await settle(pilot)
    await pilot.press("tab", "j", "j", "G")
    await settle(pilot)
    await search(pilot, '"unclosed')
    await search(pilot, "cuties")
    await pilot.press("escape", "tab", "down", "down")
    await settle(pilot)
    return terminal


def repainted_whole(pilot: Pilot) -> Cells:
    """What a full repaint of the screen shows now."""
    app = pilot.app
    assert isinstance(app, SourcedeskApp)
    cells = blank(app)
    apply(cells, app, reader(pilot)._compositor.render_update(full=True))
    return cells


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_partial_updates_write_what_textuals_compositor_writes(
    app: SourcedeskApp, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    compared = Compared(app, monkeypatch)
    async with running(app, size) as pilot:
        await walk(pilot)
    assert compared.updates > 10
    assert compared.differing == []
    # It drew less: the open article's rows are not drawn again on each search.
    ours, theirs = compared.drawn["ours"], compared.drawn["theirs"]
    assert ours["ArticleView"] < theirs["ArticleView"]
    assert ours.total() < theirs.total()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_terminal_shows_what_a_full_repaint_shows(
    app: SourcedeskApp, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    # Every frame painted, as for a user (tests defer them: see frames.py).
    monkeypatch.setattr(Screen, "_compositor_refresh", frames._paint_frame)
    async with running(app, size) as pilot:
        terminal = await walk(pilot)
        full = repainted_whole(pilot)
    assert [text(row) for row in terminal] == [text(row) for row in full]
    assert terminal == full  # and every cell's style


def text(row: list[tuple[str, object]]) -> str:
    return "".join(char for char, _ in row)


def strips_of(rows: list[Strip]) -> list[tuple[int, list[object]]]:
    return [(row.cell_length, list(row)) for row in rows]


def lists_finish_rows_as_textual(screen: ReaderScreen) -> int:
    """Compare every shown list's finished rows, whole and cut at the sides, with
    Textual's styling of the same rows; how many lists were compared."""
    compared = 0
    for widget in screen.query(PagedList):
        width, height = widget.region.size
        if not widget.display or not width or not height:
            continue
        assert widget._plain_box(), widget.id
        for crop in (Region(0, 0, width, height), Region(1, 1, width - 2, height - 1)):
            with widget._one_look():
                ours = widget._finished_rows(crop)
            theirs = Widget.render_lines(widget, crop)  # Textual's styles cache
            assert strips_of(ours) == strips_of(theirs), (widget.id, crop)
        compared += 1
    return compared


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_lists_finish_their_rows_as_textual_styles_them(
    app: SourcedeskApp, size: tuple[int, int]
) -> None:
    async with running(app, size) as pilot:
        screen = reader(pilot)
        compared = lists_finish_rows_as_textual(screen)  # every source listed
        await search(pilot, "netflix OR cuties OR poster OR apology")
        compared += lists_finish_rows_as_textual(screen)
        await pilot.press("enter", "down", "down")  # the matches focused, the cursor moved
        await settle(pilot)
        screen.matches._hover = 0
        compared += lists_finish_rows_as_textual(screen)
        await pilot.press("G", "enter")  # scrolled to the end; an article opened
        await settle(pilot)
        compared += lists_finish_rows_as_textual(screen)
        await pilot.press("tab")
        await search(pilot, "zzzqqq")  # nothing found: the lists' empty rows
        compared += lists_finish_rows_as_textual(screen)
        app._filters.append(Monochrome())  # as under NO_COLOR: rows pass the app's filters
        compared += lists_finish_rows_as_textual(screen)
    assert compared >= 6
