"""The reader's widgets, one per module."""

from .article_list import ArticleList, SourceRow
from .article_view import ArticleView
from .keys_footer import KeysFooter
from .matches_list import MatchesList, MatchTarget
from .paged_list import PagedList
from .pane import Pane
from .quotes_list import QuotesList
from .search_bar import SearchBar
from .status import IndexStatus
from .versions_view import VersionsView

__all__ = [
    "ArticleList",
    "ArticleView",
    "IndexStatus",
    "KeysFooter",
    "MatchTarget",
    "MatchesList",
    "PagedList",
    "Pane",
    "QuotesList",
    "SearchBar",
    "SourceRow",
    "VersionsView",
]
