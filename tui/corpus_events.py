"""What the app's opening worker tells the reader about the corpus, as messages.

The worker opens (or builds) the index, lists the sources, brings the index up
to date and checks it; each step is posted to the reader screen, which shows it,
and bubbles on to the app, which keeps the corpus for its palette and views.
Neither calls the other's methods; `post_message` is safe from any thread.
(Changes made while the app is open come as `live.CorpusChanged`.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.message import Message

from index import ArticleInfo, Progress, UpdateReport

if TYPE_CHECKING:
    from index import Corpus


class CorpusOpened(Message):
    """The index is open and searchable; the sources are still being listed."""

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus


class CorpusReady(Message):
    """The sources are listed, first or again after a change.

    `rerun`: the corpus changed since the query last ran, so it runs again.
    `report`: the update that led here, if one ran (its skipped files are named).
    """

    def __init__(
        self,
        corpus: Corpus,
        infos: Sequence[ArticleInfo],
        *,
        report: UpdateReport | None = None,
        rerun: bool = True,
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.infos = infos
        self.report = report
        self.rerun = rerun


class CorpusUpToDate(Message):
    """The check for changes found none: the index as listed is current."""


class CorpusStale(Message):
    """The index could not be brought up to date now (another sourcedesk is indexing,
    the index folder is read-only): the last committed index is shown, and why."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class CorpusDamaged(Message):
    """The background check found index files that do not match their checksums."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__()
        self.problems = tuple(problems)


class CorpusFailed(Message):
    """Opening, or bringing the index up to date, failed: one line saying why."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class IndexProgress(Message):
    """How far the build or update of the index has come."""

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress
