"""The sourcedesk app: opens (and if needed indexes) a corpus, then shows the reader.

`run_app(corpus_path, index_dir)` is what `sourcedesk [CORPUS]` calls. Opening runs
in a thread worker so the window appears at once; when the index needs building,
the status line shows its progress, reported from the worker via `call_from_thread`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widgets import Input

from index import (
    ArticleInfo,
    Corpus,
    IndexUnavailable,
    Progress,
    Quote,
    Speaker,
    UpdateReport,
    describe_skipped,
    open_corpus,
)

from .background import DaemonThreads
from .commands import ArticleProvider, SpeakerProvider
from .history import Location
from .literal import one_line
from .live import CorpusChanged, CorpusWatcher
from .screens.coverage import CoverageScreen, JumpToQuote
from .screens.export import ExportScreen
from .screens.reader import ReaderScreen
from .screens.speakers import FilterSpeaker, SpeakersScreen
from .screens.versions import VersionsScreen
from .widgets import IndexStatus

PROGRESS_INTERVAL = 0.1
IDLE_BEFORE_UPDATE = 1.5  # seconds without a search or a jump before checking for changes
SEARCH_FIRST_MAX = 3.0  # seconds the first listing of the sources waits for a first search
LARGE_CORPUS = 2000  # articles: from here the check for changes waits for an idle moment


class SourcedeskApp(App[None]):
    """Search a corpus of news articles, read matches in context, follow quotations."""

    CSS_PATH: ClassVar = ["app.tcss", "compare.tcss"]  # compare.tcss: issue 7 views
    TITLE = "sourcedesk"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "coverage", "Coverage"),
        Binding("s", "speakers", "Speakers"),
        # Priority, so it also reaches the (modal) versions screen; never typed-over text.
        Binding("e", "export", "Export", priority=True),
        Binding("slash", "focus_search", "Search", key_display="/", priority=True),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit", show=False),
    ]

    def __init__(
        self, corpus_path: Path, index_dir: Path | None = None, *, corpus: Corpus | None = None
    ) -> None:
        """`corpus`, when given, is an opened corpus of `corpus_path` to use as it is
        (a test's, or a caller's that opened it already): nothing is indexed first."""
        super().__init__()
        self.corpus_path = Path(corpus_path)
        self.index_dir = Path(index_dir) if index_dir is not None else None
        self.corpus: Corpus | None = None
        self._given = corpus
        self._infos: list[ArticleInfo] = []
        self._last_progress = 0.0
        self._reader = ReaderScreen()

    def get_default_screen(self) -> Screen:
        return self._reader

    @property
    def reader(self) -> ReaderScreen:
        """The main screen (always at the bottom of the screen stack)."""
        return self._reader

    def on_load(self) -> None:
        # Before any worker starts: quitting must not wait for a slow corpus call.
        asyncio.get_running_loop().set_default_executor(DaemonThreads())

    def on_mount(self) -> None:
        self.sub_title = one_line(str(self.corpus_path))
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        """Once the reader is on screen: open the corpus in a worker, watch the folder."""
        self.reader.query_one(IndexStatus).show_message(f"Opening {self.corpus_path}…")
        self._open_corpus()
        # Files saved into the corpus folder while the app is open are picked up.
        self.reader.mount(CorpusWatcher(self.corpus_path, lambda: self.corpus))

    def on_unmount(self) -> None:
        if self.corpus is not None:  # once running searches end; quitting does not wait
            DaemonThreads().submit(self.corpus.close)

    # -- opening the corpus --------------------------------------------------------------

    @work(thread=True, exclusive=True, group="corpus")
    def _open_corpus(self) -> None:
        try:
            try:
                corpus = self._given or open_corpus(self.corpus_path, self.index_dir, update=False)
            except IndexUnavailable:  # no usable index yet: build it, with progress
                corpus = open_corpus(
                    self.corpus_path, self.index_dir, progress=self._progress_from_thread
                )
                self.call_from_thread(self._corpus_opened, corpus)
                self._publish(corpus, corpus.last_report, rerun=False)
                return
            # An existing index is searchable at once; list the sources, then bring the
            # index up to date (files changed while the app was closed).
            self.call_from_thread(self._corpus_opened, corpus)
            self._let_search_go_first()
            self._publish(corpus, None, rerun=False)
            if len(self._infos) >= LARGE_CORPUS:
                self._wait_until_idle()
            if corpus.needs_update():
                report = corpus.update(progress=self._progress_from_thread)
                if report.added or report.changed or report.removed or report.rebuilt:
                    self._publish(corpus, report)
                else:
                    self.call_from_thread(self._show_summary)
        except Exception as error:  # shown to the user instead of a traceback
            message = f"Cannot open {self.corpus_path}: {error}"
            self.call_from_thread(self.reader.corpus_failed, message)

    def _let_search_go_first(self) -> None:
        """Wait (a little) for a search typed during start-up to show its results.

        Listing a large corpus's sources takes a second or two of CPU; run alongside
        the first search it would halve its speed, and the results matter more.
        """
        deadline = time.monotonic() + SEARCH_FIRST_MAX
        reader = self.reader
        while reader.matches.query_text != reader.query_text and time.monotonic() < deadline:
            time.sleep(0.02)

    def _wait_until_idle(self) -> None:
        """Hold back background work while the user is searching and reading.

        The freshness check of a large corpus takes seconds of CPU; run in a thread
        it would share the interpreter with the user's first searches.
        """
        while time.monotonic() - self.reader.last_activity < IDLE_BEFORE_UPDATE:
            time.sleep(0.1)

    def _corpus_opened(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.reader.corpus_opened(corpus)

    def _publish(
        self,
        corpus: Corpus,
        report: UpdateReport | None,
        *,
        rerun: bool = True,
    ) -> None:
        """From a worker: list the sources and hand them to the reader.

        `rerun` searches the query again (the corpus changed since it last ran).
        """
        infos = corpus.articles()
        self.call_from_thread(self._corpus_ready, corpus, infos, report, rerun)

    def _progress_from_thread(self, progress: Progress) -> None:
        now = time.monotonic()
        final = progress.total and progress.done >= progress.total
        if now - self._last_progress >= PROGRESS_INTERVAL or final:
            self._last_progress = now
            self.call_from_thread(self.reader.query_one(IndexStatus).show_progress, progress)

    def _corpus_ready(
        self,
        corpus: Corpus,
        infos: list[ArticleInfo],
        report: UpdateReport | None,
        rerun: bool = True,
    ) -> None:
        self.corpus = corpus
        self._infos = infos
        if report is not None and report.skipped:
            self.notify(describe_skipped(report.skipped), severity="warning", markup=False)
        self.reader.corpus_ready(corpus, infos, self._summary(), rerun=rerun)

    def _summary(self) -> str:
        quotes = sum(info.quotes for info in self._infos)
        return f"{len(self._infos):,} sources · {quotes:,} quotations · {self.corpus_path}"

    def _show_summary(self) -> None:
        self.reader.query_one(IndexStatus).show_message(self._summary())

    # -- what the palette and other screens ask for --------------------------------------

    def article_infos(self) -> list[ArticleInfo]:
        return self._infos

    def corpus_speakers(self) -> Iterable[Speaker]:
        if self.corpus is None:
            return []
        return self.corpus.speakers()

    def open_article(self, article_id: str) -> None:
        self.reader.open_location(Location(article_id))

    def show_speaker(self, name: str) -> None:
        self.reader.show_speaker(name)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if self.corpus is not None:
            yield SystemCommand(
                "Open article…", "Find a source by its title and read it", self._palette_articles
            )
            yield SystemCommand(
                "Jump to speaker…", "List a speaker's quotations", self._palette_speakers
            )
        yield SystemCommand("Change theme", "Pick the colours", self.action_change_theme)
        yield SystemCommand("Help", "All keys and the query syntax", self.action_help)
        if self.corpus is not None:
            yield SystemCommand(
                "Coverage matrix", "Which source carries which statement", self.action_coverage
            )
            yield SystemCommand(
                "Speakers", "Who is quoted, how often, by how many sources", self.action_speakers
            )
            yield SystemCommand(
                "Export quotes…",
                "The quotations in view to Markdown, CSV or JSON",
                self.action_export,
            )
        yield from super().get_system_commands(screen)

    def _palette_articles(self) -> None:
        self.push_screen(CommandPalette(providers=[ArticleProvider], placeholder="Open article…"))

    def _palette_speakers(self) -> None:
        self.push_screen(
            CommandPalette(providers=[SpeakerProvider], placeholder="Jump to speaker…")
        )

    # -- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_search":
            # Only from the reader, and not from a text box: there the box decides, in
            # the order of the keys ("/" inside a query is typed, see QueryInput).
            return self.screen is self.reader and not isinstance(self.focused, Input)
        if action in ("coverage", "speakers"):
            return self.screen is self.reader
        if action == "export":  # from the reader, or a statement's versions
            where = self.screen is self.reader or isinstance(self.screen, VersionsScreen)
            return where and not isinstance(self.focused, Input)
        return super().check_action(action, parameters)

    def action_focus_search(self) -> None:
        self.reader.action_focus_search()

    def action_help(self) -> None:
        if self.screen is self.reader:
            self.reader.action_help()

    # -- the compare views: coverage matrix, speakers, export ---------------------------

    def _open_corpus_or_say(self) -> Corpus | None:
        if self.corpus is None:
            self.notify("The corpus is still opening.", severity="warning")
        return self.corpus

    def action_coverage(self) -> None:
        """`c`: which source carries which statement, in the same or other words."""
        if corpus := self._open_corpus_or_say():
            self.push_screen(CoverageScreen(corpus))

    def action_speakers(self) -> None:
        """`s`: canonical speakers by quotations or sources; enter filters the quotes."""
        if corpus := self._open_corpus_or_say():
            self.push_screen(SpeakersScreen(corpus))

    def action_export(self) -> None:
        """`e`: the quotations in view, or the versions on screen, to a file."""
        titles = {info.id: info.title for info in self.reader.infos.values()}
        if isinstance(self.screen, VersionsScreen):
            cluster = self.screen.cluster
            description = f"the {len(cluster.versions)} versions of this statement"
            self.push_screen(
                ExportScreen((), cluster=cluster, titles=titles, description=description)
            )
            return
        if self.screen is not self.reader:
            return
        quotes: list[Quote] = list(self.reader.quotes.items)
        if not quotes:
            self.notify("No quotations in view to export.", severity="warning")
            return
        where = str(self.reader.query_one("#quotes-pane").border_title or "")
        description = where.removeprefix("Quotes ").replace(" ", " quotations ", 1)
        self.push_screen(ExportScreen(quotes, titles=titles, description=description))

    def on_jump_to_quote(self, message: JumpToQuote) -> None:
        quote = message.quote
        self.reader.open_location(Location(quote.article_id, (quote.start, quote.end), quote.id))

    def on_filter_speaker(self, message: FilterSpeaker) -> None:
        self.reader.show_speaker(message.name)

    # -- the live corpus -----------------------------------------------------------------

    def on_corpus_changed(self, message: CorpusChanged) -> None:
        """A notice, the sources re-listed, the open article kept in place (or closed)."""
        self.notify(
            message.summary,
            title="Corpus" if message.error else "Corpus updated",
            severity="error" if message.error else "information",
            markup=False,
        )
        if message.error or self.corpus is None:
            return
        article = self.reader.article
        removed = article is not None and article.path in message.delta.removed
        if article is not None and article.path in message.delta.changed:
            self.reader.reload_open_article()
        self._relist_sources(self.corpus, article.path if removed and article else None)

    @work(thread=True, group="live-refresh")
    def _relist_sources(self, corpus: Corpus, removed_open: str | None) -> None:
        """Re-list the sources (re-running the query); then close a removed open article."""
        self._publish(corpus, None)
        if removed_open is not None:
            self.call_from_thread(self.reader.close_removed_article, removed_open)


def run_app(corpus_path: Path, index_dir: Path | None) -> None:
    """Open the reader on `corpus_path` (index in `index_dir`, or the default place)."""
    SourcedeskApp(corpus_path, index_dir).run()
