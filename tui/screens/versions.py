"""A modal with a clustered quotation's versions side by side."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from index import Cluster, Quote

from ..command_table import bindings
from ..literal import one_line
from ..provenance import first_carried_line
from ..widgets.versions_view import VersionColumn, VersionsView
from .verdict_flow import VerdictAsked


class VersionsScreen(ModalScreen[Quote | None]):
    """Dismisses with the version the user chose to open, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,v,q", "dismiss(None)", "Close"),
        *bindings("VersionsScreen"),  # the verdict keys, see command_table
    ]

    def __init__(self, cluster: Cluster, titles: dict[str, str], current: Quote | None) -> None:
        super().__init__()
        self.cluster = cluster
        self.titles = titles
        self.current = current

    def compose(self) -> ComposeResult:
        versions = self.cluster.versions
        who = next((v.quote.speaker for v in versions if v.quote.speaker), None)
        heading = Text(end="")
        heading.append(f"The same statement in {len(self.cluster.sources)} sources", "bold")
        if who:
            heading.append(f" · {one_line(who, 60)}")
        if first := first_carried_line(self.cluster):
            heading.append(f" · {first}")
        heading.append("\nearliest first · highlighted words differ · ←/→ choose · enter opens")
        heading.append(" · esc closes")
        with Vertical(id="versions-dialog"):
            yield Static(heading, id="versions-heading")
            yield VersionsView(self.cluster, self.titles, self.current.id if self.current else None)

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
