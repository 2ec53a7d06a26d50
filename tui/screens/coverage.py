"""The coverage matrix: which source carries which statement, and in what wording.

Researchers otherwise build this table by hand in a spreadsheet. Rows are the
statements carried by two or more sources (`Corpus.clusters()`), columns the
sources, headed by outlet (or, when none is known, a short title), and each cell
says whether that source quotes the statement with the same words or with
different ones, and what the researcher judged of it (verified, disputed). The
screen only reads the corpus and posts `JumpToQuote` to the app, which opens the
quotation through its back/forward history; a row opens the reader's versions
screen with the word differences.
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

from index import ArticleInfo, Cluster, DiffPart, Quote, Version

from ..command_table import COVERAGE, bindings
from ..literal import one_line
from ..provenance import source_name
from ..widgets.versions_view import diff_text
from .versions import VersionsScreen

if TYPE_CHECKING:
    from index import Corpus

SAME_MARK = "●"
DIFFERS_MARK = "◐"
VERDICT_MARKS = {"verified": "✓", "disputed": "✗"}
"""Added after a cell's mark when the researcher judged that quotation."""
LABEL_WORDS = 8
SHORT_NAME_WIDTH = 14
STATEMENT_CHARS = 64
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
    verdict: str | None = None  # the researcher's: verified, disputed

    @property
    def mark(self) -> str:
        return (DIFFERS_MARK if self.differs else SAME_MARK) + VERDICT_MARKS.get(
            self.verdict or "", ""
        )


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
    """Article ids (a .jsonl line is a source of its own)."""
    rows: tuple[CoverageRow, ...]
    single_source: int
    infos: Mapping[str, ArticleInfo]
    """The listed articles by id: outlet, date, title."""

    def date_order(self, article_id: str) -> tuple[str, str]:
        """A sort key: earliest published first, undated last, then by id."""
        info = self.infos.get(article_id)
        return ((info.date if info else None) or "9999", article_id)

    @property
    def titles(self) -> dict[str, str]:
        return {article_id: info.title for article_id, info in self.infos.items()}


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


def coverage_row(cluster: Cluster, verdicts: Mapping[str, str] | None = None) -> CoverageRow:
    """A row: per source its earliest version (a split quote counts once, as differing
    when any of its pieces has changed words); `verdicts` by quote id."""
    verdicts = verdicts or {}
    by_source: dict[str, list[Version]] = {}
    for version in sorted(cluster.versions, key=lambda v: (v.quote.article_id, v.quote.start)):
        by_source.setdefault(version.quote.article_id, []).append(version)
    cells = {
        article_id: CoverageCell(
            quote=versions[0].quote,
            version=versions[0],
            differs=any(version_differs(v) for v in versions),
            verdict=next((verdicts[v.quote.id] for v in versions if v.quote.id in verdicts), None),
        )
        for article_id, versions in by_source.items()
    }
    # The fullest wording labels the row: a source that split the statement in two,
    # or dropped its first word, would make it harder to recognise.
    lead = max(cluster.versions, key=lambda v: (len(v.quote.text), v.quote.path))
    return CoverageRow(cluster, row_speaker(cluster), first_words(lead.quote.text), cells)


def build_coverage(
    clusters: Iterable[Cluster], quotes: Iterable[Quote], infos: Mapping[str, ArticleInfo]
) -> Coverage:
    """Rows sorted by how widely the statement travelled, then by where it first appears."""
    quotes = list(quotes)
    verdicts = {q.id: q.verdict for q in quotes if q.verdict}
    rows = [coverage_row(c, verdicts) for c in clusters if len(c.sources) > 1]
    rows.sort(key=lambda r: (-len(r.cells), min(r.cells), r.first_words))
    sources = tuple(sorted({article_id for row in rows for article_id in row.cells}))
    single = sum(1 for q in quotes if q.cluster is None and q.kind != "scare")
    return Coverage(sources, tuple(rows), single, infos)


_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPTS = str.maketrans("0123456789", _SUPERSCRIPT_DIGITS)


