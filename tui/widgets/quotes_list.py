"""The quotations of the open article (or of the whole corpus for the query).

Each shows the researcher's verdict beside the machine's proposal: a corrected
speaker first with the machine's crossed out, a verified (✓) or disputed (✗)
mark and its note; the quotation open in the article view also says which words
gave its speaker ("speaker from: ‘a Netflix spokesperson said’").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.widgets.option_list import Option

from index import Quote

from ..literal import one_line
from ..provenance import source_heading
from ..who_spoke import machine_speaker
from .paged_list import ItemOption, PagedList

QUOTE_CHARS = 280  # longer quotations end in "…"; the article view shows them whole


class QuotesList(PagedList[Quote]):
    """Speaker, kind, handle, date and "also in N" above each quotation's words."""

    DEFAULT_CSS = """
    QuotesList > .quotes-list--speaker {
        text-style: bold;
        color: $text-primary;
    }

    QuotesList > .quotes-list--meta {
        color: $text-muted;
    }

    QuotesList > .quotes-list--also {
        color: $text-warning;
        text-style: bold;
    }

    QuotesList > .quotes-list--words {
        text-style: italic;
    }

    QuotesList > .quotes-list--current {
        color: $accent;
        text-style: bold;
    }

    QuotesList > .quotes-list--machine {
        color: $text-muted;
        text-style: strike;
    }

    QuotesList > .quotes-list--verified {
        color: $text-success;
        text-style: bold;
    }

    QuotesList > .quotes-list--disputed {
        color: $text-error;
        text-style: bold;
    }

    QuotesList > .quotes-list--note {
        color: $text-muted;
        text-style: italic;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "quotes-list--speaker",
        "quotes-list--meta",
        "quotes-list--also",
        "quotes-list--words",
        "quotes-list--current",
        "quotes-list--machine",
        "quotes-list--verified",
        "quotes-list--disputed",
        "quotes-list--note",
    }

    MARKS: ClassVar[dict[str, str]] = {"verified": "✓ verified", "disputed": "✗ disputed"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.empty_message = "No quotations."
        self.current_id: str | None = None
        self.current_evidence = ""  # the current quotation's, as `evidence_words` says it
        self._reselect: str | None = None
        self.show_source = False  # name each quotation's source (lists across the corpus)

    def options_for(self, item: Quote) -> list[Option]:
        style = self.get_component_rich_style
        prompt = Text(end="")
        if item.id == self.current_id:
            prompt.append("▶ ", style("quotes-list--current"))
        machine = one_line(machine_speaker(item), 60)
        if item.corrected_speaker:
            prompt.append(one_line(item.corrected_speaker, 60), style("quotes-list--speaker"))
            prompt.append(" ✎ ", style("quotes-list--meta"))  # the researcher's, then the machine's
            prompt.append(machine, style("quotes-list--machine"))
        else:
            prompt.append(machine, style("quotes-list--speaker"))
        meta = [item.kind]
        if item.handle:
            meta.append("@" + one_line(item.handle.lstrip("@"), 40))
        if item.date:
            meta.append(one_line(item.date, 20))
        prompt.append(" · " + " · ".join(meta), style("quotes-list--meta"))
        if item.also_in:
            prompt.append(f" · also in {len(item.also_in)}", style("quotes-list--also"))
        if item.verdict in self.MARKS:
            prompt.append(f" · {self.MARKS[item.verdict]}", style(f"quotes-list--{item.verdict}"))
        if self.show_source:  # outlet · date · title, then the file
            heading = source_heading(item)
            where = heading if heading.endswith(item.path) else f"{heading} · {item.path}"
            prompt.append(f"\n{one_line(where, 160)}", style("quotes-list--meta"))
        if item.note:
            prompt.append(f"\nnote: {one_line(item.note, 200)}", style("quotes-list--note"))
        if item.id == self.current_id and self.current_evidence:
            prompt.append(f"\nspeaker from: {self.current_evidence}", style("quotes-list--meta"))
        prompt.append("\n")
        prompt.append(f"“{one_line(item.text, QUOTE_CHARS)}”", style("quotes-list--words"))
        return [ItemOption(prompt, item)]

    def mark_current(self, quote_id: str | None, evidence: str = "") -> None:
        """Mark (▶) and highlight the quotation the article view landed on, saying
        which words gave its speaker (`evidence`)."""
        self.current_id = quote_id
        self.current_evidence = evidence
        self.refresh_items()
        if quote_id is not None:
            self.highlight_where(lambda quote: quote.id == quote_id)

    def keep_cursor(self) -> None:
        """The next `set_items` (the same quotations read again) keeps the cursor on
        the quotation it is on now."""
        item = self.highlighted_item
        self._reselect = item.id if item is not None else None

    def set_items(self, items: Sequence[Quote], total: int | None = None) -> None:
        keep, self._reselect = self._reselect, None
        super().set_items(items, total)
        if keep is not None:
            self.highlight_where(lambda quote: quote.id == keep)
