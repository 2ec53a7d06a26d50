"""The search box across the top, with the line under it for errors and hints.

It debounces typing (a search starts ~150 ms after the last key) and reports the
query; the screen runs the search in a worker and reports back what to show here.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from ..literal import one_line

PLACEHOLDER = 'Search: words, "a phrase", a OR b, NOT c, wild*, title:…, speaker:…'


class SearchBar(Vertical):
    """An input that asks for searches as the user types, and a hint line."""

    DEBOUNCE = 0.15

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave search", show=False),
        Binding("down", "submit", "To the results", show=False),
        Binding("ctrl+d", "accept_suggestion", "Accept suggestion", priority=True),
    ]

    class QueryChanged(Message):
        """The query settled (the user paused typing)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Submitted(Message):
        """Enter: the user wants to go to the results."""

    class Left(Message):
        """Escape: the user leaves the search box."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.suggestion: str | None = None
        self._timer: Timer | None = None
        self._reported: str | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder=PLACEHOLDER, id="query")
        yield Static(id="search-hint")

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

    def action_leave(self) -> None:
        self.post_message(self.Left())

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
        hint = self.query_one("#search-hint", Static)
        hint.update(text if text is not None else "")
        hint.set_class(text is not None, "-shown")
        hint.set_class(error, "-error")
        self.set_class(error, "-error")

    def show_error(self, message: str) -> None:
        """A malformed query: say what is wrong, in place."""
        self.suggestion = None
        self._hint(Text("⚠ " + one_line(message), end=""), error=True)
        self.refresh_bindings()

    def show_result(self, summary: str, suggestion: str | None) -> None:
        """A search ran: show its summary and any "did you mean" (ctrl+d accepts it)."""
        self.suggestion = suggestion
        text = Text(summary, end="")
        if suggestion:
            text.append("  Did you mean ")
            text.append(f"“{one_line(suggestion, 120)}”", "bold")
            text.append("? ctrl+d accepts")
        self._hint(text if summary or suggestion else None)
        self.refresh_bindings()

    def clear_hint(self) -> None:
        self.suggestion = None
        self._hint(None)
        self.refresh_bindings()
