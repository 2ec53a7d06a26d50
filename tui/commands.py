"""Command palette (ctrl+p): open an article by title, jump to a speaker.

Both lists come from the corpus (thousands of articles at scale), so each is a
provider that matches as the user types and yields a bounded number of hits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from index import ArticleInfo, Speaker

from .literal import one_line

MAX_HITS = 200


class _ListProvider(Provider):
    """Matches the query against (label, help, action) entries from `entries()`."""

    def entries(self) -> Iterable[tuple[str, str, Callable[[], object]]]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for count, (label, text, action) in enumerate(self.entries()):
            if count >= MAX_HITS:
                break
            yield DiscoveryHit(label, action, help=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = 0
        for label, text, action in self.entries():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), action, help=text)
                found += 1
                if found >= MAX_HITS:
                    break


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

    def entries(self) -> Iterable[tuple[str, str, Callable[[], object]]]:
        speakers: Iterable[Speaker] = self.app.corpus_speakers()  # type: ignore[attr-defined]
        show = self.app.show_speaker  # type: ignore[attr-defined]
        for speaker in speakers:
            text = f"{speaker.quotes} quotations in {speaker.sources} sources"
            yield one_line(speaker.name, 80), text, partial(show, speaker.name)
