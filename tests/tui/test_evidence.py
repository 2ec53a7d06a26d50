"""Evidence: a quotation opened in the article has the words that gave its speaker
highlighted (apart from the query's matches), and the Quotes pane names them."""

from __future__ import annotations

from tui.app import SourcedeskApp

from .helpers import flat, reader, running, settle, styled_runs
from .test_export import open_source

SIZE = (160, 45)


async def test_the_words_that_gave_the_speaker_are_highlighted_and_named(
    app: SourcedeskApp,
) -> None:
    async with running(app, SIZE) as pilot:
        await open_source(pilot, "002")
        screen = reader(pilot)
        view = screen.article_view
        evidence_style = view.get_component_rich_style("article-view--evidence")
        match_style = view.get_component_rich_style("article-view--match")
        current_style = view.get_component_rich_style("article-view--current")
        assert evidence_style.bgcolor not in (match_style.bgcolor, current_style.bgcolor)
        assert not styled_runs(view, evidence_style)  # no quotation opened yet
        for starts, words, named in [
            (  # a cue clause
                "We’re deeply sorry",
                "a Netflix spokesperson said",
                "speaker from: ‘a Netflix spokesperson said’",
            ),
            (  # a pronoun and the name it stands for
                "I received numerous attacks",
                "she said",
                "speaker from: ‘she said’ → ‘Maimouna Doucoure’",
            ),
        ]:
            quotes = screen.quotes
            quotes.focus()
            assert quotes.highlight_where(lambda q, s=starts: q.text.startswith(s))
            await pilot.press("enter")
            await settle(pilot)
            assert words in " ".join(styled_runs(view, evidence_style))
            quotes.focus()  # the pane, scrolled to the opened quotation, names them
            assert named in flat(quotes)
