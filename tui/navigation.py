"""Where `n`/`N`, `]`/`[` and `o` lead: pure functions over the loaded results.

Kept apart from the widgets so the rules (continue into the next source at the
end of an article, wrap around at the end of the list) are plain and testable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from index import Quote, Span


@dataclass(frozen=True, slots=True)
class MatchStop:
    """One match of the query: which article, which of its matches, where."""

    article_id: str
    index: int
    span: Span
    wrapped: bool = False


def _span(span: Span) -> Span:
    """A fresh `(start, end)` tuple (the spans given may be any pair, e.g. a list)."""
    start, end = span
    return (start, end)


def step_match(
    sources: Sequence[tuple[str, Sequence[Span]]],
    article_id: str | None,
    index: int | None,
    step: int,
) -> MatchStop | None:
    """The match after (step=1) or before (step=-1) the current one.

    `sources` are the matching articles in result order with their match spans.
    At an article's last match the next source's first match follows; past the
    last source it wraps to the first (and `wrapped` says so).
    """
    sources = [(aid, spans) for aid, spans in sources if spans]
    if not sources:
        return None
    position = next((i for i, (aid, _) in enumerate(sources) if aid == article_id), None)
    if position is None:
        aid, spans = sources[0] if step > 0 else sources[-1]
        at = 0 if step > 0 else len(spans) - 1
        return MatchStop(aid, at, _span(spans[at]))
    spans = sources[position][1]
    current = -1 if index is None and step > 0 else len(spans) if index is None else index
    target = current + step
    if 0 <= target < len(spans):
        return MatchStop(sources[position][0], target, _span(spans[target]))
    next_position = position + (1 if step > 0 else -1)
    wrapped = not 0 <= next_position < len(sources)
    aid, spans = sources[next_position % len(sources)]
    at = 0 if step > 0 else len(spans) - 1
    return MatchStop(aid, at, _span(spans[at]), wrapped=wrapped)


def match_index_at(spans: Sequence[Span], position: int) -> int | None:
    """The index of the first match that ends after `position` (where reading continues)."""
    for i, (_, end) in enumerate(spans):
        if end > position:
            return i
    return len(spans) - 1 if spans else None


def step_source(ids: Sequence[str], current: str | None, step: int) -> str | None:
    """The next/previous article id in list order, wrapping around."""
    if not ids:
        return None
    if current not in ids:
        return ids[0] if step > 0 else ids[-1]
    return ids[(ids.index(current) + step) % len(ids)]


def next_version(versions: Sequence[Quote], current: Quote, step: int = 1) -> Quote | None:
    """The same statement in the next source that carries it, cycling through the sources.

    Versions from the current article are skipped, so each press lands in another source.
    """
    if not versions:
        return None
    ids = [v.id for v in versions]
    start = ids.index(current.id) if current.id in ids else -1
    if start < 0:
        start = next((i for i, v in enumerate(versions) if v.article_id == current.article_id), -1)
    for offset in range(1, len(versions) + 1):
        candidate = versions[(start + step * offset) % len(versions)]
        if candidate.article_id != current.article_id:
            return candidate
    return None
