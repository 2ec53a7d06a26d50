"""Fixtures for the reader: the app on the real seeds, indexed once per test session.

Each test gets its own copy of the session's seeds index, opened and handed to
the app, so no test spends seconds indexing and none sees another's changes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import Corpus, open_corpus
from tui.app import SourcedeskApp

from .frames import frames_deferred
from .helpers import SEEDS


@pytest.fixture(autouse=True)
def _private_clipboard(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Copying writes to a cache dir under tmp_path and never to a real clipboard tool."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


@pytest.fixture(autouse=True)
def _frames_painted_when_settled() -> Iterator[None]:
    """Headless frames are painted at each settle, not at each refresh (frames.py)."""
    with frames_deferred():
        yield


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds indexed once for the whole session; tests copy it, never use it."""
    folder = tmp_path_factory.mktemp("seeds-index") / "index"
    open_corpus(SEEDS, folder).close()
    return folder


@pytest.fixture
def seeds_corpus(seeds_index: Path, tmp_path: Path) -> Iterator[Corpus]:
    """This test's own copy of the seeds index, opened."""
    copy = Path(shutil.copytree(seeds_index, tmp_path / "index"))
    corpus = open_corpus(SEEDS, copy, update=False)
    yield corpus
    corpus.close()


@pytest.fixture
def app(seeds_corpus: Corpus, tmp_path: Path) -> SourcedeskApp:
    """The reader on the shipped seeds, given an opened copy of their index."""
    return SourcedeskApp(SEEDS, tmp_path / "index", corpus=seeds_corpus)
