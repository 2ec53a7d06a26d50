"""Fixtures for the robustness suite; the helpers live in `helpers.py`."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_index_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> Path:
    """Point the default index cache at a temporary folder: tests never touch the user's."""
    cache = tmp_path_factory.mktemp("index-cache")
    monkeypatch.setenv("SOURCEDESK_INDEX_DIR", str(cache))
    return cache
