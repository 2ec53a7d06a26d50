"""When Python's cyclic garbage collector runs: rarely, and never while a search's
results are on their way to the screen.

Python collects cyclic garbage every 700 new objects by default; drawing one
screen makes tens of thousands, so the collector ran several times per search.
The app collects every 50,000 instead, and holds the collector from the pause in
typing to the paint of the results: a pass there (one in twenty searches at 19k,
taking ~150 ms) was what the slowest keystrokes waited for. It runs right after
the paint instead. Holding sets the threshold to 0 (Textual's own `gc.enable()`
after a scroll does not undo it).
"""

from __future__ import annotations

import gc

THRESHOLDS = (50_000, 20, 100)


def configure() -> None:
    """The app's thresholds (at start-up)."""
    gc.set_threshold(*THRESHOLDS)


def hold() -> None:
    """No automatic pass until `release` (a search was asked for)."""
    gc.set_threshold(0)


def release() -> None:
    """Passes run again (the results are painted); a pass due meanwhile runs next."""
    gc.set_threshold(*THRESHOLDS)
