"""The program `app_startup` spawns: start an app headless, time it, print JSON.

Run in a fresh interpreter per measurement so imports count, as they do for a
user. Times are wall-clock (`time.time()`) so they compare with the moment the
parent spawned us (`--spawned-at`). A "paint" is the app handing a rendered
screen update to its driver (`App._display`, reached in headless mode too):
"drawn" means the first paint after the state changed.

    python -m bench.app_driver --app minimal --spawned-at T
    python -m bench.app_driver --app sourcedesk --corpus DIR --index-dir DIR \
        --spawned-at T --query WORD [--keystrokes QUERIES.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.app_phases import Phases

SIZE = (160, 45)
FIRST_RESULT_TIMEOUT = 120.0
RESULT_TIMEOUT = 10.0


class Paints:
    """Records when the app paints, and what each paint showed, by wrapping its
    `_display` on the instance.

    `shows()` is read at each paint (the screen was rendered from that state):
    the moment some results were first drawn is then known exactly, with no
    extra refresh forced (a forced refresh repaints the whole screen, which a
    keystroke never does). `seen`, if given, is told what each paint showed, at
    the paint.
    """

    def __init__(
        self, app: Any, shows: Callable[[], Any], seen: Callable[[Any], None] | None = None
    ) -> None:
        self.times: list[float] = []
        self.shown: list[Any] = []
        self.app = app
        self._painted = asyncio.Event()
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            if renderable is not None and not app._batch_count:
                self.times.append(time.time())
                self.shown.append(shows())
                if seen is not None:
                    seen(self.shown[-1])
                self._painted.set()
            original(screen, renderable)

        app._display = display

    async def showing(self, value: Any, since: float, timeout: float = RESULT_TIMEOUT) -> float:
        """The first paint after `since` that showed `value`.

        Waits for paints on an event set by the paint itself: the driver does no
        work on the app's thread meanwhile (polling every millisecond did, and
        took the interpreter from the search thread the anchor runs without).
        """
        deadline = time.monotonic() + timeout
        seen = 0
        while (left := deadline - time.monotonic()) > 0:
            self._painted.clear()
            for moment, shown in zip(self.times[seen:], self.shown[seen:], strict=True):
                if moment > since and shown == value:
                    return moment
            seen = len(self.times)
            try:
                await asyncio.wait_for(self._painted.wait(), left)
            except TimeoutError:
                break
        raise TimeoutError(f"the app did not paint {value!r}")


def minimal_app() -> Any:
    """The anchor: a Textual app with a search box and a line of text, nothing else."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Input, Static

    class MinimalApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Input(placeholder="Search")
            yield Static("Nothing here yet.")
            yield Footer()

    return MinimalApp()


def results_query(app: Any) -> str | None:
    """The query whose results the reader's matches pane holds.

    This is the one place that knows the app's widgets (`ReaderScreen.matches`,
    set by `_show_results`); a paint made while it holds a query shows its results.
    """
    try:
        return app.reader.matches.query_text
    except Exception:  # not composed yet
        return None


async def type_query(pilot: Any, query: str) -> float:
    """Focus the search box, replace its text with `query`, press enter; when enter went in.

    The keys are posted to the app as a terminal's arrive, not through
    `pilot.press`: that waits, after every key, until the whole process has been
    idle for a while (Textual's `wait_for_idle`, up to 1 s twice a key), so while
    the app was still opening the corpus and listing its sources in a thread, "/"
    and enter reached it up to ~2 s late (at 19k the search was asked 1.4 s after
    the corpus had opened). The text replaces the previous query at once (as
    select-all and a paste would); enter asks for the search at once, so the
    150 ms typing debounce is excluded, as issue 5 asks.
    """
    from textual import events

    app = pilot.app
    box = app.reader.search_bar.input
    app.post_message(events.Key("slash", "/"))
    while app.focused is not box:  # "/" focuses the box (it may wait for the screen)
        await asyncio.sleep(0.005)
    box.value = query
    box.cursor_position = len(query)
    pressed = time.time()
    app.post_message(events.Key("enter", "\r"))
    return pressed


