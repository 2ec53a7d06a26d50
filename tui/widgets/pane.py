"""Bordered parts of the reader whose titles are reactive, so the screen binds them."""

from __future__ import annotations

from typing import Self

from rich.text import Text
from textual.containers import Vertical
from textual.geometry import Region
from textual.reactive import var
from textual.widget import Widget

Title = str | Text  # Text: a query, speaker or path is never read as markup


class BorderTitles(Widget):
    """`title` and `subtitle`, drawn in the widget's border.

    The reader screen owns what they say (`data_bind` to its own reactives), so
    no handler reaches into a widget to retitle it. Put it last among the bases:
    Textual takes a widget's CSS from its first base.

    A new title repaints only the border row it sits in: Textual repaints the
    whole widget, and a pane is most of the screen's height (on each search
    the panes' titles change with their counts).
    """

    title: var[Title] = var[Title]("")
    subtitle: var[Title] = var[Title]("")

    _retitled_row: int | None = None  # the border row a title change repaints (-1: bottom)

    def watch_title(self, title: Title) -> None:
        self._retitled_row = 0
        try:
            self.border_title = title
        finally:
            self._retitled_row = None

    def watch_subtitle(self, subtitle: Title) -> None:
        self._retitled_row = -1
        try:
            self.border_subtitle = subtitle
        finally:
            self._retitled_row = None

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        row = self._retitled_row
        if row is not None and not (regions or layout or recompose) and self.outer_size:
            # Regions are relative to the content area; the border rows lie outside it.
            left, top = self.content_offset
            width, height = self.outer_size
            y = 0 if row == 0 else height - 1
            regions = (Region(-left, y - top, width, 1),)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


class Pane(Vertical, BorderTitles):
    """A `.pane` container with a bound title and subtitle."""
