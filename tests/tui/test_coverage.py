"""The coverage matrix on the seeds: rows, marks, a jump from a cell and back.

The seeds carry no outlet, so their columns are headed by short titles."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from index import ArticleInfo
from tui.app import SourcedeskApp
from tui.screens.coverage import (
    DIFFERS_MARK,
    SAME_MARK,
    CoverageScreen,
    CoverageTable,
    short_names,
    short_title,
)
from tui.screens.versions import VersionsScreen
from tui.widgets import ArticleView, VersionsView

from .helpers import (
    emphasised,
    open_from_reader,
    pick_in_palette,
    reader,
    running,
    settle,
    shown,
    styled_runs,
)

SIZE = (160, 45)


async def open_matrix(pilot: Pilot) -> CoverageTable:
    return (await open_from_reader(pilot, "c", CoverageScreen)).query_one(CoverageTable)


def matrix(table: CoverageTable) -> dict[str, dict[str, str]]:
    """Statement label -> {column header: mark} as the table shows them."""
    headers = [str(column.label) for column in table.ordered_columns]
    rows = {}
    for row in table.ordered_rows:
        cells = [str(cell) for cell in table.get_row(row.key)]
        rows[cells[1]] = dict(zip(headers[2:], cells[2:], strict=True))
    return rows


def column(pilot: Pilot, prefix: str) -> str:
    """The header of the seed whose file name starts with `prefix` (`001`)."""
    screen = pilot.app.screen
    assert isinstance(screen, CoverageScreen)
    return next(name for path, name in screen.names.items() if path.startswith(prefix))


def row_with(rows: dict[str, dict[str, str]], words: str) -> dict[str, str]:
    found = [marks for label, marks in rows.items() if words in label]
    assert len(found) == 1, f"one row should start with {words!r}: {list(rows)}"
    return found[0]


async def move_to(pilot: Pilot, table: CoverageTable, words: str, column: str) -> None:
    """Put the cell cursor on the row starting with `words`, in column `column`."""
    labels = [str(table.get_row(row.key)[1]) for row in table.ordered_rows]
    row = next(i for i, label in enumerate(labels) if words in label)
    headers = [str(c.label) for c in table.ordered_columns]
    table.move_cursor(row=row, column=headers.index(column))
    await pilot.pause()


async def test_matrix_rows_columns_and_marks_on_the_seeds(app: SourcedeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        table = await open_matrix(pilot)
        rows = matrix(table)
        heads = [str(c.label) for c in table.ordered_columns][2:]
        assert "The controve…" in heads and "Netflix has…" in heads  # titles stand in
        assert not any(head.strip("…").isdigit() for head in heads)
        c000, c001, c002, c003 = (column(pilot, p) for p in ("000", "001", "002", "003"))
        netflix = row_with(rows, "social commentary")
        assert {c for c, mark in netflix.items() if mark} >= {c000, c001, c002}
        apology = row_with(rows, "deeply sorry")
        assert {c for c, mark in apology.items() if mark} == {c001, c002, c003}
        # "won an award at" (001) against "premiered at" (002, 003): wording differs.
        assert apology[c001] == DIFFERS_MARK
        assert set(netflix.values()) <= {SAME_MARK, DIFFERS_MARK, ""}
        screen = pilot.app.screen
        title = shown(screen.query_one("#coverage-title"))
        assert f"{len(rows)} statements in more than one source" in title
        summary = shown(screen.query_one("#coverage-summary"))
        assert "appear in a single source" in summary
        assert int(summary.split()[0]) > 0
        legend = shown(screen.query_one("#coverage-legend"))
        assert "✓ verified" in legend and "✗ disputed" in legend
        # The highlighted cell's wording shows below, the words others lack marked.
        detail = screen.query_one("#coverage-detail")
        changed = table.get_component_rich_style("coverage--changed")
        await move_to(pilot, table, "deeply sorry", c001)
        assert "deeply sorry" in shown(detail)
        assert "Netflix has often pushed the bar" in shown(detail)  # the full title
        assert any("won an award" in run for run in styled_runs(detail, changed))
        await move_to(pilot, table, "deeply sorry", c003)
        assert any("premiered" in run for run in styled_runs(detail, changed))
        await move_to(pilot, table, "deeply sorry", c000)
        assert "does not carry this statement" in shown(detail)


async def test_jump_from_a_cell_and_back(app: SourcedeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(pilot)
        view = screen.query_one(ArticleView)
        screen.sources.focus()
        await pilot.press("home", "enter")  # open the first source
        await settle(pilot)
        first = view.border_subtitle
        assert first and first.startswith("000")
        table = await open_matrix(pilot)
        await move_to(pilot, table, "deeply sorry", column(pilot, "003"))
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert view.border_subtitle.startswith("003")
        assert any("deeply sorry" in run for run in emphasised(view))
        await pilot.press("b")
        await settle(pilot)
        assert view.border_subtitle == first
        await pilot.press("f")
        await settle(pilot)
        assert view.border_subtitle.startswith("003")
        assert any("deeply sorry" in run for run in emphasised(view))


async def test_a_row_opens_every_version_with_the_differences(app: SourcedeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")  # the palette opens it too
        await pick_in_palette(pilot, "Coverage matrix", "Coverage matrix")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CoverageScreen)
        table = pilot.app.screen.query_one(CoverageTable)
        await move_to(pilot, table, "deeply sorry", "Statement")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, VersionsScreen)
        versions = pilot.app.screen.query_one(VersionsView)
        changed = versions.get_component_rich_style("versions-view--changed")
        marked = [
            " ".join(run.strip() for run in styled_runs(words, changed))
            for words in versions.query(".version-words")
        ]
        assert any("won an award" in words for words in marked)
        assert any("premiered" in words for words in marked)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, CoverageScreen)
        await pilot.press("escape")
        assert pilot.app.screen is reader(pilot)


def test_matrix_snapshot(app: SourcedeskApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        table = await open_matrix(pilot)
        await move_to(pilot, table, "deeply sorry", column(pilot, "001"))

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_column_names_are_outlets_or_short_titles_and_stay_unique() -> None:
    def info(id: str, title: str, outlet: str | None = None, date: str | None = None):  # type: ignore[no-untyped-def]
        return ArticleInfo(id, id, title, 0, 0, outlet, date, None, None)

    infos = {
        i.id: i
        for i in (
            info("a.txt", "Cuties row", "Variety", "2020-09-24"),
            info("b.txt", "Other", "Variety", "2020-09-10"),
            info("wire.jsonl:1", "Netflix has often pushed the bar", None, None),
            info("wire.jsonl:2", "A [bold]title[/bold]", "Variety", None),
            info("c.txt", "x", "The Hollywood Reporter International", "2020-09-01"),
        )
    }
    names = short_names(list(infos), infos)
    # The earliest Variety is plain, the next ones numbered by date (undated last).
    assert names["b.txt"] == "Variety"
    assert names["a.txt"] == "Variety²"
    assert names["wire.jsonl:2"] == "Variety³"
    assert names["wire.jsonl:1"] == "Netflix has…"
    assert names["c.txt"] == "The Hollywoo…"
    assert all(len(name) <= 14 for name in names.values())
    assert short_title("The controversial French film") == "The controver…"


async def test_the_legend_explains_numbered_headers_with_this_corpus_names(
    tmp_path: Path,
) -> None:
    # It named `Variety²` whatever the corpus (a seeds outlet; the seeds show none).
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    said = '"We will build the new harbour this year," Tony Blair said.'
    for name, title in (("a", "Harbour vote"), ("b", "Harbour vote"), ("c", "Harbour plan")):
        (corpus / f"{name}.txt").write_text(f"{title}\n\n{said}\n", encoding="utf-8")
    async with running(SourcedeskApp(corpus, tmp_path / "index"), size=SIZE) as pilot:
        await open_matrix(pilot)
        legend = shown(pilot.app.screen.query_one("#coverage-legend"))
        assert "Harbour vote² a second Harbour vote article, by date" in legend
        assert "Variety" not in legend
    (corpus / "b.txt").unlink()
    async with running(SourcedeskApp(corpus, tmp_path / "index"), size=SIZE) as pilot:
        await open_matrix(pilot)
        legend = shown(pilot.app.screen.query_one("#coverage-legend"))
        assert legend.rstrip().endswith("blank: absent")
