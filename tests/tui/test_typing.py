"""The search box is authoritative: what was typed is what it shows and what is searched."""

from __future__ import annotations

import pytest

from tui.app import SourcedeskApp
from tui.screens.speakers import SpeakersScreen

from .helpers import burst, index_busy, reader, running, settle, typed_on_terminal

TRIES = 3  # deterministic (the index is held while keys queue): a few rounds suffice


async def test_keys_typed_in_a_burst_are_applied_in_order(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await pilot.press("slash")
        box = reader(pilot).search_bar.input
        assert app.corpus is not None
        for _ in range(TRIES):
            box.value = ""
            await pilot.press(*"cuties", "x")
            # Results of "cutiesx" are held back, so the next keys queue up behind them.
            with index_busy(app.corpus):
                await burst(pilot, "backspace", "backspace", "e")
            await settle(pilot)
            assert box.value == "cutiee"
            assert reader(pilot).query_text == "cutiee"


async def test_ctrl_u_then_a_word_leaves_the_word(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await pilot.press("slash")
        box = reader(pilot).search_bar.input
        assert app.corpus is not None
        for _ in range(TRIES):
            box.value = "cuties poster"
            box.cursor_position = len(box.value)
            with index_busy(app.corpus):
                await burst(pilot, "x", "ctrl+u", *"netflix")
            await settle(pilot)
            assert box.value == "netflix"
            assert reader(pilot).query_text == "netflix"


async def test_a_slash_typed_fast_inside_a_word_is_kept(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await pilot.press("slash")
        await burst(pilot, *"Mignonnes/Cuties")
        assert reader(pilot).search_bar.value == "Mignonnes/Cuties"
        await pilot.press("ctrl+u", "slash")  # "/" in the empty box only keeps the focus there
        assert reader(pilot).search_bar.value == ""


async def test_tab_back_into_the_box_keeps_the_query_whole(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        screen = reader(pilot)
        await pilot.press("slash", *"netflix")
        await settle(pilot)
        for _ in range(5):  # the search box, sources, article, matches, quotes: round again
            await pilot.press("tab")
        assert app.focused is screen.search_bar.input
        await pilot.press(*" sorry")
        await settle(pilot)
        assert screen.search_bar.value == "netflix sorry"
        assert screen.query_text == "netflix sorry"


@pytest.mark.parametrize(
    "typed",
    [("escape", "s"), "\x1bs", "\x1bss"],
    ids=["two-keys", "terminal-alt-s", "terminal-alt-s-then-s"],
)
async def test_escape_then_a_command_key_in_one_burst_runs_the_command(
    app: SourcedeskApp, typed: tuple[str, ...] | str
) -> None:
    async with running(app) as pilot:
        await pilot.press("slash", *"netflix")
        await settle(pilot)
        if isinstance(typed, str):  # "\x1bs" within the escape delay: one alt+s key
            await typed_on_terminal(pilot, typed)
        else:  # both keys queued before the first is handled
            await burst(pilot, *typed)
        assert isinstance(app.screen, SpeakersScreen)
        assert reader(pilot).search_bar.value == "netflix"


async def test_escape_then_a_reader_key_at_once_leaves_the_box_and_runs_it(
    app: SourcedeskApp,
) -> None:
    async with running(app) as pilot:
        screen = reader(pilot)
        await pilot.press("slash", *"netflix")
        await settle(pilot)
        await typed_on_terminal(pilot, "\x1bn")  # alt+n: leave, then the first match
        assert screen.search_bar.value == "netflix"
        assert app.focused is not screen.search_bar.input
        assert screen.article is not None
        assert (screen.article.id, screen.match_index) == (screen.hits[0].id, 0)
