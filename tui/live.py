"""A live corpus: files added, changed or removed while the app is open are indexed.

Researchers keep saving articles into the corpus folder while they read. A
hidden `CorpusWatcher` widget watches the folder with watchfiles in a thread
worker, waits for a quiet moment (so a burst of saves is one update), runs the
incremental `Corpus.update()` there, and posts `CorpusChanged` saying what
changed; the app refreshes its panes from that message. The index folder, when
it lies inside the corpus, and hidden files are ignored so that indexing never
triggers itself.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.widget import Widget
from watchfiles import Change, DefaultFilter, watch

from index import UpdateReport

if TYPE_CHECKING:
    from index import Corpus

QUIET_MS = 400
"""How long the folder must stay quiet before an update runs."""
LONGEST_WAIT_MS = 2000
"""The most a stream of changes is held back before an update runs anyway."""
NAMES_SHOWN = 3


@dataclass(frozen=True, slots=True)
class CorpusDelta:
    """Which source files (relative POSIX paths) an update added, changed or removed."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    skipped: tuple[str, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.skipped)


def describe_delta(delta: CorpusDelta, report: UpdateReport | None = None) -> str:
    """One line for a notice, e.g. "1 article added: x.txt"."""

    def names(paths: tuple[str, ...]) -> str:
        shown = ", ".join(paths[:NAMES_SHOWN])
        more = len(paths) - NAMES_SHOWN
        return shown + (f" and {more} more" if more > 0 else "")

    rows = (
        ("added", delta.added, report.added if report else 0),
        ("changed", delta.changed, report.changed if report else 0),
        ("removed", delta.removed, report.removed if report else 0),
    )
    parts = []
    for verb, paths, reported in rows:
        count = reported or len(paths)
        if count:
            noun = "article" if count == 1 else "articles"
            parts.append(f"{count} {noun} {verb}" + (f": {names(paths)}" if paths else ""))
    if delta.skipped:
        parts.append(f"skipped: {names(delta.skipped)}")
    return "; ".join(parts) or "the corpus is unchanged"


class CorpusFilter(DefaultFilter):
    """watchfiles' usual ignores, plus hidden names and the index folder."""

    def __init__(self, root: Path, index_dir: Path | None) -> None:
        ignore = [str(index_dir)] if index_dir is not None else []
        super().__init__(ignore_paths=ignore)
        self.root = root

    def __call__(self, change: Change, path: str) -> bool:
        try:
            parts = Path(path).relative_to(self.root).parts
        except ValueError:
            return False
        if any(part.startswith(".") for part in parts):
            return False
        return super().__call__(change, path)


def relative_paths(root: Path, changes: Iterable[tuple[Change, str]]) -> set[str]:
    """The changed paths as the index names them: POSIX, relative to the corpus root."""
    paths = set()
    for _, path in changes:
        try:
            paths.add(Path(path).relative_to(root).as_posix())
        except ValueError:
            continue
    return paths


def indexed_paths(corpus: Corpus) -> set[str]:
    """The source files the index holds now (one entry per .jsonl file)."""
    return {info.path for info in corpus.articles()}


def compare_paths(
    before: set[str], after: set[str], touched: set[str], report: UpdateReport
) -> CorpusDelta:
    """Name what an update did from the indexed files before and after it."""
    skipped = {s.path.split(":")[0] for s in report.skipped} & touched
    return CorpusDelta(
        added=tuple(sorted(after - before)),
        changed=tuple(sorted((touched & before & after) if report.changed else set())),
        removed=tuple(sorted(before - after)),
        skipped=tuple(sorted(skipped - after)),
    )


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
        if self.error:
            return self.error
        return describe_delta(self.delta, self.report)


class CorpusWatcher(Widget):
    """Invisible: mount it once; it watches `corpus.root` until it is unmounted."""

    DEFAULT_CSS = "CorpusWatcher { display: none; }"

    def __init__(self, corpus: Corpus, *, quiet_ms: int = QUIET_MS) -> None:
        super().__init__()
        self.corpus = corpus
        self.quiet_ms = quiet_ms
        self.stopping = threading.Event()

    def on_mount(self) -> None:
        self.watch_folder()

    def on_unmount(self) -> None:
        self.stopping.set()

    @work(thread=True, exclusive=True, group="live-corpus", exit_on_error=False)
    def watch_folder(self) -> None:
        """Block on filesystem events in a thread; update the index after each burst."""
        root = Path(self.corpus.root).resolve()
        index_dir = Path(self.corpus.index_dir).resolve()
        try:
            before = indexed_paths(self.corpus)
            for changes in watch(
                root,
                watch_filter=CorpusFilter(root, index_dir),
                debounce=LONGEST_WAIT_MS,
                step=self.quiet_ms,
                stop_event=self.stopping,
                raise_interrupt=False,
                ignore_permission_denied=True,
            ):
                before = self.apply(root, changes, before)
        except Exception as error:  # a vanished folder, an inotify limit: say so, stay up
            message = f"Stopped watching {root} for changes: {error or type(error).__name__}"
            self.post_message(CorpusChanged(CorpusDelta(), error=message))

    def apply(self, root: Path, changes: set[tuple[Change, str]], before: set[str]) -> set[str]:
        """Update the index for one burst of changes; returns the indexed paths after it."""
        if self.stopping.is_set() or not self.corpus.needs_update():
            return before
        try:
            report = self.corpus.update()
            after = indexed_paths(self.corpus)
        except Exception as error:  # the index is locked or damaged: report, keep watching
            self.post_message(
                CorpusChanged(CorpusDelta(), error=f"The index could not be updated: {error}")
            )
            return before
        delta = compare_paths(before, after, relative_paths(root, changes), report)
        if delta or report.added or report.changed or report.removed:
            self.post_message(CorpusChanged(delta, report))
        return after
