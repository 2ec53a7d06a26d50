"""A modal with a clustered quotation's versions side by side."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from index import Cluster, Quote

from ..command_table import VERSIONS, bindings
from ..literal import one_line
from ..provenance import first_carried_line
from ..widgets.versions_view import VersionColumn, VersionsView
from .verdict_flow import VerdictAsked

CARD_LINES = 30  # a card's most lines (border included); longer statements scroll
CARD_LINES_LEAST = 5  # however small the terminal, a card shows a few lines
FOOTER_SPACED_FROM = 100  # columns; narrower, the footer's keys are packed (compact)


class VersionsScreen(ModalScreen[Quote | None]):
    """Dismisses with the version the user chose to open, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,v,q", "dismiss(None)", "Close"),
        *bindings("VersionsScreen"),  # the verdict keys, see command_table
    ]
    HELP_SECTION: ClassVar[str] = VERSIONS  # first in `?`

    def __init__(self, cluster: Cluster, titles: dict[str, str], current: Quote | None) -> None:
        super().__init__()
        self.cluster = cluster
        self.titles = titles
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="versions-dialog"):
            yield Static(self._heading(), id="versions-heading")
            yield VersionsView(self.cluster, self.titles, self.current.id if self.current else None)
        yield Footer()

    def _heading(self, shown: VersionsView.Shown | None = None) -> Text:
        """Who said it and where first, then which sources are in view when not all fit
        (the keys are in the footer)."""
        versions = self.cluster.versions
        who = next((v.quote.speaker for v in versions if v.quote.speaker), None)
        heading = Text(end="")
        heading.append(f"The same statement in {len(self.cluster.sources)} sources", "bold")
        if who:
            heading.append(f" · {one_line(who, 60)}")
        if first := first_carried_line(self.cluster):
            heading.append(f" · {first}")
        heading.append("\n")
        if shown and shown.last - shown.first + 1 < shown.total:
            heading.append(f"sources {shown.first}–{shown.last} of {shown.total}", "bold")
            heading.append(" (←/→) · ")
        heading.append("earliest first · highlighted words differ")
        return heading

    def on_versions_view_shown(self, event: VersionsView.Shown) -> None:
        self.query_one("#versions-heading", Static).update(self._heading(event))
        self.call_after_refresh(self._fit_cards)  # the heading's height may change

    def on_resize(self) -> None:
        # Spaced out, the footer's keys take ~85 columns: at 80 `? Help` fell off its end.
        self.query_one(Footer).compact = self.size.width < FOOTER_SPACED_FROM
        self.call_after_refresh(self._fit_cards)

    def _fit_cards(self) -> None:
        """Cap the cards' height at what the dialog leaves them, so a long statement
        scrolls in its card rather than running off the dialog (at 24 rows: 15, not 30)."""
        dialog = self.query_one("#versions-dialog")
        heading = self.query_one("#versions-heading")
        space = Size(self.size.width, self.size.height - self.query_one(Footer).outer_size.height)
        most = dialog.styles.max_height
        tallest = int(most.resolve(space, self.app.size)) if most else space.height
        room = tallest - dialog.styles.gutter.height - heading.outer_size.height
        room -= heading.styles.margin.height
        for column in self.query(VersionColumn):
            column.styles.max_height = max(CARD_LINES_LEAST, min(CARD_LINES, room))

    def on_versions_view_chosen(self, event: VersionsView.Chosen) -> None:
        self.dismiss(event.quote)

    def action_verdict(self, action: str) -> None:
        """A verdict on the chosen version: asked and saved by the reader (the
        grouping may change, so this view closes; `v` shows it again)."""
        column = self.focused
        if isinstance(column, VersionColumn):
            quote = replace(column.version.quote, cluster=self.cluster.id)
            self.dismiss(None)
            self.app.screen_stack[0].post_message(VerdictAsked(action, quote))
