"""The list of sources: every article, or the ones matching the query, paged.

A journalist thinks in outlets and dates, so a row reads `Variety · 10 Sep 2020 ·
Title`, with the file name and the counts on a dim second line. Articles without
metadata (the seeds) show their title alone: nothing is guessed from file names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.widgets.option_list import Option

from index import ArticleInfo, display_date

from ..literal import one_line
from .paged_list import ItemOption, PagedList

OUTLET_CHARS = 30
"""An outlet name longer than this is cut, so the date and title stay in view."""


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One source as listed: `matches` is None when there is no query."""

    id: str
    path: str
    title: str
    quotes: int = 0
    matches: int | None = None
    outlet: str | None = None
    date: str | None = None  # an ISO day

    @classmethod
    def of(cls, info: ArticleInfo, matches: int | None = None) -> SourceRow:
        """The row for a listed article (`matches`: its number of matches, if searched)."""
        return cls(info.id, info.path, info.title, info.quotes, matches, info.outlet, info.date)


class ArticleList(PagedList[SourceRow]):
    """Sources with their number of matches and quotations; enter opens one."""

    DEFAULT_CSS = """
    ArticleList {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }

    ArticleList > .article-list--path,
    ArticleList > .article-list--count,
    ArticleList > .article-list--date {
        color: $text-muted;
    }

    ArticleList > .article-list--outlet {
        text-style: bold;
    }

    ArticleList > .article-list--open {
        color: $accent;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--path",
        "article-list--count",
        "article-list--date",
        "article-list--outlet",
        "article-list--open",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.open_id: str | None = None

    def options_for(self, item: SourceRow) -> list[Option]:
        style = self.get_component_rich_style
        # Each line is cut with an ellipsis at the list's width, never wrapped.
        prompt = Text(no_wrap=True, overflow="ellipsis", end="")
        marker = "▶ " if item.id == self.open_id else "  "
        prompt.append(marker, style("article-list--open"))
        if item.outlet:
            prompt.append(one_line(item.outlet, OUTLET_CHARS), style("article-list--outlet"))
            prompt.append(" · ")
        if item.date:
            prompt.append(display_date(item.date), style("article-list--date"))
            prompt.append(" · ")
        prompt.append(one_line(item.title or item.path, 200))
        prompt.append("\n  ")
        prompt.append(one_line(item.path, 120), style("article-list--path"))
        counts = []
        if item.matches:
            counts.append(f"{item.matches} match" + ("" if item.matches == 1 else "es"))
        elif item.matches == 0:  # found by its title or metadata (outlet:, date:)
            counts.append("no match in the text")
        counts.append(f"{item.quotes} quote" + ("" if item.quotes == 1 else "s"))
        prompt.append(" · " + " · ".join(counts), style("article-list--count"))
        return [ItemOption(prompt, item)]

    def mark_open(self, article_id: str | None) -> None:
        """Mark the open article (▶) and put the cursor on it when it is shown."""
        if article_id == self.open_id:
            return
        self.open_id = article_id
        self.refresh_items()
        self.highlight_where(lambda row: row.id == article_id)
