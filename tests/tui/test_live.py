"""A live corpus: files added, changed and removed while the app runs are picked up."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from index import UpdateReport
from tui.app import SourcedeskApp
from tui.live import CorpusDelta, describe_delta

from .helpers import SEEDS, reader, settle, shown

SIZE = (160, 45)
WAIT = 20.0  # seconds; the watcher waits ~0.4 s of quiet, then indexes in a thread

NEW_ARTICLE = (
    "Council approves new cycle lanes after long debate\n\n"
    "The city council voted 7-2 on Tuesday to build protected cycle lanes on the high street.\n\n"
    "“This is about safety for everyone who uses the road,” said councillor Amira Haddad, "
    "who proposed the plan.\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the seeds the test may add to, edit and delete from."""
    return Path(shutil.copytree(SEEDS, tmp_path / "corpus"))


@pytest.fixture
def live_app(corpus: Path, tmp_path: Path) -> SourcedeskApp:
    return SourcedeskApp(corpus, tmp_path / "index")


async def wait_until(pilot: Pilot, ready: Callable[[], bool], what: str) -> None:
    """Let the app run until `ready()` holds; fail after `WAIT` seconds saying `what`."""
    deadline = time.monotonic() + WAIT
    while not ready():
        if time.monotonic() > deadline:
            pytest.fail(f"after {WAIT:.0f} s still waiting for: {what}")
        await pilot.pause(0.1)
    await settle(pilot)


def listed_paths(pilot: Pilot) -> list[str]:
    return [row.path for row in reader(pilot).sources.items]


def notices(pilot: Pilot) -> list[str]:
    return [str(n.message) for n in pilot.app._notifications]


async def test_a_file_added_to_the_corpus_appears_in_the_running_app(
    live_app: SourcedeskApp, corpus: Path
) -> None:
    async with live_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: len(listed_paths(pilot)) == 5, "the five seeds")
        (corpus / "005_cycle_lanes.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        await wait_until(
            pilot, lambda: "005_cycle_lanes.txt" in listed_paths(pilot), "the new article listed"
        )
        assert reader(pilot).query_one("#articles-pane").border_title == "Articles 6"
        assert "1 article added: 005_cycle_lanes.txt" in notices(pilot)
        # And it is searchable at once.
        await pilot.press("slash", *"haddad")
        await wait_until(pilot, lambda: listed_paths(pilot) == ["005_cycle_lanes.txt"], "a hit")


async def test_the_open_article_is_refreshed_in_place_then_closed_when_removed(
    live_app: SourcedeskApp, corpus: Path
) -> None:
    source = sorted(corpus.glob("001_*.txt"))[0]
    async with live_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(pilot)
        await wait_until(pilot, lambda: len(listed_paths(pilot)) == 5, "the five seeds")
        screen.sources.focus()
        await pilot.press("home", "down", "enter")
        await settle(pilot)
        view = screen.article_view
        assert view.border_subtitle == source.name
        view.scroll_to(0, 6, animate=False, immediate=True)
        await pilot.pause()
        with source.open("a", encoding="utf-8") as file:
            file.write("\n\nEditor's note: this story was updated on Friday.\n")
        await wait_until(
            pilot,
            lambda: screen.article is not None and "Editor's note" in screen.article.text,
            "the changed text in the open article",
        )
        assert f"1 article changed: {source.name}" in notices(pilot)
        assert view.border_subtitle == source.name
        assert round(view.scroll_offset.y) == 6  # the reader's place is kept
        source.unlink()
        await wait_until(
            pilot, lambda: source.name not in listed_paths(pilot), "the removed article unlisted"
        )
        assert f"1 article removed: {source.name}" in notices(pilot)
        assert f"{source.name} was removed from the corpus." in shown(view)


async def test_hidden_files_and_an_index_inside_the_corpus_trigger_nothing(
    corpus: Path,
) -> None:
    app = SourcedeskApp(corpus, corpus / "index")  # the index lives inside the corpus
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: len(listed_paths(pilot)) == 5, "the five seeds")
        (corpus / ".draft.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        (corpus / "notes.txt~").write_text(NEW_ARTICLE, encoding="utf-8")
        # Proof that the watcher has dealt with those: a visible file saved after them.
        (corpus / "005_marker.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        await wait_until(
            pilot, lambda: "005_marker.txt" in listed_paths(pilot), "the visible file listed"
        )
        assert [n for n in notices(pilot) if "article" in n] == ["1 article added: 005_marker.txt"]
        assert len(listed_paths(pilot)) == 6


def test_the_notice_names_what_changed() -> None:
    one = CorpusDelta(added=("x.txt",), articles_added=1)
    assert describe_delta(one, UpdateReport(added=1)) == "1 article added: x.txt"
    many = CorpusDelta(
        added=("a.txt", "b.txt", "c.txt", "d.txt"),
        removed=("old.txt",),
        articles_added=4,
        articles_removed=1,
    )
    assert describe_delta(many, UpdateReport(added=4, removed=1)) == (
        "4 articles added: a.txt, b.txt, c.txt and 1 more; 1 article removed: old.txt"
    )
    lines = CorpusDelta(added=("feed.jsonl",), articles_added=12)
    assert describe_delta(lines, UpdateReport(added=1)) == "12 articles added: feed.jsonl"
    bad = CorpusDelta(skipped=("blob.txt",))
    assert describe_delta(bad, UpdateReport()) == "not indexed: blob.txt"


async def test_a_feed_and_two_unreadable_files_count_the_articles_indexed(
    live_app: SourcedeskApp, corpus: Path
) -> None:
    async with live_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: len(listed_paths(pilot)) == 5, "the five seeds")
        feed = "".join(
            json.dumps({"title": title, "text": NEW_ARTICLE}) + "\n"
            for title in ("Cycle lanes approved", "Cycle lanes: the vote")
        )
        (corpus / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
        (corpus / "empty.txt").write_text("", encoding="utf-8")
        (corpus / "feed.jsonl").write_text(feed, encoding="utf-8")
        await wait_until(
            pilot, lambda: len(listed_paths(pilot)) == 7, "the feed's two articles listed"
        )
        assert reader(pilot).query_one("#articles-pane").border_title == "Articles 7"
        await wait_until(
            pilot,
            lambda: any(n.startswith("2 articles added: feed.jsonl") for n in notices(pilot)),
            "a notice of 2 articles added",
        )
        assert not [n for n in notices(pilot) if "3 articles" in n]


async def test_back_to_a_removed_article_says_it_was_removed(
    live_app: SourcedeskApp, corpus: Path
) -> None:
    first, second = sorted(corpus.glob("00[01]_*.txt"))
    async with live_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(pilot)
        await wait_until(pilot, lambda: len(listed_paths(pilot)) == 5, "the five seeds")
        screen.sources.focus()
        await pilot.press("home", "enter", "down", "enter")  # read the first, then the second
        await settle(pilot)
        assert screen.article_view.border_subtitle == second.name
        first.unlink()
        await wait_until(
            pilot, lambda: first.name not in listed_paths(pilot), "the removed article unlisted"
        )
        await pilot.press("b")
        await wait_until(
            pilot,
            lambda: any("was removed from the corpus" in n for n in notices(pilot)),
            "a notice that the article was removed",
        )
        assert not [n for n in pilot.app._notifications if n.severity == "error"]
