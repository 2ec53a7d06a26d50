"""Every hit for the query, grouped by source and ranked, each fragment highlighted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.message import Message
from textual.widgets.option_list import Option

from index import Hit, Span

from ..literal import one_line, passage
from ..provenance import source_name
from .paged_list import ItemOption, PagedList

QUERY_SYNTAX = (
    'words (all must appear) · "exact phrase" · a OR b · a NOT b · wild* · typo~ · '
    "title:word · outlet:name · date:2020-09 · speaker:name · kind:tweet · ? for more"
)


@dataclass(frozen=True, slots=True)
class MatchTarget:
    """Where enter on a fragment leads: the hit's article, at the fragment's match."""

    hit: Hit
    span: Span


def fragment_span(hit: Hit, index: int) -> Span:
    """The article span that fragment `index` of `hit` points at (its first highlight)."""
    fragment = hit.fragments[index]
    if fragment.highlights:
        start, end = fragment.highlights[0]
        return (fragment.start + start, fragment.start + end)
    return (fragment.start, fragment.end)


class MatchesList(PagedList[Hit]):
    """The Matches pane: a source header, then its fragments; more hits on demand."""

    DEFAULT_CSS = """
    MatchesList > .matches-list--source {
        color: $text-primary;
        text-style: bold;
    }

    MatchesList > .matches-list--match {
        background: $warning 35%;
        text-style: bold;
    }

    MatchesList > .matches-list--path {
        color: $text-muted;
    }

    MatchesList > .matches-list--hint {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "matches-list--source",
        "matches-list--path",
        "matches-list--match",
        "matches-list--hint",
    }

    class MoreWanted(Message):
        """The user asked for the next page of hits."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.query_text = ""
        self.broken = False  # the query cannot be read (the box says why)

    def options_for(self, item: Hit) -> list[Option]:
        style = self.get_component_rich_style
        count = len(item.matches)
        width = max(10, self.scrollable_content_region.width - 1)
        heading = source_name(item.outlet, item.date, item.title or item.path, 200)
        header = Text(heading, style("matches-list--source"))
        header.truncate(width, overflow="ellipsis")
        # A query on the title or the metadata alone (outlet:, date:) matches no words.
        found = f"{count} match" + "es" * (count != 1) if count else "no match in the text"
        where = f"{one_line(item.path, 120)} · {found}"
        where_text = Text(where, style("matches-list--path"))
        where_text.truncate(width, overflow="ellipsis")
        header.append("\n")
        header.append_text(where_text)
        options: list[Option] = [Option(header, disabled=True)]
        match_style = style("matches-list--match")
        for index, fragment in enumerate(item.fragments):
            shown = Text("  ", end="") + passage(fragment, match_style)
            options.append(ItemOption(shown, MatchTarget(item, fragment_span(item, index))))
        if not item.fragments:
            span = item.matches[0] if item.matches else (0, 0)
            options.append(ItemOption(Text("  (open the source)"), MatchTarget(item, span)))
        return options

    def on_resize(self) -> None:
        self.refresh_items()  # headers are cut to the width

    def empty_prompt(self) -> Text:
        style = self.get_component_rich_style("matches-list--hint")
        if self.broken:
            return Text("Fix the query above to see its matches.", style=style)
        if self.query_text:
            return Text(f"No matches for “{one_line(self.query_text, 80)}”.", style=style)
        text = Text("Type in the search box (/) to find matches.\n", style=style, end="")
        text.append("Syntax: " + QUERY_SYNTAX, style=style)
        return text

    def more_prompt(self, remaining: int) -> Text:
        return Text(f"▼ Load more sources ({remaining:,} left)", style="italic")

    def want_more(self) -> None:
        if len(self.items) < self.total:
            self.post_message(self.MoreWanted())
