"""The reader: search box on top, Articles, Matches and Quotes panes side by side.

The screen owns what the user is looking at (the query's hits, the open article,
the current match or quotation, the jump history) and turns keys into jumps.
Every call into the corpus runs in a thread worker; searches report back as
messages and are dropped when a newer request replaced them. What happens to the
corpus (opened, listed, updated, stale, damaged, changed on disk) arrives as
messages from the app's worker and the folder watcher.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from index import (
    Article,
    ArticleInfo,
    Hit,
    QueryError,
    Quote,
    SearchResults,
    Skipped,
    Span,
)

from .. import collector
from ..background import SearchFinished, search_in_background
from ..citation import citation
from ..clipboard import copy_text
from ..command_table import bindings
from ..corpus_events import (
    CorpusDamaged,
    CorpusFailed,
    CorpusOpened,
    CorpusReady,
    CorpusStale,
    CorpusUpToDate,
    IndexProgress,
)
from ..history import History, Location
from ..literal import one_line
from ..navigation import match_index_at, next_version, step_match, step_source
from ..quote_hits import by_source
from ..reader_state import QuoteScope, SearchState, StatusLine, said_by
from ..who_spoke import UNATTRIBUTED, shown_speaker
from ..widgets import (
    ArticleList,
    ArticleView,
    IndexStatus,
    KeysFooter,
    MatchesList,
    MatchTarget,
    PagedList,
    Pane,
    QuotesList,
    SearchBar,
    SourceRow,
)
from ..widgets.pane import Title
from ..widgets.repaint import RegionCompositor, compositor_lacks
from .pane_focus import PaneFocus
from .verdict_flow import VerdictFailed, VerdictFlow, VerdictSaved

if TYPE_CHECKING:
    from index import Corpus

    from ..live import CorpusChanged
    from .versions import VersionsScreen


HITS_PAGE = 25
WIDE_FROM = 100  # columns: from here the panes stand side by side, below they are tabs
QUOTE_HITS_MAX = 10_000  # quotation hits grouped into sources (the search limit)
FRAGMENTS = 2
SKIPPED_NAMED = 5  # files named in the notice of what was not indexed
SKIPPED_NOTICE_SECONDS = 20


@dataclass(frozen=True, slots=True)
class Opened:
    """What an open-worker fetched: the article, its quotations, where to land."""

    location: Location
    article: Article
    quotes: tuple[Quote, ...]


def first_page(corpus: Corpus, query: str) -> SearchResults:
    """The first page of `query`; quotation hits grouped into their sources, all of them."""
    results = corpus.search(query, limit=HITS_PAGE, fragments=FRAGMENTS)
    if results.scope == "quotes" and results.total:
        everything = min(results.total, QUOTE_HITS_MAX)
        results = by_source(corpus.search(query, limit=everything, fragments=1))
    return results


def skipped_notice(skipped: Sequence[Skipped]) -> str:
    """What was not indexed: the count by reason, then the first files and why."""
    from index import describe_skipped  # not needed for the first screen

    named = [f"{one_line(item.path, 60)}: {one_line(item.reason, 60)}" for item in skipped]
    more = len(named) - SKIPPED_NAMED
    tail = [f"and {more:,} more"] if more > 0 else []
    return "\n".join([describe_skipped(list(skipped)), *named[:SKIPPED_NAMED], *tail])


def quote_label(quote: Quote) -> str:
    """Who is quoted, and how: the tooltip over a quotation in the article."""
    who = shown_speaker(quote)
    details = [quote.kind, *(part for part in (quote.handle, quote.date) if part)]
    return f"{one_line(who, 60)} · {' · '.join(one_line(d, 30) for d in details)}"


def _plural(count: int, word: str, suffix: str = "s") -> str:
    return f"{count:,} {word}{'' if count == 1 else suffix}"


class ReaderScreen(PaneFocus, VerdictFlow, Screen[None]):
    """The main screen; see the module docstring."""

    # Textual declares these `ClassVar[list[...]] | None`, which mypy reads as an
    # instance variable; they are class variables, as Textual means them.
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [  # type: ignore[misc]
        (0, "-narrow"),
        (WIDE_FROM, "-wide"),
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [  # type: ignore[misc]
        (0, "-short"),
        (30, "-tall"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = bindings("ReaderScreen")  # see command_table

    # What the panes' titles and the status line say; widgets are bound to these.
    articles_title: var[Title] = var[Title]("Articles")
    matches_title: var[Title] = var[Title]("Matches")
    quotes_title: var[Title] = var[Title]("Quotes")
    quotes_subtitle: var[Title] = var[Title]("")
    article_title: var[Title] = var[Title]("Article")
    article_subtitle: var[Title] = var[Title]("")
    status: var[StatusLine] = var(StatusLine("Opening the corpus…"))

    def __init__(self, corpus_path: Path) -> None:
        super().__init__(id="reader")
        if not compositor_lacks():
            self._compositor = RegionCompositor()  # repaints only under what changed
        self.corpus_path = corpus_path  # as the user gave it, for the status line
        self.corpus: Corpus | None = None
        self.infos: dict[str, ArticleInfo] = {}
        self.all_rows: list[SourceRow] = []
        self.state = SearchState()  # the query and its results on screen
        self.scope = QuoteScope()  # which quotations the Quotes pane lists
        self.article: Article | None = None
        self._removed_note = ""
        self.article_quotes: tuple[Quote, ...] = ()
        self.match_spans: tuple[Span, ...] = ()
        self.match_index: int | None = None
        self.current_quote: Quote | None = None
        self.history = History()
        self._open_first_match = False  # enter pressed before the results came
        self.last_activity = time.monotonic()  # of searching and jumping (see the app)
        self._active_pane = "articles-pane"

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search")
        if self.app.size.width < WIDE_FROM:  # else hidden: built after the first screen
            yield self.pane_tabs()
        with Horizontal(id="panes"):
            articles = Pane(id="articles-pane", classes="pane -active")
            with articles.data_bind(title=ReaderScreen.articles_title):
                yield ArticleList(id="sources")
                yield ArticleView(id="article").data_bind(
                    title=ReaderScreen.article_title, subtitle=ReaderScreen.article_subtitle
                )
            with Pane(id="matches-pane", classes="pane").data_bind(
                title=ReaderScreen.matches_title
            ):
                yield MatchesList(id="matches")
            with Pane(id="quotes-pane", classes="pane").data_bind(
                title=ReaderScreen.quotes_title, subtitle=ReaderScreen.quotes_subtitle
            ):
                yield QuotesList(id="quotes")
        yield IndexStatus(id="status").data_bind(line=ReaderScreen.status)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.call_after_refresh(self.mount_pane_tabs)
        self.query_one(ArticleView).clear("Opening the corpus…")
        self.query_one(QuotesList).empty_message = "Open an article to see its quotations."
        self.query_one(MatchesList).set_items([])
        self.query_one(QuotesList).set_items([])
        self.set_focus(self.sources)  # so the footer shows the keys; "/" goes to the search box

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def sources(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def matches(self) -> MatchesList:
        return self.query_one(MatchesList)

    @property
    def quotes(self) -> QuotesList:
        return self.query_one(QuotesList)

    # -- the corpus: what the app's opening worker posts (see corpus_events) ------------

    class Open(Message):
        """Jump to a place (from the palette or another screen)."""

        def __init__(self, location: Location) -> None:
            super().__init__()
            self.location = location

    class ShowSpeaker(Message):
        """List one speaker's quotations across the corpus."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def on_reader_screen_open(self, message: ReaderScreen.Open) -> None:
        message.stop()
        self.open_location(message.location)

    def on_reader_screen_show_speaker(self, message: ReaderScreen.ShowSpeaker) -> None:
        message.stop()
        self.show_speaker(message.name)

    def on_corpus_opened(self, message: CorpusOpened) -> None:
        """The index is open: searching works while the sources are being listed."""
        self.corpus = message.corpus
        self.status = StatusLine("Listing the sources…")
        self.sources.empty_message = "Listing the sources…"
        self.sources.set_items([])
        self.article_view.clear("Open a match, a quotation or a source to read it here.")
        if self.search_bar.value.strip():
            self._start_search(self.search_bar.value.strip())

    def on_corpus_ready(self, message: CorpusReady) -> None:
        """The sources are listed (first, or again after the corpus changed): fill the panes."""
        infos = message.infos
        self.corpus = message.corpus
        self.infos = {info.id: info for info in infos}
        self.all_rows = [SourceRow.of(info) for info in infos]
        self.status = StatusLine(self._summary())
        if message.report is not None and message.report.skipped:
            self.notify(
                skipped_notice(message.report.skipped),
                title="Not indexed",
                severity="warning",
                timeout=SKIPPED_NOTICE_SECONDS,
                markup=False,
            )
        self._show_sources()
        if self.article is None and not self._removed_note:
            text = (
                "Open a match, a quotation or a source to read it here."
                if infos
                else "This corpus has no articles yet."
            )
            self.article_view.clear(text)
        if message.rerun and self.search_bar.value.strip():
            self._start_search(self.search_bar.value.strip())

    def _summary(self) -> str:
        quotes = sum(info.quotes for info in self.infos.values())
        return f"{len(self.infos):,} sources · {quotes:,} quotations · {self.corpus_path}"

    def on_index_progress(self, message: IndexProgress) -> None:
        self.status = StatusLine(progress=message.progress)

    def on_corpus_up_to_date(self, _message: CorpusUpToDate) -> None:
        self.status = StatusLine(self._summary())

    def on_corpus_stale(self, message: CorpusStale) -> None:
        """The index could not be updated now: reading goes on, on the last one."""
        self.status = StatusLine(
            f"{self._summary()} · not up to date: {message.reason}", error=True
        )

    def on_corpus_damaged(self, message: CorpusDamaged) -> None:
        """The background check found damaged index files: say so where it stays seen."""
        files = _plural(len(message.problems), "damaged index file")
        self.status = StatusLine(
            f"{files}, rebuilt on the next update: {'; '.join(message.problems)}", error=True
        )

    def on_corpus_failed(self, message: CorpusFailed) -> None:
        """Opening (or bringing the index up to date) failed: say so where it is seen."""
        self.status = StatusLine(message.reason, error=True)
        if self.corpus is None:
            self.article_view.clear(message.reason)
        else:  # the index opened; only the update failed: keep reading
            self.notify(one_line(message.reason), severity="error", markup=False)

    def on_corpus_changed(self, message: CorpusChanged) -> None:
        """Files changed on disk: the open article is reloaded in place, or closed if
        removed (the app re-lists the sources)."""
        article = self.article
        if message.error or article is None:
            return
        if article.path in message.delta.removed:
            self._close_removed_article(article.path)
        elif article.path in message.delta.changed:
            self._reload(article.id, round(self.article_view.scroll_offset.y))

    # -- searching -----------------------------------------------------------------------

    def on_search_bar_query_changed(self, event: SearchBar.QueryChanged) -> None:
        self._start_search(event.query)

    # What the panes show, read from the state (see reader_state).
    query_text = property(lambda self: self.state.query)
    hits = property(lambda self: self.state.hits)
    total_hits = property(lambda self: self.state.total)
    quotes_scope = property(lambda self: self.scope.kind)

    def _start_search(self, query: str) -> None:
        self.last_activity = time.monotonic()
        self.state = self.state.ask(query)
        scope, self.scope = self.scope, self.scope.after_search(query)
        if scope != self.scope and self.scope.kind == "article":
            self._show_article_quotes()
        if not query:
            collector.release()  # a search still on its way is stale now
            self._show_results(SearchResults(query="", total=0))
            self.search_bar.clear_hint()
            return
        if self.corpus is None:
            self.search_bar.show_result("Searching once the corpus is open…", None)
            return
        collector.hold()  # until the results are painted (see on_search_finished)
        search_in_background(self, self.state.asked, partial(first_page, self.corpus, query))

    @property
    def query_pending(self) -> bool:
        """Whether a query is on its way to the screen: asked for and not shown yet,
        or in the box (being typed) and not searched yet."""
        shown = self.matches.query_text
        return shown != self.query_text or (
            self.focused is self.search_bar.input and shown != self.search_bar.value.strip()
        )

    @property
    def searching(self) -> bool:
        """Whether the query in the box has results still to come."""
        return self.corpus is not None and self.state.searching

    def on_search_finished(self, message: SearchFinished) -> None:
        """Results (or an error) of a search: shown if it is the latest, else dropped."""
        message.stop()
        serial, results = message.serial, message.results
        if message.failure is not None:
            if (given_up := self.state.given_up(serial)) is None:
                return
            self.state = given_up
            self.notify(
                one_line(str(message.failure) or type(message.failure).__name__),
                title="Could not read the index",
                severity="error",
                markup=False,
            )
        elif message.error is not None:
            if failed := self.state.failed(serial):
                self.state = failed
                self._show_query_error(str(message.error))
        elif results is not None:
            after = (self.state.more if message.more else self.state.found)(serial, results)
            if after is None:
                return  # stale: a newer query was typed meanwhile
            self.state = after
            with self.app.batch_update():  # every pane changes: one paint, not several
                if message.more:
                    self._append_hits(results)
                else:
                    self._show_results(results)
        self._collect_after_paint()

    def _collect_after_paint(self) -> None:
        """Once the latest search is over, let the collector run after the paint.

        Asked through the Matches list, which has just changed, as its own rest of
        the page is (`PagedList.set_items`): the screen's own "after refresh" comes
        at an idle moment that can come before the widgets ask for their repaint.
        """
        if not self.searching:
            self.matches.call_after_refresh(collector.release)

    def _show_query_error(self, message: str) -> None:
        """The query cannot be read: say so in the box, and no pane keeps showing what
        an earlier query found (every source listed, no matches)."""
        self._open_first_match = False
        self.search_bar.show_error(message)
        self.matches.query_text = self.query_text
        self.matches.broken = True
        self.matches.set_items([], total=0)
        self.matches_title = "Matches · the query cannot be read"
        self._show_sources()
        self._refresh_article_matches()
        if self.quotes_scope == "query":
            self._show_quotes([], self.query_text, None)

    def _show_results(self, results: SearchResults) -> None:
        self.matches.broken = False
        self.matches.query_text = results.query
        self.matches.set_items(list(self.hits), total=results.total)
        if results.query:
            found = _plural(results.total, "source")
            summary = (
                f"{found} match “{one_line(results.query, 60)}”"
                if results.total
                else f"No matches for “{one_line(results.query, 60)}”."
            )
            if results.note:  # a capped expansion: the search was narrowed, say how
                summary += f" · {one_line(results.note, 120)}"
            self.search_bar.show_result(summary, results.suggestion)
        self._update_matches_title()
        self._show_sources()
        self._refresh_article_matches()
        if self.quotes_scope == "query":  # once the matches are painted: they come first
            self.call_after_refresh(self._load_quotes)
        if self._open_first_match:
            self._open_first_match = False
            first = self.matches.highlighted_item
            if isinstance(first, MatchTarget):
                self.open_location(Location(first.hit.id, first.span))

    def on_matches_list_more_wanted(self, event: MatchesList.MoreWanted) -> None:
        event.stop()
        if self.corpus is not None and self.query_text and not self.searching:
            page = partial(
                self.corpus.search,
                self.query_text,
                limit=HITS_PAGE,
                offset=len(self.hits),
                fragments=FRAGMENTS,
            )
            search_in_background(self, self.state.asked, page, more=True)

    def _append_hits(self, results: SearchResults) -> None:
        """A further page: added to the lists, not rebuilt (their places are kept)."""
        self.matches.extend_items(results.hits)
        self._update_matches_title()
        self.sources.extend_items([self._row_for(hit) for hit in results.hits])

    def _update_matches_title(self) -> None:
        if not self.query_text:
            self.matches_title = "Matches"
            return
        count = sum(len(hit.matches) for hit in self.hits)
        more = "+" if len(self.hits) < self.total_hits else ""
        what = _plural(count, "quotation") if self.state.of_quotes else f"{count:,}"
        self.matches_title = f"Matches {what}{more} in {_plural(self.total_hits, 'source')}"

    def _show_sources(self) -> None:
        """The Articles list: the matching sources for a query, else every source."""
        open_id = self.article.id if self.article is not None else None
        self.sources.open_id = open_id  # drawn with ▶
        if self.query_text and not self.state.broken:
            rows = [self._row_for(hit) for hit in self.hits]
            self.sources.empty_message = f"No source matches “{self.query_text}”."
            self.sources.set_items(rows, total=len(rows))
            self.articles_title = f"Articles {self.total_hits:,} of {len(self.infos):,} match"
        else:
            self.sources.empty_message = "No sources: the corpus folder holds no articles."
            self.sources.set_items(self.all_rows)
            self.articles_title = f"Articles {len(self.all_rows):,}"
        if open_id is not None:
            self.sources.highlight_where(lambda row: row.id == open_id)

    def _row_for(self, hit: Hit) -> SourceRow:
        """A matching source as the Articles list shows it (its own quotation count)."""
        info = self.infos.get(hit.id)
        if info is not None:
            return SourceRow.of(info, len(hit.matches))
        return SourceRow(hit.id, hit.path, hit.title, 0, len(hit.matches), hit.outlet, hit.date)

    def _hit_for(self, article_id: str) -> Hit | None:
        return self.state.hit_for(article_id)

    def _refresh_article_matches(self) -> None:
        """A new query: re-highlight the open article with its matches (if it has any)."""
        if self.article is None:
            return
        hit = self._hit_for(self.article.id)
        self.match_spans = tuple(hit.matches) if hit else ()
        self.match_index = None
        self.article_view.set_matches(self.match_spans)
        self._update_article_title()

    # -- opening things ------------------------------------------------------------------

    def on_paged_list_item_selected(self, event: PagedList.ItemSelected) -> None:
        event.stop()
        item = event.item
        if isinstance(item, MatchTarget):
            self.open_location(Location(item.hit.id, item.span))
        elif isinstance(item, Quote):
            self.open_location(Location(item.article_id, (item.start, item.end), item.id))
        elif isinstance(item, SourceRow):
            self.open_location(Location(item.id, self._first_match(item.id)))

    def _first_match(self, article_id: str) -> Span | None:
        hit = self._hit_for(article_id)
        return tuple(hit.matches[0]) if hit and hit.matches else None  # type: ignore[return-value]

    def open_location(self, location: Location, *, record: bool = True) -> None:
        """Jump to `location` (recorded in the history unless going back/forward)."""
        if self.corpus is None:
            self.notify("The corpus is still opening.", severity="warning")
            return
        self.last_activity = time.monotonic()
        if record:
            self.history.record(location)
        if self.article is not None and self.article.id == location.article_id:
            self._land(location)
            self._bring_article_forward()
            return
        self._open(location)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _open(self, location: Location) -> None:
        worker = get_current_worker()
        assert self.corpus is not None
        try:
            article = self.corpus.article(location.article_id)
        except KeyError:  # removed from the corpus since it was listed or visited
            self.app.call_from_thread(self._article_gone, location.article_id)
            return
        quotes = tuple(self.corpus.quotes(article_id=location.article_id))
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_opened, Opened(location, article, quotes))

    def _article_gone(self, article_id: str) -> None:
        info = self.infos.get(article_id)
        what = one_line(info.path if info else article_id, 80)
        self.notify(f"{what} was removed from the corpus.", severity="warning", markup=False)

    def _show_opened(self, opened: Opened, *, jumped: bool = True) -> None:
        """Show what `_open` fetched; `jumped` (the user's jump, not a live reload)
        also brings the article to the front."""
        self.article = opened.article
        self.article_quotes = opened.quotes
        self._removed_note = ""  # shown in the article's place until another opens
        hit = self._hit_for(opened.article.id)
        self.match_spans = tuple(hit.matches) if hit else ()
        self.article_view.show(
            opened.article,
            matches=self.match_spans,
            quotes=[(q.start, q.end) for q in opened.quotes],
            quote_labels=[quote_label(q) for q in opened.quotes],
        )
        self.sources.mark_open(opened.article.id)
        if self.quotes_scope == "article":
            self._show_article_quotes()
        self._land(opened.location)
        if jumped:
            self._bring_article_forward()

    def _bring_article_forward(self) -> None:
        """In the tabbed (narrow) layout, a jump shows the Article tab."""
        if self.has_class("-narrow") and self._active_pane != "articles-pane":
            self._activate_pane("articles-pane", focus=True)

    def _land(self, location: Location) -> None:
        """Emphasise the location's span in the open article and say where we are."""
        span = location.span
        self.current_quote = None
        if location.quote_id is not None:
            self.current_quote = next(
                (q for q in self.article_quotes if q.id == location.quote_id), None
            )
        self.match_index = (
            match_index_at(self.match_spans, span[0])
            if span is not None and self.match_spans and location.quote_id is None
            else None
        )
        self.article_view.emphasise(span)
        if span is None:
            self.article_view.scroll_to(0, 0, animate=False)
        quote = self.current_quote
        evidence = self.article_view.show_evidence(quote.evidence if quote else ())
        self.quotes.mark_current(quote.id if quote else None, evidence)
        if self.current_quote is None and span is not None:
            # A match inside a quotation: put the Quotes cursor on it, ready for o/v/y.
            self.quotes.highlight_where(lambda q: q.start <= span[0] < q.end)
        self._update_article_title()

    def _update_article_title(self) -> None:
        if self.article is None:
            self.article_title = "Article"
            return
        matches = _plural(len(self.match_spans), "match", "es")
        if self.match_spans and self.match_index is not None:
            title = f"Article {self.match_index + 1}/{matches}"
        elif self.match_spans:
            title = f"Article · {matches}"
        else:
            title = "Article"
        if self.current_quote is not None:
            quote = self.current_quote
            who = shown_speaker(quote)
            title += " · quotation"
            if who != UNATTRIBUTED:
                title += f" by {one_line(who, 40)}"
        self.article_title = Text(title)  # Text: a speaker or path is never read as markup
        self.article_subtitle = Text(one_line(self.article.path, 80))

    # -- the live corpus ------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="live-reload")
    def _reload(self, article_id: str, scroll_y: int) -> None:
        assert self.corpus is not None
        try:
            article = self.corpus.article(article_id)
            quotes = tuple(self.corpus.quotes(article_id=article_id))
        except KeyError:
            return  # removed meanwhile: the re-listing closes it
        opened = Opened(Location(article_id), article, quotes)
        self.app.call_from_thread(self._show_reloaded, opened, scroll_y)

    def _show_reloaded(self, opened: Opened, scroll_y: int) -> None:
        self._show_opened(opened, jumped=False)
        view = self.article_view
        self.call_after_refresh(view.scroll_to, 0, scroll_y, animate=False, immediate=True)

    def _close_removed_article(self, path: str) -> None:
        """The open article's file was removed from the corpus: say so in its place."""
        if self.article is None or self.article.path != path:
            return  # the reader moved on meanwhile
        self.article = None
        self.article_quotes = ()
        self.current_quote = None
        self._removed_note = f"{one_line(path)} was removed from the corpus."
        self.article_view.clear(self._removed_note)
        if self.quotes_scope == "article":
            self._show_article_quotes()

    # -- the quotes pane -----------------------------------------------------------------

    def _show_article_quotes(self) -> None:
        self.quotes.empty_message = (
            "No quotations found in this article."
            if self.article
            else "Open an article to see its quotations."
        )
        self.quotes.show_source = False
        self.quotes.set_items(self.article_quotes)
        self.quotes_title = (
            f"Quotes {len(self.article_quotes)} in this article" if self.article else "Quotes"
        )
        self.quotes_subtitle = "a: all matching the query"
        if self.current_quote is not None:
            self.quotes.mark_current(self.current_quote.id)

    def action_toggle_quotes(self) -> None:
        """`a`: the open article's quotations, or all quotations matching the query."""
        self.scope = self.scope.toggled()
        if self.quotes_scope == "article":
            self._show_article_quotes()
        else:
            self._load_quotes()

    def show_speaker(self, speaker: str) -> None:
        """Every quotation by `speaker` across the corpus, whatever the query (the
        title says so; `a` or a new search clears the filter)."""
        self.scope = QuoteScope.of_speaker(speaker)
        if self.corpus is not None:
            self._fetch_quotes("", speaker)
        self._activate_pane("quotes-pane", focus=True)

    def _load_quotes(self) -> None:
        if self.corpus is not None:
            self._fetch_quotes(self.query_text, None)

    @work(thread=True, exclusive=True, group="quotes", exit_on_error=False)
    def _fetch_quotes(self, query: str, speaker: str | None) -> None:
        assert self.corpus is not None
        try:
            found = self.corpus.quotes(query=query or None, speaker=speaker)
            if speaker is not None:
                found = said_by(speaker, found)  # as the speaker lists count them
        except QueryError as error:  # `title:` and the source fields search articles only
            self.app.call_from_thread(self._show_quotes, [], query, speaker, str(error))
            return
        self.app.call_from_thread(self._show_quotes, found, query, speaker)

    def _show_quotes(
        self, found: Sequence[Quote], query: str, speaker: str | None, error: str = ""
    ) -> None:
        """List `found`, or say why the query finds no quotation (`error`): never
        leave an earlier query's quotations under the pane's new title."""
        wanted = ("speaker", "") if speaker else ("query", self.query_text)
        if (self.quotes_scope, query) != wanted:
            return  # the scope or the query changed since these were asked for
        if speaker:
            where = f"by {one_line(speaker, 40)}"
        elif error:
            where = f"· {one_line(error.split(';')[0], 40)}"  # `title: searches articles`
        elif query and self.state.broken:
            where = "· the query cannot be read"
        elif query:
            where = f"matching “{one_line(query, 40)}”"
        else:
            where = "in the corpus"
        said = f": {one_line(error)}" if error else f" {where}"
        self.quotes.empty_message = f"No quotations{said}."
        self.quotes.show_source = True
        self.quotes.set_items(found)
        self.quotes_title = Text(f"Quotes {len(found):,} {where}")
        self.quotes_subtitle = "a: clear, this article's" if speaker else "a: this article's"

    def _open_article_id(self) -> str | None:
        return self.article.id if self.article is not None else None

    def on_verdict_saved(self, message: VerdictSaved) -> None:
        """A verdict was saved: the quotations are shown as they now are, the Quotes
        cursor staying where it was (see verdict_flow)."""
        self.notify(message.done, title="Verdict saved", markup=False)
        if self.article is not None and self.article.id == message.article_id:
            self.article_quotes = message.article_quotes
            if self.current_quote is not None:
                here = self.current_quote.id
                self.current_quote = next(
                    (q for q in self.article_quotes if q.id == here), self.current_quote
                )
            self._update_article_title()
        self.quotes.keep_cursor()
        if self.quotes_scope == "article":
            self.quotes.set_items(self.article_quotes)
        else:
            self._fetch_quotes(
                self.query_text if self.scope.kind == "query" else "", self.scope.speaker
            )

    def on_verdict_failed(self, message: VerdictFailed) -> None:
        self.status = StatusLine(message.reason, error=True)

    def _selected_quote(self) -> Quote | None:
        """The quotation under the cursor in the Quotes pane, else the one we landed on."""
        if self.focused is self.quotes and self.quotes.highlighted_item is not None:
            return self.quotes.highlighted_item
        return self.current_quote

    # -- keys: moving around -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_first_match":  # only while the Matches pane shows stale results
            return self.focused is self.matches and self.searching
        if action == "leave_search":
            return self.focused is self.search_bar.input
        return True

    def action_open_first_match(self) -> None:
        self._open_first_match = True

    def action_step_match(self, step: int) -> None:
        """`n`/`N`: next/previous match, continuing into the next/previous source."""
        if not self.query_text:
            self.notify("Type a query first (/) to step through its matches.")
            return
        sources = [(hit.id, hit.matches) for hit in self.hits]
        stop = step_match(
            sources, self.article.id if self.article else None, self.match_index, step
        )
        if stop is None:
            self.notify("No matches to step through.")
            return
        if stop.wrapped:
            self.notify("Wrapped around to the " + ("first" if step > 0 else "last") + " source.")
        self.open_location(Location(stop.article_id, stop.span))

    def action_step_source(self, step: int) -> None:
        """`]`/`[`: the next/previous source in the Articles list."""
        ids = [row.id for row in self.sources.items]
        target = step_source(ids, self.article.id if self.article else None, step)
        if target is None:
            self.notify("No sources to step through.")
            return
        self.open_location(Location(target, self._first_match(target)))

    def action_other_source(self) -> None:
        """`o`: the same statement in the next source that carries it."""
        quote = self._selected_quote()
        if quote is None:
            self.notify("Select a quotation first (Quotes pane).")
            return
        if not quote.cluster:
            self.notify("This quotation appears in only one source.")
            return
        self._follow_statement(quote)

    @work(thread=True, exclusive=True, group="cluster", exit_on_error=False)
    def _follow_statement(self, quote: Quote) -> None:
        assert self.corpus is not None and quote.cluster is not None
        cluster = self.corpus.cluster(quote.cluster)
        versions = [version.quote for version in cluster.versions]
        target = next_version(versions, quote)
        self.app.call_from_thread(self._land_on_version, target, cluster.sources)

    def _land_on_version(self, target: Quote | None, sources: Sequence[str]) -> None:
        if target is None:
            self.notify("No other source carries this statement.")
            return
        at = sources.index(target.path) + 1 if target.path in sources else "?"
        self.notify(
            f"Same statement in {one_line(target.path, 60)} (source {at} of {len(sources)})",
            markup=False,
        )
        self.open_location(Location(target.article_id, (target.start, target.end), target.id))

    def action_back(self) -> None:
        place = self.history.back()
        if place is None:
            self.notify("Nothing to go back to.")
        else:
            self.open_location(place, record=False)

    def action_forward(self) -> None:
        place = self.history.forward()
        if place is None:
            self.notify("Nothing to go forward to.")
        else:
            self.open_location(place, record=False)

    def action_versions(self) -> None:
        """`v`: the selected quotation's versions across sources, side by side."""
        quote = self._selected_quote()
        if quote is None or not quote.cluster:
            self.notify("Select a quotation that appears in several sources (“also in”).")
            return
        self._fetch_versions(quote)

    @work(thread=True, exclusive=True, group="cluster", exit_on_error=False)
    def _fetch_versions(self, quote: Quote) -> None:
        assert self.corpus is not None and quote.cluster is not None
        cluster = self.corpus.cluster(quote.cluster)
        titles = {aid: info.title for aid, info in self.infos.items()}
        from .versions import VersionsScreen  # imported when first shown

        self.app.call_from_thread(self._show_versions, VersionsScreen(cluster, titles, quote))

    def _show_versions(self, screen: VersionsScreen) -> None:
        def chosen(quote: Quote | None) -> None:
            if quote is not None:
                self.open_location(Location(quote.article_id, (quote.start, quote.end), quote.id))

        self.app.push_screen(screen, chosen)

    def action_copy_quote(self) -> None:
        """`y`: copy the selected quotation with its citation."""
        quote = self._selected_quote()
        if quote is None:
            self.notify("Select a quotation first (Quotes pane).")
            return
        info = self.infos.get(quote.article_id)
        text = citation(quote, info.title if info else None)
        where = one_line(copy_text(self.app, text))
        self.notify(where, title="Quotation copied", markup=False)

    # -- panes and focus -----------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.set_focus(self.search_bar.input)  # at once: the keys typed next go into it

    def on_search_bar_submitted(self) -> None:
        self._activate_pane("matches-pane", focus=True)

    def action_leave_search(self) -> None:
        """`escape` in the search box: back to the pane that was active."""
        self._activate_pane(self._active_pane, focus=True)

    # -- failures ----------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A corpus call failed (index damaged or locked, file gone): say so, keep going."""
        error = event.worker.error
        if event.state is WorkerState.ERROR and error is not None:
            message = str(error) or type(error).__name__
            self.notify(
                one_line(message), title="Could not read the index", severity="error", markup=False
            )
