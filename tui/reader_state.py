"""What the reader is showing, as plain values with pure transitions (no Textual).

The reader screen holds one `SearchState` and one `QuoteScope` and replaces them
on every event; widgets are drawn from them. Keeping the rules here (which
results are stale, what a new search does to a speaker filter) lets them be
tested without an app, and leaves one place that decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from index import Hit, Progress, Quote, SearchResults


@dataclass(frozen=True, slots=True)
class SearchState:
    """The query in the box and the results on screen.

    `asked` numbers the latest search asked for, `shown` the one whose results
    are on screen: results carrying any other number are stale and dropped.
    """

    query: str = ""
    asked: int = 0
    shown: int = 0
    hits: tuple[Hit, ...] = ()
    total: int = 0
    of_quotes: bool = False  # a query on quotation fields: hits grouped by source
    broken: bool = False  # the query cannot be read

    @property
    def searching(self) -> bool:
        return self.shown != self.asked

    def ask(self, query: str) -> SearchState:
        """A new query (typing paused): its results are awaited; an empty one has none."""
        asked = self.asked + 1
        if not query:
            return SearchState(asked=asked, shown=asked)
        return replace(self, query=query, asked=asked)

    def found(self, serial: int, results: SearchResults) -> SearchState | None:
        """The results of search `serial`; None when stale."""
        if serial != self.asked:
            return None
        return replace(
            self,
            shown=serial,
            hits=tuple(results.hits),
            total=results.total,
            of_quotes=results.scope == "quotes",
            broken=False,
        )

    def failed(self, serial: int) -> SearchState | None:
        """Search `serial` could not read its query: nothing found; None when stale."""
        if serial != self.asked:
            return None
        return replace(self, shown=serial, hits=(), total=0, of_quotes=False, broken=True)

    def given_up(self, serial: int) -> SearchState | None:
        """Search `serial` failed (the index could not be read): it is over, and what
        was on screen stays; None when stale."""
        if serial != self.asked:
            return None
        return replace(self, shown=serial)

    def more(self, serial: int, results: SearchResults) -> SearchState | None:
        """A further page of the results on screen; None when stale."""
        if serial != self.asked or self.searching:
            return None
        return replace(self, hits=self.hits + tuple(results.hits))

    def hit_for(self, article_id: str) -> Hit | None:
        return next((hit for hit in self.hits if hit.id == article_id), None)


@dataclass(frozen=True, slots=True)
class QuoteScope:
    """Which quotations the Quotes pane lists: the open article's, those matching
    the query, or one speaker's across the corpus (a filter the title names)."""

    kind: str = "article"  # "article", "query" or "speaker"
    speaker: str | None = None

    def toggled(self) -> QuoteScope:
        """`a`: the article's and the query's in turn; from a speaker's, back to the article's."""
        return QuoteScope("query") if self.kind == "article" else QuoteScope()

    @staticmethod
    def of_speaker(name: str) -> QuoteScope:
        return QuoteScope("speaker", name)

    def after_search(self, query: str) -> QuoteScope:
        """A new search ends a speaker filter (showing the query's quotations, if any)."""
        if self.kind != "speaker":
            return self
        return QuoteScope("query") if query else QuoteScope()


def said_by(speaker: str, quotes: Sequence[Quote]) -> list[Quote]:
    """The quotations `Corpus.speakers()` counts as `speaker`'s: theirs as canonical
    speaker (a researcher's correction first), not a scare quote. `Corpus.quotes`'s
    speaker filter also keeps any speaker whose name holds the same words, for
    `speaker:` queries: "Tony Blair's official spokesman" for Tony Blair."""
    return [
        quote
        for quote in quotes
        if (quote.corrected_speaker or quote.speaker) == speaker and quote.kind != "scare"
    ]


@dataclass(frozen=True, slots=True)
class StatusLine:
    """What the status line says: a message (maybe an error), or indexing progress."""

    text: str = ""
    error: bool = False
    progress: Progress | None = None
