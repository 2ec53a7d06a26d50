"""A live corpus: files added, changed or removed while the app is open are indexed.

Researchers keep saving articles into the corpus folder while they read. A
hidden `CorpusWatcher` widget watches the folder with watchfiles in a background
thread, waits for a quiet moment (so a burst of saves is one update), runs the
incremental `Corpus.update()` there, and posts `CorpusChanged` saying what
changed; the app refreshes its panes from that message. Hidden files and the
index folder (when it lies inside the corpus) are ignored, so indexing never
triggers itself. Changes seen before the app has opened the corpus are kept
and applied once it is open.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget
from watchfiles import Change, DefaultFilter, watch

from index import CorpusMissing, IndexUnavailable, UpdateReport

from .literal import one_line

if TYPE_CHECKING:
    from index import Corpus

QUIET_MS = 400
"""How long the folder must stay quiet before an update runs."""
LONGEST_WAIT_MS = 2000
"""The most a stream of changes is held back before an update runs anyway."""
RECHECK_MS = 500
"""How often pending changes are retried while the corpus is opening or locked."""
MAX_RETRY_PAUSE = 10.0
"""Seconds between attempts at most when watching keeps failing."""
NAMES_SHOWN = 3


@dataclass(frozen=True, slots=True)
class CorpusDelta:
    """Which source files (relative POSIX paths) an update added, changed or removed,
    and how many articles came and went (a .jsonl file holds many; a file that
    could not be read holds none)."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    articles_added: int = 0
    articles_removed: int = 0

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.skipped)


def describe_delta(delta: CorpusDelta, report: UpdateReport | None = None) -> str:
    """One line for a notice, e.g. "1 article added: x.txt"."""

    def names(paths: tuple[str, ...]) -> str:
        shown = ", ".join(one_line(path, 120) for path in paths[:NAMES_SHOWN])
        more = len(paths) - NAMES_SHOWN
        return shown + (f" and {more} more" if more > 0 else "")

    rows = (
        ("added", delta.added, delta.articles_added),
        ("changed", delta.changed, report.changed if report else 0),
        ("removed", delta.removed, delta.articles_removed),
    )
    parts = []
    for verb, paths, reported in rows:
        count = reported or len(paths)
        if count:
            noun = "article" if count == 1 else "articles"
            parts.append(f"{count} {noun} {verb}" + (f": {names(paths)}" if paths else ""))
    if delta.skipped:
        parts.append(f"not indexed: {names(delta.skipped)}")
    return "; ".join(parts) or "the corpus is unchanged"


def compare_indexed(
    before: dict[str, str], after: dict[str, str], touched: set[str], report: UpdateReport
) -> CorpusDelta:
    """Name what an update did from the indexed articles (id -> file) before and after.

    The counts are of articles, from the index itself: the update's report counts
    files read, unreadable ones included.
    """
    skipped = {s.path.split(":")[0] for s in report.skipped} & touched
    files_before, files_after = set(before.values()), set(after.values())
    return CorpusDelta(
        added=tuple(sorted(files_after - files_before)),
        changed=tuple(sorted(touched & files_before & files_after)) if report.changed else (),
        removed=tuple(sorted(files_before - files_after)),
        skipped=tuple(sorted(skipped - files_after)),
        articles_added=len(after.keys() - before.keys()),
        articles_removed=len(before.keys() - after.keys()),
    )


def indexed_articles(corpus: Corpus) -> dict[str, str]:
    """Every article the index holds: its id and the file it came from."""
    return {info.id: info.path for info in corpus.articles()}


def relative_paths(root: Path, changes: Iterable[tuple[Change, str]]) -> set[str]:
    """The changed paths as the index names them: POSIX, relative to the corpus root."""
    paths = set()
    for _, path in changes:
        try:
            paths.add(Path(path).relative_to(root).as_posix())
        except ValueError:
            continue
    return paths


