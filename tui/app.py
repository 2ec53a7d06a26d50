"""The sourcedesk app: opens (and if needed indexes) a corpus, then shows the reader.

`run_app(corpus_path, index_dir)` is what `sourcedesk [CORPUS]` calls. Opening runs
in a thread worker so the window appears at once; the worker posts each step
(opened, listed, progress, stale, damaged, failed: see `corpus_events`) to the
reader, which shows it; the messages bubble on to the app, which keeps the corpus.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input

from index import ArticleInfo, IndexUnavailable, Progress, Quote, Speaker, UpdateReport

from . import collector
from .background import DaemonThreads
from .command_table import bindings, help_sections, palette_entries
from .corpus_events import (
    CorpusDamaged,
    CorpusFailed,
    CorpusOpened,
    CorpusReady,
    CorpusStale,
    CorpusUpToDate,
    IndexProgress,
)
from .history import Location
from .literal import one_line
from .screens.reader import ReaderScreen
from .screens.verdict_flow import VerdictFailed

if TYPE_CHECKING:  # the other screens are imported when first opened: a faster first screen
    from index import Corpus  # and the search engine once the first screen is drawn

    from .live import CorpusChanged
    from .screens.coverage import JumpToQuote
    from .screens.speakers import FilterSpeaker

PROGRESS_INTERVAL = 0.1
IDLE_BEFORE_UPDATE = 1.5  # seconds without a search or a jump before checking for changes
SEARCH_FIRST_MAX = 3.0  # seconds the first listing of the sources waits for a first search
LARGE_CORPUS = 2000  # articles: from here the check for changes waits for an idle moment


class SourcedeskApp(App[None]):
    """Search a corpus of news articles, read matches in context, follow quotations."""

    CSS_PATH: ClassVar = ["app.tcss", "compare.tcss"]  # compare.tcss: issue 7 views
    TITLE = "sourcedesk"

    BINDINGS: ClassVar[list[BindingType]] = bindings("SourcedeskApp")  # see command_table

    def __init__(
        self,
        corpus_path: Path,
        index_dir: Path | None = None,
        *,
        corpus: Corpus | None = None,
        follow_links: bool = False,
    ) -> None:
        """`corpus`, when given, is an opened corpus of `corpus_path` to use as it is
        (a test's, or a caller's that opened it already): nothing is indexed first.
        `follow_links` also indexes links leading outside the folder."""
        super().__init__()
        collector.configure()
        self.corpus_path = Path(corpus_path)
        self.index_dir = Path(index_dir) if index_dir is not None else None
        self.follow_links = follow_links
        self.corpus: Corpus | None = None
        self._given = corpus
        self._infos: list[ArticleInfo] = []
        self._last_progress = 0.0
        self._reader = ReaderScreen(self.corpus_path)

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
        from .live import CorpusWatcher

        self._open_corpus()
        # Files saved into the corpus folder while the app is open are picked up.
        self.reader.mount(CorpusWatcher(self.corpus_path, lambda: self.corpus))

    def on_unmount(self) -> None:
        if self.corpus is not None:  # once running searches end; quitting does not wait
            DaemonThreads().submit(self.corpus.close)
        gc.unfreeze()  # what was frozen (on_corpus_ready) can be collected again

    # -- opening the corpus: a worker posts each step to the reader -----------------------

    def _tell(self, message: Message) -> None:
        """Post `message` to the reader (thread-safe); it bubbles on to the app."""
        self.reader.post_message(message)

    @work(thread=True, exclusive=True, group="corpus")
    def _open_corpus(self) -> None:
        from index import open_corpus

        corpus: Corpus | None = None
        try:
            try:
                corpus = self._given or open_corpus(
                    self.corpus_path, self.index_dir, update=False, follow_links=self.follow_links
                )
            except IndexUnavailable:  # no usable index yet: build it, with progress
                corpus = open_corpus(
                    self.corpus_path,
                    self.index_dir,
                    progress=self._progress_from_thread,
                    stale_ok=True,
                    follow_links=self.follow_links,
                )
                self._tell(CorpusOpened(corpus))
                self._publish(corpus, corpus.last_report, rerun=False)
                if corpus.stale:
                    self._tell(CorpusStale(corpus.stale))
                self._verify(corpus)
                self._check_verdicts(corpus)
                return
            # An existing index is searchable at once; list the sources, then bring the
            # index up to date (files changed while the app was closed).
            self._tell(CorpusOpened(corpus))
            self._let_search_go_first()
            if len(self._publish(corpus, None, rerun=False)) >= LARGE_CORPUS:
                self._wait_until_idle()
            self._bring_up_to_date(corpus)
            self._verify(corpus)
            self._check_verdicts(corpus)
        except Exception as error:  # shown to the user instead of a traceback
            # Garbage read from an opened index is damage (the check names the file).
            if corpus is None or not self._verify(corpus):
                self._tell(CorpusFailed(f"Cannot open {self.corpus_path}: {error}"))

    def _bring_up_to_date(self, corpus: Corpus) -> None:
        """Index what changed while the app was closed, without waiting for a writer:
        when another sourcedesk is indexing, or the index cannot be written, the
        last committed index stays in use and the reader says why."""
        from index import CorpusMissing, IndexDamaged

        if not corpus.needs_update():
            return
        try:
            report = corpus.update(progress=self._progress_from_thread, lock_wait=0)
        except (CorpusMissing, IndexDamaged):
            raise
        except IndexUnavailable as why:  # busy, or a read-only or full index folder
            self._tell(CorpusStale(str(why)))
            return
        if report.added or report.changed or report.removed or report.rebuilt:
            self._publish(corpus, report)
        else:
            self._tell(CorpusUpToDate())

    def _verify(self, corpus: Corpus) -> bool:
        """Check every index file against its checksum; damage goes to the status line.
        Whether any was found."""
        try:
            problems = corpus.verify()
        except IndexUnavailable as error:
            problems = [str(error)]
        if problems:
            self._tell(CorpusDamaged(problems))
        return bool(problems)

    def _check_verdicts(self, corpus: Corpus) -> None:
        """A verdicts file that cannot be read: the reader goes on without it (tolerant,
        see `VerdictStore`) and the status line names it; it is never overwritten."""
        from index import VerdictsUnreadable

        try:
            corpus.verdicts.all()
        except VerdictsUnreadable as error:
            self._tell(VerdictFailed(f"Verdicts not shown: {error}"))

    def _let_search_go_first(self) -> None:
        """Wait (a little) for a query typed during start-up to show its results.

        Listing a large corpus's sources takes a second or two of CPU; run alongside
        the first search it would halve its speed, and the results matter more.
        A query still being typed counts too: at 19k the listing (~0.15 s of the
        app's thread) otherwise came between the corpus opening and the search.
        """
        deadline = time.monotonic() + SEARCH_FIRST_MAX
        while self.reader.query_pending and time.monotonic() < deadline:
            time.sleep(0.02)

    def _wait_until_idle(self) -> None:
        """Hold back background work while the user is searching and reading.

        The freshness check of a large corpus takes seconds of CPU; run in a thread
        it would share the interpreter with the user's first searches.
        """
        while time.monotonic() - self.reader.last_activity < IDLE_BEFORE_UPDATE:
            time.sleep(0.1)

    def _publish(
        self, corpus: Corpus, report: UpdateReport | None, *, rerun: bool = True
    ) -> list[ArticleInfo]:
        """From a worker: list the sources and post them to the reader.

        `rerun` searches the query again (the corpus changed since it last ran).
        """
        infos = corpus.articles()
        self._tell(CorpusReady(corpus, infos, report=report, rerun=rerun))
        return infos

    def _progress_from_thread(self, progress: Progress) -> None:
        now = time.monotonic()
        final = progress.total and progress.done >= progress.total
        if now - self._last_progress >= PROGRESS_INTERVAL or final:
            self._last_progress = now
            self._tell(IndexProgress(progress))

    def on_corpus_opened(self, message: CorpusOpened) -> None:
        self.corpus = message.corpus
        self.corpus.verdicts.tolerant = True  # articles are shown whatever the verdicts file

    def on_corpus_ready(self, message: CorpusReady) -> None:
        self.corpus = message.corpus
        self._infos = list(message.infos)
        # What is alive now (the listing, the index's caches) lives as long as the app:
        # left out of the garbage collector's full passes, which at 19k sources took
        # ~150 ms each, now and then in the middle of drawing a search's results.
        gc.freeze()

    # -- what the palette and other screens ask for --------------------------------------

    def article_infos(self) -> list[ArticleInfo]:
        return self._infos

    def corpus_speakers(self) -> Iterable[Speaker]:
        if self.corpus is None:
            return []
        return self.corpus.speakers()

    def open_article(self, article_id: str) -> None:
        self._tell(ReaderScreen.Open(Location(article_id)))

    def show_speaker(self, name: str) -> None:
        self._tell(ReaderScreen.ShowSpeaker(name))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if self.corpus is not None:
            yield SystemCommand(
                "Open article…", "Find a source by its title and read it", self._palette_articles
            )
            yield SystemCommand(
                "Jump to speaker…", "List a speaker's quotations", self._palette_speakers
            )
        yield SystemCommand("Change theme", "Pick the colours", self.action_change_theme)
        # The keys' own commands (command_table), for this screen and the app.
        for command in palette_entries({type(self).__name__, type(screen).__name__}):
            where = self if command.bound_by == type(self).__name__ else screen
            run = getattr(where, f"action_{command.action}")  # palette actions take no parameters
            yield SystemCommand(command.palette, command.explained, run)
        yield from super().get_system_commands(screen)

    def _palette_articles(self) -> None:
        from textual.command import CommandPalette

        from .commands import ArticleProvider

        self.push_screen(CommandPalette(providers=[ArticleProvider], placeholder="Open article…"))

    def _palette_speakers(self) -> None:
        from textual.command import CommandPalette

        from .commands import SpeakerProvider

        self.push_screen(
            CommandPalette(providers=[SpeakerProvider], placeholder="Jump to speaker…")
        )

    # -- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_search":
            # Only from the reader, and not from a text box: there the box decides, in
            # the order of the keys ("/" inside a query is typed, see QueryInput).
            return self.screen is self.reader and not isinstance(self.focused, Input)
        if action in ("coverage", "speakers", "timeline"):
            return self.screen is self.reader
        if action == "export":  # from the reader, or a statement's versions
            where = self.screen is self.reader or self._showing_versions()
            return where and not isinstance(self.focused, Input)
        if action == "orphans":
            return self.screen is self.reader
        return super().check_action(action, parameters)

    def _showing_versions(self) -> bool:
        """Whether a statement's versions are in front."""
        from .screens.versions import VersionsScreen

        return isinstance(self.screen, VersionsScreen)

    def action_focus_search(self) -> None:
        self.reader.set_focus(self.reader.search_bar.input)  # at once: next keys go there

    def action_help(self) -> None:
        """From any view: its own keys first (a screen names them in `HELP_SECTION`)."""
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        first = getattr(self.screen, "HELP_SECTION", None)
        sections = help_sections(lambda key: self.get_key_display(Binding(key, "")), first)
        self.push_screen(HelpScreen(sections))

    # -- the compare views: coverage matrix, speakers, export ---------------------------

    def _open_corpus_or_say(self) -> Corpus | None:
        if self.corpus is None:
            self.notify("The corpus is still opening.", severity="warning")
        return self.corpus

    def action_coverage(self) -> None:
        """`c`: which source carries which statement, in the same or other words."""
        from .screens.coverage import CoverageScreen

        if corpus := self._open_corpus_or_say():
            self.push_screen(CoverageScreen(corpus))

    def action_speakers(self) -> None:
        """`s`: canonical speakers by quotations or sources; enter filters the quotes."""
        from .screens.speakers import SpeakersScreen

        if corpus := self._open_corpus_or_say():
            self.push_screen(SpeakersScreen(corpus))

    def action_timeline(self) -> None:
        """`t`: articles per day per outlet; where and when a statement appeared."""
        from .screens.timeline import TimelineScreen  # when first opened

        if corpus := self._open_corpus_or_say():
            self.push_screen(TimelineScreen(corpus))

    def action_export(self) -> None:
        """`e`: the quotations in view, or the versions on screen, to a file."""
        from .screens.export import ExportScreen
        from .screens.versions import VersionsScreen

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
        where = str(self.reader.quotes_title)
        description = where.removeprefix("Quotes ").replace(" ", " quotations ", 1)
        self.push_screen(ExportScreen(quotes, titles=titles, description=description))

    def action_orphans(self) -> None:
        """`O`: verdicts whose quotation is no longer in the corpus (kept, listed)."""
        from .screens.verdict_orphans import OrphansScreen  # when first opened

        if corpus := self._open_corpus_or_say():
            self.push_screen(OrphansScreen(corpus))

    def on_jump_to_quote(self, message: JumpToQuote) -> None:
        quote = message.quote
        self._tell(
            ReaderScreen.Open(Location(quote.article_id, (quote.start, quote.end), quote.id))
        )

    def on_filter_speaker(self, message: FilterSpeaker) -> None:
        self.show_speaker(message.name)

    # -- the live corpus -----------------------------------------------------------------

    def on_corpus_changed(self, message: CorpusChanged) -> None:
        """A notice, and the sources re-listed (the reader keeps its open article)."""
        self.notify(
            message.summary,
            title="Corpus" if message.error else "Corpus updated",
            severity="error" if message.error else "information",
            markup=False,
        )
        if not message.error and self.corpus is not None:
            self._relist_sources(self.corpus)

    @work(thread=True, group="live-refresh")
    def _relist_sources(self, corpus: Corpus) -> None:
        """Re-list the sources; the reader runs the query again."""
        self._publish(corpus, None)


def run_app(corpus_path: Path, index_dir: Path | None, *, follow_links: bool = False) -> None:
    """Open the reader on `corpus_path` (index in `index_dir`, or the default place);
    `follow_links` also indexes links that lead outside the folder."""
    SourcedeskApp(corpus_path, index_dir, follow_links=follow_links).run()
