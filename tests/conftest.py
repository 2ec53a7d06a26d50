"""Fixtures shared across the test suite: the shipped seeds and the shared corpora."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.waiting import WAIT_SECONDS
from tui.app import SourcedeskApp

# No Hypothesis example is timed, not even by default: a busy machine must not fail
# a property test (speed is measured in bench/).
settings.register_profile("sourcedesk", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("sourcedesk")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = PROJECT_ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _notices_outlast_a_busy_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """A notice stays listed until the test has read it: Textual drops a toast 5 s
    (wall clock) after it appears, which on a loaded machine came before the test's
    next step and failed it (an empty `app._notifications`)."""
    monkeypatch.setattr(SourcedeskApp, "NOTIFICATION_TIMEOUT", 2 * WAIT_SECONDS)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real articles the product ships with."""
    return PROJECT_ROOT / "seeds"


def _shared_folder(*parts: str) -> Path:
    folder = SHARED_DIR.joinpath(*parts)
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent (the shared corpora live beside the project)")
    return folder


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` (gold data and corpora); skips when absent."""
    return _shared_folder()


@pytest.fixture(scope="session")
def bbc_dir() -> Path:
    """2,225 real BBC articles; skips when absent."""
    return _shared_folder("corpora", "bbc")


@pytest.fixture(scope="session")
def reuters_dir() -> Path:
    """19,043 real Reuters stories; skips when absent."""
    return _shared_folder("corpora", "reuters21578")
