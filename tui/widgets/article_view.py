"""The open article's full text, wrapped, with the query's matches highlighted.

A quotation landed on also has its evidence marked: the words that gave its
speaker (the cue, a tweet's dash line, a pronoun and its antecedent), in a style
of their own so a researcher can judge the attribution at a glance.

A line-API scroll view (like Textual's Log): the text is wrapped once per width
into rows that remember their offsets into `Article.text`, so any span the index
hands out maps to a row to scroll to, and only the visible rows are rendered.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise
from typing import ClassVar

from rich._wrap import divide_line  # Rich's own word wrapper (cell-width aware)
from rich.cells import cell_len
from rich.text import Text
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.events import MouseMove
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from index import Article, Span

from ..command_table import bindings
from ..literal import literal, one_line
from .pane import BorderTitles

PRONOUNS = frozenset(
    ["he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "their", "its"]
)
EVIDENCE_CHARS = 80


def evidence_words(text: str, spans: Sequence[Span]) -> str:
    """The evidence as a reader says it: `‘a Netflix spokesperson said’`, or the
    pronoun first and what it stands for: `‘she said’ → ‘Maïmouna Doucouré’`."""
    words = [one_line(text[start:end], EVIDENCE_CHARS) for start, end in spans if end > start]
    pronouns = [w for w in words if _starts_with_pronoun(w)]
    others = [w for w in words if not _starts_with_pronoun(w)]
    if pronouns and others:
        return " → ".join(f"‘{w}’" for w in (*pronouns[:1], *others))
    return " … ".join(f"‘{w}’" for w in words)


def _starts_with_pronoun(words: str) -> bool:
    first = words.split(maxsplit=1)[0] if words.strip() else ""
    return first.casefold() in PRONOUNS


def wrap_rows(text: str, width: int) -> list[Span]:
    """(start, end) of each screen row when `text` is word-wrapped to `width` cells."""
    rows: list[Span] = []
    width = max(1, width)
    start = 0
    for line in text.split("\n"):
        offsets = divide_line(line, width, fold=True) if line else []
        bounds = [0, *offsets, len(line)]
        rows.extend((start + a, start + b) for a, b in pairwise(bounds))
        start += len(line) + 1
    return rows


class ArticleView(ScrollView, BorderTitles, can_focus=True):
    """Reads one article; `show()` replaces it, `emphasise()` lands on a span."""

    DEFAULT_CSS = """
    ArticleView > .article-view--title {
        text-style: bold;
        color: $text;
    }

    ArticleView > .article-view--meta {
        color: $text-muted;
        text-style: italic;
    }

    ArticleView > .article-view--match {
        background: $warning 35%;
        color: $text;
    }

    ArticleView > .article-view--current {
        background: $accent;
        color: $text;
        text-style: bold underline;
    }

    ArticleView > .article-view--quote {
        color: $text-success;
        text-style: italic;
    }

    ArticleView > .article-view--evidence {
        background: $primary 45%;
        color: $text;
        text-style: underline;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--title",
        "article-view--meta",
        "article-view--match",
        "article-view--current",
        "article-view--quote",
        "article-view--evidence",
    }

    BINDINGS: ClassVar[list[BindingType]] = bindings("ArticleView")  # see command_table

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.matches: tuple[Span, ...] = ()
        self.quotes: tuple[Span, ...] = ()
        self.quote_labels: tuple[str, ...] = ()
        self.current: Span | None = None
        self.evidence: tuple[Span, ...] = ()
        self._message = "Open a match, a quotation or a source to read it here."
        self._doc = ""
        self._base = 0
        self._title_end = 0
        self._styled: Text | None = None
        self._rows: list[Span] = []
        self._row_starts: list[int] = []
        self._wrapped_width = -1
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(512)

    # -- what is shown -------------------------------------------------------------

    def show(
        self,
        article: Article,
        *,
        matches: Sequence[Span] = (),
        quotes: Sequence[Span] = (),
        quote_labels: Sequence[str] = (),
        current: Span | None = None,
    ) -> None:
        """Display `article`, highlight `matches`, mark `quotes`, and land on `current`.

        `quote_labels` (who said it) are shown as a tooltip over each quotation.
        """
        self.article = article
        self.matches = tuple(matches)
        self.quotes = tuple(quotes)
        self.quote_labels = tuple(quote_labels)
        self.current = current
        self.evidence = ()
        title = one_line(article.title or "")
        opening = one_line(article.text[: len(title) + 40])
        # Titles derived from the first line repeat it: show the title only when it adds.
        header = "" if not title or opening.startswith(title.rstrip("…")) else title
        meta = " · ".join(
            one_line(part)
            for part in (article.path, article.source, article.author, article.date, article.url)
            if part
        )
        lead = f"{header}\n{meta}" if header else meta
        self._doc = f"{lead}\n\n{article.text}"
        self._title_end = len(header)
        self._base = len(self._doc) - len(article.text)
        self._restyle(rewrap=True)
        if current is not None:
            self.scroll_to_span(current)
        else:
            self.scroll_to(0, 0, animate=False)

    def clear(self, message: str) -> None:
        """Show `message` instead of an article."""
        self.article = None
        self.matches = self.quotes = self.evidence = ()
        self.current = None
        self._message = message
        self._doc = ""
        self._restyle(rewrap=True)

    def set_matches(self, matches: Sequence[Span]) -> None:
        """Highlight a new query's matches without moving."""
        self.matches = tuple(matches)
        self._restyle(rewrap=False)

    def emphasise(self, span: Span | None) -> None:
        """Make `span` the current place (drawn emphasised) and scroll it into view."""
        self.current = span
        self._restyle(rewrap=False)
        if span is not None:
            self.scroll_to_span(span)

    def show_evidence(self, spans: Sequence[Span]) -> str:
        """Mark the words that gave the landed-on quotation its speaker (none: `()`);
        returns them as a reader says them ("" when there are none)."""
        self.evidence = tuple(spans)
        self._restyle(rewrap=False)
        return evidence_words(self.article.text, spans) if self.article else ""

    def scroll_to_span(self, span: Span) -> None:
        """Scroll so the row holding `span` sits in the upper third of the view."""
        self._ensure_wrapped()
        row = self.row_of(span[0])
        top = max(0, row - max(1, self.scrollable_content_region.height // 3))
        self.scroll_to(0, top, animate=False, immediate=True)
        # Right after show() the new size is not laid out yet and the scroll is clamped.
        self.call_after_refresh(self.scroll_to, 0, top, animate=False, immediate=True)

    def row_of(self, offset: int) -> int:
        """The wrapped row that shows article offset `offset`."""
        self._ensure_wrapped()
        return max(0, bisect_right(self._row_starts, self._base + offset) - 1)

    def offset_at(self, x: int, y: int) -> int | None:
        """The article offset under screen cell (x, y) of the view, if any."""
        self._ensure_wrapped()
        row = round(self.scroll_offset.y) + y
        if self.article is None or not 0 <= row < len(self._rows):
            return None
        start, end = self._rows[row]
        column = 0
        for index in range(start, end):
            column += cell_len(self._doc[index])
            if column > x:
                return index - self._base
        return None

    def on_mouse_move(self, event: MouseMove) -> None:
        """Over a quotation, say who is quoted (the quotation is only subtly marked)."""
        offset = self.offset_at(event.x - self.gutter.left, event.y - self.gutter.top)
        label = None
        if offset is not None:
            for (start, end), who in zip(self.quotes, self.quote_labels, strict=False):
                if start <= offset < end:
                    label = who
                    break
        if label != self.tooltip:
            self.tooltip = label

    # -- drawing ---------------------------------------------------------------------

    def _doc_text(self) -> str:
        return self._doc if self.article is not None else self._message

    def _restyle(self, *, rewrap: bool) -> None:
        self._styled = None
        self._cache.clear()
        if rewrap:
            self._wrapped_width = -1
            self._ensure_wrapped()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styled = None
        self._cache.clear()

    def _styled_doc(self) -> Text:
        if self._styled is not None:
            return self._styled
        text = literal(self._doc_text())
        if self.article is None:
            text.stylize(self.get_component_rich_style("article-view--meta"))
        else:
            base = self._base
            style = self.get_component_rich_style
            title_end = self._title_end
            text.stylize(style("article-view--title"), 0, title_end)
            text.stylize(style("article-view--meta"), title_end, base - 2)
            for start, end in self.quotes:
                text.stylize(style("article-view--quote"), base + start, base + end)
            for start, end in self.evidence:
                text.stylize(style("article-view--evidence"), base + start, base + end)
            for start, end in self.matches:
                text.stylize(style("article-view--match"), base + start, base + end)
            if self.current is not None:
                start, end = self.current
                text.stylize(style("article-view--current"), base + start, base + end)
        self._styled = text
        return text

    def _ensure_wrapped(self) -> None:
        width = max(1, self.scrollable_content_region.width or self.size.width or 80)
        if width == self._wrapped_width:
            return
        self._wrapped_width = width
        self._rows = wrap_rows(self._doc_text(), width)
        self._row_starts = [start for start, _ in self._rows]
        self._cache.clear()
        self.virtual_size = Size(width, len(self._rows))

    def on_resize(self) -> None:
        keep = self.current
        self._ensure_wrapped()
        if keep is not None:
            self.scroll_to_span(keep)

    def render_line(self, y: int) -> Strip:
        self._ensure_wrapped()
        row = round(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base_style = self.rich_style
        if row >= len(self._rows):
            return Strip.blank(width, base_style)
        key = (row, width)
        strip = self._cache.get(key)
        if strip is None:
            start, end = self._rows[row]
            line = self._styled_doc()[start:end]
            line.no_wrap = True
            line.end = ""
            strip = Strip(line.render(self.app.console)).apply_style(base_style)
            strip = strip.crop_extend(0, width, base_style)
            self._cache[key] = strip
        return strip.apply_offsets(0, row)