def short_title(title: str, width: int = SHORT_NAME_WIDTH) -> str:
    """A title cut to `width` at a word where that keeps most of it (`Netflix has…`)."""
    title = one_line(title)
    if len(title) <= width:
        return title
    cut = title[: width - 1]
    words = cut.rsplit(" ", 1)[0].rstrip(" ,;:—-") if " " in cut else cut
    return (words if len(words) >= width // 2 else cut.rstrip()) + "…"


def short_names(
    ids: Sequence[str], infos: Mapping[str, ArticleInfo], width: int = SHORT_NAME_WIDTH
) -> dict[str, str]:
    """Column headers: the outlet, else a short title, else the file name (never a
    bare number taken from it), each at most `width` characters.

    Sources sharing a name are told apart by a superscript in date order: the
    earliest `Variety`, then `Variety²`, `Variety³` (undated last, then by id).
    """

    def base(article_id: str) -> str:
        info = infos.get(article_id)
        if info is not None and info.outlet:
            return short_title(info.outlet, width - 1)
        if info is not None and info.title:
            return short_title(info.title, width - 1)
        return short_title(PurePosixPath(article_id).name, width - 1)

    def when(article_id: str) -> tuple[str, str]:
        info = infos.get(article_id)
        return ((info.date if info else None) or "9999", article_id)

    names: dict[str, str] = {}
    seen: Counter[str] = Counter()
    for article_id in sorted(ids, key=when):
        name = base(article_id)
        seen[name] += 1
        names[article_id] = name + (
            str(seen[name]).translate(_SUPERSCRIPTS) if seen[name] > 1 else ""
        )
    return {article_id: names[article_id] for article_id in ids}


def numbered_note(names: Iterable[str]) -> str:
    """The legend's word on numbered headers, with one of these (`  ·  Variety² a
    second Variety article, by date`), or nothing when no two sources share a name."""
    for name in names:
        base = name.rstrip(_SUPERSCRIPT_DIGITS)
        if name == base + "²":
            return f"  ·  {name} a second {base} article, by date"
    return ""


def source_label(info: ArticleInfo | None, fallback: str) -> str:
    """`Variety · 10 Sep 2020 · Title` with the parts known, else `fallback`."""
    if info is None:
        return one_line(fallback)
    return source_name(info.outlet, info.date, info.title or info.path)


class CoverageTable(DataTable):
    """The matrix itself; mark colours come from compare.tcss component classes."""

    DEFAULT_CSS = """
    CoverageTable > .coverage--verified {
        color: $success;
        text-style: bold reverse;
    }

    CoverageTable > .coverage--disputed {
        color: $error;
        text-style: bold reverse;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "coverage--same",
        "coverage--differs",
        "coverage--changed",
        "coverage--verified",
        "coverage--disputed",
    }

    def mark(self, cell: CoverageCell | None) -> Text:
        """A cell as drawn: the wording mark, then the verdict's (✓ ✗) in its colour."""
        if cell is None:
            return Text("")
        style = self.get_component_rich_style
        text = Text(cell.mark[0], style("coverage--differs" if cell.differs else "coverage--same"))
        if cell.verdict in VERDICT_MARKS:
            text.append(cell.mark[1:], style(f"coverage--{cell.verdict}"))
        return text


class CoverageScreen(Screen):
    """Statements as rows, sources as columns; enter on a cell jumps to that quotation.

    Rows come in pages (`]`/`[`) whose columns are only the sources those rows
    touch: a large corpus has hundreds of sources, and a table as wide as all of
    them renders too slowly to move around in.
    """

    DEFAULT_CSS = """
    #coverage-legend {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("CoverageScreen")  # see command_table
    HELP_SECTION: ClassVar[str] = COVERAGE  # first in `?`

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
        yield Static(id="coverage-legend")
        yield Footer()

    def on_mount(self) -> None:
        self.load_coverage()

    @work(thread=True, exclusive=True, group="coverage")
    def load_coverage(self) -> None:
        """Read clusters, quotes and titles off the UI thread (slow on large corpora)."""
        try:
            infos = {info.id: info for info in self.corpus.articles()}
            clusters, quotes = self.corpus.clusters(), self.corpus.quotes()
            coverage = build_coverage(clusters, quotes, infos)
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
        self.names = short_names(coverage.sources, coverage.infos)
        table = self.query_one(CoverageTable)
        style = table.get_component_rich_style
        single = coverage.single_source
        summary = Text(f"{single:,} statement{'s' * (single != 1)} appear in a single source.")
        self.query_one("#coverage-summary", Static).update(summary)
        legend = Text(end="")
        legend.append(SAME_MARK, style("coverage--same")).append(" same wording  ")
        legend.append(DIFFERS_MARK, style("coverage--differs")).append(" wording differs  ")
        legend.append(VERDICT_MARKS["verified"], style("coverage--verified"))
        legend.append(" verified  ")
        legend.append(VERDICT_MARKS["disputed"], style("coverage--disputed"))
        legend.append(" disputed  blank: absent" + numbered_note(self.names.values()))
        self.query_one("#coverage-legend", Static).update(legend)
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
        earliest = self.coverage.date_order
        sources = list(dict.fromkeys(s for row in rows for s in sorted(row.cells, key=earliest)))
        table = self.query_one(CoverageTable)
        # The two label columns stay fixed while the sources scroll: on a narrow
        # terminal they must leave room for at least a few source columns.
        width = self.size.width or 160
        longest = max((len(one_line(row.speaker)) for row in rows), default=8)
        speaker_width = min(longest, 30 if width >= 100 else 14)
        heads = sorted((len(self.names[s]) + 2 for s in sources), reverse=True)
        room = width - speaker_width - sum(heads[:3]) - 8
        statement_width = max(16, min(STATEMENT_CHARS, room))
        table.clear(columns=True)
        table.add_column("Speaker", key=SPEAKER_COLUMN)
        table.add_column("Statement", key=STATEMENT_COLUMN)
        for path in sources:
            table.add_column(Text(self.names[path]), key=path)
        for row in rows:
            marks = [table.mark(row.cells.get(path)) for path in sources]
            speaker = Text(one_line(row.speaker, speaker_width))
            statement = Text(one_line(row.first_words, statement_width))
            table.add_row(speaker, statement, *marks, key=row.cluster.id)
        count = len(self.coverage.rows)
        title = Text(
            f"Coverage matrix — {count:,} statement{'s' * (count != 1)} in more than one "
            f"source, across {len(self.coverage.sources):,} sources"
        )
        if self.pages > 1:
            first = page * PAGE_ROWS + 1
            title.append(
                f"    rows {first:,}–{first + len(rows) - 1:,} (page {page + 1} of {self.pages}; "
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
        style = self.query_one(CoverageTable).get_component_rich_style
        if row is None or self.coverage is None:
            detail.update("")
            return
        column = str(event.cell_key.column_key.value)
        if cell is not None:
            info = self.coverage.infos.get(cell.quote.article_id)
            label = one_line(source_label(info, cell.quote.path), 140)
            head = Text(f"{label}\n", style="bold")
            if cell.verdict:
                head.append(f"{cell.verdict}: ", style("coverage--" + cell.verdict))
            head.append(f"{one_line(row.speaker, 60)}: ", style="italic")
            parts = cell.version.parts or (DiffPart(cell.quote.text),)
            detail.update(head + diff_text(parts, style("coverage--changed")))
        elif column in (SPEAKER_COLUMN, STATEMENT_COLUMN):
            sources = ", ".join(self.names[p] for p in row.cells)
            detail.update(
                Text(f"{one_line(row.speaker, 60)} — carried by {len(row.cells)} sources ")
                + Text(f"({sources}). ")
                + Text("Enter: compare the versions.", style="dim")
            )
        else:
            name = self.names.get(column, column)
            detail.update(Text(f"{name} does not carry this statement."))

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
