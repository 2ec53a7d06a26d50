"""Where a keystroke's time goes: the window from the debounce to the paint, split.

`app_driver --phases` records, for every keystroke, when each step of the
reader's search was reached (wall clock, like the paints), by wrapping the
methods that mark the step on their classes (bench only: the product has no
hooks). The steps, in order:

    debounced   the debounce timer fired (`SearchBar._report`)
    asked       the reader asked for the search (`ReaderScreen._start_search`)
    search      `first_page` started in its thread ... ended
    handled     `SearchFinished` reached the reader ... its handler returned
    layout      the screen laid out again (`Screen._refresh_layout`), if it did
    render      the compositor rendered the update (`Compositor.render_update`)
    painted     the update handed to the driver (`App._display`)

and every pass of the cyclic garbage collector (`gc.callbacks`): `gc_ms`, the
time it took inside the window, and `gc_generation`, the oldest one collected.

The window opens when the debounce ends (`debounced`). `--profile FILE` also
runs cProfile on the main thread inside every keystroke window (the search
thread is not profiled: `sys.setprofile` is per thread) and saves the
statistics of all of them together to FILE (pstats format).
"""

from __future__ import annotations

import cProfile
import gc
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

Event = tuple[str, float]  # a step's name (with "+" at its end, "-" if it has one) and when


class Phases:
    """Records each step as it happens, then splits every keystroke's window."""

    def __init__(self, profile: bool = False) -> None:
        self.events: list[Event] = []
        self.query: object = None
        self.cpu_at_debounce: float | None = None
        self.cpu_in_window: float | None = None
        self.profiler = cProfile.Profile() if profile else None
        self.search_cpu: float | None = None  # CPU seconds of the last `first_page` thread
        self._patch()
        gc.callbacks.append(self._collected)

    def _collected(self, phase: str, info: dict[str, int]) -> None:
        mark = "+" if phase == "start" else "-"
        self.events.append((f"gc{info['generation']}{mark}", time.time()))

    def _patch(self) -> None:
        from textual._compositor import Compositor
        from textual.screen import Screen

        import tui.screens.reader as reader
        from tui.widgets.search_bar import SearchBar

        self._wrap(SearchBar, "_report", "debounced", before=self._debounced)
        self._wrap(reader.ReaderScreen, "_start_search", "asked")
        self._wrap(reader.ReaderScreen, "on_search_finished", "handled", end=True)
        self._wrap(Screen, "_refresh_layout", "layout", end=True)
        self._wrap(Compositor, "render_update", "render", end=True)
        search = reader.first_page

        @wraps(search)
        def first_page(*args: Any, **kwargs: Any) -> Any:
            self.events.append(("search+", time.time()))
            cpu = time.thread_time()
            try:
                return search(*args, **kwargs)
            finally:
                self.search_cpu = time.thread_time() - cpu
                self.events.append(("search-", time.time()))

        reader.first_page = first_page  # type: ignore[assignment]

    def _wrap(
        self,
        owner: type,
        name: str,
        step: str,
        end: bool = False,
        before: Callable[[], None] | None = None,
    ) -> None:
        method: Callable[..., Any] = getattr(owner, name)
        events = self.events

        @wraps(method)
        def recorded(*args: Any, **kwargs: Any) -> Any:
            if before is not None:
                before()
            events.append((step + "+", time.time()))
            try:
                return method(*args, **kwargs)
            finally:
                if end:
                    events.append((step + "-", time.time()))

        setattr(owner, name, recorded)

    def start(self, query: str) -> float:
        """`query` is being typed now: forget older steps; the window opens when
        the debounce ends (`debounce_end`) and closes at the paint showing its
        results (`painted`)."""
        self.events.clear()
        self.query = query
        self.cpu_at_debounce = None
        self.cpu_in_window = None
        self.search_cpu = None
        return time.time()

    def painted(self, shown: object) -> None:
        """A paint showed the results of `shown` (called at the paint itself, so
        what the app does right after it is outside the window)."""
        opened, closed = self.cpu_at_debounce, self.cpu_in_window
        if shown == self.query and opened is not None and closed is None:
            self.cpu_in_window = time.thread_time() - opened
            if self.profiler is not None:
                self.profiler.disable()

    def _debounced(self) -> None:
        """The debounce ended: the keystroke window opens (profiled from here)."""
        if self.cpu_at_debounce is None:
            self.cpu_at_debounce = time.thread_time()
            if self.profiler is not None:
                self.profiler.enable()

    def debounce_end(self, since: float) -> float | None:
        return self._first("debounced+", since)

    def search_cpu_ms(self) -> float | None:
        """The CPU time of the search thread's `first_page` (the latest one)."""
        return None if self.search_cpu is None else round(self.search_cpu * 1000, 2)

    def cpu_seconds(self) -> float | None:
        """The main thread's CPU time from the debounce end to the paint."""
        return self.cpu_in_window

    def split(self, pressed: float, painted: float) -> dict[str, float]:
        """Milliseconds from `pressed` to the first time each step was reached (in
        order: each step is looked for after the one before it), then the frame
        that painted: its layout (if any) and render."""
        marks: dict[str, float] = {}
        since = pressed
        for step in ("debounced+", "asked+", "search+", "search-", "handled+"):
            moment = self._first(step, since)
            if moment is None:
                return {}
            marks[step.rstrip("+")] = moment
            since = moment
        marks["handled-"] = self._first("handled-", since) or since
        for step in ("layout", "render"):
            started = self._last(step + "+", marks["handled-"], painted)
            ended = self._first(step + "-", started, painted) if started else None
            if started is not None and ended is not None:
                marks[step + "+"], marks[step + "-"] = started, ended
        marks["painted"] = painted
        split = {step: round((moment - pressed) * 1000, 2) for step, moment in marks.items()}
        passes = [(s, t) for s, t in self.events if s.startswith("gc") and pressed <= t <= painted]
        starts = [(int(s[2]), t) for s, t in passes if s.endswith("+")]
        ends = [t for s, t in passes if s.endswith("-")]
        if starts and len(starts) == len(ends):
            took = sum(end - start for (_, start), end in zip(starts, ends, strict=True))
            split["gc_ms"] = round(took * 1000, 2)
            split["gc_generation"] = max(g for g, _ in starts)
        return split

    def _first(self, step: str, since: float, until: float = float("inf")) -> float | None:
        return next((t for s, t in self.events if s == step and since <= t <= until), None)

    def _last(self, step: str, since: float, until: float) -> float | None:
        found = [t for s, t in self.events if s == step and since <= t <= until]
        return found[-1] if found else None

    def save_profile(self, path: str) -> None:
        if self.profiler is not None:
            self.profiler.dump_stats(path)


def durations(marks: dict[str, float]) -> dict[str, float]:
    """A split's steps as durations (ms): what each part of the window took."""
    at = marks.get
    parts = {
        "debounce_to_ask": (at("debounced"), at("asked")),
        "ask_to_thread": (at("asked"), at("search")),
        "search": (at("search"), at("search-")),
        "message_back": (at("search-"), at("handled")),
        "handler": (at("handled"), at("handled-")),
        "to_frame": (at("handled-"), at("layout+", at("render+"))),
        "layout": (at("layout+"), at("layout-")),
        "render": (at("render+"), at("render-")),
        "handled_to_paint": (at("handled-"), at("painted")),
    }
    found = {
        name: round(end - start, 2)
        for name, (start, end) in parts.items()
        if start is not None and end is not None
    }
    if "gc_ms" in marks:
        found["gc"] = marks["gc_ms"]
    return found
