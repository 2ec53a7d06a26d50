"""The researcher's verdicts in the reader: correct a speaker, mark disputed with a
note, split and join statements, orphans; kept across a restart, in the speakers
view and in exports, and a file that cannot be read is reported, never replaced."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList

from index import Corpus, Quote, open_corpus
from index.verdicts import DATA_DIR_ENV
from tui.app import SourcedeskApp
from tui.screens.speakers import SpeakersScreen
from tui.screens.verdict_dialogs import JoinDialog, VerdictDialog
from tui.screens.verdict_orphans import OrphansScreen
from tui.screens.versions import VersionsScreen
from tui.widgets.versions_view import VersionColumn

from .helpers import (
    SEEDS,
    burst,
    flat,
    open_from_reader,
    pick_in_palette,
    reader,
    running,
    settle,
    shown,
    wait_until,
)
from .test_export import export_dialog, open_source

SIZE = (160, 45)
APOLOGY = "We’re deeply sorry"
COMMENTARY = "Cuties’ is a social commentary"


@pytest.fixture(autouse=True)
def _private_verdicts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Verdicts go to this test's own data folder (set before any corpus opens)."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))


async def select_quote(pilot: Pilot, starts: str) -> Quote:
    """Put the Quotes pane's cursor on the quotation beginning with `starts`."""
    quotes = reader(pilot).quotes
    quotes.focus()
    assert quotes.highlight_where(lambda q: q.text.startswith(starts)), starts
    await pilot.pause()
    quote = quotes.highlighted_item
    assert quote is not None
    return quote


async def answer(pilot: Pilot, key: str, typed: str) -> str:
    """Press `key` on the selected quotation; type `typed` in its dialog, enter.
    What the dialog's box held before."""
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, VerdictDialog), "the dialog")
    box = pilot.app.screen.query_one(Input)
    prefilled = box.value
    box.value = typed
    await pilot.press("enter")
    await settle(pilot)
    return prefilled


def row_of(pilot: Pilot, starts: str) -> Text:
    """How the Quotes pane draws the quotation beginning with `starts`."""
    for option in reader(pilot).quotes.options:
        item = getattr(option, "item", None)
        if item is not None and item.text.startswith(starts):
            assert isinstance(option.prompt, Text)
            return option.prompt
    pytest.fail(f"no quotation starting {starts!r} in the Quotes pane")


def struck(prompt: Text) -> list[str]:
    """The words the row draws crossed out."""
    return [prompt.plain[s.start : s.end] for s in prompt.spans if "strike" in str(s.style)]


async def speaker_counts(pilot: Pilot) -> dict[str, int]:
    table = (await open_from_reader(pilot, "s", SpeakersScreen)).query_one(DataTable)
    await wait_until(pilot, lambda: table.row_count > 0, "the speakers")
    counts = {
        str(table.get_row(r.key)[0]): int(str(table.get_row(r.key)[1])) for r in table.ordered_rows
    }
    await pilot.press("escape")
    await settle(pilot)
    return counts


