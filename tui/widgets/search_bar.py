"""The search box across the top, with the line under it for errors and hints.

It debounces typing (a search starts ~150 ms after the last key) and reports the
query; the screen runs the search in a worker and reports back what to show here.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.geometry import Region
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from ..command_table import bindings
from ..literal import one_line
from .repaint import RepaintsRegion

HINT_ROWS = 2  # the hint line's max-height
PLACEHOLDER = 'Search: words, "a phrase", a OR b, NOT c, wild*, title:…, speaker:…'


class HintLine(Static, RepaintsRegion):
    """The line under the box: a new one-row hint repaints only the cells it and
    the hint before it cover.

    Textual repaints the whole row, the screen's full width: that put the Quotes
    pane (at the right) inside the area the screen draws again after every
    search, though it had not changed (the compositor draws every widget the
    area's bounding box crosses; the lists and titles that change lie left).
    """

    def retell(self, text: Text, before: int) -> None:
        """Show the one-row `text` in place of a one-row hint `before` cells wide."""
        with self.repainting_only(Region(0, 0, max(before, text.cell_len), 1)):
            self.update(text, layout=False)


class QueryInput(Input):
    """The search box: every key is applied in the order it was typed, focus keeps the text.

    Textual's Input inserts a printable key as soon as it arrives but runs editing
    keys (backspace, ctrl+u, arrows) as bindings only once the key has bubbled up
    to the app; when keys come in a burst (the app was busy drawing results), a
    letter typed after a backspace was inserted before it. Here the box's own
    editing bindings run on arrival, in order.
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(select_on_focus=False, **kwargs)  # type: ignore[arg-type]
        self._handing_back = False  # keys go back to the app until the focus leaves
        self._handed_back: set[int] = set()  # ids of the keys given back

    def on_blur(self) -> None:
        self._handing_back = False
        self._handed_back.clear()

    async def _on_key(self, event: events.Key) -> None:
        if id(event) in self._handed_back:  # given back, yet the focus stayed here
            self._handed_back.discard(id(event))
            self._handing_back = False
        elif self._handing_back or not self.has_focus or _escape_and_key(event):
            # Escape and a key typed at once reach a terminal app as one alt+key;
            # keys that came after it, or that were routed here before an escape
            # moved the focus, belong elsewhere. Give them back to the app as typed,
            # in order, until the focus has left.
            event.stop()
            event.prevent_default()
            self._handing_back = self.has_focus
            for key in _as_typed(event):
                self._handed_back.add(id(key))
                self.app.post_message(key)
            return
        if event.key == "slash" and not self.value:
            event.stop()  # "/" focused the box; typed into an empty box it would be a query
            event.prevent_default()
            return
        if not event.is_printable:
            for binding in self._bindings.key_to_bindings.get(event.key, ()):
                # An action that does not apply is skipped and the key goes on up:
                # Input's inherited down/up scroll a box of one line, so "down" is
                # the search bar's (to the matches), as in Textual's own dispatch.
                if await self.app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()
                    return
        await super()._on_key(event)


def _escape_and_key(event: events.Key) -> bool:
    """Whether the key is alt+<a printable key>: what a terminal sends for Escape
    followed at once by that key (and for the alt chord, which it cannot tell apart)."""
    return event.key.startswith("alt+") and event.is_printable


def _as_typed(event: events.Key) -> list[events.Key]:
    """The keys as the user typed them: alt+s is escape, then s."""
    if not _escape_and_key(event):
        return [events.Key(event.key, event.character)]
    key = event.key.removeprefix("alt+")
    if key.startswith("shift+") and event.character:
        key = event.character  # alt+shift+n: "N"
    return [events.Key("escape", "\x1b"), events.Key(key, event.character)]


class SearchBar(Vertical):
    """An input that asks for searches as the user types, and a hint line."""

    DEFAULT_CSS = """
    SearchBar {
        height: auto;
        padding: 0 1;
    }

    SearchBar #query {
        border: tall $primary 50%;
    }

    SearchBar #query:focus {
        border: tall $accent;
    }

    SearchBar.-error #query {
        border: tall $error;
    }

    SearchBar #search-hint {
        display: none;
        height: auto;
        max-height: 2;  /* HINT_ROWS */
        padding: 0 1;
        color: $text-muted;
    }

    SearchBar #search-hint.-shown {
        display: block;
    }

    SearchBar #search-hint.-error {
        color: $text-error;
        text-style: bold;
    }
    """

    DEBOUNCE = 0.15

    BINDINGS: ClassVar[list[BindingType]] = bindings("SearchBar")  # see command_table

    class QueryChanged(Message):
        """The query settled (the user paused typing)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Submitted(Message):
        """Enter: the user wants to go to the results."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.suggestion: str | None = None
        self._timer: Timer | None = None
        self._reported: str | None = None
        self._hint_lines = 0  # rows the hint line takes now (0: hidden)
        self._hint_cells = 0  # and its width in cells (read when it is one row)

    def compose(self) -> ComposeResult:
        yield QueryInput(placeholder=PLACEHOLDER, id="query")
        yield HintLine(id="search-hint")

    @property
    def input(self) -> Input:
        return self.query_one("#query", Input)

    @property
    def value(self) -> str:
        return self.input.value

    # -- typing ----------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.DEBOUNCE, self._report)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def _report(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        query = self.value.strip()
        if query != self._reported:
            self._reported = query
            self.post_message(self.QueryChanged(query))

    def action_submit(self) -> None:
        self._report()
        self.post_message(self.Submitted())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept_suggestion":
            return self.suggestion is not None
        return True

    def action_accept_suggestion(self) -> None:
        """Replace the query with the "did you mean" suggestion (and search again)."""
        if self.suggestion is not None:
            self.input.value = self.suggestion
            self.input.cursor_position = len(self.suggestion)
            self.suggestion = None
            self._report()

    # -- the hint line ---------------------------------------------------------------

    def _hint(self, text: Text | None, *, error: bool = False) -> None:
        """Show `text` under the box (None hides the line).

        A new layout of the screen (every widget measured and drawn again) is
        asked for only when the line appears, goes or changes its height: on
        each search only the hint itself is redrawn, and a one-row hint after
        another of the same kind only as far as either reaches.
        """
        hint = self.query_one("#search-hint", HintLine)
        lines = 0 if text is None else self._lines_of(text, hint)
        # One row after one row (so shown) in the same colours: redrawn in place.
        if (
            text is not None
            and lines == self._hint_lines == 1
            and hint.has_class("-error") == error
        ):
            hint.retell(text, self._hint_cells)
        else:
            hint.update(text if text is not None else "", layout=lines != self._hint_lines)
        self._hint_lines = lines
        self._hint_cells = text.cell_len if text is not None else 0
        hint.set_class(text is not None, "-shown")
        hint.set_class(error, "-error")
        self.set_class(error, "-error")

    def _lines_of(self, text: Text, hint: Static) -> int:
        """How many rows `text` takes in the hint line (at most its max-height)."""
        width = hint.content_region.width or self.content_region.width
        if width <= 0:
            return -1  # not laid out yet: measure when it is
        rows = len(text.wrap(self.app.console, width))
        return min(rows, HINT_ROWS)

    def show_error(self, message: str) -> None:
        """A malformed query: say what is wrong, in place."""
        self.suggestion = None
        self._hint(Text("⚠ " + one_line(message), end=""), error=True)

    def show_result(self, summary: str, suggestion: str | None) -> None:
        """A search ran: show its summary and any "did you mean" (ctrl+d accepts it)."""
        self.suggestion = suggestion  # for ctrl+d, offered in the hint line
        text = Text(summary, end="")
        if suggestion:
            text.append("  Did you mean ")
            text.append(f"“{one_line(suggestion, 120)}”", "bold")
            text.append("? ctrl+d accepts")
        self._hint(text if summary or suggestion else None)

    def clear_hint(self) -> None:
        self.suggestion = None
        self._hint(None)
