"""Export from the app: each format written and read back, bad paths, a cluster's versions."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, RadioSet

from tui.app import SourcedeskApp
from tui.screens.export import ExportScreen
from tui.screens.versions import VersionsScreen
from tui.widgets import QuotesList

from .helpers import reader, settle, shown


def unwrapped(widget) -> str:  # type: ignore[no-untyped-def]
    """The widget's text with line wrapping (and all other whitespace) taken out."""
    return "".join(shown(widget).split())

SIZE = (160, 45)
APOLOGY_SOURCE = "001"


async def open_source(pilot: Pilot, prefix: str) -> None:
    """Open the source whose path starts with `prefix` from the Articles list."""
    await settle(pilot)
    await pilot.press("escape", "shift+tab")
    paths = [row.path for row in reader(pilot).sources.items]
    await pilot.press(*["down"] * next(i for i, p in enumerate(paths) if p.startswith(prefix)))
    await pilot.press("enter")
    await settle(pilot)


async def export_dialog(pilot: Pilot, fmt_index: int, path: Path) -> ExportScreen:
    """Press `e`, pick the format (arrow keys in the radio set), type the path."""
    await pilot.press("e")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportScreen)
    await pilot.press("shift+tab")
    assert isinstance(pilot.app.focused, RadioSet)
    await pilot.press(*["right"] * fmt_index, "enter", "tab")
    box = dialog.query_one("#export-path", Input)
    assert pilot.app.focused is box
    box.value = str(path)
    return dialog


@pytest.mark.parametrize(("fmt_index", "suffix"), [(0, ".md"), (1, ".csv"), (2, ".json")])
async def test_each_format_is_written_and_reads_back(
    app: SourcedeskApp, tmp_path: Path, fmt_index: int, suffix: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_source(pilot, APOLOGY_SOURCE)
        in_view = list(reader(pilot).query_one(QuotesList).items)
        assert in_view
        target = tmp_path / f"quotes{suffix}"
        await export_dialog(pilot, fmt_index, target)
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is reader(pilot)
        notices = [n.message for n in pilot.app._notifications]
        assert f"Wrote {len(in_view)} quotations to {target}" in notices[-1]
        written = target.read_text(encoding="utf-8")
        if suffix == ".csv":
            rows = list(csv.DictReader(written.splitlines()))
            assert [r["text"] for r in rows] == [q.text for q in in_view]
            assert {r["source"] for r in rows} == {q.path for q in in_view}
        elif suffix == ".json":
            records = json.loads(written)
            assert [r["text"] for r in records] == [q.text for q in in_view]
            assert [r["speaker"] for r in records] == [q.speaker for q in in_view]
        else:
            title = reader(pilot).infos[in_view[0].article_id].title
            assert written.count("\n> ") + written.startswith("> ") >= len(in_view)
            assert f"*{title}*" in written.replace("\\", "")
            netflix = next(q for q in in_view if q.speaker == "Netflix")
            assert f"“{netflix.text.splitlines()[0]}" in written
            assert "— Netflix" in written


async def test_unwritable_paths_are_explained_in_the_dialog(
    app: SourcedeskApp, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    async with app.run_test(size=SIZE) as pilot:
        await open_source(pilot, APOLOGY_SOURCE)
        dialog = await export_dialog(pilot, 1, tmp_path / "missing" / "q.csv")
        message = dialog.query_one("#export-message")
        await pilot.press("enter")
        await pilot.pause()
        assert f"Thefolder{tmp_path / 'missing'}doesnotexist." in unwrapped(message)
        assert message.has_class("error")
        dialog.query_one("#export-path", Input).value = str(blocker / "q.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert f"{blocker}isafile,notafolder." in unwrapped(message)
        dialog.query_one("#export-path", Input).value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert f"{tmp_path}isafolder:addafilename." in unwrapped(message)
        assert pilot.app.screen is dialog  # still open, nothing written
        await pilot.press("escape")
        assert pilot.app.screen is reader(pilot)


async def test_an_existing_file_is_replaced_only_after_confirming(
    app: SourcedeskApp, tmp_path: Path
) -> None:
    target = tmp_path / "kept.json"
    target.write_text("precious")
    async with app.run_test(size=SIZE) as pilot:
        await open_source(pilot, APOLOGY_SOURCE)
        dialog = await export_dialog(pilot, 2, target)
        await pilot.press("enter")
        await pilot.pause()
        assert "exists:pressExportagain" in unwrapped(dialog.query_one("#export-message"))
        assert target.read_text() == "precious"
        await pilot.click("#export-write")
        await settle(pilot)
        assert isinstance(json.loads(target.read_text()), list)


async def test_format_choice_follows_into_the_file_name(app: SourcedeskApp, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_source(pilot, APOLOGY_SOURCE)
        dialog = await export_dialog(pilot, 0, tmp_path / "draft.md")
        await pilot.press("shift+tab", "right", "enter")
        assert dialog.query_one("#export-path", Input).value == str(tmp_path / "draft.csv")


async def test_a_statements_versions_export_from_the_versions_screen(
    app: SourcedeskApp, tmp_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_source(pilot, APOLOGY_SOURCE)
        quotes = reader(pilot).query_one(QuotesList)
        clustered = next(i for i, q in enumerate(quotes.items) if "deeply sorry" in q.text)
        quotes.focus()
        quotes.highlighted = clustered
        await pilot.press("v")
        await settle(pilot)
        versions = pilot.app.screen
        assert isinstance(versions, VersionsScreen)
        target = tmp_path / "apology.json"
        dialog = await export_dialog(pilot, 2, target)
        assert "versions of this statement" in shown(dialog.query_one("#export-title"))
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is versions
        records = json.loads(target.read_text())
        assert len(records) == len(versions.cluster.versions)
        assert {r["source"][:3] for r in records} == {"001", "002", "003"}