async def test_a_corrected_speaker_and_a_disputed_note_survive_a_restart_and_are_exported(
    seeds_corpus: Corpus, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    async with running(SourcedeskApp(SEEDS, index_dir, corpus=seeds_corpus), SIZE) as pilot:
        before = {speaker.name: speaker.quotes for speaker in seeds_corpus.speakers()}
        await open_source(pilot, "001")
        await select_quote(pilot, APOLOGY)
        assert await answer(pilot, "r", "Ted Sarandos") == "Netflix"
        row = row_of(pilot, APOLOGY)
        assert row.plain.startswith("Ted Sarandos ✎ Netflix")
        assert struck(row) == ["Netflix"]  # the machine's proposal, crossed out
        await answer(pilot, "d", "[red]x[/] the memo says otherwise")
        assert reader(pilot).quotes.highlighted_item.text.startswith(APOLOGY)  # cursor kept
    # A new app on the same index and data folder: the verdicts are still there.
    corpus = open_corpus(SEEDS, index_dir, update=False)
    async with running(SourcedeskApp(SEEDS, index_dir, corpus=corpus), SIZE) as pilot:
        await open_source(pilot, "001")
        await select_quote(pilot, APOLOGY)  # scrolled into view
        row = row_of(pilot, APOLOGY)
        assert row.plain.startswith("Ted Sarandos ✎ Netflix")
        assert "✗ disputed" in row.plain
        assert "note: [red]x[/] the memo says otherwise" in flat(reader(pilot).quotes)
        await pilot.press("y")  # the copied reference names the researcher's speaker
        await wait_until(pilot, lambda: APOLOGY in pilot.app.clipboard, "the copied quotation")
        assert "” — Ted Sarandos (@netflix), " in pilot.app.clipboard  # the account it came from
        after = await speaker_counts(pilot)
        assert after["Ted Sarandos"] == 1
        assert after["Netflix"] == before["Netflix"] - 1
        # Filtering by a speaker agrees with the counts: the correction replaces the machine's.
        assert len(corpus.quotes(speaker="Netflix")) == after["Netflix"]
        assert [q.text[:18] for q in corpus.quotes(speaker="sarandos")] == [APOLOGY]
        target, cited = tmp_path / "verdicts.csv", tmp_path / "verdicts.md"
        for fmt_index, path in ((1, target), (0, cited)):
            await export_dialog(pilot, fmt_index, path)
            await pilot.press("enter")
            await settle(pilot)
        await select_quote(pilot, APOLOGY)
        await pilot.press("u")  # the mark and its note go; the corrected speaker stays
        await settle(pilot)
        row = row_of(pilot, APOLOGY)
        assert "disputed" not in row.plain and "note:" not in row.plain
        assert row.plain.startswith("Ted Sarandos ✎ Netflix")
    rows = {r["text"][:18]: r for r in csv.DictReader(target.read_text().splitlines())}
    said = rows[APOLOGY]
    assert (said["corrected_speaker"], said["verdict"], said["note"]) == (
        "Ted Sarandos",
        "disputed",
        "[red]x[/] the memo says otherwise",
    )
    assert rows["Petition to Remove"]["verdict"] == ""
    markdown = cited.read_text(encoding="utf-8")
    assert "— Ted Sarandos" in markdown  # the corrected speaker cites it
    assert (
        " · **disputed**: [red]x[/] the memo says otherwise · speaker corrected (proposed: Netflix)"
        in markdown
    )


async def test_split_and_join_regroup_the_statements_and_an_unreadable_file_is_kept(
    app: SourcedeskApp,
) -> None:
    async with running(app, SIZE) as pilot:
        await open_source(pilot, "001")
        await select_quote(pilot, COMMENTARY)
        assert "also in 2" in row_of(pilot, COMMENTARY).plain
        await pilot.press("x")  # split off its statement
        await settle(pilot)
        assert "also in" not in row_of(pilot, COMMENTARY).plain
        await pilot.press("J")  # join it to the apology instead
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, JoinDialog), "the list")
        statements = pilot.app.screen.query_one(OptionList)
        await wait_until(pilot, lambda: statements.option_count == 2, "the two statements")
        labels = [str(statements.get_option_at_index(i).prompt) for i in range(2)]
        statements.highlighted = next(i for i, label in enumerate(labels) if "sorry" in label)
        await pilot.press("enter")
        await settle(pilot)
        assert "also in 2" in row_of(pilot, COMMENTARY).plain
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VersionsScreen), "versions")
        versions = pilot.app.screen
        assert isinstance(versions, VersionsScreen)
        texts = [v.quote.text for v in versions.cluster.versions]
        assert any(t.startswith(COMMENTARY) for t in texts)
        assert any(t.startswith(APOLOGY) for t in texts)
        assert "social commentary" in " ".join(shown(versions).split())
        # The verdict keys work on a version too: split the joined one off again.
        column = next(
            c for c in versions.query(VersionColumn) if c.version.quote.text.startswith(COMMENTARY)
        )
        column.focus()
        await pilot.press("x")
        await settle(pilot)
        assert pilot.app.screen is reader(pilot)
        assert "also in" not in row_of(pilot, COMMENTARY).plain
        # Another program garbled the verdicts file: the next verdict says so, and
        # the file is left as it is.
        store = pilot.app.corpus.verdicts  # type: ignore[union-attr]
        store.path.write_text("{garbled", encoding="utf-8")
        await answer(pilot, "m", "checked")
        status = reader(pilot).status
        assert status.error and status.text.startswith("Verdict not saved: the verdicts file")
        assert store.path.read_text(encoding="utf-8") == "{garbled"
        await open_source(pilot, "002")  # reading goes on, without the verdicts
        listed = reader(pilot).quotes.items
        assert listed and {q.article_id[:3] for q in listed} == {"002"}
        assert reader(pilot).status.error


async def test_a_verdict_whose_quotation_vanished_is_listed_as_orphaned(tmp_path: Path) -> None:
    corpus_dir = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    index_dir = tmp_path / "index"
    last = next(corpus_dir.glob("004_*"))
    async with running(SourcedeskApp(corpus_dir, index_dir), SIZE) as pilot:
        await open_source(pilot, "004")
        await select_quote(pilot, "beautiful film")
        await answer(pilot, "m", "seen in the trailer")
        assert "✓ verified" in row_of(pilot, "beautiful film").plain
    last.write_text(last.read_text(encoding="utf-8").replace("beautiful film", "film"))
    async with running(SourcedeskApp(corpus_dir, index_dir), SIZE) as pilot:
        # The app brings the index up to date when it opens.
        await wait_until(pilot, lambda: not pilot.app.corpus.needs_update(), "the update")  # type: ignore[union-attr]
        await pilot.press("ctrl+p")
        await pick_in_palette(pilot, "orphaned", "Verdicts: orphaned")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, OrphansScreen), "orphans")
        table = pilot.app.screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count == 1, "the orphan listed")
        cells = [str(cell) for cell in table.get_row_at(0)]
        assert cells == ["verified", "seen in the trailer", "", last.name, "“beautiful film”"]
        assert "kept, never dropped" in shown(pilot.app.screen.query_one("#orphans-title"))


async def test_in_a_narrow_terminal_quick_tabs_then_a_verdict_key_open_its_dialog(
    app: SourcedeskApp,
) -> None:
    async with running(app, (80, 24)) as pilot:
        await open_source(pilot, "002")
        await burst(pilot, "tab", "tab", "tab")  # as fast as a terminal sends them
        await settle(pilot)
        screen = reader(pilot)
        assert screen.focused is screen.quotes and screen._active_pane == "quotes-pane"
        await pilot.press("enter", "r")  # the opened quotation, from the Article tab
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VerdictDialog), "dialog")
        await pilot.press("escape")
        await wait_until(pilot, lambda: pilot.app.screen is screen, "the dialog closed")
        assert screen._active_pane == "articles-pane"
