"""Fixtures for the reader: the app on the real seeds with a throwaway index."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import SourcedeskApp

from .helpers import SEEDS


@pytest.fixture(autouse=True)
def _private_clipboard(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Copying writes to a cache dir under tmp_path and never to a real clipboard tool."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


@pytest.fixture
def app(tmp_path: Path) -> SourcedeskApp:
    """The reader on the shipped seeds, indexing into a temporary folder."""
    return SourcedeskApp(SEEDS, tmp_path / "index")
