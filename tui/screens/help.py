"""`?`: every key of the reader and the query syntax, on one screen."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

QUERY_SYNTAX: tuple[tuple[str, str], ...] = (
    ("cuties netflix", "articles with both words"),
    ('"won an award"', "the exact phrase"),
    ("netflix OR disney", "either word"),
    ("netflix NOT petition", "without the second word"),
    ("film*", "words starting with film"),
    ("title:cuties", "in the title only"),
    ("speaker:netflix", "quotations by a speaker (the Quotes pane follows)"),
    ("kind:tweet", "quotations of a kind: direct, partial, block, tweet, scare"),
    ("(a OR b) c", "group with parentheses"),
)

Section = tuple[str, Sequence[tuple[str, str]]]


def key_rows(bindings: Iterable[Binding], describe_key: object) -> list[tuple[str, str]]:
    """(keys, what they do) for each binding with a description, in order, without repeats."""
    rows: dict[str, str] = {}
    for binding in bindings:
        if not binding.description:
            continue
        keys = " ".join(describe_key(key) for key in binding.key.split(","))  # type: ignore[operator]
        rows.setdefault(binding.description, keys)
    return [(keys, description) for description, keys in rows.items()]


class HelpScreen(ModalScreen[None]):
    """A scrollable list of keys by area, and the query syntax."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, sections: Sequence[Section]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Static(Text("sourcedesk — keys", style="bold"), classes="help-heading")
            for title, rows in self.sections:
                yield Static(_table(title, rows), classes="help-table")
            yield Static(_table("Query syntax", QUERY_SYNTAX), classes="help-table")
            yield Static(Text("esc closes · ctrl+p opens the command palette", style="italic"))

    def on_mount(self) -> None:
        self.query_one("#help-dialog").focus()


def _table(title: str, rows: Sequence[tuple[str, str]]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True)
    table.add_column("keys", style="bold", no_wrap=True, ratio=1)
    table.add_column("what", ratio=3)
    for keys, what in rows:
        table.add_row(Text(keys), Text(what))
    return table
