"""Bordered parts of the reader whose titles are reactive, so the screen binds them."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical
from textual.reactive import var
from textual.widget import Widget

Title = str | Text  # Text: a query, speaker or path is never read as markup


class BorderTitles(Widget):
    """`title` and `subtitle`, drawn in the widget's border.

    The reader screen owns what they say (`data_bind` to its own reactives), so
    no handler reaches into a widget to retitle it. Put it last among the bases:
    Textual takes a widget's CSS from its first base.
    """

    title: var[Title] = var[Title]("")
    subtitle: var[Title] = var[Title]("")

    def watch_title(self, title: Title) -> None:
        self.border_title = title

    def watch_subtitle(self, subtitle: Title) -> None:
        self.border_subtitle = subtitle


class Pane(Vertical, BorderTitles):
    """A `.pane` container with a bound title and subtitle."""
