"""The compare views wired into the app: coverage matrix, speakers, export, live corpus.

`SourcedeskApp` inherits this class (instead of `App` directly), so the keys,
palette commands and message handlers of issue 7 live here and app.py changes
by a line or two. It relies on the app's `reader` screen, `corpus`,
`corpus_path` and `_publish` (re-list the sources from a worker).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

from index import Quote

from .history import Location
from .literal import one_line
from .live import CorpusChanged, CorpusWatcher
from .screens.coverage import CoverageScreen, JumpToQuote
from .screens.export import ExportScreen
from .screens.reader import Opened
from .screens.speakers import FilterSpeaker, SpeakersScreen
from .screens.versions import VersionsScreen

if TYPE_CHECKING:
    from index import Corpus

    from .screens.reader import ReaderScreen


class CompareMixin(App[None]):
    """Keys `c` (coverage), `s` (speakers), `e` (export) and the live corpus watcher."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "coverage", "Coverage"),
        Binding("s", "speakers", "Speakers"),
        # Priority, so it also reaches the (modal) versions screen; never typed-over text.
        Binding("e", "export", "Export", priority=True),
    ]

    # Provided by SourcedeskApp.
    corpus: Corpus | None
    corpus_path: Path
    reader: ReaderScreen

    def on_mount(self) -> None:
        self.call_after_refresh(self.start_watching)

    def start_watching(self) -> None:
        """Pick up files saved into the corpus folder while the app is open."""
        watcher = CorpusWatcher(self.corpus_path, lambda: self.corpus)
        self.reader.mount(watcher)

    # -- opening the views ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`c`, `s` and `e` act from the reader (`e` also on a statement's versions)."""
        if action in ("coverage", "speakers"):
            return self.screen is self.reader
        if action == "export":
            where = self.screen is self.reader or isinstance(self.screen, VersionsScreen)
            return where and not isinstance(self.focused, Input)
        return super().check_action(action, parameters)

    def open_corpus_or_say(self) -> Corpus | None:
        if self.corpus is None:
            self.notify("The corpus is still opening.", severity="warning")
        return self.corpus

    def action_coverage(self) -> None:
        """`c`: which source carries which statement, in the same or other words."""
        if corpus := self.open_corpus_or_say():
            self.push_screen(CoverageScreen(corpus))

    def action_speakers(self) -> None:
        """`s`: canonical speakers by quotations or sources; enter filters the quotes."""
        if corpus := self.open_corpus_or_say():
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

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
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

    # -- what the views ask for ----------------------------------------------------------

    def on_jump_to_quote(self, message: JumpToQuote) -> None:
        quote = message.quote
        self.reader.open_location(Location(quote.article_id, (quote.start, quote.end), quote.id))

    def on_filter_speaker(self, message: FilterSpeaker) -> None:
        self.reader.show_speaker(message.name)

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
            view = self.reader.article_view
            self.reload_article(self.corpus, article.id, round(view.scroll_offset.y))
        self.relist_sources(self.corpus, article.path if removed and article else None)

    @work(thread=True, group="live-refresh")
    def relist_sources(self, corpus: Corpus, removed_open: str | None) -> None:
        """Re-list the sources (re-running the query); then close a removed open article."""
        self._publish(corpus, None)  # type: ignore[attr-defined]  # SourcedeskApp's
        if removed_open is not None:
            self.call_from_thread(self.close_removed_article, removed_open)

    def close_removed_article(self, path: str) -> None:
        reader = self.reader
        if reader.article is None or reader.article.path != path:
            return  # the reader moved on meanwhile
        reader.article = None
        reader.article_quotes = ()
        reader.current_quote = None
        reader.article_view.clear(f"{one_line(path)} was removed from the corpus.")
        if reader.quotes_scope == "article":
            reader._show_article_quotes()

    @work(thread=True, exclusive=True, group="live-reload")
    def reload_article(self, corpus: Corpus, article_id: str, scroll_y: int) -> None:
        """Show the new text of the open article, scrolled where the reader was."""
        try:
            article = corpus.article(article_id)
            quotes = tuple(corpus.quotes(article_id=article_id))
        except KeyError:
            return
        opened = Opened(Location(article_id), article, quotes)
        self.call_from_thread(self.show_reloaded, opened, scroll_y)

    def show_reloaded(self, opened: Opened, scroll_y: int) -> None:
        self.reader._show_opened(opened, jumped=False)
        view = self.reader.article_view
        self.call_after_refresh(view.scroll_to, 0, scroll_y, animate=False, immediate=True)
