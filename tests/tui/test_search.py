"""Searching from the box: matches and counts, bad queries, suggestions, paging."""

from __future__ import annotations

import gc
import re
import shutil
from pathlib import Path

import pytest
from rich.console import RenderableType
from textual.screen import Screen
from textual.widgets import Footer, Tabs
from textual.widgets._footer import FooterKey

from tui import collector
from tui.app import SourcedeskApp
from tui.screens.reader import HITS_PAGE
from tui.widgets import ArticleList, ArticleView, MatchesList

from . import frames
from .helpers import (
    SEEDS,
    emphasised,
    flat,
    index_busy,
    lines,
    list_texts,
    reader,
    running,
    search,
    searched,
    settle,
    shown,
    styled_runs,
    wait_until,
    written,
)


async def test_start_up_lists_every_source_and_explains_the_syntax(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        screen = reader(pilot)
        assert screen.query_one("#articles-pane").border_title == "Articles 5"
        sources = shown(screen.query_one(ArticleList))
        assert sources.count(".txt") == 5
        assert "Netflix defends Cuties" in sources
        matches = shown(screen.query_one(MatchesList))
        assert "Type in the search box" in matches
        assert '"exact phrase"' in matches
        assert app.focused is screen.query_one(ArticleList)
        await pilot.press("slash")  # from anywhere to the box, without typing it
        assert app.focused is screen.search_bar.input
        await pilot.press("slash")
        assert screen.search_bar.value == ""


async def test_typing_a_query_shows_highlighted_matches_and_counts(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await search(pilot, "sorry", typed=True)
        screen = reader(pilot)
        assert screen.query_one("#matches-pane").border_title == "Matches 3 in 3 sources"
        hint = shown(screen.query_one("#search-hint"))
        assert "3 sources match “sorry”" in hint
        matches = screen.query_one(MatchesList)
        highlighted = styled_runs(matches, matches.get_component_rich_style("matches-list--match"))
        assert highlighted and {run.strip().lower() for run in highlighted} == {"sorry"}
        # The Articles pane narrows to the matching sources, with their match counts.
        assert screen.query_one("#articles-pane").border_title == "Articles 3 of 5 match"
        assert shown(screen.query_one(ArticleList)).count("1 match ·") == 3


async def test_a_query_with_no_hits_says_so_in_the_articles_pane(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await search(pilot, "zanzibar")
        screen = reader(pilot)
        assert screen.query_one("#articles-pane").border_title == "Articles 0 of 5 match"
        sources = shown(screen.query_one(ArticleList))
        assert "No source matches “zanzibar”." in sources
        assert "holds no articles" not in sources
        await search(pilot, "")
        assert shown(screen.query_one(ArticleList)).count(".txt") == 5


async def test_enter_in_the_box_moves_to_the_results_and_escape_leaves(
    app: SourcedeskApp,
) -> None:
    async with running(app) as pilot:
        await search(pilot, "netflix")
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is reader(pilot).query_one(MatchesList)
        await pilot.press("slash")
        assert app.focused is reader(pilot).search_bar.input
        await pilot.press("escape")
        assert app.focused is not reader(pilot).search_bar.input


async def test_a_malformed_query_says_what_is_wrong_and_the_app_keeps_working(
    app: SourcedeskApp,
) -> None:
    async with running(app) as pilot:
        await search(pilot, "netflix")
        await search(pilot, '"deeply sorry')
        screen = reader(pilot)
        hint = screen.query_one("#search-hint")
        assert "⚠" in shown(hint) and "quotation mark" in shown(hint)
        assert screen.search_bar.has_class("-error")
        # No pane keeps what an earlier query found: every source, no matches.
        assert screen.query_one("#matches-pane").border_title == (
            "Matches · the query cannot be read"
        )
        assert screen.query_one("#articles-pane").border_title == "Articles 5"
        assert "Fix the query" in shown(screen.query_one(MatchesList))
        # The collector, held while a search is on its way, runs again after each.
        assert gc.get_threshold() == collector.THRESHOLDS
        await pilot.press('"')
        await searched(pilot, '"deeply sorry"')
        assert "⚠" not in shown(hint)
        assert screen.query_one("#matches-pane").border_title == "Matches 3 in 3 sources"
        assert gc.get_threshold() == collector.THRESHOLDS


def footer_keys(footer: Footer) -> list[str]:
    return [key.description for key in footer.query(FooterKey)]


async def test_did_you_mean_is_shown_and_accepted_with_one_key(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await search(pilot, "sorry")
        screen = reader(pilot)
        footer = screen.query_one(Footer)
        keys = list(footer.query("FooterKey"))
        await search(pilot, "sundnce")
        hint = shown(screen.query_one("#search-hint"))
        assert "Did you mean “sundance”? ctrl+d accepts" in hint
        # The hint offers the key; the footer stays as it was (not rebuilt).
        assert list(footer.query("FooterKey")) == keys and "suggestion" not in shown(footer)
        await pilot.press("ctrl+d")
        await searched(pilot, "sundance")
        assert screen.search_bar.value == "sundance"
        assert screen.query_one("#matches-pane").border_title.startswith("Matches ")
        assert "No matches" not in shown(screen.query_one(MatchesList))
        # Still in the box, the terminal narrows to tabs: down goes to the matches, and
        # tab on to the quotes (down was taken by the box's own one-line scrolling).
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert app.focused is screen.search_bar.input
        assert "Next match" not in footer_keys(footer)  # the box's keys, not a list's
        for key, pane, focused in (
            ("down", "matches-pane", screen.matches),
            ("tab", "quotes-pane", screen.quotes),
            ("shift+tab", "matches-pane", screen.matches),
        ):
            await pilot.press(key)
            await settle(pilot)
            shown_panes = [p.id for p in screen.query(".pane") if p.display]
            assert (shown_panes, app.focused) == ([pane], focused), key
            assert screen.query_one(Tabs).active == f"tab-{pane}"
        assert "sundance" in shown(screen.query_one(MatchesList)).lower()
        assert "Next match" in footer_keys(footer)  # rebuilt for the focus in the matches


async def test_a_large_corpus_is_indexed_with_progress_and_its_results_paged(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    # 60 real articles (the seeds under 12 outlets' names): more than two pages of
    # results, each of the 60 a match, and indexing long enough to show its progress.
    copies = 12
    sources = copies * len(list(SEEDS.iterdir()))
    assert sources > 2 * HITS_PAGE
    for copy in range(copies):
        shutil.copytree(SEEDS, corpus / f"outlet{copy:02}")
    app = SourcedeskApp(corpus, tmp_path / "index")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = reader(pilot)
        status = screen.query_one("#status-text")
        seen: list[str] = []
        while app.corpus is None or not screen.all_rows:
            seen.append(flat(status))
            await pilot.pause(0.02)
        progress = [line for line in seen if line.startswith("Indexing articles ")]
        assert progress, seen  # e.g. "Indexing articles 38/60…", beside a progress bar
        assert screen.query("#status-progress"), "no progress bar was shown"
        await settle(pilot)
        assert flat(status).startswith(f"{sources} sources · ")
        assert screen.query_one("#articles-pane").border_title == f"Articles {sources}"

        await search(pilot, "netflix")
        matches = screen.query_one(MatchesList)
        assert len(matches.items) == HITS_PAGE
        assert f"Load more sources ({sources - HITS_PAGE} left)" in list_texts(matches)[-1]
        assert f"+ in {sources} sources" in screen.query_one("#matches-pane").border_title
        screen.sources.highlighted = 2  # a place in the Articles list
        matches.focus()
        matches.highlighted = matches.option_count - 1
        await pilot.press("enter")
        await settle(pilot)
        assert len(matches.items) == 2 * HITS_PAGE
        # The Articles list grew by the new page; it was not rebuilt (the place is kept).
        assert len(screen.sources.items) == 2 * HITS_PAGE
        assert screen.sources.highlighted == 2
        assert f"Load more sources ({sources - 2 * HITS_PAGE} left)" in list_texts(matches)[-1]
        assert any("outlet" in line for line in lines(screen.query_one(ArticleList)))


async def test_enter_twice_right_after_typing_opens_the_first_match(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await search(pilot, "netflix")  # results of an earlier query on screen
        box = reader(pilot).search_bar.input
        box.value = "sorry"
        assert app.corpus is not None
        with index_busy(app.corpus):  # the search for "sorry" must wait
            await pilot.press("enter", "enter")  # so both keys come before its results
            assert reader(pilot).matches.query_text == "netflix"
        await settle(pilot)
        view = reader(pilot).query_one(ArticleView)
        assert view.border_title == "Article 1/1 match"
        await wait_until(
            pilot,
            lambda: [run.lower() for run in emphasised(view)] == ["sorry"],
            "the first match of 'sorry' drawn as the current place",
        )


async def test_a_query_on_quotations_counts_and_lists_each_source_once(
    app: SourcedeskApp,
) -> None:
    async with running(app) as pilot:
        await search(pilot, "kind:tweet", typed=True)
        screen = reader(pilot)
        paths = [row.path for row in screen.sources.items]
        assert len(paths) == len(set(paths)) == 2  # the two articles that embed tweets
        assert screen.query_one("#articles-pane").border_title == "Articles 2 of 5 match"
        assert "2 sources match “kind:tweet”" in shown(screen.query_one("#search-hint"))
        title = str(screen.query_one("#matches-pane").border_title)
        assert title.startswith("Matches ") and title.endswith("quotations in 2 sources")
        listed = shown(screen.query_one(ArticleList))
        assert not re.search(r"\b0 quotes", listed)
        assert "10 quotes" in listed and "11 quotes" in listed  # their own quotation counts


async def test_a_capped_prefix_says_in_the_search_bar_how_it_was_narrowed(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "wide"
    folder.mkdir()
    words = [f"zz{a}{b}{c}" for a in "abcdefghij" for b in "abcdefghij" for c in "ab"]
    (folder / "a.txt").write_text("Story\n\n" + " ".join(words) + "\n", encoding="utf-8")
    app = SourcedeskApp(folder, tmp_path / "index")
    async with running(app) as pilot:
        await wait_until(pilot, lambda: len(reader(pilot).infos) == 1, "the one article")
        await search(pilot, "zz*")
        hint = flat(reader(pilot).query_one("#search-hint"))
        assert "1 source match “zz*”" in hint
        assert f"`zz*` matched {len(words)} words; searched the" in hint


async def test_a_passage_cut_out_of_its_paragraph_is_marked_so_in_the_matches(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    sentences = [f"Sentence {n} of the inquiry report keeps the reader busy." for n in range(12)]
    sentences[6] = "Sentence 6 names the lighthouse keeper at last."
    (folder / "report.txt").write_text(
        "Inquiry report\n\n" + " ".join(sentences) + "\n\nThe lighthouse was lit.\n",
        encoding="utf-8",
    )
    app = SourcedeskApp(folder, tmp_path / "index")
    async with running(app) as pilot:
        await wait_until(pilot, lambda: len(reader(pilot).infos) == 1, "the article")
        await search(pilot, "lighthouse")
        passages = list_texts(reader(pilot).query_one(MatchesList))[1:]
        cut = next(p for p in passages if "keeper" in p)
        assert cut.startswith("  …") and cut.endswith("…"), passages
        assert cut[3:-1] in " ".join(sentences)  # the article's own words between the marks
        assert "  The lighthouse was lit." in passages  # a whole paragraph: no mark


class Terminal:
    """What a terminal shows: every update the app hands its driver applied in
    turn (each paint writes only the cells that changed, at cursor moves)."""

    def __init__(self, app: SourcedeskApp) -> None:
        self.rows: list[list[str]] = []
        draw = app._display

        def display(screen: Screen, renderable: RenderableType | None) -> None:
            if renderable is not None:
                self._apply(app, renderable)
            draw(screen, renderable)

        app._display = display  # type: ignore[method-assign]

    def _apply(self, app: SourcedeskApp, renderable: RenderableType) -> None:
        width, height = app.size
        while len(self.rows) < height:
            self.rows.append([" "] * width)
        for (x, y), (char, _) in written(app, renderable).items():
            self.rows[y][x] = char

    def row(self, y: int) -> str:
        return "".join(self.rows[y]).rstrip()


async def test_a_shorter_summary_leaves_nothing_of_the_longer_one_on_the_terminal(
    app: SourcedeskApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The hint line repaints only the cells its old and new text cover. Every
    # frame is painted, as for a user: one deferred frame would cover several.
    monkeypatch.setattr(Screen, "_compositor_refresh", frames._paint_frame)
    terminal = Terminal(app)
    async with running(app) as pilot:
        screen = reader(pilot)
        hint = screen.query_one("#search-hint")
        await search(pilot, "netflix OR cuties OR poster OR apology")
        row = hint.region.y  # shown once there is a summary
        assert terminal.row(row).strip() == shown(hint).strip()
        assert "apology”" in terminal.row(row)
        await search(pilot, "sorry")
        await settle(pilot)
        assert terminal.row(row).strip() == shown(hint).strip()
        assert "sorry" in terminal.row(row) and "apology" not in terminal.row(row)
