"""`?`: every key of the reader and the query syntax, on one screen."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
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
    ("speaker:doucoure", "quotations by a speaker"),
    ("kind:tweet netflix", "quotations of a kind: direct, partial, block, tweet, scare"),
)

Section = tuple[str, Sequence[tuple[str, str]]]


def key_rows(
    bindings: Iterable[Binding], describe_key: Callable[[str], str]
) -> list[tuple[str, str]]:
    """(keys, what they do) per described binding; keys doing the same thing share a row.

    The binding's tooltip is the longer explanation, when it has one.
    """
    rows: dict[str, list[str]] = {}
    for binding in bindings:
        if not binding.description or binding.action.startswith("dismiss"):
            continue
        what = binding.tooltip or binding.description
        keys = rows.setdefault(what, [])
        keys.extend(k for k in map(describe_key, binding.key.split(",")) if k not in keys)
    return [(" ".join(keys), what) for what, keys in rows.items()]


def reader_sections(app: App, reader_bindings: Iterable[BindingType]) -> list[Section]:
    """The reader's help tables, from the bindings themselves where they exist."""

    def rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
        real = [b for b in bindings if isinstance(b, Binding)]
        return key_rows(real, lambda key: app.get_key_display(Binding(key, "")))

    app_bindings = [
        binding
        for cls in type(app).__mro__
        for binding in cls.__dict__.get("BINDINGS", ())
        if isinstance(binding, Binding) and binding.action not in ("focus_search", "help")
    ]
    from ..widgets import ArticleView
    from ..widgets.versions_view import VersionsView
    from .coverage import CoverageScreen
    from .speakers import SpeakersScreen

    return [
        (
            "Searching",
            [
                ("/", "search from anywhere (typing searches as you go)"),
                ("enter ↓", "go to the matches"),
                ("escape", "leave the search box"),
                ("ctrl+d", "accept the “did you mean” suggestion"),
            ],
        ),
        (
            "Moving around",
            [
                ("↑ ↓ j k", "move in a list, scroll the article"),
                ("g G", "first, last in a list"),
                ("enter", "open the selected source, match or quotation"),
                *rows(reader_bindings),
            ],
        ),
        ("Reading an article", rows(ArticleView.BINDINGS)),
        ("App", [("?", "this help"), ("ctrl+p", "command palette"), *rows(app_bindings)]),
        (
            "Coverage matrix (c)",
            [
                ("arrows", "move between statements and sources"),
                ("enter", "open the quotation in that source (or, on the statement, v)"),
                *rows(CoverageScreen.BINDINGS),
            ],
        ),
        (
            "Speakers (s)",
            [
                ("enter", "that speaker's quotations in the Quotes pane (a clears)"),
                *rows(SpeakersScreen.BINDINGS),
            ],
        ),
        ("A statement's versions (v)", [*rows(VersionsView.BINDINGS), ("e", "export them")]),
    ]


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
