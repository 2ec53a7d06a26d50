"""Export from the app: each format written and read back, bad paths, a cluster's versions."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, RadioSet

from index import Quote
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
    sources = reader(pilot).sources
    sources.focus()
    paths = [row.path for row in sources.items]
    await pilot.press(
        "home", *["down"] * next(i for i, p in enumerate(paths) if p.startswith(prefix))
    )
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


def read_back(path: Path, in_view: list[Quote], title: str) -> None:
    """The file holds exactly the quotations in view, as its format reads back."""
    written = path.read_text(encoding="utf-8")
    if path.suffix == ".csv":
        rows = list(csv.DictReader(written.splitlines()))
        assert [r["text"] for r in rows] == [q.text for q in in_view]
        assert {r["source"] for r in rows} == {q.path for q in in_view}
    elif path.suffix == ".json":
        records = json.loads(written)
        assert [r["text"] for r in records] == [q.text for q in in_view]
        assert [r["speaker"] for r in records] == [q.speaker for q in in_view]
    else:  # citation-ready Markdown: the words as a block quote, then who and where
        netflix = next(q for q in in_view if q.speaker == "Netflix")
        assert f"> “{netflix.text.splitlines()[0]}" in written
        assert "— Netflix" in written
        assert written.replace("\\", "").count(f"*{title}*") == len(in_view)


async def test_each_format_is_written_and_reads_back(app: SourcedeskApp, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_source(pilot, APOLOGY_SOURCE)
        in_view = list(reader(pilot).query_one(QuotesList).items)
        assert in_view
        title = reader(pilot).infos[in_view[0].article_id].title
        for fmt_index, suffix in enumerate((".md", ".csv", ".json")):
            target = tmp_path / f"quotes{suffix}"
            await export_dialog(pilot, fmt_index, target)
            await pilot.press("enter")
            await pilot.pause()
            assert pilot.app.screen is reader(pilot)
            notice = [n.message for n in pilot.app._notifications][-1]
            assert f"Wrote {len(in_view)} quotations to {target}" in notice
            read_back(target, in_view, title)


async def test_the_dialog_explains_bad_paths_and_confirms_replacing(
    app: SourcedeskApp, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    async with app.run_test(size=SIZE) as pilot:
        await open_source(pilot, APOLOGY_SOURCE)
        dialog = await export_dialog(pilot, 1, tmp_path / "missing" / "q.csv")
        message = dialog.query_one("#export-message")
        box = dialog.query_one("#export-path", Input)
        for path, explained in [
            (tmp_path / "missing" / "q.csv", f"Thefolder{tmp_path / 'missing'}doesnotexist."),
            (blocker / "q.csv", f"{blocker}isafile,notafolder."),
            (tmp_path, f"{tmp_path}isafolder:addafilename."),
            (blocker, "exists:pressExportagaintoreplaceit."),
        ]:
            box.value = str(path)
            await pilot.press("enter")
            await pilot.pause()
            assert explained in unwrapped(message)
            assert pilot.app.screen is dialog  # still open
        assert blocker.read_text() == "not a folder"
        await pilot.click("#export-write")  # the second press replaces it
        await pilot.pause()
        assert blocker.read_text().startswith("source,start,end,text")
        await export_dialog(pilot, 0, tmp_path / "draft.md")
        await pilot.press("shift+tab", "right", "enter")  # CSV: the suffix follows
        assert pilot.app.screen.query_one("#export-path", Input).value == str(
            tmp_path / "draft.csv"
        )
        await pilot.press("escape")
        assert pilot.app.screen is reader(pilot)
        assert not (tmp_path / "missing").exists()


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
        await pilot.pause()
        assert pilot.app.screen is versions
        records = json.loads(target.read_text())
        assert len(records) == len(versions.cluster.versions)
        assert {r["source"][:3] for r in records} == {"001", "002", "003"}


async def test_a_statements_versions_in_markdown_keep_the_differing_words_in_bold(
    app: SourcedeskApp, tmp_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_source(pilot, APOLOGY_SOURCE)
        quotes = reader(pilot).query_one(QuotesList)
        quotes.focus()
        quotes.highlighted = next(i for i, q in enumerate(quotes.items) if "deeply sorry" in q.text)
        await pilot.press("v")
        await settle(pilot)
        target = tmp_path / "apology.md"
        await export_dialog(pilot, 0, target)
        await pilot.press("enter")
        await pilot.pause()
        written = target.read_text(encoding="utf-8")
        bold = re.findall(r"\*\*([^*]+)\*\*", written)
        assert any("award" in run for run in bold), written
        assert any("premiered" in run for run in bold), written
