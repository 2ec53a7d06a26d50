"""A bordered pane of the reader whose titles are reactive, so the screen binds them."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical
from textual.reactive import var

Title = str | Text  # Text: a query, speaker or path is never read as markup


class Pane(Vertical):
    """A `.pane` container; `title` and `subtitle` are drawn in its border.

    The reader screen owns what they say (`data_bind` to its own reactives), so
    no handler reaches into a pane to retitle it.
    """

    title: var[Title] = var[Title]("")
    subtitle: var[Title] = var[Title]("")

    def watch_title(self, title: Title) -> None:
        self.border_title = title

    def watch_subtitle(self, subtitle: Title) -> None:
        self.border_subtitle = subtitle
