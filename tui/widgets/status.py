"""The line above the footer: indexing progress, or what corpus is open.

It draws a `StatusLine` value; the reader binds it to its own `status` reactive
(`data_bind`), so whatever tells the reader about the corpus changes one value.
The progress bar is built the first time there is progress to show: an index
already built never needs it, and it is a good part of the first screen's cost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.reactive import var
from textual.widgets import Label

from index import Progress

from ..literal import one_line
from ..reader_state import StatusLine

if TYPE_CHECKING:
    from textual.widgets import ProgressBar

PHASES = {
    "scan": "Scanning files",
    "index": "Indexing articles",
    "quotes": "Finding quotations",
    "commit": "Saving the index",
}


class IndexStatus(Horizontal):
    """Shows progress while the index is built, then a one-line corpus summary."""

    DEFAULT_CSS = """
    IndexStatus {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }

    IndexStatus #status-text {
        width: 1fr;
    }

    IndexStatus #status-progress {
        display: none;
        width: 40;
    }

    IndexStatus.-busy #status-progress {
        display: block;
    }

    IndexStatus.-error {
        color: $text-error;
    }
    """

    line: var[StatusLine] = var(StatusLine(), init=False)

    def compose(self) -> ComposeResult:
        yield Label(id="status-text")

    def on_mount(self) -> None:
        self.watch_line(self.line)

    def watch_line(self, line: StatusLine) -> None:
        if line.progress is not None:
            self._show_progress(line.progress)
        else:
            self._show_message(line.text, error=line.error)

    def _show_progress(self, progress: Progress) -> None:
        """Update the bar from an indexing progress report."""
        self.add_class("-busy")
        label = PHASES.get(progress.phase, progress.phase.capitalize())
        counted = f" {progress.done:,}/{progress.total:,}" if progress.total else ""
        self.query_one("#status-text", Label).update(Text(f"{label}{counted}…"))
        bar = self._bar()
        if progress.bytes_total:
            bar.update(total=progress.bytes_total, progress=progress.bytes_done)
        elif progress.total:
            bar.update(total=progress.total, progress=progress.done)
        else:
            bar.update(total=None)

    def _bar(self) -> ProgressBar:
        """The progress bar, built (and mounted) on first use."""
        from textual.widgets import ProgressBar  # imported when first needed, too

        try:
            return self.query_one("#status-progress", ProgressBar)
        except NoMatches:
            bar = ProgressBar(id="status-progress", show_eta=False)
            self.mount(bar)
            return bar

    def _show_message(self, message: str, *, error: bool = False) -> None:
        """A one-line summary (or an error) instead of the progress bar."""
        self.remove_class("-busy")
        self.set_class(error, "-error")
        self.query_one("#status-text", Label).update(Text(one_line(message)))
