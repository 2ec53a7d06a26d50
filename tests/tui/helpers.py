"""What the reader tests share: driving the app and reading what it shows."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import pytest
from rich.segment import ControlType
from rich.style import Style
from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.command import CommandInput, CommandList, CommandPalette
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

from index import Corpus
from tui.screens.reader import ReaderScreen
from tui.widgets import ArticleView, PagedList

from .frames import paint

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
WAIT = 60.0  # seconds a condition may take under load before a test fails loudly


@asynccontextmanager
async def running(app: App, size: tuple[int, int] = (160, 45)) -> AsyncIterator[Pilot]:
    """The app running headless at `size`, with its corpus open and listed."""
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot
        paint(app)  # the last state is painted whole too (see frames.py)


async def settle(pilot: Pilot) -> None:
    """Let timers, workers, searches and the messages they post run to the end."""
    deadline = time.monotonic() + WAIT
    for _ in range(4):
        await pilot.pause()
        # A worker that failed has told the user already (a notification): wait, don't raise.
        await asyncio.gather(*(w.wait() for w in pilot.app.workers), return_exceptions=True)
        while _searching(pilot):  # searches run in daemon threads, not workers
            if time.monotonic() > deadline:
                pytest.fail(f"after {WAIT:.0f} s a search still has not come back")
            await pilot.pause(0.01)
    await pilot.pause()
    paint(pilot.app)


def _searching(pilot: Pilot) -> bool:
    screen = pilot.app.screen_stack[0] if pilot.app.screen_stack else None
    return isinstance(screen, ReaderScreen) and screen.searching


async def wait_until(
    pilot: Pilot, ready: Callable[[], bool], what: str, timeout: float = WAIT
) -> None:
    """Let the app run until `ready()` holds; fail after `timeout` seconds saying `what`."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            pytest.fail(f"after {timeout:.0f} s still waiting for: {what}")
        await pilot.pause(0.05)
    await settle(pilot)


async def search(pilot: Pilot, query: str, *, typed: bool = False) -> None:
    """Focus the box with `/`, enter `query` and wait for the results.

    The query is pasted into the box (one change) unless `typed` (a key per letter).
    """
    await pilot.press("slash")
    box = reader(pilot).search_bar.input
    if typed:
        box.value = ""
        await pilot.press(*query)
    else:
        box.value = query
        box.cursor_position = len(query)
    await searched(pilot, query)


async def searched(pilot: Pilot, query: str) -> None:
    """Wait until the reader has searched for `query` (typing paused) and shown it."""
    screen = reader(pilot)
    await wait_until(
        pilot,
        lambda: screen.query_text == query.strip() and not screen.searching,
        f"the results of {query!r}",
    )


@contextmanager
def index_busy(corpus: Corpus) -> Iterator[None]:
    """Hold every read of `corpus` back (as an update does) so a test decides when
    results arrive: keys pressed inside the block all come before them."""
    with corpus._lock.exclusive():
        yield


async def burst(pilot: Pilot, *keys: str) -> None:
    """Send `keys` all at once, as a terminal does while the app is busy drawing.

    `pilot.press` waits for each key to be handled; a real terminal does not, so
    keys queue up and any handling that is not in arrival order shows.
    """
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        char = key if len(key) == 1 else None
        name = _character_to_key(key) if char and not key.isalnum() else key
        event = events.Key(name, char)
        event.set_sender(pilot.app)
        driver.send_message(event)
    # Let the keys be handled, without waiting for searches: a burst sent while
    # `index_busy` holds the index would wait for results that cannot come yet.
    for _ in range(4):
        await pilot.pause()


async def typed_on_terminal(pilot: Pilot, text: str) -> None:
    """Send `text` as a terminal's bytes, parsed as Textual parses its input: an
    escape followed at once by a key arrives as one alt+key event."""
    driver = pilot.app._driver
    assert driver is not None
    parser = XTermParser()
    for event in [*parser.feed(text), *parser.feed("")]:  # "": the input paused
        event.set_sender(pilot.app)
        driver.send_message(event)
    await settle(pilot)


def reader(pilot: Pilot) -> ReaderScreen:
    screen = pilot.app.screen_stack[0]
    assert isinstance(screen, ReaderScreen)
    return screen


def lines(widget: Widget) -> list[str]:
    """The text of every line the widget shows right now."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def shown(widget: Widget) -> str:
    return "\n".join(lines(widget))


def flat(widget: Widget) -> str:
    """What the widget shows as one line of words (wrapping undone)."""
    return " ".join(shown(widget).split())


def styled_runs(widget: Widget, style: Style) -> list[str]:
    """Runs of on-screen text drawn with `style`'s background (e.g. highlighted words)."""
    runs: list[str] = []
    for y in range(widget.size.height):
        current = ""
        for segment in widget.render_line(y):
            if segment.style is not None and segment.style.bgcolor == style.bgcolor:
                current += segment.text
            elif current:
                runs.append(current)
                current = ""
        if current:
            runs.append(current)
    return runs


def emphasised(view: ArticleView) -> list[str]:
    """The text the article view draws as the current place."""
    return styled_runs(view, view.get_component_rich_style("article-view--current"))


def list_texts(widget: PagedList) -> list[str]:  # type: ignore[type-arg]
    """Plain text of each option of a list, as rendered."""
    texts = []
    for option in widget.options:
        prompt = option.prompt
        texts.append(prompt.plain if hasattr(prompt, "plain") else str(prompt))
    return texts


async def pick_in_palette(pilot: Pilot, typed: str, offered: str) -> None:
    """Enter `typed` into the open command palette; once it offers `offered`
    (highlighted), press enter.

    `typed` is pasted (one search), not typed a key at a time (a search and a
    redraw of the list per letter): the palette offers the same either way.
    """

    def fresh_palette() -> CommandInput | None:  # not one still closing, already used
        screen = pilot.app.screen
        if not isinstance(screen, CommandPalette):
            return None
        box = screen.query_one(CommandInput)
        return box if box.value == "" else None

    await wait_until(pilot, lambda: fresh_palette() is not None, "the command palette")
    box = fresh_palette()
    assert box is not None
    box.value = typed
    box.cursor_position = len(typed)

    def offering() -> bool:
        screen = pilot.app.screen
        if not isinstance(screen, CommandPalette):
            return False
        results = screen.query_one(CommandList)
        index = results.highlighted
        if index is None or results.option_count == 0:
            return False
        prompt = results.get_option_at_index(index).prompt
        return offered.lower() in str(getattr(prompt, "plain", prompt)).lower()

    await wait_until(pilot, offering, f"the palette offering {offered!r}")
    await pilot.press("enter")


async def open_from_reader(pilot: Pilot, key: str, screen_type: type[Screen]) -> Screen:
    """From the reader, as a user does: leave the search box, press `key`."""
    await settle(pilot)
    await pilot.press("escape", key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, screen_type)
    return pilot.app.screen


def written(app: App, update: object) -> dict[tuple[int, int], tuple[str, object]]:
    """The cells a screen update handed to the driver writes on a terminal, with
    their text and style (every line of an update starts with a cursor move; a
    move alone writes nothing)."""
    width, height = app.size
    cells = {}
    x = y = 0
    for segment in app.console.render(update):  # type: ignore[arg-type]
        for code in segment.control or ():
            if code[0] == ControlType.CURSOR_MOVE_TO:
                x, y = int(code[1]), int(code[2])
        if segment.control:
            continue
        for char in segment.text.replace("\n", ""):
            if 0 <= x < width and 0 <= y < height:
                cells[x, y] = (char, segment.style)
            x += 1
    return cells
