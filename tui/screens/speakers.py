"""The speakers view: who is quoted, how often, and by how many sources.

A quick way to see whose voice dominates the coverage. Choosing a speaker posts
`FilterSpeaker(name)`; the app narrows its quotes pane to that speaker across
the corpus, the same filter as a `speaker:` query.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from index import Speaker

from ..command_table import SPEAKERS, bindings
from ..literal import one_line

if TYPE_CHECKING:
    from index import Corpus

BAR_WIDTH = 20
# A name is shown in full up to this many characters, then cut with "…".
NAME_WIDTH = 60
# What the other columns take beside the name: the two counts' headers (with a sort
# arrow), the bar, a cell's padding on both sides of all four, and the scrollbar.
BESIDE_NAME = len("Quotes ▼") + len("Sources ▼") + BAR_WIDTH + 4 * 2 + 2
EIGHTHS = " ▏▎▍▌▋▊▉█"
SORT_KEYS = ("quotes", "sources")


class FilterSpeaker(Message):
    """Narrow the quotes pane to one canonical speaker across the corpus."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


def source_bar(count: int, most: int, width: int = BAR_WIDTH) -> str:
    """A horizontal bar, in eighth-cell steps, of `count` against the largest `most`."""
    if most <= 0 or count <= 0:
        return ""
    eighths = max(1, round(count / most * width * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[rest] if rest else "")


def sort_speakers(speakers: Sequence[Speaker], by: str) -> list[Speaker]:
    """Most quoted (or most widely sourced) first; ties by the other count, then name."""
    if by == "sources":
        return sorted(speakers, key=lambda s: (-s.sources, -s.quotes, s.name.casefold()))
    return sorted(speakers, key=lambda s: (-s.quotes, -s.sources, s.name.casefold()))


class SpeakersScreen(Screen):
    """Canonical speakers with their quotation and source counts; enter filters by one."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("SpeakersScreen")  # see command_table
    HELP_SECTION: ClassVar[str] = SPEAKERS  # first in `?`

    sort_by: reactive[str] = reactive("quotes", init=False)

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.speakers: list[Speaker] = []

    def compose(self) -> ComposeResult:
        yield Static("Speakers — loading…", id="speakers-title")
        yield DataTable(id="speakers-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.load_speakers()

    @work(thread=True, exclusive=True, group="speakers")
    def load_speakers(self) -> None:
        """Fetch the speakers off the UI thread: a large corpus has thousands."""
        try:
            speakers = self.corpus.speakers()
        except Exception as error:  # a locked or damaged index: say so, stay up
            message = str(error) or type(error).__name__
            self.app.call_from_thread(
                self.query_one("#speakers-title", Static).update,
                Text(f"Speakers unavailable: {message}"),
            )
            return
        self.app.call_from_thread(self.show_speakers, speakers)

    def show_speakers(self, speakers: Sequence[Speaker]) -> None:
        self.speakers = list(speakers)
        self.fill_table()

    def fill_table(self, keep: str | None = None) -> None:
        """(Re)build the rows in the current order, keeping the cursor on `keep`."""
        table = self.query_one("#speakers-table", DataTable)
        table.clear(columns=True)
        arrow = {key: " ▼" if key == self.sort_by else "" for key in SORT_KEYS}
        table.add_column("Speaker", key="name")
        table.add_column(f"Quotes{arrow['quotes']}", key="quotes")
        table.add_column(f"Sources{arrow['sources']}", key="sources")
        table.add_column("Sources quoting", key="bar")
        most = max((s.sources for s in self.speakers), default=0)
        # The counts stay on screen at 80 columns: a long name gives way, not them.
        name_width = max(12, min(NAME_WIDTH, self.size.width - BESIDE_NAME))
        for speaker in sort_speakers(self.speakers, self.sort_by):
            table.add_row(
                Text(one_line(speaker.name, name_width)),
                Text(str(speaker.quotes), justify="right"),
                Text(str(speaker.sources), justify="right"),
                Text(source_bar(speaker.sources, most), style="bold"),
                key=speaker.name,
            )
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        count = len(self.speakers)
        self.query_one("#speakers-title", Static).update(
            Text(
                f"Speakers — {count:,} canonical speaker{'s' * (count != 1)}, "
                f"sorted by {self.sort_by}    enter: show their quotations · t: sort"
            )
        )
        table.focus()

    def on_resize(self) -> None:
        if self.speakers:
            self.fill_table(keep=self.current_name())

    def current_name(self) -> str | None:
        table = self.query_one("#speakers-table", DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(row_key.value)

    def action_toggle_sort(self) -> None:
        self.sort_by = "sources" if self.sort_by == "quotes" else "quotes"

    def watch_sort_by(self) -> None:
        self.fill_table(keep=self.current_name())

    @on(DataTable.HeaderSelected, "#speakers-table")
    def sort_by_header(self, event: DataTable.HeaderSelected) -> None:
        if event.column_key.value in SORT_KEYS:
            self.sort_by = str(event.column_key.value)

    @on(DataTable.RowSelected, "#speakers-table")
    def choose_speaker(self, event: DataTable.RowSelected) -> None:
        self.dismiss()
        self.app.post_message(FilterSpeaker(str(event.row_key.value)))

    def action_close(self) -> None:
        self.dismiss()
