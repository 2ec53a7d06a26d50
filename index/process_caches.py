"""What this process keeps between updates of an index, in one list.

Each module owns its cache: the sidecar's decoded lists (`state`), the last relink
(`relink`), the index files last checked whole (`store`), and the last folder walk
and what it skipped (`refresh`). All are there only to make the next update
cheaper, and each checks that what it kept still matches the files on disk, so
forgetting them never changes a result, only its cost: what a new process starts
with. Tests that stand in for a new process (the command line run in the test's
own process, a sidecar read back) call `forget_all`.
"""

from __future__ import annotations


def forget_all() -> None:
    """Drop every index cache of this process, as a new process would start."""
    from . import refresh, relink, state, store

    state._decoded.clear()
    relink._kept.clear()
    store._vouched.clear()
    refresh._last_skipped.clear()
    refresh._last_walk.clear()
