"""The values the index package hands out: plain frozen dataclasses.

They are the only currency between `index/` and its callers (the command line
and the Textual app), so they carry spans into the article text rather than
markup: drawing is the caller's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Span = tuple[int, int]

QUOTE_KINDS = ("direct", "partial", "block", "tweet", "scare")


@dataclass(frozen=True, slots=True)
class Article:
    """One article as displayed; every offset the API returns indexes into `text`."""

    id: str
    path: str
    title: str
    text: str
    paragraphs: tuple[Span, ...] = ()
    url: str | None = None
    date: str | None = None
    source: str | None = None
    author: str | None = None

    @property
    def outlet(self) -> str | None:
        """The publication that carried the article (`source` in older callers)."""
        return self.source


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What a list of sources needs, without the full text; metadata None when unknown."""

    id: str
    path: str
    title: str
    quotes: int = 0
    chars: int = 0
    outlet: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not indexed, and why (one line)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Fragment:
    """A passage of an article; `highlights` are relative to `text`.
    `cut_before` / `cut_after`: the passage starts or ends inside its paragraph, so
    a reader is shown the cut and never takes half a sentence for a whole one."""

    text: str
    start: int
    end: int
    highlights: tuple[Span, ...] = ()
    cut_before: bool = False
    cut_after: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation found in an article: who said what, where."""

    id: str
    article_id: str
    path: str
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_mention: str | None = None
    handle: str | None = None
    date: str | None = None
    cluster: str | None = None
    also_in: tuple[str, ...] = ()
    # The article's metadata, filled in by `Corpus` when read (`date` above is the
    # quotation's own date, a tweet's; `published` is the article's).
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    url: str | None = None
    title: str | None = None
    # The researcher's verdict (index/verdicts.py), filled in by `Corpus` when read.
    verdict: str | None = None
    note: str | None = None
    corrected_speaker: str | None = None
    # Where the article says who spoke (offsets into `Article.text`): the cue clause
    # (`a Netflix spokesperson said`), a dash or tweet signature, a transcript label,
    # or a pronoun and the mention it points back to. Empty when there is no speaker.
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    """An article (or a quotation, then `quote` is set) that matched a query."""

    id: str
    path: str
    title: str
    score: float
    matches: tuple[Span, ...] = ()
    fragments: tuple[Fragment, ...] = ()
    quote: Quote | None = None
    outlet: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class SearchResults:
    """One page of hits; `suggestion` is a corrected query when a term is unknown;
    `note` says when a cap cut what a prefix, fuzzy or range term matched."""

    query: str
    total: int
    hits: tuple[Hit, ...] = ()
    offset: int = 0
    limit: int = 20
    suggestion: str | None = None
    scope: str = "articles"
    note: str | None = None


@dataclass(frozen=True, slots=True)
class DiffPart:
    """A run of words in one version of a statement; `changed` marks words the others lack."""

    text: str
    changed: bool = False


@dataclass(frozen=True, slots=True)
class Version:
    """One source's wording of a statement."""

    quote: Quote
    parts: tuple[DiffPart, ...] = ()


@dataclass(frozen=True, slots=True)
class Cluster:
    """The same statement as carried by several sources."""

    id: str
    versions: tuple[Version, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.quote.path for v in self.versions))


@dataclass(frozen=True, slots=True)
class Speaker:
    """A canonical speaker and how widely they are quoted."""

    name: str
    quotes: int
    sources: int
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Progress:
    """Reported while indexing; `phase` is one of scan, index, quotes, commit."""

    phase: str
    done: int = 0
    total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    path: str = ""


@dataclass(frozen=True, slots=True)
class UpdateReport:
    """What an index update did."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: tuple[Skipped, ...] = ()
    seconds: float = 0.0
    rebuilt: bool = False
    reason: str = ""
    index_dir: Path | None = field(default=None, compare=False)
    # One line per problem that did not stop anything, e.g. "sources.csv:4: no path; line ignored".
    warnings: tuple[str, ...] = ()


class QueryError(ValueError):
    """A query that cannot be run; `str(err)` is a message a person understands."""

    def __init__(self, message: str, query: str = "") -> None:
        super().__init__(message)
        self.query = query


class IndexUnavailable(RuntimeError):
    """The index cannot be opened or written even after recovery was tried."""
