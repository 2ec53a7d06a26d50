"""sourcedesk's index package: corpus files -> analysis -> Whoosh index -> search and quotes.

Callers (the command line, the Textual app) use only the names exported here;
see docs/API.md. Nothing in this package imports Textual.
"""

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