class CorpusFilter(DefaultFilter):
    """watchfiles' usual ignores (editor swap files, .git), hidden names, the index folder."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root
        self.index_dir: Path | None = None

    def __call__(self, change: Change, path: str) -> bool:
        candidate = Path(path)
        if self.index_dir is not None and candidate.is_relative_to(self.index_dir):
            return False
        try:
            parts = candidate.relative_to(self.root).parts
        except ValueError:
            return False
        if any(part.startswith(".") for part in parts):
            return False
        return super().__call__(change, path)


class CorpusChanged(Message):
    """The corpus folder changed and the index was updated (or could not be)."""

    def __init__(
        self,
        delta: CorpusDelta,
        report: UpdateReport | None = None,
        error: str | None = None,
    ) -> None:
        super().__init__()
        self.delta = delta
        self.report = report
        self.error = error

    @property
    def summary(self) -> str:
        """What a notice says: what changed, or why the update failed."""
        return self.error or describe_delta(self.delta, self.report)


class CorpusWatcher(Widget):
    """Invisible; watches `root` from mount to unmount.

    `corpus` returns the open corpus (None while the app is still opening it).
    """

    DEFAULT_CSS = "CorpusWatcher { display: none; }"

    def __init__(
        self,
        root: Path,
        corpus: Callable[[], Corpus | None],
        *,
        quiet_ms: int = QUIET_MS,
    ) -> None:
        super().__init__()
        self.root = Path(root).expanduser().resolve()
        self.corpus = corpus
        self.quiet_ms = quiet_ms
        self.stopping = threading.Event()
        self.pending: set[str] = set()

    def on_mount(self) -> None:
        # A plain daemon thread rather than a Textual worker: it runs for the app's
        # whole life, and `workers.wait_for_complete()` must not wait for it.
        threading.Thread(target=self.watch_folder, name="sourcedesk-live", daemon=True).start()

    def on_unmount(self) -> None:
        self.stopping.set()

    def watch_folder(self) -> None:
        """Watch until the app closes. A failed watch (watchfiles cannot decode a file
        name that is not UTF-8, an inotify limit) is followed by a full check of the
        folder and a new watch after a growing pause, so one odd name never ends live
        updates; only a corpus folder that is gone stops them, with a notice."""
        watch_filter = CorpusFilter(self.root)
        pause = RECHECK_MS / 1000
        while not self.stopping.is_set():
            started = time.monotonic()
            try:
                self.watch_once(watch_filter)
                return
            except Exception as error:
                reason = one_line(str(error) or type(error).__name__, 200)
            if self.stopping.is_set():
                return
            if not self.root.is_dir():
                message = f"Stopped watching {one_line(str(self.root))} for changes: {reason}"
                self.post_message(CorpusChanged(CorpusDelta(), error=message))
                return
            # What changed is unknown: the update's own scan finds it. It runs at the new
            # watch's first quiet moment, so a change made during the pause is not lost.
            self.pending.add(".")
            ran_a_while = time.monotonic() - started > MAX_RETRY_PAUSE
            pause = RECHECK_MS / 1000 if ran_a_while else min(pause * 2, MAX_RETRY_PAUSE)
            self.stopping.wait(pause)

    def watch_once(self, watch_filter: CorpusFilter) -> None:
        """Block on filesystem events; update the index after each burst of them."""
        for changes in watch(
            self.root,
            watch_filter=watch_filter,
            debounce=LONGEST_WAIT_MS,
            step=self.quiet_ms,
            stop_event=self.stopping,
            rust_timeout=RECHECK_MS,
            yield_on_timeout=True,
            raise_interrupt=False,
            ignore_permission_denied=True,
        ):
            if self.stopping.is_set():
                return
            self.pending |= relative_paths(self.root, changes)
            corpus = self.corpus()
            if corpus is not None:
                watch_filter.index_dir = Path(corpus.index_dir).resolve()
                if self.pending:
                    self.apply(corpus)

    def apply(self, corpus: Corpus) -> None:
        """Update the index for the pending changes and post what it did."""
        # The paths watchfiles named: only they are stat'ed ("." after a failed watch: all).
        changed = None if "." in self.pending else set(self.pending)
        try:
            if not corpus.needs_update(changed):
                self.pending.clear()
                return
            before = indexed_articles(corpus)
            report = corpus.update(changed=changed)
            after = indexed_articles(corpus)
        except IndexUnavailable as error:
            if not isinstance(error, CorpusMissing):
                return  # another writer holds the index: keep the changes, retry shortly
            self.pending.clear()  # the folder itself is gone: say so; the index keeps its articles
            message = f"The index could not be updated: {one_line(str(error), 200)}"
            self.post_message(CorpusChanged(CorpusDelta(), error=message))
            return
        except Exception as error:  # a damaged index: report, keep going
            self.pending.clear()
            message = f"The index could not be updated: {one_line(str(error), 200)}"
            self.post_message(CorpusChanged(CorpusDelta(), error=message))
            return
        delta = compare_indexed(before, after, self.pending, report)
        self.pending.clear()
        if delta or report.added or report.changed or report.removed:
            self.post_message(CorpusChanged(delta, report))
