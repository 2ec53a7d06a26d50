"""Widgets whose small changes repaint only the cells they touch.

Textual repaints a whole widget on any change, and the screen then draws again
every widget the bounding box of all repainted areas crosses: a pane's title or
the hint line across the top made that box nearly the whole screen after each
search (docs/BENCHMARKS.md, keys9 and keys10).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Self

from textual.geometry import Region
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
