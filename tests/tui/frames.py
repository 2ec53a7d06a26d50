"""Headless frames are painted once per settle, not up to 60 times a second.

A headless app throws its frames away (no terminal shows them), yet building each
one (every visible widget's lines cut into the screen) was 40% of the CPU time of
the reader tests. Tests read what widgets draw (`render_line`), which renders on
demand, so only the painting of whole frames is deferred: `paint` draws everything
that changed since the last frame, and `settle` calls it, so every state a test
checks has been painted whole and a widget that cannot draw still fails the test.
Layout, refresh callbacks and mouse-over run at every frame as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual.app import App
from textual.screen import Screen

_paint_frame = Screen._compositor_refresh


def _deferred_frame(screen: Screen) -> None:
    """Screen._compositor_refresh for a headless app: keep what changed for `paint`."""
    app = screen.app
    if app.is_headless and not app.is_inline and screen is app.screen:
        # The dirty regions stay in the compositor until `paint` draws them.
        screen._dirty_widgets.clear()
        app._update_mouse_over(screen)
        return
    _paint_frame(screen)


@contextmanager
def frames_deferred() -> Iterator[None]:
    """Inside the block, headless apps paint only when `paint` is called."""
    Screen._compositor_refresh = _deferred_frame  # type: ignore[method-assign]
    try:
        yield
    finally:
        Screen._compositor_refresh = _paint_frame  # type: ignore[method-assign]


def paint(app: App) -> None:
    """Paint the current screen's frame now: all that changed since the last one."""
    if app.is_running and app.screen_stack:
        _paint_frame(app.screen)
