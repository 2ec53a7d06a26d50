"""Narrow and short terminals, resizing, literal text, help and the palette."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Tabs

from tui.app import SourcedeskApp
from tui.widgets import ArticleView, MatchesList, QuotesList

from .helpers import (
    emphasised,
    flat,
    pick_in_palette,
    reader,
    running,
    search,
    settle,
    shown,
    styled_runs,
)


def visible_panes(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    return [pane.id for pane in reader(pilot).query(".pane") if pane.display]


async def test_wide_terminals_show_three_panes_side_by_side(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        assert visible_panes(pilot) == ["articles-pane", "matches-pane", "quotes-pane"]
        assert not reader(pilot).query_one(Tabs).display


async def test_at_80x24_panes_become_tabs_that_follow_the_focus(app: SourcedeskApp) -> None:
    async with running(app, (80, 24)) as pilot:
        screen = reader(pilot)
        assert screen.query_one(Tabs).display
        assert visible_panes(pilot) == ["articles-pane"]
        await search(pilot, "sorry")
        await pilot.press("enter")
        await pilot.pause()
        assert visible_panes(pilot) == ["matches-pane"]
        assert "3 in 3 sources" in screen.query_one("#matches-pane").border_title
        assert "deeply sorry" in shown(screen.query_one(MatchesList))
        await pilot.press("enter")  # opening a match shows the article tab
        await settle(pilot)
        assert visible_panes(pilot) == ["articles-pane"]
        view = screen.query_one(ArticleView)
        assert [run.lower() for run in emphasised(view)] == ["sorry"]
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert visible_panes(pilot) == ["quotes-pane"]
        assert screen.query_one(Tabs).active == "tab-quotes-pane"


async def test_at_60x16_the_reader_still_searches_and_reads(app: SourcedeskApp) -> None:
    async with running(app, (60, 16)) as pilot:
        await search(pilot, "sorry")
        await pilot.press("enter", "enter")
        await settle(pilot)
        view = reader(pilot).query_one(ArticleView)
        assert view.size.height >= 3
        assert [run.lower() for run in emphasised(view)] == ["sorry"]


async def test_resizing_back_and_forth_keeps_the_place(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await search(pilot, "sorry")
        await pilot.press("enter", "enter")
        await settle(pilot)
        view = reader(pilot).query_one(ArticleView)
        for width, height in ((60, 16), (100, 30), (40, 10), (99, 24), (160, 45)):
            await pilot.resize_terminal(width, height)
            await settle(pilot)
        assert visible_panes(pilot) == ["articles-pane", "matches-pane", "quotes-pane"]
        assert [run.lower() for run in emphasised(view)] == ["sorry"]


async def test_markup_and_control_bytes_in_articles_are_shown_literally(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "[red]markup.txt").write_bytes(
        b"Brackets in the news [bold]not bold[/bold] and [link=http://x.test]a link[/link]\n\n"
        b"A bell \x07 and an escape \x1b[31m sequence, then a caf\xe9 in Latin-1.\n"
    )
    app = SourcedeskApp(corpus, tmp_path / "index")
    async with running(app) as pilot:
        await search(pilot, "brackets")
        await pilot.press("enter", "enter")
        await settle(pilot)
        text = flat(reader(pilot).query_one(ArticleView))
        assert "[bold]not bold[/bold]" in text
        assert "[link=http://x.test]a link[/link]" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "[31m sequence" in text
        assert text.startswith("[red]markup.txt")  # the path, in the article's header
        assert "[bold]not bold[/bold]" in flat(reader(pilot).query_one(MatchesList))


async def test_a_missing_corpus_is_explained_not_a_traceback(tmp_path: Path) -> None:
    app = SourcedeskApp(tmp_path / "nowhere", tmp_path / "index")
    async with running(app) as pilot:
        status = flat(reader(pilot).query_one("#status-text"))
        assert "Cannot open" in status and "nowhere" in status
        await search(pilot, "anything")
        assert app.is_running


async def test_question_mark_shows_every_key_and_the_query_syntax(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        text = "\n".join(shown(w) for w in app.screen.query(".help-table"))
        for phrase in (
            "next match, on into the next source",
            "in the next source that carries it",
            "back to the previous place",
            "copy the quotation",
            "Coverage",  # the app's own keys too
            "the next page of statements",  # the coverage view's
            "sort by quotations or sources",  # the speakers view's
            "a page down",  # the article's
            '"death threats"',  # and the query syntax
            "outlet:variety",  # with the metadata fields
            "date:[2020-09-01 TO 2020-09-15]",
        ):
            assert phrase in text
        await pilot.press("escape")
        assert app.screen is reader(pilot)


async def test_palette_opens_an_article_by_title(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await pilot.press("ctrl+p")
        await pick_in_palette(pilot, "Open article", "Open article")
        await pick_in_palette(pilot, "Powerful story", "Powerful story")
        await settle(pilot)
        view = reader(pilot).query_one(ArticleView)
        assert view.border_subtitle == "002_4824d333c2fe2b39.txt"
        assert "Netflix defended the widely condemned film" in shown(view)


async def test_palette_jumps_to_a_speakers_quotations(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await pilot.press("ctrl+p")
        await pick_in_palette(pilot, "Jump to speaker", "Jump to speaker")
        await pick_in_palette(pilot, "Netflix", "Netflix")
        await settle(pilot)
        screen = reader(pilot)
        title = screen.query_one("#quotes-pane").border_title
        assert title.startswith("Quotes ") and title.endswith(" by Netflix")
        quotes = screen.query_one(QuotesList)
        assert quotes.items and all(q.speaker == "Netflix" for q in quotes.items)
        assert app.focused is quotes


async def test_an_index_that_disappears_under_the_app_is_reported_not_fatal(
    app: SourcedeskApp,
) -> None:
    async with running(app) as pilot:
        assert app.corpus is not None
        shutil.rmtree(app.corpus.index_dir)  # e.g. a cache cleaner, or a full disk
        await search(pilot, "sorry")
        await pilot.press("right_square_bracket")
        await settle(pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and app.is_running
        await pilot.press("escape", "question_mark")  # still answering keys
        assert app.screen is not reader(pilot)


async def test_changing_the_theme_recolours_the_lists(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await search(pilot, "sorry")
        matches = reader(pilot).query_one(MatchesList)
        before = matches.get_component_rich_style("matches-list--match")
        app.theme = "textual-light"
        await settle(pilot)
        after = matches.get_component_rich_style("matches-list--match")
        assert after.bgcolor != before.bgcolor
        assert {run.strip().lower() for run in styled_runs(matches, after)} == {"sorry"}


async def test_under_100_columns_enter_on_a_quotation_of_the_open_article_shows_it(
    app: SourcedeskApp,
) -> None:
    async with running(app, (80, 24)) as pilot:
        screen = reader(pilot)
        await search(pilot, "sorry")
        await pilot.press("enter", "enter")  # the first match: its article opens
        await settle(pilot)
        assert visible_panes(pilot) == ["articles-pane"]
        screen._activate_pane("quotes-pane", focus=True)  # as the Quotes tab does
        await settle(pilot)
        assert visible_panes(pilot) == ["quotes-pane"] and screen.quotes.items
        await pilot.press("enter")  # a quotation in the article already open
        await settle(pilot)
        assert visible_panes(pilot) == ["articles-pane"]
        assert screen.query_one(Tabs).active == "tab-articles-pane"


async def test_after_a_resize_to_80_columns_enter_on_a_match_shows_the_article(
    app: SourcedeskApp,
) -> None:
    async with running(app) as pilot:
        await search(pilot, "sorry")
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert app.focused is reader(pilot).matches  # the match was opened from here
        assert visible_panes(pilot) == ["matches-pane"]
        await pilot.press("enter")  # the same match of the open article
        await settle(pilot)
        assert visible_panes(pilot) == ["articles-pane"]
