"""The coverage matrix: which source carries which statement, and in what wording.

Researchers otherwise build this table by hand in a spreadsheet. Rows are the
statements carried by two or more sources (`Corpus.clusters()`), columns the
sources, and each cell says whether that source quotes the statement with the
same words or with different ones. The screen only reads the corpus and posts
`JumpToQuote` to the app, which opens the quotation through its back/forward
history; a row opens the reader's versions screen with the word differences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.widgets.data_table import CellKey

from index import Cluster, DiffPart, Quote, Version

from ..command_table import bindings
from ..literal import one_line
from ..widgets.versions_view import diff_text
from .versions import VersionsScreen

if TYPE_CHECKING:
    from index import Corpus

SAME_MARK = "●"
DIFFERS_MARK = "◐"
LABEL_WORDS = 8
SHORT_NAME_WIDTH = 14
STATEMENT_CHARS = 64
SOURCE_COLUMN_WIDTH = 6
PAGE_ROWS = 30
"""Rows per page of the matrix (a page's columns are the sources its rows touch)."""
SPEAKER_COLUMN = "speaker"
STATEMENT_COLUMN = "statement"


class JumpToQuote(Message):
    """Open `quote` in its source; the app records the jump in its history."""

    def __init__(self, quote: Quote) -> None:
        super().__init__()
        self.quote = quote


@dataclass(frozen=True, slots=True)
class CoverageCell:
    """One source's carriage of a statement: the quote to jump to, and its wording."""

    quote: Quote
    version: Version
    differs: bool


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """A statement carried by several sources."""

    cluster: Cluster
    speaker: str
    first_words: str
    cells: Mapping[str, CoverageCell]


@dataclass(frozen=True, slots=True)
class Coverage:
    """The whole matrix, computed once from the corpus (no Textual in here)."""

    sources: tuple[str, ...]
    rows: tuple[CoverageRow, ...]
    single_source: int
    titles: Mapping[str, str]
    """Article titles by article id."""


def first_words(text: str, count: int = LABEL_WORDS) -> str:
    """The opening words of a statement, enough to recognise it in a row label."""
    words = one_line(text).split()
    head = " ".join(words[:count])
    return head + "…" if len(words) > count else head


def version_differs(version: Version) -> bool:
    """Whether the diff marked any of this version's words as absent from the others."""
    return any(part.changed for part in version.parts)


def row_speaker(cluster: Cluster) -> str:
    """The speaker most versions name (sources may disagree or lose the attribution)."""
    names = Counter(v.quote.speaker for v in cluster.versions if v.quote.speaker)
    return names.most_common(1)[0][0] if names else "unattributed"


def coverage_row(cluster: Cluster) -> CoverageRow:
    """A row: per source its earliest version (a split quote counts once, as differing
    when any of its pieces has changed words)."""
    by_source: dict[str, list[Version]] = {}
    for version in sorted(cluster.versions, key=lambda v: (v.quote.path, v.quote.start)):
        by_source.setdefault(version.quote.path, []).append(version)
    cells = {
        path: CoverageCell(
            quote=versions[0].quote,
            version=versions[0],
            differs=any(version_differs(v) for v in versions),
        )
        for path, versions in by_source.items()
    }
    # The fullest wording labels the row: a source that split the statement in two,
    # or dropped its first word, would make it harder to recognise.
    lead = max(cluster.versions, key=lambda v: (len(v.quote.text), v.quote.path))
    return CoverageRow(cluster, row_speaker(cluster), first_words(lead.quote.text), cells)


def build_coverage(
    clusters: Iterable[Cluster], quotes: Iterable[Quote], titles: Mapping[str, str]
) -> Coverage:
    """Rows sorted by how widely the statement travelled, then by where it first appears."""
    rows = [coverage_row(c) for c in clusters if len(c.sources) > 1]
    rows.sort(key=lambda r: (-len(r.cells), min(r.cells), r.first_words))
    sources = tuple(sorted({path for row in rows for path in row.cells}))
    single = sum(1 for q in quotes if q.cluster is None and q.kind != "scare")
    return Coverage(sources, tuple(rows), single, titles)


def short_names(paths: Sequence[str], width: int = SHORT_NAME_WIDTH) -> dict[str, str]:
    """Column headers that stay narrow yet unique: the file name's leading token
    (`000` of `000_98b0.txt`) when that is unique, else the stem, else the path
    without its suffix, shortened from the left (`…ness/152`) where folders differ."""

    def head(name: str) -> str:
        return name if len(name) <= width else name[: width - 1] + "…"

    def tail(name: str) -> str:
        return name if len(name) <= width else "…" + name[-(width - 1) :]

    def token(path: str) -> str:
        stem = PurePosixPath(path.split(":")[0]).stem
        for sep in ("_", " ", "-", "."):
            stem = stem.split(sep)[0] or stem
        return head(stem)

    def stem(path: str) -> str:
        return head(PurePosixPath(path).stem)

    def without_suffix(path: str) -> str:
        return tail(str(PurePosixPath(path).with_suffix("")))

    for strategy in (token, stem, without_suffix):
        names = {path: one_line(strategy(path)) for path in paths}
        if len(set(names.values())) == len(names):
            return names
    return {path: one_line(path) for path in paths}


class CoverageTable(DataTable):
    """The matrix itself; mark colours come from compare.tcss component classes."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "coverage--same",
        "coverage--differs",
        "coverage--changed",
    }


class CoverageScreen(Screen):
    """Statements as rows, sources as columns; enter on a cell jumps to that quotation.

    Rows come in pages (`]`/`[`) whose columns are only the sources those rows
    touch: a large corpus has hundreds of sources, and a table as wide as all of
    them renders too slowly to move around in.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("CoverageScreen")  # see command_table

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.coverage: Coverage | None = None
        self.rows_by_id: dict[str, CoverageRow] = {}
        self.names: dict[str, str] = {}
        self.page = 0

    def compose(self) -> ComposeResult:
        yield Static("Coverage matrix — loading…", id="coverage-title")
        yield CoverageTable(id="coverage-table", cursor_type="cell", fixed_columns=2)
        yield Static(id="coverage-detail")
        yield Static(id="coverage-summary")
        yield Footer()

    def on_mount(self) -> None:
        self.load_coverage()

    @work(thread=True, exclusive=True, group="coverage")
    def load_coverage(self) -> None:
        """Read clusters, quotes and titles off the UI thread (slow on large corpora)."""
        try:
            titles = {info.id: info.title for info in self.corpus.articles()}
            clusters, quotes = self.corpus.clusters(), self.corpus.quotes()
            coverage = build_coverage(clusters, quotes, titles)
        except Exception as error:  # the index may be locked or damaged: say so, stay up
            self.app.call_from_thread(self.show_error, str(error) or type(error).__name__)
            return
        self.app.call_from_thread(self.show_coverage, coverage)

    def show_error(self, message: str) -> None:
        self.query_one("#coverage-title", Static).update(
            Text(f"Coverage matrix unavailable: {message}")
        )

    @property
    def pages(self) -> int:
        rows = len(self.coverage.rows) if self.coverage else 0
        return max(1, -(-rows // PAGE_ROWS))

    def show_coverage(self, coverage: Coverage) -> None:
        self.coverage = coverage
        self.rows_by_id = {row.cluster.id: row for row in coverage.rows}
        self.names = short_names(coverage.sources)
        table = self.query_one(CoverageTable)
        same = table.get_component_rich_style("coverage--same")
        differs = table.get_component_rich_style("coverage--differs")
        single = coverage.single_source
        summary = Text(f"{single} statement{'s' * (single != 1)} appear in a single source.    ")
        summary.append(SAME_MARK, same).append(" same wording  ")
        summary.append(DIFFERS_MARK, differs).append(" wording differs  blank: absent")
        self.query_one("#coverage-summary", Static).update(summary)
        self.show_page(0)
        if not coverage.rows:
            self.query_one("#coverage-detail", Static).update(
                Text("No statement is carried by more than one source yet.")
            )
        table.focus()

    def show_page(self, page: int) -> None:
        """Fill the table with one page of rows and the sources they touch."""
        assert self.coverage is not None
        self.page = page
        rows = self.coverage.rows[page * PAGE_ROWS : (page + 1) * PAGE_ROWS]
        # Columns in order of first use, so the top rows' marks are on screen.
        sources = list(dict.fromkeys(path for row in rows for path in sorted(row.cells)))
        table = self.query_one(CoverageTable)
        # The two label columns stay fixed while the sources scroll: on a narrow
        # terminal they must leave room for at least a few source columns.
        width = self.size.width or 160
        speaker_width = 30 if width >= 100 else 14
        room = width - speaker_width - SOURCE_COLUMN_WIDTH * min(len(sources), 8) - 8
        statement_width = max(16, min(STATEMENT_CHARS, room))
        table.clear(columns=True)
        table.add_column("Speaker", key=SPEAKER_COLUMN)
        table.add_column("Statement", key=STATEMENT_COLUMN)
        for path in sources:
            table.add_column(Text(self.names[path]), key=path)
        same = Text(SAME_MARK, style=table.get_component_rich_style("coverage--same"))
        differs = Text(DIFFERS_MARK, style=table.get_component_rich_style("coverage--differs"))
        for row in rows:
            marks = [
                (differs if cell.differs else same) if (cell := row.cells.get(path)) else Text("")
                for path in sources
            ]
            speaker = Text(one_line(row.speaker, speaker_width))
            statement = Text(one_line(row.first_words, statement_width))
            table.add_row(speaker, statement, *marks, key=row.cluster.id)
        count = len(self.coverage.rows)
        title = Text(
            f"Coverage matrix — {count} statement{'s' * (count != 1)} in more than one "
            f"source, across {len(self.coverage.sources)} sources"
        )
        if self.pages > 1:
            first = page * PAGE_ROWS + 1
            title.append(
                f"    rows {first}–{first + len(rows) - 1} (page {page + 1} of {self.pages}; "
                "] and [ turn pages)"
            )
        self.query_one("#coverage-title", Static).update(title)
        if rows:
            table.move_cursor(row=0, column=2 if sources else 1)
        self.refresh_bindings()

    def on_resize(self) -> None:
        """Re-fit the label columns to the new width, keeping the cursor where it was."""
        if self.coverage is None or not self.coverage.rows:
            return
        table = self.query_one(CoverageTable)
        here = table.cursor_coordinate
        self.show_page(self.page)
        table.move_cursor(row=here.row, column=here.column)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page":
            return self.pages > 1
        return True

    def action_page(self, step: int) -> None:
        target = self.page + step
        if self.coverage is not None and 0 <= target < self.pages:
            self.show_page(target)

    def cell_at(self, key: CellKey) -> tuple[CoverageRow | None, CoverageCell | None]:
        """The row and (for a source column) the cell under a DataTable key."""
        if self.coverage is None:
            return None, None
        row = self.rows_by_id.get(str(key.row_key.value))
        if row is None:
            return None, None
        return row, row.cells.get(str(key.column_key.value))

    @on(DataTable.CellHighlighted, "#coverage-table")
    def describe_cell(self, event: DataTable.CellHighlighted) -> None:
        row, cell = self.cell_at(event.cell_key)
        detail = self.query_one("#coverage-detail", Static)
        if row is None or self.coverage is None:
            detail.update("")
            return
        column = str(event.cell_key.column_key.value)
        if cell is not None:
            title = one_line(self.coverage.titles.get(cell.quote.article_id, ""), 120)
            head = Text(f"{one_line(column)} — {title}\n", style="bold")
            head.append(f"{one_line(row.speaker, 60)}: ", style="italic")
            parts = cell.version.parts or (DiffPart(cell.quote.text),)
            changed = self.query_one(CoverageTable).get_component_rich_style("coverage--changed")
            detail.update(head + diff_text(parts, changed))
        elif column in (SPEAKER_COLUMN, STATEMENT_COLUMN):
            sources = ", ".join(self.names[p] for p in row.cells)
            detail.update(
                Text(f"{one_line(row.speaker, 60)} — carried by {len(row.cells)} sources ")
                + Text(f"({sources}). ")
                + Text("Enter: compare the versions.", style="dim")
            )
        else:
            detail.update(Text(f"{one_line(column)} does not carry this statement."))

    @on(DataTable.CellSelected, "#coverage-table")
    def select_cell(self, event: DataTable.CellSelected) -> None:
        row, cell = self.cell_at(event.cell_key)
        if row is None:
            return
        if cell is not None:
            self.dismiss()
            self.app.post_message(JumpToQuote(cell.quote))
        elif str(event.cell_key.column_key.value) in (SPEAKER_COLUMN, STATEMENT_COLUMN):
            self.show_versions(row)
        else:
            self.notify("This source does not carry that statement.", severity="warning")

    def action_versions(self) -> None:
        table = self.query_one(CoverageTable)
        if self.coverage is None or not self.coverage.rows:
            return
        row, _ = self.cell_at(table.coordinate_to_cell_key(table.cursor_coordinate))
        if row is not None:
            self.show_versions(row)

    def show_versions(self, row: CoverageRow) -> None:
        """Every version side by side; choosing one jumps there like a cell would."""
        if self.coverage is None:
            return

        def jump(quote: Quote | None) -> None:
            if quote is not None:
                self.dismiss()
                self.app.post_message(JumpToQuote(quote))

        titles = dict(self.coverage.titles)
        self.app.push_screen(VersionsScreen(row.cluster, titles, None), jump)

    def action_close(self) -> None:
        self.dismiss()
