"""The speakers view: counts, sorting, bars, and the filter it applies to the quotes pane."""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable

from tui.app import SourcedeskApp
from tui.screens.coverage import CoverageScreen
from tui.screens.speakers import SpeakersScreen, source_bar
from tui.widgets import QuotesList

from .helpers import (
    open_from_reader,
    pick_in_palette,
    reader,
    running,
    search,
    settle,
    shown,
    wait_until,
)

SIZE = (160, 45)


async def open_speakers(pilot: Pilot) -> DataTable:
    return (await open_from_reader(pilot, "s", SpeakersScreen)).query_one(DataTable)


def table_rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row(row.key)] for row in table.ordered_rows]


async def test_speakers_with_counts_bars_and_both_orders(app: SourcedeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        table = await open_speakers(pilot)
        rows = table_rows(table)
        assert len(rows) > 3
        by_name = {name: (int(quotes), int(sources), bar) for name, quotes, sources, bar in rows}
        quotes, sources, bar = by_name["Netflix"]
        assert quotes >= 5 and sources >= 3  # the statement and apology travel
        # Most quoted first; the bar grows with the number of sources.
        assert [int(r[1]) for r in rows] == sorted((int(r[1]) for r in rows), reverse=True)
        assert rows[0][0] == "Netflix"
        most = max(int(r[2]) for r in rows)
        for _, _, count, shown_bar in rows:
            assert shown_bar == source_bar(int(count), most)
        assert len(bar) > len(by_name[rows[-1][0]][2])
        title = pilot.app.screen.query_one("#speakers-title")
        assert f"{len(rows)} canonical speakers, sorted by quotes" in shown(title)
        await pilot.press("t")
        await pilot.pause()
        rows = table_rows(table)
        assert [int(r[2]) for r in rows] == sorted((int(r[2]) for r in rows), reverse=True)
        assert "sorted by sources" in shown(title)
        assert str(table.ordered_columns[2].label).endswith("▼")


async def test_choosing_a_speaker_filters_the_quotes_pane(app: SourcedeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        table = await open_speakers(pilot)
        names = [row[0] for row in table_rows(table)]
        expected = int(table_rows(table)[names.index("Netflix")][1])
        table.move_cursor(row=names.index("Netflix"))
        await pilot.press("enter")
        await settle(pilot)
        screen = reader(pilot)
        assert pilot.app.screen is screen
        pane = screen.query_one("#quotes-pane")
        assert pane.border_title == f"Quotes {expected} by Netflix"
        listed = screen.query_one(QuotesList).items
        assert len(listed) == expected
        assert {quote.speaker for quote in listed} == {"Netflix"}
        assert len({quote.path for quote in listed}) > 1  # across the corpus


def test_source_bar_scales_in_eighths() -> None:
    assert source_bar(4, 4, width=4) == "████"
    assert source_bar(1, 4, width=4) == "█"
    assert source_bar(1, 8, width=4) == "▌"
    assert source_bar(0, 4) == ""


def test_speakers_snapshot(app: SourcedeskApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await open_speakers(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


async def test_a_speaker_shows_all_their_quotations_whatever_the_query(
    app: SourcedeskApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "cuties")
        table = await open_speakers(pilot)
        names = [row[0] for row in table_rows(table)]
        doucoure = next(name for name in names if "Doucour" in name)
        expected = int(table_rows(table)[names.index(doucoure)][1])
        table.move_cursor(row=names.index(doucoure))
        await pilot.press("enter")
        await settle(pilot)
        screen = reader(pilot)
        pane = screen.query_one("#quotes-pane")
        assert pane.border_title == f"Quotes {expected} by {doucoure}"
        assert len(screen.query_one(QuotesList).items) == expected > 0
        assert "clear" in str(pane.border_subtitle)
        await pilot.press("a")  # one key clears the filter
        await settle(pilot)
        assert "by " not in str(pane.border_title)


async def test_a_new_search_ends_the_speaker_filter(app: SourcedeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = await open_speakers(pilot)
        table.move_cursor(row=[row[0] for row in table_rows(table)].index("Netflix"))
        await pilot.press("enter")
        await settle(pilot)
        await search(pilot, "sorry")
        pane = reader(pilot).query_one("#quotes-pane")
        assert "by Netflix" not in str(pane.border_title)
        assert str(pane.border_title).endswith("matching “sorry”")


async def test_at_80_columns_a_long_name_gives_way_to_the_counts(tmp_path) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    long_name = "Alexandra Konstantinopoulou-Wetherington Smythe"
    (folder / "harbour.txt").write_text(
        f'Harbour news\n\n"We will reopen the quay on Monday," said {long_name}.\n\n'
        '"The ferry is late again," said Jane Doe.\n',
        encoding="utf-8",
    )
    app = SourcedeskApp(folder, tmp_path / "index")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: len(reader(pilot).infos) == 1, "the article")
        table = await open_speakers(pilot)
        await wait_until(pilot, lambda: table.row_count == 2, "both speakers")
        screen = shown(table)
        assert "Quotes ▼" in screen and "Sources quoting" in screen  # every column in view
        names = [row[0] for row in table_rows(table)]
        cut = next(name for name in names if name.startswith("Alexandra"))
        assert cut.endswith("…") and len(cut) < len(long_name)
        assert "Jane Doe" in names
        await pilot.resize_terminal(160, 45)
        await wait_until(pilot, lambda: long_name in shown(table), "the whole name at 160")


async def test_a_speaker_lists_their_own_quotations_not_those_naming_them(tmp_path: Path) -> None:
    # "Jump to speaker" and the speakers view count a canonical speaker's quotations;
    # the pane listed every speaker whose name holds those words (the spokesman too).
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        'Harbour vote\n\n"We will build the new harbour this year," Tony Blair said.\n',
        encoding="utf-8",
    )
    (corpus / "b.txt").write_text(
        'Harbour row\n\n"The prime minister has no plans to change his mind," '
        "Tony Blair's official spokesman said.\n",
        encoding="utf-8",
    )
    app = SourcedeskApp(corpus, tmp_path / "index")
    async with running(app, size=SIZE) as pilot:
        table = await open_speakers(pilot)
        rows = table_rows(table)
        assert [row[:2] for row in rows] == [
            ["Tony Blair", "1"],
            ["Tony Blair's official spokesman", "1"],
        ]
        table.move_cursor(row=0)
        await pilot.press("enter")
        await settle(pilot)
        screen = reader(pilot)
        assert screen.query_one("#quotes-pane").border_title == "Quotes 1 by Tony Blair"
        assert [q.speaker for q in screen.query_one(QuotesList).items] == ["Tony Blair"]


async def test_counts_read_as_elsewhere_in_the_app(tmp_path: Path) -> None:
    # `1,001 sources` on the status line, but `1001 canonical speakers`, `1001
    # statements` and, in the palette, `1 quotations in 1 sources`.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    said = '"We counted {n} boats in the harbour today," said Speaker{n} Smith.'
    records = [json.dumps({"title": f"Report {n}", "text": said.format(n=n)}) for n in range(1001)]
    (corpus / "wire.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    async with running(SourcedeskApp(corpus, tmp_path / "index"), size=SIZE) as pilot:
        await open_speakers(pilot)
        title = shown(pilot.app.screen.query_one("#speakers-title"))
        assert "Speakers — 1,001 canonical speakers" in title
        await pilot.press("escape")
        coverage = await open_from_reader(pilot, "c", CoverageScreen)
        await wait_until(
            pilot,
            lambda: "single" in shown(coverage.query_one("#coverage-summary")),
            "the coverage summary",
        )
        summary = shown(coverage.query_one("#coverage-summary"))
        assert "1,001 statements appear in a single source." in summary
        await pilot.press("escape", "ctrl+p")
        await pick_in_palette(pilot, "Jump to speaker", "Jump to speaker")
        await pick_in_palette(pilot, "Speaker7 Smith", "1 quotation in 1 source")
        await settle(pilot)
        assert reader(pilot).query_one("#quotes-pane").border_title == "Quotes 1 by Speaker7 Smith"
