"""Pausing Python's cyclic garbage collector around loops that allocate per corpus file.

A scan of 100k files makes a few hundred thousand small objects (stat results,
entries, tuples) and none that form cycles; each few hundred allocations start a
collection, and the older generations' passes walk every object the process
holds (a corpus's article list and fingerprints among them): a third of a scan.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block without cyclic collections (reference counting still frees)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