async def drive_sourcedesk(args: argparse.Namespace, marks: dict[str, Any]) -> None:
    from tui.app import SourcedeskApp

    marks["imported"] = time.time()
    app = SourcedeskApp(Path(args.corpus), Path(args.index_dir))
    phases = Phases(profile=bool(args.profile))
    paints = Paints(app, lambda: results_query(app), phases.painted)
    async with app.run_test(size=SIZE) as pilot:
        marks["ready"] = time.time()
        marks["first_paint"] = paints.times[0] if paints.times else marks["ready"]
        pressed = await type_query(pilot, args.query)
        marks["first_result"] = await paints.showing(args.query, pressed, FIRST_RESULT_TIMEOUT)
        marks["hits"] = len(app.reader.hits)
        if args.keystrokes:
            typed = json.loads(Path(args.keystrokes).read_text(encoding="utf-8"))
            marks["keystrokes"] = []
            turns: Counter[str] = Counter()
            for entry in typed:
                query, kind = (
                    (entry, "") if isinstance(entry, str) else (entry["query"], entry["kind"])
                )
                # The first run of a query is the slow one (its word lists and postings
                # are read then: 2-5x the second), and whichever side met the few slowest
                # queries first set the p95. Run it once, untimed, so that both sides are
                # equally warm; then they still take turns within each kind of query.
                search_alone(app, query)
                alone_first = turns[kind] % 2 == 1
                turns[kind] += 1
                alone = search_alone(app, query) if alone_first else None
                sample = await keystroke(pilot, paints, query, phases)
                alone = search_alone(app, query) if alone is None else alone
                sample["search_seconds"], sample["search_alone_cpu_ms"] = alone
                sample["kind"] = kind
                marks["keystrokes"].append(sample)
            if args.profile:
                phases.save_profile(args.profile)
        marks["rss_mb"] = _rss_mb()


async def keystroke(pilot: Any, paints: Paints, query: str, phases: Phases) -> dict[str, Any]:
    """The typing debounce ending to the results of `query` painted, in seconds.

    The search box keeps the focus, as while typing: all of `query` but its last
    character goes in at once (as a paste would), then the last is typed as a
    key (which, as for a user, restarts the cursor's blink: a blink is a paint).
    The app's own debounce runs; the clock starts when it ends
    (`SearchBar._report`, recorded by `phases`), so what is timed is everything
    the app does after the user paused; the box's repaint of the new text
    happens during the debounce, as it does for a user typing. `main_cpu_ms` is
    the CPU time of the app's (main) thread inside the window.
    """
    from textual import events
    from textual.keys import _character_to_key

    box = pilot.app.reader.search_bar.input
    if pilot.app.focused is not box:
        await pilot.press("slash")
    edited = phases.start(query)
    box.value = query[:-1]
    box.cursor_position = len(box.value)
    last = query[-1]
    pilot.app.post_message(events.Key(last if last.isalnum() else _character_to_key(last), last))
    drawn = await paints.showing(query, edited)
    cpu = phases.cpu_seconds() or 0.0
    debounced = phases.debounce_end(edited)
    if debounced is None:
        raise RuntimeError(f"the debounce of {query!r} did not end before its results")
    return {
        "query": query,
        "seconds": drawn - debounced,
        "hits": len(pilot.app.reader.hits),
        "main_cpu_ms": round(cpu * 1000, 2),
        "search_cpu_ms": phases.search_cpu_ms(),
        "split": phases.split(debounced, drawn),
    }


def search_alone(app: Any, query: str) -> tuple[float, float]:
    """The anchor: the same search as the reader asks for, `Corpus.search` alone;
    its wall-clock seconds and CPU milliseconds."""
    from tui.screens.reader import first_page

    started, cpu = time.perf_counter(), time.thread_time()
    first_page(app.corpus, query)
    return time.perf_counter() - started, round((time.thread_time() - cpu) * 1000, 2)


async def drive_minimal(marks: dict[str, Any]) -> None:
    app = minimal_app()
    marks["imported"] = time.time()
    paints = Paints(app, lambda: None)
    async with app.run_test(size=SIZE):
        marks["ready"] = time.time()
        marks["first_paint"] = paints.times[0] if paints.times else marks["ready"]
        marks["rss_mb"] = _rss_mb()


def _rss_mb() -> float:
    import psutil

    return round(psutil.Process().memory_info().rss / 2**20, 1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", choices=("minimal", "sourcedesk"), required=True)
    parser.add_argument("--spawned-at", type=float, required=True)
    parser.add_argument("--corpus")
    parser.add_argument("--index-dir")
    parser.add_argument("--query", default="")
    parser.add_argument("--keystrokes", help="JSON file: a list of queries to type")
    parser.add_argument("--profile", help="cProfile the keystroke windows into this file")
    args = parser.parse_args(argv)
    marks: dict[str, Any] = {"started": time.time()}
    if args.app == "minimal":
        asyncio.run(drive_minimal(marks))
    else:
        asyncio.run(drive_sourcedesk(args, marks))
    marks["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    spawned = args.spawned_at
    result = {
        key: round(value - spawned, 4) if key in TIMES else value for key, value in marks.items()
    }
    print(json.dumps(result))
    return 0


TIMES = ("started", "imported", "ready", "first_paint", "first_result")

if __name__ == "__main__":
    sys.exit(main())
