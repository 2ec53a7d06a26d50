"""The private parts of Textual the app relies on are there, in the installed Textual.

pyproject.toml pins Textual to the tested range; an upgrade that renames one of
these fails here, with the names, instead of in the app (an AttributeError in
the middle of drawing). What each is for is said where it is used.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import textual
from textual._compositor import Compositor
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input

from index import Corpus
from tui.app import SourcedeskApp
from tui.widgets import MatchesList
from tui.widgets.repaint import RegionCompositor, compositor_lacks

from .helpers import SEEDS, reader, running, search, shown

# module -> the names it must have
MODULES = {
    # tui/widgets/repaint.py: RegionCompositor replaces the reader screen's compositor
    "textual._compositor": ("Compositor", "ChopsUpdate"),
    # tui/widgets/paged_list.py: the cursor moves as in Textual's OptionList
    "textual._widget_navigation": (
        "Direction",
        "find_first_enabled",
        "find_last_enabled",
        "find_next_enabled",
        "find_next_enabled_no_wrap",
    ),
}


def lacking() -> list[str]:
    """Every private name used by tui/ that this Textual does not have."""
    missing = [
        f"{module}.{name}"
        for module, names in MODULES.items()
        for name in names
        if not hasattr(importlib.import_module(module), name)
    ]
    missing += compositor_lacks()
    if "_compositor" not in vars(Screen()):  # reader.py sets its RegionCompositor there
        missing.append("Screen()._compositor")
    if not hasattr(Widget, "_scroll_update"):  # PagedList: a new scrollbar, no new layout
        missing.append("Widget._scroll_update")
    if not hasattr(Input, "_on_key"):  # search_bar.QueryInput: keys applied in order
        missing.append("Input._on_key")
    if not hasattr(getattr(Input(), "_bindings", None), "key_to_bindings"):  # QueryInput
        missing.append("Input()._bindings.key_to_bindings")
    for name in ("bindings_changed", "_bindings_ready"):  # KeysFooter: one rebuild
        if not hasattr(Footer, name):
            missing.append(f"Footer.{name}")
    return missing


def test_the_private_names_the_app_uses_are_in_this_textual() -> None:
    missing = lacking()
    assert not missing, (
        f"Textual {textual.__version__} lacks {missing}, used by tui/; "
        "adapt the code that uses them, or keep the pin of textual in pyproject.toml"
    )


async def test_without_what_region_compositor_reads_the_reader_draws_with_textuals(
    seeds_corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As with a Textual that renamed a private method: the app still searches and draws.
    monkeypatch.delattr(Compositor, "_regions_to_spans")
    assert compositor_lacks() == ["Compositor._regions_to_spans"]
    app = SourcedeskApp(SEEDS, tmp_path / "index", corpus=seeds_corpus)
    async with running(app) as pilot:
        screen = reader(pilot)
        assert type(screen._compositor) is Compositor
        await search(pilot, "sorry")
        assert "3 sources match “sorry”" in shown(screen.query_one("#search-hint"))
        assert "sorry" in shown(screen.query_one(MatchesList)).lower()


async def test_with_this_textual_the_reader_draws_with_its_own(app: SourcedeskApp) -> None:
    async with running(app) as pilot:
        assert type(reader(pilot)._compositor) is RegionCompositor
