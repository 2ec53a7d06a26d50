"""One statement's versions side by side, the words that differ highlighted.

Each card is headed by where and when it was published (`Variety · 10 Sep 2020 ·
Title`), in date order as the index gives them, and the earliest dated one is
marked "first carried by Variety, 10 Sep 2020": provenance at a glance.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from index import Cluster, DiffPart, Quote, Version, display_date

from ..command_table import bindings
from ..literal import literal, one_line
from ..provenance import first_carried_line, first_carried_quote, source_heading
from ..who_spoke import machine_speaker

# The narrowest card (border, padding and scrollbar included) whose words are not
# cut: ~23 cells of text. More sources than fit side by side are shown a few at a time.
MIN_COLUMN = 28

_NO_SPACE_BEFORE = tuple(",.;:!?)]}”’…%")
_NO_SPACE_AFTER = tuple("([{“‘#@$")


def diff_text(parts: Sequence[DiffPart], changed: Style | str) -> Text:
    """The version's words with the changed runs styled, spaced as prose."""
    text = Text(end="")
    for part in parts:
        words = part.text
        if not words:
            continue
        previous = text.plain
        if (
            previous
            and not previous[-1].isspace()
            and not words[0].isspace()
            and not words.startswith(_NO_SPACE_BEFORE)
            and not previous.endswith(_NO_SPACE_AFTER)
        ):
            text.append(" ")
        text.append_text(literal(words, changed if part.changed else ""))
    return text


class VersionColumn(VerticalScroll, can_focus=True):
    """One source's wording; focus it and press enter to open it there."""

    def __init__(
        self, version: Version, title: str | None, *, current: bool, first: str | None = None
    ) -> None:
        super().__init__(classes="version-column" + (" -current" if current else ""))
        self.version = version
        self.title = title
        self.first = first  # the "first carried by" line, on the earliest card only

    def compose(self) -> ComposeResult:
        yield Static(classes="version-source")
        yield Static(classes="version-words")

    def fill(self, changed: Style, first: Style) -> None:
        quote = self.version.quote
        header = Text(end="")
        if self.first:
            header.append(f"★ {self.first}\n", first)
        header.append(source_heading(quote, self.title) + "\n", "bold")
        if quote.outlet or quote.published:  # the file name is secondary then
            header.append(one_line(quote.path, 120) + "\n")
        who = machine_speaker(quote)
        said = quote.date if quote.date and quote.date != quote.published else None
        details = [d for d in (who, quote.kind, display_date(said)) if d]
        header.append(" · ".join(one_line(d, 60) for d in details))
        self.query_one(".version-source", Static).update(header)
        parts = self.version.parts or (DiffPart(quote.text),)
        self.query_one(".version-words", Static).update(diff_text(parts, changed))


def window(total: int, fit: int, start: int, focused: int) -> int:
    """The first of `fit` columns out of `total` to show so `focused` is among them,
    moving the window from `start` no more than it has to."""
    start = min(max(start, focused - fit + 1), focused)
    return max(0, min(start, total - fit))


class VersionsView(Container):
    """The columns of a cluster, as many side by side as fit readably; left/right
    move between them (bringing hidden ones into view), enter chooses one."""

    DEFAULT_CSS = """
    VersionsView > .versions-view--changed {
        background: $error 40%;
        text-style: bold;
    }

    VersionsView > .versions-view--first {
        color: $accent;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"versions-view--changed", "versions-view--first"}

    BINDINGS: ClassVar[list[BindingType]] = bindings("VersionsView")  # see command_table

    class Shown(Message):
        """Which sources are in view: `first`-`last` (from 1) of `total`."""

        def __init__(self, first: int, last: int, total: int) -> None:
            super().__init__()
            self.first, self.last, self.total = first, last, total

    class Chosen(Message):
        """The user picked a version to open."""

        def __init__(self, quote: Quote) -> None:
            super().__init__()
            self.quote = quote

    def __init__(self, cluster: Cluster, titles: dict[str, str], current_id: str | None) -> None:
        super().__init__(id="versions")
        self.versions = cluster.versions  # earliest first (the index orders them)
        self.titles = titles
        self.current_id = current_id
        self.first_line = first_carried_line(cluster)
        first = first_carried_quote(cluster)
        self.first_id = first.id if first is not None else None
        self.start = 0  # the first column in view

    def compose(self) -> ComposeResult:
        for version in self.versions:
            quote = version.quote
            yield VersionColumn(
                version,
                self.titles.get(quote.article_id),
                current=quote.id == self.current_id,
                first=self.first_line if quote.id == self.first_id else None,
            )

    def on_mount(self) -> None:
        changed = self.get_component_rich_style("versions-view--changed")
        first = self.get_component_rich_style("versions-view--first")
        columns = list(self.query(VersionColumn))
        for column in columns:
            column.fill(changed, first)
        current = next((c for c in columns if c.has_class("-current")), None)
        if columns:
            at = columns.index(current) if current else 0
            self._show(columns, at)
            columns[at].focus()

    def on_resize(self) -> None:
        columns = list(self.query(VersionColumn))
        focused = self.screen.focused
        self._show(columns, columns.index(focused) if focused in columns else self.start)

    def _fit(self) -> int:
        """How many cards of at least MIN_COLUMN cells fit side by side (one at least),
        with the grid's gutter between them (app.tcss, `#versions`)."""
        gutter = self.styles.grid_gutter_vertical  # Textual's name for the gap between columns
        return max(1, (self.size.width + gutter) // (MIN_COLUMN + gutter))

    def _show(self, columns: list[VersionColumn], focused: int) -> None:
        """Show the cards that fit, column `focused` among them, and say which."""
        if not columns:
            return
        fit = min(len(columns), self._fit())
        self.start = window(len(columns), fit, self.start, focused)
        for index, column in enumerate(columns):
            column.display = self.start <= index < self.start + fit
        self.styles.grid_size_columns = fit  # one row, equal heights
        self.post_message(self.Shown(self.start + 1, self.start + fit, len(columns)))

    def action_move(self, step: int) -> None:
        columns = list(self.query(VersionColumn))
        if not columns:
            return
        focused = self.screen.focused
        index = (columns.index(focused) if focused in columns else self.start) + step
        index %= len(columns)
        self._show(columns, index)
        columns[index].focus()

    def action_choose(self) -> None:
        focused = self.screen.focused
        if isinstance(focused, VersionColumn):
            self.post_message(self.Chosen(focused.version.quote))
