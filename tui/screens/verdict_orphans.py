"""Orphaned verdicts: the researcher's decisions whose quotation left the corpus.

An edit can reword or remove a quotation; its verdict is kept (never dropped)
and listed here with what it was about, so the work can be redone or the file
restored. Reading them means listing every quotation: done in a worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from index import Verdict

from ..literal import one_line

if TYPE_CHECKING:
    from index import Corpus


class OrphansScreen(Screen[None]):
    """Each orphan's verdict, note, corrected speaker, article and words."""

    DEFAULT_CSS = """
    OrphansScreen #orphans-title {
        text-style: bold;
        padding: 0 1;
    }

    OrphansScreen DataTable {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", "Close")]

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.orphans: list[Verdict] = []

    def compose(self) -> ComposeResult:
        yield Static("Orphaned verdicts — loading…", id="orphans-title")
        yield DataTable(id="orphans-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="orphans", exit_on_error=False)
    def load(self) -> None:
        try:
            orphans = self.corpus.verdicts.orphans(self.corpus.quotes(include_scare=True))
        except Exception as error:  # an unreadable verdicts file, a locked index: say so
            message = one_line(str(error) or type(error).__name__)
            self.app.call_from_thread(self.say, f"Orphaned verdicts unavailable: {message}")
            return
        self.app.call_from_thread(self.show, orphans)

    def say(self, text: str) -> None:
        self.query_one("#orphans-title", Static).update(Text(text))

    def show(self, orphans: Sequence[Verdict]) -> None:
        self.orphans = list(orphans)
        table = self.query_one("#orphans-table", DataTable)
        table.clear(columns=True)
        for label in ("Verdict", "Note", "Corrected speaker", "Article", "Quotation"):
            table.add_column(label, key=label.lower())
        for orphan in self.orphans:
            table.add_row(
                Text(orphan.verdict or ""),
                Text(one_line(orphan.note or "", 60)),
                Text(one_line(orphan.corrected_speaker or "", 30)),
                Text(one_line(orphan.article_id, 40)),
                Text(f"“{one_line(orphan.text, 100)}”"),
                key=orphan.key,
            )
        count = len(self.orphans)
        if count:
            self.say(
                f"Orphaned verdicts — {count}: their quotation is no longer in the corpus "
                "(kept, never dropped)    esc: close"
            )
        else:
            self.say("No orphaned verdicts: every verdict's quotation is in the corpus.")
        table.focus()

    def action_close(self) -> None:
        self.dismiss()
