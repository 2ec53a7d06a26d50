"""An option list that shows a page of items at a time, with a "more" row.

Lists of sources, matches and quotations can hold thousands of rows at corpus
scale; adding them all to a widget at start-up is what makes a reader slow to
open. Each list holds its items and only turns a page of them into options, and
new contents (every search) first only as many as fill the list's height: the
rest of the page is built once that screenful has been painted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

T = TypeVar("T")

MORE_ID = "more"


class ItemOption(Option, Generic[T]):
    """An option that carries the item (hit, quotation, source) it shows."""

    def __init__(self, prompt: Text, item: T, *, id: str | None = None) -> None:
        super().__init__(prompt, id=id)
        self.item = item


class PagedList(OptionList, Generic[T]):
    """Shows `items` a page at a time; subclasses say how one item looks."""

    # The scrollbar's column is kept even while there is nothing to scroll: the
    # option list renders each option once, at the width it had then, and a
    # scrollbar appearing later (the rest of the page built after the first paint)
    # narrowed the rows, so the end of a row was cut off without its ellipsis (a
    # source's title) or a folded last line was dropped (a fragment, a quotation).
    DEFAULT_CSS = """
    PagedList {
        scrollbar-gutter: stable;
    }

    PagedList:focus {
        background-tint: $foreground 0%;
    }
    """

    PAGE_SIZE = 100

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    class ItemSelected(Message):
        """The user pressed enter (or clicked) on an item."""

        def __init__(self, source: PagedList[Any], item: Any) -> None:
            super().__init__()
            self.source = source
            self.item = item

        @property
        def control(self) -> PagedList[Any]:
            return self.source

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items: list[T] = []
        self.empty_message = "Nothing here."
        self.total = 0
        self._shown = 0  # items turned into options
        self._page_end = 0  # items the pages asked for so far cover
        self._contents = 0  # numbers each set_items: a fill for older contents is dropped

    # -- subclasses ------------------------------------------------------------------

    def options_for(self, item: T) -> list[Option]:
        """The options (one or more rows) that show `item`."""
        raise NotImplementedError

    def empty_prompt(self) -> Text:
        """What the list says when it has no items (`empty_message`)."""
        return Text(self.empty_message, style="italic")

    def more_prompt(self, remaining: int) -> Text:
        return Text(f"▼ Show more ({remaining:,} left)", style="italic")

    def want_more(self) -> None:
        """The user asked for the next page; by default show more of the held items."""
        self.add_page()

    def on_mount(self) -> None:
        # Prompts carry colours from the theme: draw them again when it changes.
        def redraw(_theme: str) -> None:
            self.call_after_refresh(self.refresh_items)

        self.watch(self.app, "theme", redraw, init=False)

    # -- contents --------------------------------------------------------------------

    def set_items(self, items: Sequence[T], total: int | None = None) -> None:
        """Replace the contents; `total` counts items not fetched yet (paged searches).

        Only a screenful of options is built now; the rest of the first page
        right after the next paint (`_fill_page`).
        """
        self.items = list(items)
        self.total = len(self.items) if total is None else max(total, len(self.items))
        self._shown = 0
        self._page_end = min(len(self.items), self.PAGE_SIZE)
        self._contents += 1
        if not self.items:
            self.set_options([self._empty_option()])
            return
        self.set_options(self._next_options(rows=self.scrollable_content_region.height or None))
        self.highlighted = self._first_enabled()
        if self._shown < self._page_end:
            self.call_after_refresh(self._fill_page, self._contents)

    def extend_items(self, items: Sequence[T]) -> None:
        """Append fetched items (a next page) and show them."""
        self.items.extend(items)
        self.total = max(self.total, len(self.items))
        self.add_page()

    def add_page(self) -> None:
        """Turn the next page of held items into options."""
        self._fill_page()
        if self.option_count and self.get_option_at_index(-1).id == MORE_ID:
            self.remove_option(MORE_ID)
        self._page_end = min(len(self.items), self._page_end + self.PAGE_SIZE)
        self.add_options(self._next_options())

    def _fill_page(self, contents: int | None = None) -> None:
        """Build the options of the page not built yet (unless the contents changed
        since this was asked for)."""
        if contents in (None, self._contents) and self._shown < self._page_end:
            self.add_options(self._next_options())

    def _next_options(self, rows: int | None = None, upto: int | None = None) -> list[Option]:
        """Options for the next items of the page (or up to item `upto`), stopping
        once they fill `rows` rows of the list; then the "more" row, if due."""
        end = self._page_end if upto is None else upto
        width = max(1, self.scrollable_content_region.width)
        options: list[Option] = []
        filled = 0
        while self._shown < end and (rows is None or filled < rows):
            made = self.options_for(self.items[self._shown])
            filled += sum(_rows_at_least(option, width) for option in made)
            options.extend(made)
            self._shown += 1
        remaining = self.total - self._shown
        if self._shown == self._page_end and remaining > 0:
            options.append(Option(self.more_prompt(remaining), id=MORE_ID))
        return options

    def refresh_items(self) -> None:
        """Redraw the shown items (after what they depend on changed), keeping the cursor."""
        keep = self.highlighted
        shown, self._shown = self._shown, 0
        self.set_options(self._next_options(upto=shown) if self.items else [self._empty_option()])
        if keep is not None and keep < self.option_count:
            self.highlighted = keep

    def _empty_option(self) -> Option:
        return Option(self.empty_prompt(), disabled=True)

    def action_last(self) -> None:
        self._fill_page()  # "last" is the page's last item, built or not
        super().action_last()

    def _first_enabled(self) -> int | None:
        for index, option in enumerate(self.options):
            if not option.disabled:
                return index
        return None

    @property
    def highlighted_item(self) -> T | None:
        """The item under the cursor, if the cursor is on an item."""
        option = self.highlighted_option
        return option.item if isinstance(option, ItemOption) else None

    def highlight_where(self, test: Any) -> bool:
        """Move the cursor to the first item of the page for which `test(item)` is true."""
        self._fill_page()
        for index, option in enumerate(self.options):
            if isinstance(option, ItemOption) and test(option.item):
                self.highlighted = index
                return True
        return False

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == MORE_ID:
            self.want_more()
        elif isinstance(event.option, ItemOption):
            self.post_message(self.ItemSelected(self, event.option.item))


def _rows_at_least(option: Option, width: int) -> int:
    """A lower bound of the rows `option` takes at `width` (wrapping only adds rows),
    so that options counted up to a list's height always fill it."""
    prompt = option.prompt
    if not isinstance(prompt, Text):
        return 1
    lines = prompt.plain.split("\n")
    if prompt.no_wrap:
        return len(lines)
    return sum(max(1, -(-len(line) // width)) for line in lines)
