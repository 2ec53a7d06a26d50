"""sourcedesk's index package: corpus files -> analysis -> Whoosh index -> search and quotes.

Callers (the command line, the Textual app) use only the names exported here;
see docs/API.md. Nothing in this package imports Textual.

Names are imported from their modules when first used (PEP 562): the app's first
screen needs the data types (`models`) and a few helpers, not the search engine
behind `Corpus` (its modules took tens of milliseconds of the reader's first
screen: docs/BENCHMARKS.md, keys11), which the app opens after that screen.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .atomic_write import write_atomically
    from .corpus import CorpusMissing, describe_skipped, display_name
    from .export import (
        cluster_to_markdown,
        quotes_to_csv,
        quotes_to_json,
        quotes_to_jsonl,
        quotes_to_markdown,
    )
    from .facade import Corpus, open_corpus
    from .integrity import IndexDamaged
    from .locking import IndexBusy
    from .metadata import MANIFEST_NAME, display_date, normalise_date
    from .models import (
        Article,
        ArticleInfo,
        Cluster,
        DiffPart,
        Fragment,
        Hit,
        IndexUnavailable,
        Progress,
        QueryError,
        Quote,
        SearchResults,
        Skipped,
        Span,
        Speaker,
        UpdateReport,
        Version,
    )
    from .sources import first_carried
    from .verdicts import NOTE_MAX_CHARS, Verdict, VerdictStore, VerdictsUnreadable, quote_key

_WHERE = {
    "write_atomically": "atomic_write",
    "CorpusMissing": "corpus",
    "describe_skipped": "corpus",
    "display_name": "corpus",
    "cluster_to_markdown": "export",
    "quotes_to_csv": "export",
    "quotes_to_json": "export",
    "quotes_to_jsonl": "export",
    "quotes_to_markdown": "export",
    "Corpus": "facade",
    "open_corpus": "facade",
    "IndexDamaged": "integrity",
    "IndexBusy": "locking",
    "MANIFEST_NAME": "metadata",
    "display_date": "metadata",
    "normalise_date": "metadata",
    "Article": "models",
    "ArticleInfo": "models",
    "Cluster": "models",
    "DiffPart": "models",
    "Fragment": "models",
    "Hit": "models",
    "IndexUnavailable": "models",
    "Progress": "models",
    "QueryError": "models",
    "Quote": "models",
    "SearchResults": "models",
    "Skipped": "models",
    "Span": "models",
    "Speaker": "models",
    "UpdateReport": "models",
    "Version": "models",
    "first_carried": "sources",
    "NOTE_MAX_CHARS": "verdicts",
    "Verdict": "verdicts",
    "VerdictStore": "verdicts",
    "VerdictsUnreadable": "verdicts",
    "quote_key": "verdicts",
}
"""The module of each public name, imported when the name is first used."""

__all__ = [
    "MANIFEST_NAME",
    "NOTE_MAX_CHARS",
    "Article",
    "ArticleInfo",
    "Cluster",
    "Corpus",
    "CorpusMissing",
    "DiffPart",
    "Fragment",
    "Hit",
    "IndexBusy",
    "IndexDamaged",
    "IndexUnavailable",
    "Progress",
    "QueryError",
    "Quote",
    "SearchResults",
    "Skipped",
    "Span",
    "Speaker",
    "UpdateReport",
    "Verdict",
    "VerdictStore",
    "VerdictsUnreadable",
    "Version",
    "cluster_to_markdown",
    "describe_skipped",
    "display_date",
    "display_name",
    "first_carried",
    "normalise_date",
    "open_corpus",
    "quote_key",
    "quotes_to_csv",
    "quotes_to_json",
    "quotes_to_jsonl",
    "quotes_to_markdown",
    "write_atomically",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
