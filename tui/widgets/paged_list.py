"""A list that shows a page of items at a time, with a "more" row, and draws its rows itself.

Lists of sources, matches and quotations can hold thousands of rows at corpus
scale; adding them all to a widget at start-up is what makes a reader slow to
open. Each list holds its items and only turns a page of them into options, and
new contents (every search) first only as many as fill the list's height: the
rest of the page is built once that screenful has been painted.

The list is a line-API widget (`ScrollView.render_line`): each option is wrapped
once, at the list's width, into the strips that both give its height and draw it,
and only the rows on screen are drawn. Textual's `OptionList` wrapped each new
option twice (for its height, then to draw it) and rebuilt its line table on every
drawn line, most of the app's own time per keystroke (docs/BENCHMARKS.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar, Generic, NamedTuple, TypeVar

from rich.console import OverflowMethod
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual import _widget_navigation, events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size, clamp
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.widgets.option_list import Option

from .wrap import wrap

T = TypeVar("T")

MORE_ID = "more"
_OVERFLOW: dict[str, OverflowMethod] = {"clip": "crop", "fold": "fold", "ellipsis": "ellipsis"}
"""Textual's `text-overflow` values as Rich's overflow methods."""


class Looks(NamedTuple):
    """The four styles an option is drawn in."""

    plain: Style
    disabled: Style
    cursor: Style
    hover: Style


class ItemOption(Option, Generic[T]):
    """An option that carries the item (hit, quotation, source) it shows."""

    def __init__(self, prompt: Text, item: T, *, id: str | None = None) -> None:
        super().__init__(prompt, id=id)
        self.item = item


class PagedList(ScrollView, Generic[T], can_focus=True):
    """Shows `items` a page at a time; subclasses say how one item looks."""

    # The scrollbar's column is kept even while there is nothing to scroll: rows
    # are wrapped once, at the width the list had then, and a scrollbar appearing
    # later (the rest of the page built after the first paint) would narrow the
    # list and draw every row again. The look is Textual's OptionList's.
    DEFAULT_CSS = """
    PagedList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        scrollbar-gutter: stable;
        & > .paged-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            & > .paged-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .paged-list--disabled {
            color: $text-disabled;
        }
        & > .paged-list--hover {
            background: $block-hover-background;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "paged-list--option",
        "paged-list--highlighted",
        "paged-list--disabled",
        "paged-list--hover",
    }

    PAGE_SIZE = 100

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("home", "first", "First", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("enter", "select", "Select", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    highlighted: reactive[int | None] = reactive(None, repaint=False)
    """The index of the option under the cursor."""

    _hover: reactive[int | None] = reactive(None, repaint=False)

    class ItemSelected(Message):
        """The user pressed enter (or clicked) on an item."""

        def __init__(self, source: PagedList[Any], item: Any) -> None:
            super().__init__()
            self.source = source
            self.item = item

        @property
        def control(self) -> PagedList[Any]:
            return self.source

    class OptionHighlighted(Message):
        """The cursor moved onto an (enabled) option."""

        def __init__(self, source: PagedList[Any], option: Option, index: int) -> None:
            super().__init__()
            self.source = source
            self.option = option
            self.index = index

        @property
        def control(self) -> PagedList[Any]:
            return self.source

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.auto_links = False  # prompts hold no links: no link style on every new row
        self.items: list[T] = []
        self.empty_message = "Nothing here."
        self.total = 0
        self._shown = 0  # items turned into options
        self._page_end = 0  # items the pages asked for so far cover
        self._contents = 0  # numbers each set_items: a fill for older contents is dropped
        self._options: list[Option] = []
        # Options measured (wrapped) so far, at `_width`: each one's first line and
        # height, and which option and row of it every line is.
        self._width = 0
        self._starts: list[int] = []
        self._heights: list[int] = []
        self._lines: list[tuple[int, int]] = []
        self._strips: dict[tuple[int, Style], list[Strip]] = {}
        # Rows padded for drawing (`_finished_rows`), by the strip they pad.
        self._padded: dict[tuple[int, RichStyle, int, int, int], tuple[Strip, Strip]] = {}
        self._size_held = False  # new contents: the scrollbar waits for their paint
        self._pass_looks: Looks | None = None  # read once for a paint or a measure

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

    # -- options ---------------------------------------------------------------------

    @property
    def options(self) -> Sequence[Option]:
        """The options shown (items, headers, the "more" row)."""
        return self._options

    @property
    def option_count(self) -> int:
        return len(self._options)

    def get_option_at_index(self, index: int) -> Option:
        return self._options[index]

    @property
    def highlighted_option(self) -> Option | None:
        index = self.highlighted
        return None if index is None else self._options[index]

    def set_options(self, options: Iterable[Option], highlighted: int | None = None) -> None:
        """Replace every option, the cursor on option `highlighted` (drawn so at once)."""
        # The old options and their rows are freed after the paint, not inside it
        # (~2 ms a list at 19k): the callback holds them until then.
        retired = (self._options, self._strips)
        self.call_after_refresh(retired.__len__)
        self._options = list(options)
        self._strips = {}
        self._padded = {}
        self._forget_rows()
        self._hover = None
        self.highlighted = None
        self.highlighted = highlighted
        self._measure()
        self.refresh()

    def add_options(self, options: Iterable[Option]) -> None:
        """Append options below the others."""
        self._options.extend(options)
        self._measure()

    def _drop_last(self) -> None:
        """Remove the last option (the "more" row, before the next page)."""
        index = len(self._options) - 1
        self._options.pop()
        if index < len(self._heights):
            del self._lines[self._starts[index] :]
            del self._starts[index:], self._heights[index:]
            self._strips = {key: s for key, s in self._strips.items() if key[0] != index}
        if self.highlighted is not None and self.highlighted >= index:
            self.highlighted = _widget_navigation.find_last_enabled(self._options)
        self._sync_size()

    # -- rows ------------------------------------------------------------------------

    def _forget_rows(self) -> None:
        self._starts.clear()
        self._heights.clear()
        self._lines.clear()
        self._strips.clear()
        self._padded.clear()

    def _looks(self) -> Looks:
        """How an option looks: plain, disabled, under the cursor, under the mouse."""
        if self._pass_looks is not None:
            return self._pass_looks
        get, option = self.get_visual_style, "paged-list--option"
        return Looks(
            get(option),
            get(option, "paged-list--disabled"),
            get(option, "paged-list--highlighted"),
            get(option, "paged-list--hover"),
        )

    @contextmanager
    def _one_look(self) -> Iterator[None]:
        """The looks read once for a pass over many rows, not once a row: each read
        works out the list's pseudo-classes (focus, hover, disabled up the tree):
        under cProfile, a fifth of the Matches list's drawing of new rows."""
        outer = self._pass_looks
        self._pass_looks = self._looks()
        try:
            yield
        finally:
            self._pass_looks = outer

    def _option_style(self, index: int) -> Style:
        """The style an option is drawn in: disabled, under the cursor or the mouse."""
        looks = self._looks()
        if self._options[index].disabled:
            return looks.disabled
        if index == self.highlighted:
            return looks.cursor
        if index == self._hover:
            return looks.hover
        return looks.plain

    def _render_option(self, index: int, style: Style) -> list[Strip]:
        """The option's rows at the list's width in `style`, wrapped once and kept."""
        key = (index, style)
        strips = self._strips.get(key)
        if strips is None:
            strips = self._wrap(self._options[index].prompt, style.rich_style)
            self._strips[key] = strips
        return strips

    def _wrap(self, prompt: object, base: RichStyle) -> list[Strip]:
        """`prompt` (Rich `Text`: plain strings, styled by span) wrapped at the list's
        width into rows over `base`, the option's style (cursor, hover, disabled).

        Rich's wrap and render (`wrap.by_rich`; most prompts take the faster
        `wrap.wrap`, which gives the same rows), not Textual's `Content`: the same
        lines and styles, in half the time (Content converts each prompt, then
        puts a text selection offset into every segment's style, which a list
        does not use), and wrapping a search's new rows was most of the app's own
        work on a keystroke. Where a prompt does not say, the list's CSS decides
        how it wraps and where it is cut (`text-wrap`, `text-overflow`), as before.
        """
        text = prompt if isinstance(prompt, Text) else Text(str(prompt))
        styles = self.styles
        no_wrap = text.no_wrap if text.no_wrap is not None else styles.text_wrap == "nowrap"
        overflow = text.overflow or _OVERFLOW.get(styles.text_overflow, "fold")
        return wrap(text, self.app.console, self._width, base, no_wrap=no_wrap, overflow=overflow)

    def _measure(self) -> None:
        """Wrap the options not measured yet (all of them after a change of width),
        so that the list knows its lines; then size the scrollable area."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        if width != self._width:
            self._width = width
            self._forget_rows()
        lines = self._lines
        with self._one_look():
            for index in range(len(self._heights), len(self._options)):
                height = max(1, len(self._render_option(index, self._option_style(index))))
                self._starts.append(len(lines))
                self._heights.append(height)
                lines.extend((index, row) for row in range(height))
        self._sync_size()

    def _sync_size(self) -> None:
        """Tell the scrollbar how many lines there are now.

        A list whose height is set (the reader's are: a share of their pane) keeps
        its place whatever it holds, so a new result asks for no new layout of the
        screen (every widget placed again, ~2 ms a search): only the scrollbar is
        updated, and a scrollbar appearing or going still lays the screen out (it
        is a reactive that does). A list sized by its contents (`height: auto`)
        needs the layout.
        """
        size = Size(self._width, len(self._lines))
        if size == self.virtual_size:
            return
        height = self.styles.height
        if height is None or height.is_auto:
            self.virtual_size = size
        elif self._size_held:
            return  # see `_hold_size`
        else:
            self.set_reactive(PagedList.virtual_size, size)
        self._scroll_update(size)

    def _hold_size(self) -> None:
        """New contents: their scrollbar is set once, right after the paint that
        shows their first screenful, with the rest of the page built.

        Before, it was drawn for the first screenful's rows in the same frame as
        them (every row of it again, ~2.5 ms a list at 19k, and a layout of the
        screen when it appeared or went), then again for the whole page just
        after. A list sized by its contents needs its size at once.
        """
        height = self.styles.height
        self._size_held = height is not None and not height.is_auto

    def _release_size(self) -> None:
        if self._size_held:
            self._size_held = False
            self._sync_size()

    def _refresh_option(self, index: int | None) -> None:
        if index is not None and index < len(self._heights):
            self.refresh_lines(self._starts[index], self._heights[index])

    def render_lines(self, crop: Region) -> list[Strip]:
        with self._one_look():
            self._measure()
            if self._plain_box():
                return self._finished_rows(crop)
            return super().render_lines(crop)

    def _plain_box(self) -> bool:
        """Whether the list's box is only padding to the sides and a background (no
        border, outline, tint, hatch, opacity, padding above or below): then its
        rows are finished here, as Textual's line styling would finish them."""
        styles = self.styles
        padding = styles.padding
        return (
            not padding.top
            and not padding.bottom
            and not any(edge for edge, _ in styles.border)
            and not any(edge for edge, _ in styles.outline)
            and not styles.tint.a
            and styles.text_opacity == 1.0
            and not (styles.has_rule("hatch") and styles.hatch != "none")
            and self.opacity == 1.0
            and not self.BLANK
        )

    def _finished_rows(self, crop: Region) -> list[Strip]:
        """The rows in `crop` padded in the list's background and passed through the
        app's line filters: what `Widget.render_lines` gives for a plain box (a
        test compares the two), without styling each row again.

        Textual works out the box (borders, outline, padding, colours) again for
        every row it draws, and a search draws ~50 new rows of the two lists: a
        good part of the frame. A row here is its option's strip, padded once
        and kept while the option's strips are.
        """
        width, _ = self.region.size
        content_width, content_height = self.content_region.size
        base_background, background = self.background_colors
        inner = Style(background=base_background + background).rich_style  # as Textual's
        left, right = self.styles.padding.left, self.styles.padding.right
        filters = self.get_line_filters()
        rows = []
        for y in crop.line_range:
            if y < content_height:
                content = self.render_line(y).adjust_cell_length(content_width, inner)
            else:
                content = Strip.blank(content_width, inner)
            key = (id(content), inner, left, right, width)
            kept = self._padded.get(key)
            if kept is None or kept[0] is not content:
                padded = Strip(_padded(content, left, right, inner), width)
                kept = self._padded[key] = (content, padded)
            row = kept[1]
            for line_filter in filters:
                row = row.apply_filter(line_filter, background)
            rows.append(row)
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            rows = [row.crop(x1, x2) for row in rows]
        return rows

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        if line >= len(self._lines):
            return Strip.blank(self._width, self._looks().plain.rich_style)
        index, row = self._lines[line]
        return self._render_option(index, self._option_style(index))[row]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._measure()
        return len(self._lines)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def on_resize(self) -> None:
        self._measure()

    def on_show(self) -> None:
        self.scroll_to_highlight()

    # -- the cursor ------------------------------------------------------------------

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not self._options:
            return None
        return clamp(highlighted, 0, len(self._options) - 1)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self._refresh_option(old)
        self._refresh_option(new)
        if new is not None and not self._options[new].disabled:
            self.scroll_to_highlight()
            self.post_message(self.OptionHighlighted(self, self._options[new], new))

    def watch__hover(self, old: int | None, new: int | None) -> None:
        self._refresh_option(old)
        self._refresh_option(new)

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll the option under the cursor into view."""
        index = self.highlighted
        if index is None or not self.is_mounted:
            return
        self._measure()
        if index >= len(self._heights):
            return
        region = Region(0, self._starts[index], self._width, self._heights[index])
        if region.bottom > self.scrollable_content_region.height:
            self._release_size()  # scrolling down needs the list's length
        self.scroll_to_region(region, force=True, animate=False, top=top, immediate=True)

    def action_cursor_up(self) -> None:
        self.highlighted = _widget_navigation.find_next_enabled(
            self._options, anchor=self.highlighted, direction=-1
        )

    def action_cursor_down(self) -> None:
        self.highlighted = _widget_navigation.find_next_enabled(
            self._options, anchor=self.highlighted, direction=1
        )

    def action_first(self) -> None:
        self.highlighted = _widget_navigation.find_first_enabled(self._options)

    def action_last(self) -> None:
        self._fill_page()  # "last" is the page's last item, built or not
        self.highlighted = _widget_navigation.find_last_enabled(self._options)

    def _move_page(self, direction: _widget_navigation.Direction) -> None:
        """Move the cursor about a screenful, onto an enabled option."""
        self._measure()
        if not self._lines:
            return
        start = self._starts[self.highlighted or 0]
        line = clamp(
            start + direction * self.scrollable_content_region.height, 0, len(self._lines) - 1
        )
        self.highlighted = _widget_navigation.find_next_enabled_no_wrap(
            candidates=self._options,
            anchor=self._lines[line][0],
            direction=direction,
            with_anchor=True,
        )

    def action_page_up(self) -> None:
        if self.highlighted is None:
            self.action_first()
        else:
            self._move_page(-1)

    def action_page_down(self) -> None:
        if self.highlighted is None:
            self.action_last()
        else:
            self._move_page(1)

    def action_select(self) -> None:
        """Enter: the "more" row asks for the next page, an item is selected."""
        option = self.highlighted_option
        if option is None or option.disabled:
            return
        if option.id == MORE_ID:
            self.want_more()
        elif isinstance(option, ItemOption):
            self.post_message(self.ItemSelected(self, option.item))

    def _option_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        line = offset.y + self.scroll_offset.y
        return self._lines[line][0] if 0 <= line < len(self._lines) else None

    async def _on_click(self, event: events.Click) -> None:
        index = self._option_at(event)
        if index is not None and not self._options[index].disabled:
            self.highlighted = index
            self.action_select()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover = self._option_at(event)

    def _on_leave(self, _: events.Leave) -> None:
        self._hover = None

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
        self._hold_size()
        if not self.items:
            self.set_options([self._empty_option()])
        else:
            options = self._next_options(rows=self.scrollable_content_region.height or None)
            self.set_options(options, _widget_navigation.find_first_enabled(options))
            if self._shown < self._page_end:
                self.call_after_refresh(self._fill_page, self._contents)
        if self._size_held:
            self.call_after_refresh(self._release_size)

    def extend_items(self, items: Sequence[T]) -> None:
        """Append fetched items (a next page) and show them."""
        self.items.extend(items)
        self.total = max(self.total, len(self.items))
        self.add_page()

    def add_page(self) -> None:
        """Turn the next page of held items into options."""
        self._fill_page()
        if self._options and self._options[-1].id == MORE_ID:
            self._drop_last()
        self._page_end = min(len(self.items), self._page_end + self.PAGE_SIZE)
        self.add_options(self._next_options())

    def _fill_page(self, contents: int | None = None) -> None:
        """Build the options of the page not built yet (unless the contents changed
        since this was asked for); the page complete, its scrollbar is due."""
        if contents not in (None, self._contents):
            return
        self._size_held = False
        if self._shown < self._page_end:
            self.add_options(self._next_options())
        else:
            self._sync_size()

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

    @property
    def highlighted_item(self) -> T | None:
        """The item under the cursor, if the cursor is on an item."""
        option = self.highlighted_option
        return option.item if isinstance(option, ItemOption) else None

    def highlight_where(self, test: Any) -> bool:
        """Move the cursor to the first item of the page for which `test(item)` is true."""
        self._fill_page()
        for index, option in enumerate(self._options):
            if isinstance(option, ItemOption) and test(option.item):
                self.highlighted = index
                return True
        return False


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


def _padded(content: Strip, left: int, right: int, style: RichStyle) -> list[Segment]:
    """`content` with `left` and `right` blank cells in `style`, the segments
    Textual's own padding of a row gives (its `line_pad` is private)."""
    before = [Segment(" " * left, style)] if left else []
    after = [Segment(" " * right, style)] if right else []
    return [*before, *content, *after]
