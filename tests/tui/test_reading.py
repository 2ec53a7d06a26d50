"""Reading: opening matches and quotations, stepping through them, jumping back."""

from __future__ import annotations

from tui.app import SourcedeskApp
from tui.literal import one_line
from tui.widgets import ArticleList, ArticleView, MatchesList, QuotesList, VersionsView
from tui.widgets.quotes_list import QUOTE_CHARS

from .helpers import (
    emphasised,
    flat,
    lines,
    reader,
    running,
    search,
    settle,
    shown,
    styled_runs,
)


async def open_first_match(pilot, query: str) -> None:  # type: ignore[no-untyped-def]
    await search(pilot, query)
    await pilot.press("enter")  # to the matches
    await pilot.press("enter")  # open the highlighted fragment
    await settle(pilot)


def source_order(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    """The matching sources in the order the Articles pane lists them."""
    return [row.id for row in reader(pilot).query_one(ArticleList).items]


async def test_opening_a_match_scrolls_to_it_and_emphasises_it(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await open_first_match(pilot, "sorry")
        view = reader(pilot).query_one(ArticleView)
        first = source_order(pilot)[0]
        assert view.border_subtitle == first
        assert view.border_title == "Article 1/1 match"
        # The match sits far down the article: the view scrolled to show it.
        assert view.scroll_offset.y > 0
        assert [run.lower() for run in emphasised(view)] == ["sorry"]
        assert "deeply sorry" in shown(view)


async def test_n_and_shift_n_continue_into_the_next_and_previous_source(
    app: SourcedeskApp,
) -> None:
    async with running(app) as pilot:
        await open_first_match(pilot, "sorry")
        view = reader(pilot).query_one(ArticleView)
        order = source_order(pilot)
        assert len(order) == 3
        await pilot.press("n")
        await settle(pilot)
        assert view.border_subtitle == order[1]
        assert [run.lower() for run in emphasised(view)] == ["sorry"]
        await pilot.press("n")
        await settle(pilot)
        assert view.border_subtitle == order[2]
        await pilot.press("N")
        await settle(pilot)
        assert view.border_subtitle == order[1]
        assert [run.lower() for run in emphasised(view)] == ["sorry"]


async def test_n_steps_through_the_matches_of_one_article(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await open_first_match(pilot, "netflix")
        view = reader(pilot).query_one(ArticleView)
        source = view.border_subtitle
        total = int(view.border_title.split("/")[1].split()[0])
        assert total > 2 and view.border_title.startswith("Article 1/")
        await pilot.press("n", "n")
        await settle(pilot)
        assert view.border_subtitle == source
        assert view.border_title.startswith("Article 3/")
        assert [run.lower() for run in emphasised(view)] == ["netflix"]


async def test_next_and_previous_source_follow_the_articles_list(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await pilot.press("escape", "right_square_bracket")
        await settle(pilot)
        view = reader(pilot).query_one(ArticleView)
        everything = source_order(pilot)
        assert view.border_subtitle == everything[0]
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert view.border_subtitle == everything[2]
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert view.border_subtitle == everything[1]
        # The list marks the open source.
        assert "▶" in shown(reader(pilot).query_one(ArticleList))


async def test_back_and_forward_retrace_the_jumps(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await open_first_match(pilot, "sorry")
        view = reader(pilot).query_one(ArticleView)
        order = source_order(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert view.border_subtitle == order[2]
        await pilot.press("b")
        await settle(pilot)
        assert view.border_subtitle == order[1]
        await pilot.press("b")
        await settle(pilot)
        assert view.border_subtitle == order[0]
        assert [run.lower() for run in emphasised(view)] == ["sorry"]
        await pilot.press("f")
        await settle(pilot)
        assert view.border_subtitle == order[1]


async def quotes_of_source(pilot, article_id: str) -> QuotesList:  # type: ignore[no-untyped-def]
    """Open `article_id` from the Articles list and focus its quotations."""
    screen = reader(pilot)
    sources = screen.query_one(ArticleList)
    sources.focus()
    assert sources.highlight_where(lambda row: row.id == article_id)
    await pilot.press("enter")
    await settle(pilot)
    quotes = screen.query_one(QuotesList)
    quotes.focus()
    await pilot.pause()
    return quotes


async def test_opening_a_quotation_lands_on_its_words(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        quotes = await quotes_of_source(pilot, "001_10d12caac7ace896.txt")
        assert reader(pilot).query_one("#quotes-pane").border_title.endswith("in this article")
        assert quotes.highlight_where(lambda q: q.text.startswith("We’re deeply sorry"))
        await pilot.press("enter")
        await settle(pilot)
        view = reader(pilot).query_one(ArticleView)
        assert view.border_title == "Article · quotation by Netflix"
        words = " ".join(emphasised(view))
        assert words.startswith("We’re deeply sorry") and "Sundance" in words
        assert "also in 2" in shown(quotes)


async def test_o_follows_a_statement_through_every_source_that_carries_it(
    app: SourcedeskApp,
) -> None:
    async with running(app) as pilot:
        quotes = await quotes_of_source(pilot, "001_10d12caac7ace896.txt")
        quotes.highlight_where(lambda q: q.text.startswith("We’re deeply sorry"))
        view = reader(pilot).query_one(ArticleView)
        visited = []
        for _ in range(3):
            await pilot.press("o")
            await settle(pilot)
            visited.append(view.border_subtitle)
            assert " ".join(emphasised(view)).startswith("We’re deeply sorry")
        assert visited == [
            "002_4824d333c2fe2b39.txt",
            "003_1a02395e177f786a.txt",
            "001_10d12caac7ace896.txt",
        ]
        await pilot.press("b")
        await settle(pilot)
        assert view.border_subtitle == "003_1a02395e177f786a.txt"


async def test_y_copies_the_quotation_with_its_citation(app: SourcedeskApp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    async with running(app) as pilot:
        quotes = await quotes_of_source(pilot, "002_4824d333c2fe2b39.txt")
        quotes.highlight_where(lambda q: q.text.startswith("We’re deeply sorry"))
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.startswith("“We’re deeply sorry for the inappropriate artwork")
        assert "” — Netflix, " in app.clipboard
        assert app.clipboard.endswith("002_4824d333c2fe2b39.txt")
        note = [n.message for n in app._notifications]
        assert any(m.startswith("Copied to terminal clipboard") for m in note)
        saved = tmp_path / "cache" / "sourcedesk" / "clipboard.txt"
        assert saved.read_text(encoding="utf-8").strip() == app.clipboard


async def test_v_shows_the_versions_side_by_side_with_differences(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        quotes = await quotes_of_source(pilot, "003_1a02395e177f786a.txt")
        quotes.highlight_where(lambda q: q.text.startswith("We’re deeply sorry"))
        await pilot.press("v")
        await settle(pilot)
        versions = app.screen.query_one(VersionsView)
        changed = versions.get_component_rich_style("versions-view--changed")
        marked = [
            " ".join(run.strip() for run in styled_runs(column, changed))
            for column in versions.query(".version-words")
        ]
        # 001 says the film "won an award at" Sundance; 002 and 003 that it "premiered at" it.
        assert sum("won an award" in words for words in marked) == 1
        assert sum("premiered" in words for words in marked) == 2
        # Enter on a column opens that source at the statement.
        await pilot.press("left", "enter")
        await settle(pilot)
        assert app.screen is reader(pilot)
        view = reader(pilot).query_one(ArticleView)
        assert view.border_subtitle == "002_4824d333c2fe2b39.txt"


async def test_matches_pane_enter_after_tab_cycle(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        await search(pilot, "sorry")
        screen = reader(pilot)
        order = []
        for _ in range(5):
            await pilot.press("tab")
            await pilot.pause()
            order.append(app.focused.id if app.focused else None)
        assert order == ["sources", "article", "matches", "quotes", "query"]
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is screen.query_one(QuotesList)
        assert screen.query_one(MatchesList).option_count > 0


async def test_a_switches_the_quotes_pane_to_every_quotation_matching_the_query(
    app: SourcedeskApp,
) -> None:
    async with running(app) as pilot:
        await search(pilot, "sorry")
        await pilot.press("escape", "a")
        await settle(pilot)
        screen = reader(pilot)
        title = screen.query_one("#quotes-pane").border_title
        assert title.startswith("Quotes ") and title.endswith("matching “sorry”")
        quotes = screen.query_one(QuotesList)
        paths = {quote.path for quote in quotes.items}
        assert len(paths) == 3  # the apology, as each source carries it
        assert "deeply sorry" in flat(quotes)
        assert "003_1a02395e177f786a.txt" in flat(quotes)  # each names its source
        await pilot.press("a")
        await settle(pilot)
        assert screen.query_one("#quotes-pane").border_title == "Quotes"


async def test_a_query_quotations_cannot_be_searched_by_empties_the_quotes_pane(
    app: SourcedeskApp,
) -> None:
    # `title:` searches articles only: the pane kept the quotations of the query before,
    # under that query's title, and a notification blamed "quote fields".
    async with running(app) as pilot:
        await search(pilot, "sorry")
        await pilot.press("escape", "a")
        await settle(pilot)
        screen = reader(pilot)
        await search(pilot, "title:cuties")
        title = screen.query_one("#quotes-pane").border_title
        assert title == "Quotes 0 · title: searches articles"
        assert screen.quotes.items == []
        assert "No quotations: title: searches articles" in flat(screen.quotes)
        assert not pilot.app.screen.query("Toast")  # the pane says it
        await search(pilot, "sorry")
        assert screen.query_one("#quotes-pane").border_title.endswith("matching “sorry”")


async def test_hovering_a_quotation_in_the_text_names_the_speaker(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        quotes = await quotes_of_source(pilot, "002_4824d333c2fe2b39.txt")
        assert quotes.highlight_where(lambda q: q.text.startswith("We’re deeply sorry"))
        await pilot.press("enter")
        await settle(pilot)
        view = reader(pilot).query_one(ArticleView)
        quote = quotes.highlighted_item
        assert quote is not None
        cell = next(
            (x, y)
            for y in range(view.scrollable_content_region.height)
            for x in range(view.scrollable_content_region.width)
            if (at := view.offset_at(x, y)) is not None and quote.start <= at < quote.end
        )
        await pilot.hover(ArticleView, offset=(cell[0] + 1, cell[1] + 1))  # + border, padding
        await pilot.pause()
        assert view.tooltip == "Netflix · direct"


async def test_every_quotation_in_the_quotes_pane_is_shown_to_its_last_word(
    app: SourcedeskApp,
) -> None:
    async with running(app, size=(120, 35)) as pilot:
        await pilot.press("a")  # every quotation in the corpus, each with its source
        await settle(pilot)
        quotes = reader(pilot).quotes
        assert len(quotes.items) > 20
        seen: dict[int, str] = {}  # each line of the list, by its place in the whole list
        for top in range(0, quotes.virtual_size.height, quotes.size.height):
            quotes.scroll_to(y=top, animate=False, immediate=True)
            await pilot.pause()
            first = round(quotes.scroll_offset.y)
            seen.update((first + y, line) for y, line in enumerate(lines(quotes)))
        on_screen = "".join("".join(seen[y] for y in sorted(seen)).split())
        for quote in quotes.items:
            words = "".join(one_line(quote.text, QUOTE_CHARS).split())
            assert f"“{words}”" in on_screen, quote.text


async def test_a_speaker_the_article_leaves_unidentified_is_marked_so_everywhere(
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    # `"…," they said` with no one for `they` to be: the pane, the article's title and the
    # copied citation said `they`, as if the tool had found a speaker called so.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text(
        'Harbour news\n\nThe harbour was closed all week. "We will reopen it soon," they said.'
        ' "The ferry is late again," said Jane Doe.\n',
        encoding="utf-8",
    )
    app = SourcedeskApp(corpus, tmp_path / "index")
    async with running(app) as pilot:
        quotes = await quotes_of_source(pilot, "harbour.txt")
        assert [q.speaker for q in quotes.items] == [None, "Jane Doe"]
        assert "they (unidentified) · direct" in shown(quotes)
        assert "Jane Doe · direct" in shown(quotes)
        assert quotes.highlight_where(lambda q: q.text.startswith("We will reopen"))
        await pilot.press("enter")
        await settle(pilot)
        view = reader(pilot).query_one(ArticleView)
        assert view.border_title == "Article · quotation by they (unidentified)"
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.startswith("“We will reopen it soon,” — they (unidentified)")
