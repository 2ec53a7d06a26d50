"""The timeline's bar chart: one row per outlet, one column per day (or week, or
article in corpus order), each cell a block as tall as that day's articles.

Drawn as Rich Text from a `Timeline` (tui/timeline_data.py); the cells where the
selected statement appeared are marked in the accent colour, and a row under
the bars points at them (▲), so "where and when" reads at a glance.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from ..literal import one_line
from ..timeline_data import Statement, Timeline, grouped

BLOCKS = " ▁▂▃▄▅▆▇█"
EMPTY = "·"
LABEL_WIDTH = 16
TOTAL_WIDTH = 5
MARKER = "▲"
MARKER_ROW = "this statement"


def bar(count: int, peak: int) -> str:
    """The block for `count` articles on a chart whose tallest cell holds `peak`."""
    if count <= 0 or peak <= 0:
        return EMPTY
    return BLOCKS[max(1, round(count / peak * (len(BLOCKS) - 1)))]


class TimelineChart(Widget):
    """Articles per outlet over time; `show(timeline, statement)` redraws it."""

    DEFAULT_CSS = """
    TimelineChart {
        height: auto;
        padding: 0 1;
    }

    TimelineChart > .timeline-chart--bar {
        color: $primary-lighten-2;
    }

    TimelineChart > .timeline-chart--empty,
    TimelineChart > .timeline-chart--axis {
        color: $text-muted;
    }

    TimelineChart > .timeline-chart--marked {
        color: $accent;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-chart--bar",
        "timeline-chart--empty",
        "timeline-chart--axis",
        "timeline-chart--marked",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline: Timeline | None = None
        self.statement: Statement | None = None

    def show(self, timeline: Timeline, statement: Statement | None = None) -> None:
        self.timeline = timeline
        self.statement = statement
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.timeline is None or not self.timeline.rows:
            return 1
        return len(self.timeline.rows) + 3  # the bars, the axis, its labels, the marker row

    def fitted(self, width: int) -> tuple[Timeline, int]:
        """The timeline grouped to fit `width` columns, and each column's width (1–3)."""
        assert self.timeline is not None
        room = max(8, width - LABEL_WIDTH - TOTAL_WIDTH)
        count = max(1, len(self.timeline.buckets))
        factor = -(-count // room)
        timeline = grouped(self.timeline, factor)
        return timeline, max(1, min(3, room // max(1, len(timeline.buckets))))

    def render(self) -> Text:
        if self.timeline is None:
            return Text("Loading…", style="italic")
        if not self.timeline.rows:
            return Text("No articles in this corpus yet.", style="italic")
        style = self.get_component_rich_style
        timeline, cell = self.fitted(self.content_size.width or 80)
        marks = timeline.marks(self._statement_in(timeline))
        peak = timeline.peak
        text = Text(no_wrap=True, overflow="crop", end="")
        for row in timeline.rows:
            text.append(f"{one_line(row.outlet, LABEL_WIDTH - 2):<{LABEL_WIDTH - 1}}│")
            for index, count in enumerate(row.counts):
                if (row.outlet, index) in marks:
                    look = style("timeline-chart--marked")
                elif count:
                    look = style("timeline-chart--bar")
                else:
                    look = style("timeline-chart--empty")
                text.append(self._cell(bar(count, peak), cell), look)
            text.append(f"{row.total:>{TOTAL_WIDTH}}\n")
        self._axis(text, timeline, cell, style("timeline-chart--axis"))
        self._marker_row(text, timeline, cell, marks, style("timeline-chart--marked"))
        return text

    def _statement_in(self, timeline: Timeline) -> Statement | None:
        """The selected statement as placed on the (possibly grouped) chart."""
        if self.statement is None:
            return None
        found = [s for s in timeline.statements if s.cluster_id == self.statement.cluster_id]
        return found[0] if found else None

    @staticmethod
    def _cell(block: str, width: int) -> str:
        return block * max(1, width - 1) + (" " if width > 1 else "")

    @staticmethod
    def _axis(text: Text, timeline: Timeline, cell: int, style: Style) -> None:
        """A tick under each labelled column, the labels spaced so they never touch."""
        columns = len(timeline.buckets)
        ticks = [" "] * (columns * cell)
        labels = [" "] * (columns * cell + 12)
        free = 0
        for index, bucket in enumerate(timeline.buckets):
            at = index * cell
            if at < free:
                continue
            label = bucket.label
            if index == 0 and bucket.start is not None:
                label = f"{label} {bucket.start.year}"
            ticks[at] = "┬"
            labels[at : at + len(label)] = label
            free = at + len(label) + 2
        text.append(" " * (LABEL_WIDTH - 1) + "└", style)
        text.append("".join(ticks).replace(" ", "─") + "\n", style)
        text.append(" " * LABEL_WIDTH + "".join(labels).rstrip() + "\n", style)

    @staticmethod
    def _marker_row(
        text: Text, timeline: Timeline, cell: int, marks: set[tuple[str, int]], style: Style
    ) -> None:
        buckets = {bucket for _outlet, bucket in marks}
        text.append(f"{MARKER_ROW:<{LABEL_WIDTH}}" if buckets else "")
        for index in range(len(timeline.buckets) if buckets else 0):
            text.append(
                (MARKER if index in buckets else " ").ljust(cell), style if index in buckets else ""
            )
