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

# ruff: noqa: F401 - the imports below are for mypy only (it cannot read _NAMES)
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

_NAMES = {
    "atomic_write": ("write_atomically",),
    "corpus": ("CorpusMissing", "describe_skipped", "display_name"),
    "export": (
        "cluster_to_markdown",
        "quotes_to_csv",
        "quotes_to_json",
        "quotes_to_jsonl",
        "quotes_to_markdown",
    ),
    "facade": ("Corpus", "open_corpus"),
    "integrity": ("IndexDamaged",),
    "locking": ("IndexBusy",),
    "metadata": ("MANIFEST_NAME", "display_date", "normalise_date"),
    "models": (
        "Article",
        "ArticleInfo",
        "Cluster",
        "DiffPart",
        "Fragment",
        "Hit",
        "IndexUnavailable",
        "Progress",
        "QueryError",
        "Quote",
        "SearchResults",
        "Skipped",
        "Span",
        "Speaker",
        "UpdateReport",
        "Version",
    ),
    "sources": ("first_carried",),
    "verdicts": ("NOTE_MAX_CHARS", "Verdict", "VerdictStore", "VerdictsUnreadable", "quote_key"),
}
"""The public names of each module: `_WHERE` and `__all__` are built from it.

The imports above say the same for mypy, which cannot read a table;
tests/test_index_import.py fails if the two differ.
"""

_WHERE = {name: module for module, names in _NAMES.items() for name in names}
"""The module of each public name, imported when the name is first used."""

__all__ = list(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
