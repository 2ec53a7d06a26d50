"""Bordered parts of the reader whose titles are reactive, so the screen binds them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.text import Text
from textual.containers import Vertical
from textual.geometry import Region
from textual.reactive import var

from .repaint import RepaintsRegion

Title = str | Text  # Text: a query, speaker or path is never read as markup


class BorderTitles(RepaintsRegion):
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

    def watch_title(self, title: Title) -> None:
        with self._border_row(0):
            self.border_title = title

    def watch_subtitle(self, subtitle: Title) -> None:
        with self._border_row(-1):
            self.border_subtitle = subtitle

    @contextmanager
    def _border_row(self, row: int) -> Iterator[None]:
        """Repaint only the top (0) or bottom (-1) border row inside the block."""
        if not self.outer_size:
            yield
            return
        # Regions are relative to the content area; the border rows lie outside it.
        left, top = self.content_offset
        width, height = self.outer_size
        y = 0 if row == 0 else height - 1
        with self.repainting_only(Region(-left, y - top, width, 1)):
            yield


class Pane(Vertical, BorderTitles):
    """A `.pane` container with a bound title and subtitle."""
