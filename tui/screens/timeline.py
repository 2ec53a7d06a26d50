"""The timeline: coverage over time, and where and when a statement appeared.

A bar chart of articles per day (per week over long spans) for each outlet, and
under it the statements carried by several sources. Highlighting a statement
marks its versions on the chart and lists them, earliest first; enter on a
version opens it in the reader (`JumpToQuote`, through the app's history).
Without dates the chart is laid out in corpus order and says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..command_table import TIMELINE, bindings
from ..timeline_data import NO_DATES, Statement, Timeline, build_timeline
from ..widgets.paged_list import ItemOption, PagedList
from ..widgets.timeline_chart import TimelineChart
from ..widgets.timeline_lists import AppearanceList, StatementList
from .coverage import JumpToQuote

if TYPE_CHECKING:
    from index import Corpus


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'s' * (count != 1)}"


class TimelineScreen(Screen):
    """The chart over the two lists; tab moves between the lists."""

    DEFAULT_CSS = """
    TimelineScreen {
        layout: vertical;
    }

    #timeline-title {
        height: auto;
        padding: 0 1;
        background: $panel;
        text-style: bold;
    }

    #timeline-note {
        height: auto;
        padding: 0 1;
        color: $warning;
    }

    #timeline-chart-box {
        height: auto;
        max-height: 50%;
    }

    #timeline-lists {
        height: 1fr;
        min-height: 6;
    }

    #timeline-lists > PagedList {
        width: 1fr;
        height: 100%;
        border: round $panel-lighten-2;
    }

    #timeline-lists > PagedList:focus-within {
        border: round $accent;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("TimelineScreen")  # see command_table
    HELP_SECTION: ClassVar[str] = TIMELINE  # first in `?`

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.timeline: Timeline | None = None

    def compose(self) -> ComposeResult:
        yield Static("Timeline — loading…", id="timeline-title")
        yield Static(id="timeline-note")
        with VerticalScroll(id="timeline-chart-box"):
            yield TimelineChart(id="timeline-chart")
        with Horizontal(id="timeline-lists"):
            yield StatementList(id="timeline-statements")
            yield AppearanceList(id="timeline-appearances")
        yield Footer()

    def on_mount(self) -> None:
        statements = self.query_one(StatementList)
        statements.border_title = "Statements in several sources"
        statements.empty_message = "Loading…"
        statements.set_items([])
        appearances = self.query_one(AppearanceList)
        appearances.border_title = "Where and when"
        appearances.empty_message = "Select a statement to see where and when it appeared."
        appearances.set_items([])
        statements.focus()
        self.load_timeline()

    @work(thread=True, exclusive=True, group="timeline")
    def load_timeline(self) -> None:
        """Read the articles and clusters off the UI thread (slow on large corpora)."""
        try:
            timeline = build_timeline(self.corpus.articles(), self.corpus.clusters())
        except Exception as error:  # the index may be locked or damaged: say so, stay up
            self.app.call_from_thread(self.show_error, str(error) or type(error).__name__)
            return
        self.app.call_from_thread(self.show_timeline, timeline)

    def show_error(self, message: str) -> None:
        self.query_one("#timeline-title", Static).update(Text(f"Timeline unavailable: {message}"))

    def show_timeline(self, timeline: Timeline) -> None:
        self.timeline = timeline
        outlets = len(timeline.rows)
        if timeline.dated:
            title = (
                f"Timeline — {_plural(timeline.articles, 'article')} from "
                f"{_plural(outlets, 'outlet')}, {timeline.span}, per {timeline.unit}"
            )
            note = (
                f"{_plural(timeline.undated, 'article')} without a date not on the chart"
                if timeline.undated
                else ""
            )
        else:
            title = f"Timeline — {_plural(timeline.articles, 'article')} in corpus order"
            note = NO_DATES
        self.query_one("#timeline-title", Static).update(Text(title))
        self.query_one("#timeline-note", Static).update(Text(note))
        self.query_one("#timeline-note").display = bool(note)
        self.query_one(TimelineChart).show(timeline)
        statements = self.query_one(StatementList)
        statements.empty_message = "No statement is carried by more than one source."
        statements.set_items(timeline.statements)
        if timeline.statements:
            self.select(timeline.statements[0])

    def select(self, statement: Statement) -> None:
        """Mark where and when `statement` appeared, on the chart and in the list."""
        assert self.timeline is not None
        self.query_one(TimelineChart).show(self.timeline, statement)
        appearances = self.query_one(AppearanceList)
        first = next((a for a in statement.appearances if a.first), None)
        where = _plural(len(statement.appearances), "source")
        if first is not None:
            name = first.quote.outlet or first.quote.title or first.quote.path
            where += f" · first carried by {name}, {first.when}"
        appearances.border_title = Text(f"Where and when: {where}")
        appearances.set_items(statement.appearances)

    @on(PagedList.OptionHighlighted, "#timeline-statements")
    def statement_highlighted(self, event: PagedList.OptionHighlighted) -> None:
        if isinstance(event.option, ItemOption) and isinstance(event.option.item, Statement):
            self.select(event.option.item)

    def on_paged_list_item_selected(self, event: PagedList.ItemSelected) -> None:
        event.stop()
        if isinstance(event.source, StatementList):
            self.query_one(AppearanceList).focus()  # enter again opens a version
            return
        self.dismiss()
        self.app.post_message(JumpToQuote(event.item.quote))

    def action_other_list(self) -> None:
        """`tab`: from the statements to where the selected one appeared, and back."""
        statements = self.query_one(StatementList)
        target = self.query_one(AppearanceList) if statements.has_focus else statements
        target.focus()

    def action_close(self) -> None:
        self.dismiss()
