"""Waiting on a condition, never on the clock.

A test that needs something to have happened (a process to hold a lock, the app
to show a text) polls for exactly that, briefly and often, and fails loudly
naming what it waited for. The timeout only guards against a hang: it is
generous so that a machine busy with other work can never fail a test.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from textual.pilot import Pilot

WAIT_SECONDS = 60.0
POLL_SECONDS = 0.02


def wait_until(ready: Callable[[], object], what: str, timeout: float = WAIT_SECONDS) -> None:
    """Return as soon as `ready()` is true; fail after `timeout` seconds saying `what`."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            pytest.fail(f"after {timeout:.0f} s still waiting for: {what}")
        time.sleep(POLL_SECONDS)


async def app_wait_until(
    pilot: Pilot, ready: Callable[[], object], what: str, timeout: float = WAIT_SECONDS
) -> None:
    """`wait_until` for a running app: the app keeps processing events while we poll."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            pytest.fail(f"after {timeout:.0f} s still waiting for: {what}")
        await pilot.pause(POLL_SECONDS)
