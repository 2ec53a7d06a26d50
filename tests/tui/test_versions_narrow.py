"""A statement carried by five sources, seen at 80x24: readable cards, all reachable.

At 80 columns the five cards were ~11 cells wide and broke words ("Mansfie/ld");
now as many cards as fit readably are shown, the others brought in by ←/→, and
the heading says which are in view. The cards ran off the bottom of the dialog
too (30 lines in 24 rows): they end inside it and scroll.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.app import SourcedeskApp
from tui.command_table import VERSIONS
from tui.screens.help import HelpScreen
from tui.screens.versions import VersionsScreen
from tui.widgets.versions_view import VersionColumn

from .helpers import flat, lines, running, settle
from .test_reading import quotes_of_source

TITLES = (
    "Barrister warns on identity cards",
    "Bar Council chairman criticises plan",
    "Identity scheme faces legal doubts",
    "Lawyers question identity card bill",
    "Conservatives back identity cards",
)
SAID = (
    '"What is going to happen to young Asian men when there has been a bomb gone off '
    "somewhere? They are going to be stopped and questioned, and held for hours while "
    "the police decide what to do with them, and nobody will tell them why this is "
    'happening or what rights they have under the new law," said Guy Mansfield, '
    "chairman of the Bar Council."
)


def five_sources(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, title in enumerate(TITLES, 1):
        said = SAID.replace("stopped", "detained") if number == 3 else SAID
        (corpus / f"{number}.txt").write_text(f"{title}\n\n{said}\n", encoding="utf-8")
    return corpus


async def open_versions(pilot: Pilot) -> VersionsScreen:
    quotes = await quotes_of_source(pilot, "1.txt")
    assert quotes.highlight_where(lambda quote: quote.text.startswith("What is going"))
    await pilot.press("v")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, VersionsScreen)
    return screen


def in_view(screen: VersionsScreen) -> list[VersionColumn]:
    return [column for column in screen.query(VersionColumn) if column.display]


def words_of(text: str) -> set[str]:
    return {word.strip('"“”') for word in text.split()}


def drawn_words(column: VersionColumn) -> list[str]:
    """Every word the card draws, as it draws them (a broken word is two)."""
    return [
        word for part in column.query("Static") for line in lines(part) for word in line.split()
    ]


async def test_five_sources_at_80x24_are_readable_and_all_reachable(tmp_path: Path) -> None:
    app = SourcedeskApp(five_sources(tmp_path), tmp_path / "index")
    async with running(app, size=(80, 24)) as pilot:
        screen = await open_versions(pilot)
        said = words_of(f"{SAID} Mansfield detained · direct {' '.join(TITLES)}")
        seen: list[str] = []
        for step in range(len(TITLES)):
            heading = flat(screen.query_one("#versions-heading"))
            cards = in_view(screen)
            for card in cards:
                words = drawn_words(card)
                assert "Mansfield" in words
                assert not words_of(" ".join(words)) - said, f"broken words on {card.title}"
            assert len(cards) == 2, "two cards fit side by side in 80 columns"
            # Each card ends inside the dialog; a long statement scrolls in it.
            dialog = screen.query_one("#versions-dialog").region
            assert all(dialog.contains_region(card.region) for card in cards)
            assert any(card.max_scroll_y > 0 for card in cards)
            assert all(card.size.width >= 28 for card in cards)
            assert screen.focused in cards
            first = TITLES.index(cards[0].title or "") + 1
            assert f"sources {first}–{first + 1} of 5 (←/→)" in heading
            seen.extend(card.title or "" for card in cards if card is screen.focused)
            if step < len(TITLES) - 1:
                await pilot.press("right")
        assert seen == list(TITLES), "→ visits every source, earliest first"
        # The keys that do it are in the footer; ← goes back (→ from the last wraps).
        footer = " ".join(flat(key) for key in screen.query(FooterKey))
        assert "← Previous version" in footer and "→ Next version" in footer
        assert "e Export" in footer  # the app's key, working here too
        await pilot.press("left")
        assert screen.focused is in_view(screen)[0]
        assert "sources 4–5 of 5" in flat(screen.query_one("#versions-heading"))
        await pilot.press("right", "right")
        assert "sources 1–2 of 5" in flat(screen.query_one("#versions-heading"))


async def test_five_sources_at_160x45_are_side_by_side(tmp_path: Path) -> None:
    app = SourcedeskApp(five_sources(tmp_path), tmp_path / "index")
    async with running(app, size=(160, 45)) as pilot:
        screen = await open_versions(pilot)
        assert len(in_view(screen)) == 5
        heading = flat(screen.query_one("#versions-heading"))
        assert heading.startswith("The same statement in 5 sources · Guy Mansfield")
        assert "of 5" not in heading  # all in view: no range to tell


async def test_question_mark_over_the_versions_explains_their_keys_first(tmp_path: Path) -> None:
    # `?` did nothing there: the app's key does not reach a modal screen.
    app = SourcedeskApp(five_sources(tmp_path), tmp_path / "index")
    async with running(app, size=(80, 24)) as pilot:
        screen = await open_versions(pilot)
        footer = screen.query_one(Footer)
        keys = list(footer.query(FooterKey))
        assert "? Help" in flat(keys[-1])
        assert keys[-1].region.right <= footer.region.right, "the last key is on screen"
        await pilot.press("question_mark")
        await settle(pilot)
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        first = flat(help_screen.query(".help-table").first())
        assert first.startswith(VERSIONS)
        assert "Open this version" not in first and "open it in the reader" in first
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen
