"""The reader app facing hostile corpora: literal text, no escape leaks, live files gone bad.

The app runs headless under Pilot on real files. What it would write to the
terminal is rebuilt exactly as Textual's driver builds it (the compositor's
update rendered by a truecolor console), so an escape sequence smuggled in an
article, a title or a file name would show up byte for byte.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot

from tests.tui.helpers import flat, list_texts, reader, search, settle
from tests.waiting import app_wait_until
from tui.app import SourcedeskApp
from tui.widgets import ArticleView

from .helpers import BINARY, LiveCorpus, write_file
from .hostile import (
    CLIPBOARD,
    CONTROL,
    QUOTE_WORDS,
    SHARED,
    missing_literals,
    squeeze,
    write_hostile_corpus,
)

SIZE = (160, 45)
# What Textual itself writes: colours/styles and cursor positioning.
TEXTUAL_SEQUENCES = re.compile(r"\x1b\[[0-9;:]*m|\x1b\[\d+;\d+H")
LIVE_NAME = f"\x1b]52;c;{CLIPBOARD}\x07\x1b[2Jlate.txt"


def terminal_bytes(app: SourcedeskApp) -> str:
    """The exact sequence Textual's driver would write to redraw the whole screen."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
        safe_box=False,
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return update.render_segments(console)


def assert_no_leak(app: SourcedeskApp, moment: str) -> None:
    output = terminal_bytes(app)
    rest = TEXTUAL_SEQUENCES.sub("", output)
    if "\x1b" in rest:
        at = rest.index("\x1b")
        pytest.fail(f"{moment}: escape sequence reached the terminal: {rest[at : at + 40]!r}")
    leaked = CONTROL.findall(rest.replace("\r", ""))
    assert not leaked, f"{moment}: control characters reached the terminal: {leaked}"


async def wait_until(pilot: Pilot, ready: Callable[[], object], what: str) -> None:
    """Let the app run until `ready()` holds (failing loudly after a generous wait), then settle."""
    await app_wait_until(pilot, ready, what)
    await settle(pilot)


def notices(app: SourcedeskApp) -> list[str]:
    """The notices on screen now (each leaves after a few seconds)."""
    return [str(notice.message) for notice in app._notifications]


def noticed(app: SourcedeskApp, word: str) -> bool:
    return any(word in notice for notice in notices(app))


async def test_hostile_articles_are_shown_literally_and_leak_no_escape(tmp_path: Path):
    root = tmp_path / "corpus"
    write_hostile_corpus(root)
    app = SourcedeskApp(root, tmp_path / "index")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: app.corpus is not None, "the corpus to open")
        assert_no_leak(app, "the source list")
        await search(pilot, SHARED)
        assert_no_leak(app, "the search results")
        seen = []
        for article_id in ("markup.txt", "scripts.txt", "escapes.txt", "title.txt"):
            app.open_article(article_id)
            await settle(pilot)
            view = reader(pilot).article_view
            await wait_until(pilot, lambda v=view: SHARED in flat(v), f"{article_id} shown")
            seen.append(flat(view))
            assert_no_leak(app, f"reading {article_id}")
        assert missing_literals("\n".join(seen)) == []
        app.open_article("quote.txt")
        await settle(pilot)
        await wait_until(
            pilot,
            lambda: squeeze(QUOTE_WORDS) in squeeze(" ".join(list_texts(reader(pilot).quotes))),
            "the quotation listed as typed in the Quotes pane",
        )
        assert_no_leak(app, "the Quotes pane with a hostile quotation")
        named = next(i.id for i in app.article_infos() if i.id.startswith("\x1b"))
        app.open_article(named)
        await settle(pilot)
        assert_no_leak(app, "reading the article with a hostile file name")


async def test_live_notices_naming_hostile_files_leak_no_escape(tmp_path: Path):
    corpus = LiveCorpus.generate(tmp_path / "corpus", 67, 3)
    named = f"\x1b]52;c;{CLIPBOARD}\x07 \x1b[2Jnamed.txt"
    corpus.write(named)
    app = SourcedeskApp(corpus.root, tmp_path / "index")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await show_article(pilot, corpus, named)
        assert_no_leak(app, "reading the article with a hostile file name")
        corpus.delete(named)  # removed while shown
        await wait_until(pilot, lambda: noticed(app, "removed"), "a notice of the removal")
        assert_no_leak(app, "the open article with a hostile name removed")
        write_file(corpus.root, LIVE_NAME, f"Late arrival {SHARED}\n\nA {SHARED} story.\n")
        write_file(corpus.root, LIVE_NAME.replace("late", "blob"), BINARY)
        await wait_until(pilot, lambda: noticed(app, "added"), "a notice of the new files")
        await wait_until(
            pilot,
            lambda: "added" in TEXTUAL_SEQUENCES.sub("", terminal_bytes(app)),
            "the notice of the new files drawn on screen",
        )
        assert_no_leak(app, "the notices naming files with hostile names")


