"""Command palette (ctrl+p): open an article by title, jump to a speaker.

Both lists come from the corpus (thousands of articles at scale), so each is a
provider that matches as the user types and yields a bounded number of hits.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.style import Style

from index import ArticleInfo, Speaker

from .literal import one_line

MAX_HITS = 200
YIELD_EVERY = 500


class _ListProvider(Provider):
    """Matches the query against (label, help, action) entries from `entries()`.

    An entry matches when it contains every word of the query; the fuzzy scorer
    then ranks those and marks the matched letters.
    """

    _items: list[tuple[str, str, str, Callable[[], object]]] | None = None

    def entries(self) -> Iterable[tuple[str, str, Callable[[], object]]]:
        raise NotImplementedError

    def items(self) -> list[tuple[str, str, str, Callable[[], object]]]:
        """(folded label, label, help, action), built once per palette."""
        if self._items is None:
            self._items = [
                (label.casefold(), label, text, act) for label, text, act in self.entries()
            ]
        return self._items

    async def discover(self) -> Hits:
        for count, (_folded, label, text, action) in enumerate(self.items()):
            if count >= MAX_HITS:
                break
            yield DiscoveryHit(Content(label), action, text=label, help=escape(text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        words = query.casefold().split()
        found = 0
        for count, (folded, label, text, action) in enumerate(self.items()):
            if count % YIELD_EVERY == 0:
                await asyncio.sleep(0)  # keep the palette responsive over 19k titles
            if not all(word in folded for word in words):
                continue  # cheap test first: the fuzzy scorer is slow on 19k titles
            score, offsets = matcher.fuzzy_search.match(matcher.query, label)
            if score > 0:
                yield Hit(
                    score,
                    literal_highlight(label, offsets, matcher.match_style),
                    action,
                    text=label,
                    help=escape(text),
                )
                found += 1
                if found >= MAX_HITS:
                    break


def literal_highlight(label: str, offsets: Iterable[int], style: Style) -> Content:
    """The label as typed (article titles may contain "[...]"), matched letters styled.

    `Matcher.highlight` would read the label as markup.
    """
    content = Content(label)
    for offset in offsets:
        content = content.stylize(style, offset, offset + 1)
    return content


class ArticleProvider(_ListProvider):
    """ "Open article…": every source by title; selecting one opens it."""

    def entries(self) -> Iterable[tuple[str, str, Callable[[], object]]]:
        infos: Iterable[ArticleInfo] = self.app.article_infos()  # type: ignore[attr-defined]
        opener = self.app.open_article  # type: ignore[attr-defined]
        for info in infos:
            label = one_line(info.title or info.path, 100)
            yield label, one_line(info.path, 100), partial(opener, info.id)


class SpeakerProvider(_ListProvider):
    """ "Jump to speaker…": canonical speakers; selecting one lists their quotations."""

    _speakers: list[Speaker] | None = None

    async def startup(self) -> None:
        # Counting every quotation of a large corpus takes a while: not on the UI thread.
        speakers = await asyncio.to_thread(self.app.corpus_speakers)  # type: ignore[attr-defined]
        self._speakers = list(speakers)

    def entries(self) -> Iterable[tuple[str, str, Callable[[], object]]]:
        show = self.app.show_speaker  # type: ignore[attr-defined]
        for speaker in self._speakers or ():
            text = f"{_count(speaker.quotes, 'quotation')} in {_count(speaker.sources, 'source')}"
            yield one_line(speaker.name, 80), text, partial(show, speaker.name)


def _count(n: int, noun: str) -> str:
    """`1 quotation`, `1,204 quotations`: as the rest of the app writes counts."""
    return f"{n:,} {noun}{'s' * (n != 1)}"
