"""Textual's footer, rebuilt once for any number of key changes before it is drawn.

Textual's `Footer` queues a whole rebuild (every key mounted again, ~10 ms, several
times that under load) for each change of the active keys, one after the other:
at start-up the focus moves and the screen's own callbacks asked for nine in the
first second, while the corpus was opening in a thread that shared the
interpreter with them. A rebuild reads the keys as they are when it runs, so one
queued rebuild covers every change made before it.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """A `Footer` whose rebuilds asked for before it runs are one rebuild."""

    _rebuild_queued = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if self._rebuild_queued or not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_queued = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_queued = False  # a change from now on needs a rebuild of its own
        await self.recompose()