async def test_file_name_that_is_not_utf8_does_not_stop_live_updates(tmp_path: Path):
    corpus = LiveCorpus.generate(tmp_path / "corpus", 68, 3)
    app = SourcedeskApp(corpus.root, tmp_path / "index")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: app.corpus is not None, "the corpus to open")
        write_file(corpus.root, b"caf\xe9 latin1.txt", f"Saved page {SHARED}\n\nText.\n")
        await wait_until(
            pilot,
            lambda: "caf\udce9 latin1.txt" in [info.id for info in app.article_infos()],
            "the badly named file to be listed (the watcher has seen it)",
        )
        corpus.write("after.txt")  # saved later: must still be picked up
        await wait_until(
            pilot,
            lambda: "after.txt" in [info.id for info in app.article_infos()],
            "the file saved after the badly named one to be listed",
        )
        assert not noticed(app, "Stopped watching"), notices(app)


def replace_with_directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


def replace_with_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


async def show_article(pilot: Pilot, corpus: LiveCorpus, rel: str) -> ArticleView:
    """Wait for the corpus to open, open `rel` and wait until its text is on screen."""
    app = pilot.app
    await settle(pilot)
    await wait_until(pilot, lambda: app.corpus is not None, "the corpus to open")
    app.open_article(rel)
    view = reader(pilot).article_view
    await wait_until(pilot, lambda: corpus.markers[rel] in flat(view), f"{rel} shown")
    return view


BREAKAGES: dict[str, Callable[[Path], None]] = {
    "emptied": lambda path: path.write_bytes(b""),
    "binary": lambda path: path.write_bytes(BINARY),
    "directory": replace_with_directory,
    "fifo": replace_with_fifo,
}


# One breakage in `make test`; the others, which take the same path, only in test-all.
@pytest.mark.parametrize(
    "breakage",
    [
        name if name == "emptied" else pytest.param(name, marks=pytest.mark.slow)
        for name in BREAKAGES
    ],
)
async def test_open_source_going_bad_is_announced_and_closed(tmp_path: Path, breakage: str):
    corpus = LiveCorpus.generate(tmp_path / "corpus", 65, 3)
    shown_rel, other_rel = sorted(corpus.texts)[:2]
    app = SourcedeskApp(corpus.root, tmp_path / "index")
    async with app.run_test(size=SIZE) as pilot:
        view = await show_article(pilot, corpus, shown_rel)
        marker = corpus.markers[shown_rel]
        BREAKAGES[breakage](corpus.root / shown_rel)
        name = Path(shown_rel).name
        await wait_until(
            pilot,
            lambda: any(name in notice for notice in notices(app)),
            f"a notice naming {name}",
        )
        await wait_until(pilot, lambda: marker not in flat(view), "the stale text closed")
        await search(pilot, corpus.markers[other_rel])
        listed = [row.path for row in reader(pilot).sources.items]
        assert listed == [other_rel], "the app stopped answering after the file went bad"


@pytest.mark.slow  # a burst of 25 saves, then the watcher's debounced updates
async def test_open_source_rewritten_many_times_shows_the_last_version(tmp_path: Path):
    corpus = LiveCorpus.generate(tmp_path / "corpus", 66, 3)
    rel = sorted(corpus.texts)[0]
    app = SourcedeskApp(corpus.root, tmp_path / "index")
    async with app.run_test(size=SIZE) as pilot:
        view = await show_article(pilot, corpus, rel)
        # A scraper saving the same page over and over, each save whole. (Saved in place,
        # an update can catch the file empty: the app then closes the article as gone
        # and does not reopen it when the text is back; a separate defect.)
        for _ in range(25):
            corpus.write(rel, atomic=True)
            await pilot.pause(0.02)  # saves a few clock ticks apart, so each has its own mtime
        final = corpus.texts[rel].split("revision ", 1)[1].split(",", 1)[0]

        def shows_last_version() -> bool:
            article = reader(pilot).article
            return article is not None and article.text == corpus.texts[rel]

        await wait_until(pilot, shows_last_version, "the last version")
        assert f"revision {final}," in flat(view), flat(view)[:500]


async def test_missing_corpus_folder_is_explained_on_screen(tmp_path: Path):
    app = SourcedeskApp(tmp_path / "nowhere", tmp_path / "index")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(
            pilot,
            lambda: "no such folder" in TEXTUAL_SEQUENCES.sub("", terminal_bytes(app)),
            "a message saying the folder does not exist",
        )
        assert app.is_running
    assert not (tmp_path / "nowhere").exists()
