"""Issue 14 in the reader: sources named by outlet and date, not by file name.

On the dated corpus: the Articles list rows, the copied citation, the version
cards with the first carried mark and their export, and the coverage matrix
headed by outlets with the researcher's verdicts marked.
"""

from __future__ import annotations

import csv
from pathlib import Path

from index import Corpus
from tui.app import SourcedeskApp
from tui.screens.coverage import CoverageScreen, CoverageTable
from tui.screens.versions import VersionsScreen
from tui.widgets import QuotesList
from tui.widgets.versions_view import VersionColumn

from . import dated
from .helpers import (
    flat,
    lines,
    list_texts,
    open_from_reader,
    reader,
    running,
    search,
    settle,
    shown,
)
from .test_coverage import matrix, move_to, row_with
from .test_export import export_dialog

SIZE = (160, 45)
dated_index, dated_corpus, dated_app = dated.dated_index, dated.dated_corpus, dated.dated_app
CLOSURE = "Variety · 10 Sep 2020 · Quay bridge closed after cable scare"


async def test_rows_citation_and_version_cards_name_outlets_and_dates(
    dated_app: SourcedeskApp, tmp_path: Path
) -> None:
    async with running(dated_app, SIZE) as pilot:
        sources = reader(pilot).sources
        rows = list_texts(sources)
        assert f"  {CLOSURE}\n  variety-closure.txt · 1 quote" in rows
        # Markup in a title is shown as typed; a file without metadata shows its title
        # alone, nothing guessed from its name.
        assert any(
            "BBC News · 14 Sep 2020 · Quay bridge [bold]shut[/bold] for checks" in r for r in rows
        )
        assert "  Notes from the public meeting about the Quay bridge" in "\n".join(rows)
        assert not any(r.startswith("  local") for r in rows)
        # A long title is cut with an ellipsis on its own line, the file name below it.
        sources.focus()
        sources.highlight_where(lambda row: row.path == "variety-followup.txt")
        await pilot.pause()
        drawn = [line.rstrip() for line in lines(sources)]
        at = next(i for i, line in enumerate(drawn) if "24 Sep 2020" in line)
        assert drawn[at].strip().endswith("…")
        assert drawn[at + 1].strip().startswith("variety-followup.txt · 1 quote")

        # y copies a real reference: speaker, outlet, date, title, URL.
        sources.highlight_where(lambda row: row.path == "variety-closure.txt")
        await pilot.press("enter")
        await settle(pilot)
        quotes = reader(pilot).query_one(QuotesList)
        quotes.focus()
        quotes.highlight_where(lambda quote: quote.text.startswith("The bridge will stay"))
        await pilot.press("y")
        assert pilot.app.clipboard.startswith("“The bridge will stay closed")
        assert pilot.app.clipboard.endswith(
            "— Ana Ruiz, Variety, 10 Sep 2020, “Quay bridge closed after cable scare”, "
            "https://variety.example/quay-bridge-closed"
        )

        # v: the cards in date order, each headed outlet · date · title, the first marked.
        await pilot.press("v")
        await settle(pilot)
        versions = pilot.app.screen
        assert isinstance(versions, VersionsScreen)
        heading = flat(versions.query_one("#versions-heading"))
        assert "first carried by Variety, 10 Sep 2020" in heading
        cards = [flat(card.query_one(".version-source")) for card in versions.query(VersionColumn)]
        earliest_first = ("Variety", "Reuters", "The Guardian", "BBC News")
        for card, outlet in zip(cards, earliest_first, strict=True):
            assert f"{outlet} · " in card
        assert cards[0].startswith("★ first carried by Variety, 10 Sep 2020")
        assert CLOSURE in cards[0] and "Ana Ruiz" in cards[0]
        assert "Reuters · 11 Sep 2020 · City shuts Quay bridge over cable fears" in cards[1]
        assert not any("first carried" in card for card in cards[1:])

        # e: the versions' CSV carries where each was published.
        target = tmp_path / "versions.csv"
        await export_dialog(pilot, 1, target)
        await pilot.press("enter")
        await pilot.pause()
        exported = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
        assert [(r["outlet"], r["date"]) for r in exported] == [
            ("Variety", "2020-09-10"),
            ("Reuters", "2020-09-11"),
            ("The Guardian", "2020-09-12"),
            ("BBC News", "2020-09-14"),
        ]
        assert exported[0]["url"] == "https://variety.example/quay-bridge-closed"
        await pilot.press("escape")
        await settle(pilot)

        # A query on the outlet alone: its sources by outlet · date · title, no match
        # counted in the text (the words matched are its metadata, not its text).
        await search(pilot, "outlet:variety")
        matches = flat(reader(pilot).matches)
        assert "Variety · 10 Sep 2020 · Quay brid…" in matches  # cut at the pane's width
        assert "variety-closure.txt · no match in…" in matches
        assert "Variety · 24 Sep 2020 · Shops" in matches
        assert "0 match" not in flat(sources)
        # All quotations matching a query, each naming where it was published.
        await search(pilot, "bridge")
        await pilot.press("escape", "a")
        await settle(pilot)
        assert f"{CLOSURE} · variety-closure.txt" in flat(quotes)


async def test_matrix_columns_are_outlets_and_verdicts_are_marked(
    dated_app: SourcedeskApp, dated_corpus: Corpus
) -> None:
    by_outlet = {(q.outlet, q.speaker): q for q in dated_corpus.quotes()}
    dated_corpus.verdicts.mark(by_outlet["The Guardian", "Ana Ruiz"], "verified", "on tape")
    dated_corpus.verdicts.mark(by_outlet["Variety", "Tom Berg"], "disputed", "not him")
    async with running(dated_app, SIZE) as pilot:
        screen = await open_from_reader(pilot, "c", CoverageScreen)
        await settle(pilot)
        table = screen.query_one(CoverageTable)
        heads = [str(column.label) for column in table.ordered_columns]
        # Earliest first; a second article of an outlet is told apart by date.
        assert heads == [
            "Speaker",
            "Statement",
            "Variety",
            "Reuters",
            "The Guardian",
            "BBC News",
            "Reuters²",
            "Variety²",
        ]
        rows = matrix(table)
        ruiz, berg = row_with(rows, "The bridge will stay"), row_with(rows, "never told")
        assert ruiz["The Guardian"].endswith("✓") and ruiz["Variety"] in ("●", "◐")
        assert berg["Variety²"].endswith("✗")
        assert {c for c, mark in berg.items() if mark} == {"The Guardian", "Reuters²", "Variety²"}
        legend = shown(screen.query_one("#coverage-legend"))
        assert "✓ verified" in legend and "✗ disputed" in legend and "Variety²" in legend
        await move_to(pilot, table, "never told", "Variety²")
        detail = flat(screen.query_one("#coverage-detail"))
        assert detail.startswith("Variety · 24 Sep 2020 · Shops on the quay count the cost")
        assert "disputed" in detail
