"""The result lists draw their own rows: keys, the mouse and the cursor as a user
meets them in the Matches pane (tui/widgets/paged_list.py)."""

from __future__ import annotations

from textual import events

from tui.app import SourcedeskApp
from tui.widgets import ArticleView, MatchesList
from tui.widgets.matches_list import MatchTarget

from .helpers import lines, reader, running, search, settle, wait_until


def cursor_lines(matches: MatchesList) -> dict[int, str]:
    """The on-screen rows drawn in the cursor's colours, by their row."""
    cursor = matches.get_visual_style("paged-list--highlighted").rich_style.bgcolor
    strips = {y: matches.render_line(y) for y in range(matches.size.height)}
    return {
        y: strip.text
        for y, strip in strips.items()
        if any(segment.style is not None and segment.style.bgcolor == cursor for segment in strip)
    }


def cursor_rows(matches: MatchesList) -> str:
    """What the cursor's rows say, as one line of words."""
    return " ".join(" ".join(cursor_lines(matches).values()).split())


def cursor_top(matches: MatchesList) -> int:
    """The first on-screen row drawn in the cursor's colours."""
    return min(cursor_lines(matches))


def fragment_words(matches: MatchesList) -> str:
    """The start of the fragment under the cursor, as its row shows it."""
    item = matches.highlighted_item
    assert isinstance(item, MatchTarget)
    option = matches.get_option_at_index(matches.highlighted or 0)
    return " ".join(str(option.prompt).split()[:3])


async def test_keys_mouse_and_wheel_move_through_the_matches(app: SourcedeskApp) -> None:
    async with running(app, size=(100, 30)) as pilot:
        await search(pilot, "the")
        matches = reader(pilot).matches
        matches.focus()
        await settle(pilot)
        assert matches.virtual_size.height > matches.scrollable_content_region.height
        # The first fragment (below its source's header) is under the cursor, drawn so.
        first = fragment_words(matches)
        assert first in cursor_rows(matches)

        await pilot.press("G")  # the page's last row: scrolled into view, highlighted
        await settle(pilot)
        assert matches.scroll_offset.y > 0
        last = fragment_words(matches)
        assert last != first
        assert last in cursor_rows(matches)
        assert first not in " ".join(lines(matches))

        await pilot.press("home")
        await settle(pilot)
        assert fragment_words(matches) == first and first in cursor_rows(matches)
        await pilot.press("pagedown")  # a screenful down, onto a fragment, never a header
        await settle(pilot)
        paged = matches.highlighted or 0
        assert paged > 1 and not matches.get_option_at_index(paged).disabled
        await pilot.press("down", "up")
        await settle(pilot)
        assert matches.highlighted == paged
        await pilot.press("pageup")
        await settle(pilot)
        assert (matches.highlighted or 0) < paged
        await pilot.press("home")
        await settle(pilot)

        # The wheel scrolls the rows without moving the cursor.
        x, y = matches.content_region.offset
        for _ in range(3):
            matches.post_message(
                events.MouseScrollDown(matches, 2, 2, 0, 1, 0, False, False, False, x + 2, y + 2)
            )
        await wait_until(pilot, lambda: matches.scroll_offset.y > 0, "the wheel scrolled the list")
        assert fragment_words(matches) == first

        # A click on another fragment's row opens its article at that match.
        await pilot.press("home", "down")
        await settle(pilot)
        target = matches.highlighted_item
        assert isinstance(target, MatchTarget)
        words = fragment_words(matches)
        line = round(matches.scroll_offset.y) + cursor_top(matches)  # its first line
        await pilot.press("up")  # the cursor back on the first fragment
        await settle(pilot)
        row = line - round(matches.scroll_offset.y)  # where that fragment is drawn now
        assert cursor_top(matches) < row < matches.size.height
        await pilot.click(MatchesList, offset=(4, row))
        await settle(pilot)
        assert fragment_words(matches) == words and words in cursor_rows(matches)
        assert reader(pilot).sources.open_id == target.hit.id
        assert "match" in str(reader(pilot).query_one(ArticleView).border_title)


async def test_new_results_bring_a_scrollbar_for_their_whole_page(app: SourcedeskApp) -> None:
    """A new query's scrollbar is set once its page is built (just after the paint of
    its first screenful): it comes with many results, goes with none, and spans
    every row of the page, so the last row can be scrolled to."""
    async with running(app, size=(100, 30)) as pilot:
        await search(pilot, "zzzqxv")
        matches = reader(pilot).matches
        assert not matches.show_vertical_scrollbar
        await search(pilot, "the")
        assert matches.show_vertical_scrollbar
        rows = matches.virtual_size.height
        assert matches.vertical_scrollbar.window_virtual_size == rows > matches.size.height
        matches.focus()
        await pilot.press("G")
        await settle(pilot)
        assert matches.scroll_offset.y == rows - matches.scrollable_content_region.height
        await search(pilot, "zzzqxv")
        assert not matches.show_vertical_scrollbar
