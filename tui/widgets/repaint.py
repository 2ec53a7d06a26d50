"""Widgets whose small changes repaint only the cells they touch.

Textual repaints a whole widget on any change, and the screen then draws again
every widget the bounding box of all repainted areas crosses: a pane's title or
the hint line across the top made that box nearly the whole screen after each
search (docs/BENCHMARKS.md, keys9 and keys10).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import pairwise
from typing import Self

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget


class RepaintsRegion(Widget):
    """A widget that can say which of its cells a change repaints."""

    _only_region: Region | None = None  # while `repainting_only` runs

    @contextmanager
    def repainting_only(self, region: Region) -> Iterator[None]:
        """Inside the block a plain refresh repaints `region` only (relative to the
        content area: a border row lies at a negative offset)."""
        self._only_region = region
        try:
            yield
        finally:
            self._only_region = None

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        only = self._only_region
        if only is not None and not (regions or layout or recompose):
            regions = (only,)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


class RegionCompositor(Compositor):
    """Draws, for a partial update, only the rows of widgets that show through
    the repainted areas.

    Textual's compositor draws every widget that the *bounding box* of the
    repainted areas crosses, all its rows, and cuts each of them on every row
    of the box: after a search the Matches list (a pane's height) and the
    Articles list put the whole Articles pane, the open article included, inside
    that box, and the panes' containers and the screen behind them are cut on
    every row too. Only the cells inside a repainted area are written to the
    terminal (the update's spans), each from the front-most widget covering it.
    So a widget is drawn here only on the rows where it lies under a repainted
    area, and only if a piece of it there, inside a span, is not covered yet by
    a widget in front: what is written is the same as Textual's `_render_chops`
    writes (front to back, the first piece for a cut wins).
    """

    def render_partial_update(self) -> ChopsUpdate | None:
        update_regions = self._dirty_regions.copy()
        self._dirty_regions.clear()
        if not update_regions:
            return None
        spans = list(self._regions_to_spans(update_regions))
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(line[:-1]) for line in cuts]
        # On each row, the cuts whose pieces lie (partly) inside a span: written.
        wanted: dict[int, list[int]] = {}
        for y, x1, x2 in spans:
            wanted.setdefault(y, []).extend(
                cut for cut, end in pairwise(cuts[y]) if cut < x2 and end > x1
            )
        for widget, (region, clip) in self.visible_widgets.items():
            shown = region.intersection(clip)
            first_cut, last_cut = shown.column_span
            rows = {
                y
                for y in _rows_under(shown, update_regions)
                if any(first_cut <= cut < last_cut and chops[y][cut] is None for cut in wanted[y])
            }
            if not rows:
                continue
            top, bottom = min(rows), max(rows) + 1
            crop = Region(shown.x - region.x, top - region.y, shown.width, bottom - top)
            for y, strip in zip(range(top, bottom), widget.render_lines(crop), strict=False):
                if y not in rows:
                    continue
                line = chops[y]
                final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                pieces = strip.divide([cut - shown.x for cut in final_cuts[1:]])
                # A strip shorter than its widget gives fewer pieces, as in Textual's.
                for cut, piece in zip(final_cuts, pieces, strict=False):
                    if line.get(cut) is None:
                        line[cut] = piece
        return ChopsUpdate(chops, spans, [line[1:] for line in cuts])


def compositor_lacks() -> list[str]:
    """What `RegionCompositor` reads of Textual's private compositor and this Textual
    lacks: with anything missing the reader keeps Textual's own (slower, the same
    screen), and tests/tui/test_textual_private.py fails."""
    parts = ("render_partial_update", "_regions_to_spans", "cuts", "visible_widgets")
    missing = [f"Compositor.{name}" for name in parts if not hasattr(Compositor, name)]
    if "_dirty_regions" not in vars(Compositor()):
        missing.append("Compositor()._dirty_regions")
    return missing


def _rows_under(shown: Region, areas: Iterable[Region]) -> set[int]:
    """The screen rows on which `shown` (a widget's visible part) lies under one
    of `areas`."""
    rows: set[int] = set()
    for area in areas:
        overlap = shown.intersection(area)
        if overlap:
            rows.update(overlap.line_range)
    return rows
