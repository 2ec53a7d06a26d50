"""Which pane is marked and, in narrow terminals, which one is shown.

Wide terminals show the Articles, Matches and Quotes panes side by side; below
~100 columns they become tabs. Either way `tab`/`shift+tab` walk the same focus
stops, and the pane holding the focus is the active one (marked, or shown). The
tabs, hidden in wide terminals, are built after the first screen there.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Tab, Tabs

# Focus stops in `tab` order, and the pane each belongs to (the search box: none).
FOCUS_STOPS = ("#query", "#sources", "#article", "#matches", "#quotes")
PANE_OF = {
    "#query": None,
    "#sources": "articles-pane",
    "#article": "articles-pane",
    "#matches": "matches-pane",
    "#quotes": "quotes-pane",
}
PANE_FOCUS = {"articles-pane": "#article", "matches-pane": "#matches", "quotes-pane": "#quotes"}
PANE_TABS = (("Articles", "articles-pane"), ("Matches", "matches-pane"), ("Quotes", "quotes-pane"))


class PaneFocus(Screen[None]):
    """Focus cycling and the active pane, for a screen composed with `.pane` containers."""

    _active_pane = "articles-pane"

    def action_cycle_pane(self, step: int) -> None:
        """`tab`/`shift+tab`: the search box, sources, article, matches, quotes in turn."""
        stops = list(FOCUS_STOPS)
        here = next((s for s in stops if self.focused is not None and self._within(s)), stops[0])
        target = stops[(stops.index(here) + step) % len(stops)]
        pane = PANE_OF[target]
        if pane is not None:
            self._activate_pane(pane, focus=False)
        self.set_focus(self.query_one(target))  # at once: keys typed next go there

    def _within(self, selector: str) -> bool:
        """Whether the focused widget is (inside) the widget `selector` names."""
        widget: Widget | None = self.focused
        target = self.query_one(selector)
        while widget is not None:
            if widget is target:
                return True
            widget = widget.parent if isinstance(widget.parent, Widget) else None
        return False

    def pane_tabs(self) -> Tabs:
        """The tabs that choose the pane in narrow terminals, on the active pane."""
        tabs = (Tab(label, id=f"tab-{pane}") for label, pane in PANE_TABS)
        return Tabs(*tabs, id="pane-tabs", active=f"tab-{self._active_pane}")

    def mount_pane_tabs(self) -> None:
        """Add the tabs above the panes, unless they were composed with the screen."""
        if not self.query("#pane-tabs"):
            self.mount(self.pane_tabs(), before="#panes")

    def _activate_pane(self, pane_id: str, *, focus: bool) -> None:
        """Make `pane_id` the shown pane (narrow layout) and the marked one."""
        self._active_pane = pane_id
        for pane in self.query(".pane"):
            pane.set_class(pane.id == pane_id, "-active")
        for tabs in self.query("#pane-tabs").results(Tabs):
            if tabs.active != f"tab-{pane_id}":
                tabs.active = f"tab-{pane_id}"
        if focus:
            self.set_focus(self.query_one(PANE_FOCUS[pane_id]))

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        if event.tab.id != event.tabs.active:
            # Stale: the tabs moved on since (keys pressed quickly). Acting on it would
            # switch back, posting another, and two in flight chased each other forever.
            return
        pane_id = (event.tab.id or "").removeprefix("tab-")
        if pane_id and pane_id != self._active_pane:
            self._activate_pane(pane_id, focus=True)

    def on_descendant_focus(self, event: object) -> None:
        for selector, pane in PANE_OF.items():
            if pane is not None and self._within(selector) and pane != self._active_pane:
                self._activate_pane(pane, focus=False)
                break
