"""The researcher's verdict dialogs: who really said it, a verdict's note, a group to join.

Each is a small modal that only asks; it dismisses with the answer (None when
cancelled) and the reader's verdict flow (tui/screens/verdict_flow.py) saves it.
Quotations, names and notes are shown literally, on one line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from index import NOTE_MAX_CHARS, Cluster, Quote

from ..literal import one_line
from ..who_spoke import machine_speaker

QUOTE_SHOWN = 160


def quote_line(quote: Quote) -> Text:
    """The quotation a dialog is about: its words, where it is from."""
    line = Text(f"“{one_line(quote.text, QUOTE_SHOWN)}”", style="italic")
    line.append(f"  {one_line(quote.path, 60)}", style="dim")
    return line


class VerdictDialog(ModalScreen[str | None]):
    """A heading, the quotation, a hint and one line to type; enter answers, escape cancels."""

    DEFAULT_CSS = """
    VerdictDialog {
        align: center middle;
    }

    VerdictDialog > Vertical {
        width: 80%;
        max-width: 100;
        height: auto;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }

    VerdictDialog .verdict-heading {
        text-style: bold;
    }

    VerdictDialog .verdict-hint {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        heading: str,
        quote: Quote,
        hint: str,
        value: str,
        *,
        max_length: int = 0,
        placeholder: str = "",
    ) -> None:
        super().__init__()
        self.heading = heading
        self.quote = quote
        self.hint = hint
        self.value = value
        self.max_length = max_length
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="verdict-dialog"):
            yield Static(Text(self.heading), classes="verdict-heading")
            yield Static(quote_line(self.quote), classes="verdict-quote")
            yield Input(
                self.value,
                id="verdict-input",
                placeholder=self.placeholder,
                max_length=self.max_length,
            )
            yield Static(Text(self.hint), classes="verdict-hint")

    def offer(self, suggestions: Iterable[str]) -> None:
        """Complete what is typed from `suggestions` (→ takes one); they come later than
        the dialog, which opens at once so that no typed key goes elsewhere."""
        if self.is_attached:
            names = list(suggestions)
            self.query_one(Input).suggester = SuggestFromList(names, case_sensitive=False)

    @on(Input.Submitted, "#verdict-input")
    def answer(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def speaker_dialog(quote: Quote) -> VerdictDialog:
    """Who really said it: prefilled with the current speaker (known names: `offer`)."""
    current = quote.corrected_speaker or quote.speaker or ""
    return VerdictDialog(
        f"Who said it? (the machine says: {one_line(machine_speaker(quote), 60)})",
        quote,
        "enter saves · → takes a known name · empty takes the correction back · esc cancels",
        current,
        placeholder="the speaker's name",
    )


def note_dialog(quote: Quote, verdict: str) -> VerdictDialog:
    """A verdict's short note (one line, at most 500 characters; may stay empty)."""
    return VerdictDialog(
        f"Mark {verdict}: a short note (optional)",
        quote,
        f"enter marks it {verdict} · at most {NOTE_MAX_CHARS} characters · esc cancels",
        quote.note or "",
        max_length=NOTE_MAX_CHARS,
        placeholder="why, or where it was checked",
    )


def statement_label(cluster: Cluster) -> Text:
    """One statement in the join list: who, in how many sources, its first words."""
    first = cluster.versions[0].quote
    names = (v.quote.corrected_speaker or v.quote.speaker for v in cluster.versions)
    who = next((name for name in names if name), None)
    label = Text(one_line(who or "unattributed", 40), style="bold")
    label.append(f" · {len(cluster.sources)} sources · ", style="dim")
    label.append(f"“{one_line(first.text, 100)}”", style="italic")
    return label


class JoinDialog(ModalScreen[Cluster | None]):
    """Pick the statement (a group of versions) the quotation is the same as."""

    DEFAULT_CSS = """
    JoinDialog {
        align: center middle;
    }

    JoinDialog > Vertical {
        width: 90%;
        max-width: 140;
        height: 80%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }

    JoinDialog .verdict-heading {
        text-style: bold;
    }

    JoinDialog OptionList {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, quote: Quote) -> None:
        super().__init__()
        self.quote = quote
        self.clusters: list[Cluster] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="join-dialog"):
            yield Static(
                Text("Join it to the same statement in other sources: pick one"),
                classes="verdict-heading",
            )
            yield Static(quote_line(self.quote))
            yield OptionList(Option("Listing the statements…", disabled=True), id="join-list")
            yield Static(Text("enter joins · esc cancels"), classes="verdict-hint")

    def show_statements(self, clusters: Sequence[Cluster]) -> None:
        """The statements to pick from (read after the dialog opened)."""
        if not self.is_attached:
            return
        self.clusters = list(clusters)
        choices = self.query_one("#join-list", OptionList)
        choices.clear_options()
        if not self.clusters:
            choices.add_option(Option("There is no other statement to join it to.", disabled=True))
            return
        choices.add_options(Option(statement_label(c), id=str(n)) for n, c in enumerate(clusters))
        choices.highlighted = 0

    @on(OptionList.OptionSelected, "#join-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.clusters[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)
