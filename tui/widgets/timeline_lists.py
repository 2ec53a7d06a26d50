"""The timeline's two lists: the statements carried by several sources, and where
and when the selected one appeared (enter there opens that version)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widgets.option_list import Option

from ..literal import one_line
from ..timeline_data import Appearance, Statement
from .paged_list import ItemOption, PagedList


class StatementList(PagedList[Statement]):
    """One row per statement, earliest first: when, who, the opening words."""

    DEFAULT_CSS = """
    StatementList {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }

    StatementList > .statement-list--when {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"statement-list--when"}

    def options_for(self, item: Statement) -> list[Option]:
        prompt = Text(no_wrap=True, overflow="ellipsis", end="")
        prompt.append(item.when, self.get_component_rich_style("statement-list--when"))
        prompt.append(f" · {item.speaker} · in {len(item.appearances)} sources\n")
        prompt.append(f"  “{item.words}”")
        return [ItemOption(prompt, item)]


class AppearanceList(PagedList[Appearance]):
    """A statement's versions earliest first, the first carried marked ★."""

    DEFAULT_CSS = """
    AppearanceList {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }

    AppearanceList > .appearance-list--first {
        color: $accent;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"appearance-list--first"}

    def options_for(self, item: Appearance) -> list[Option]:
        first = self.get_component_rich_style("appearance-list--first")
        prompt = Text(no_wrap=True, overflow="ellipsis", end="")
        prompt.append("★ " if item.first else "  ", first)
        prompt.append(item.heading if item.quote.published else f"undated · {item.heading}")
        if item.first:
            prompt.append(" · first carried", first)
        prompt.append("\n  " + one_line(item.quote.path, 120), "dim")
        return [ItemOption(prompt, item)]
