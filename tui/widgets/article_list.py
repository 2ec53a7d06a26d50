"""The list of sources: every article, or the ones matching the query, paged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.widgets.option_list import Option

from ..literal import one_line
from .paged_list import ItemOption, PagedList


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One source as listed: `matches` is None when there is no query."""

    id: str
    path: str
    title: str
    quotes: int = 0
    matches: int | None = None


class ArticleList(PagedList[SourceRow]):
    """Sources with their number of matches and quotations; enter opens one."""

    DEFAULT_CSS = """
    ArticleList > .article-list--path,
    ArticleList > .article-list--count {
        color: $text-muted;
    }

    ArticleList > .article-list--open {
        color: $accent;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--path",
        "article-list--count",
        "article-list--open",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.open_id: str | None = None

    def options_for(self, item: SourceRow) -> list[Option]:
        style = self.get_component_rich_style
        prompt = Text(no_wrap=True, overflow="ellipsis", end="")
        marker = "▶ " if item.id == self.open_id else "  "
        prompt.append(marker, style("article-list--open"))
        prompt.append(one_line(item.title or item.path, 200))
        prompt.append("\n  ")
        prompt.append(one_line(item.path, 120), style("article-list--path"))
        counts = []
        if item.matches is not None:
            counts.append(f"{item.matches} match" + ("" if item.matches == 1 else "es"))
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
