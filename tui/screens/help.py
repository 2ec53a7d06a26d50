"""`?`: every key of the app (from `command_table`) and the query syntax, on one screen."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

QUERY_SYNTAX: tuple[tuple[str, str], ...] = (
    ("cuties netflix", "articles with both words (accents, spellings and word forms forgiven)"),
    ('"death threats"', "the exact phrase"),
    ("cuties OR mignonnes", "either word"),
    ("sundance NOT mignonnes", "the first without the second"),
    ("(cuties OR mignonnes) poster", "grouping"),
    ("hypersexual*", "words starting with hypersexual"),
    ("netflx~", "words within a typo"),
    ("title:cuties", "in the title only (body: in the text)"),
    ("outlet:variety  author:smith", "articles by outlet or author"),
    ("date:2020-09", "articles published that year, month or day"),
    ("date:[2020-09-01 TO 2020-09-15]", "published in a range of days (ends included)"),
    ("speaker:doucoure", "quotations by a speaker"),
    ("kind:tweet netflix", "quotations of a kind: direct, partial, block, tweet, scare"),
)

Section = tuple[str, Sequence[tuple[str, str]]]


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
    table.add_column("keys", style="bold", no_wrap=True, min_width=12)
    table.add_column("what", ratio=1)
    for keys, what in rows:
        table.add_row(Text(keys), Text(what))
    return table
