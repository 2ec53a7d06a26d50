"""Match spans from the index's stored character offsets, and the best fragments around them.

No text is re-analysed and no HTML is produced: for each term the searcher says
matched a document, the postings of `body` (indexed with `chars=True`) give the
term's positions and character offsets, which index the stored display text
directly.

Phrases: a word that occurs in the query only inside phrases is highlighted only
where the whole phrase occurs (consecutive positions), as one span; a word that
is also searched alone is highlighted everywhere.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from whoosh import query as wq
from whoosh.reading import IndexReader, TermNotFound

from .expansion import Expansion
from .models import Fragment, Span

# `title` terms are looked up in `body`: the body indexes the whole display text.
# Expansions of whole words match through their stems on `body` (every form is shown).
SPAN_FIELDS = {"title": "body", "body": "body", "text": "text"}
FRAGMENT_CHARS = 240
FRAGMENT_LEAD = 60
CharPositions = list[tuple[int, int, int]]
# Fields indexed with character offsets (`chars=True` in the schema).
CHARS_FIELDS = frozenset({"body", "text"})


def phrases_of(query: wq.Query) -> list[tuple[str, list[str]]]:
    """Each phrase in the query as (field, words), with title phrases mapped to body."""
    found = []
    for leaf in query.leaves():
        if isinstance(leaf, wq.Phrase):
            found.append((SPAN_FIELDS.get(leaf.fieldname, leaf.fieldname), list(leaf.words)))
    return found


def single_terms_of(query: wq.Query) -> set[tuple[str, str]]:
    """(field, text) of the plain terms searched on their own, not only inside phrases."""
    found = set()
    for leaf in query.leaves():
        if isinstance(leaf, wq.Term) and not isinstance(leaf, wq.Phrase):
            found.add((SPAN_FIELDS.get(leaf.fieldname, leaf.fieldname), leaf.text))
    return found


def _positive_leaves(query: wq.Query) -> Iterator[wq.Query]:
    """The leaves a matching document may contain: not those under NOT."""
    if isinstance(query, wq.Not):
        return
    if isinstance(query, wq.AndNot):
        yield from _positive_leaves(query.a)
        return
    if isinstance(query, Expansion) or query.is_leaf():
        yield query
        return
    for child in query.children():
        yield from _positive_leaves(child)


def matched_terms(
    reader: IndexReader,
    query: wq.Query,
    docnums: Sequence[int],
    positions: dict[tuple[int, str, str], CharPositions] | None = None,
) -> dict[int, list[tuple[str, str]]]:
    """(field, word) of the query's plain and expanded words each document contains.

    Only the hits shown are looked up, each word's postings opened once per
    segment and skipped forward through the hits in document order (Whoosh's
    `terms=True` records this for every matching document instead). Where the
    field has character offsets they are put in `positions`, for the spans.
    """
    found: dict[int, list[tuple[str, str]]] = {d: [] for d in docnums}
    if not docnums:
        return found
    leaves = list(_positive_leaves(query))
    words = sorted({(leaf.fieldname, leaf.text) for leaf in leaves if type(leaf) in (wq.Term,)})
    expansions = [leaf for leaf in leaves if isinstance(leaf, Expansion)]
    segments = reader.leaf_readers()
    offsets = [offset for _segment, offset in segments]
    by_segment: dict[int, list[int]] = defaultdict(list)
    for docnum in sorted(set(docnums)):
        by_segment[bisect.bisect_right(offsets, docnum) - 1].append(docnum)
    for index, wanted in by_segment.items():
        segment, offset = segments[index]
        for field, text in words:
            try:
                postings = segment.postings(field, text)
            except TermNotFound:
                continue
            for docnum in wanted:
                if not postings.is_active():
                    break
                postings.skip_to(docnum - offset)
                if postings.is_active() and postings.id() == docnum - offset:
                    found[docnum].append((field, text))
                    if positions is not None and field in CHARS_FIELDS:
                        positions[(docnum, field, text)] = list(postings.value_as("characters"))
        for expansion in expansions:
            for docnum in wanted:
                found[docnum].extend(expansion.words_in(segment, docnum - offset))
    return found


class PostingCursors:
    """Each word's postings opened once per segment and moved forward only.

    The hits of a page are visited in document order, so one cursor per word
    serves them all instead of one posting list opened (and skipped from its
    first block) per hit and word.
    """

    def __init__(self, reader: IndexReader) -> None:
        self.segments = reader.leaf_readers()
        self.offsets = [offset for _segment, offset in self.segments]
        # (segment, field, word) -> (whoosh matcher, untyped; False when absent; last docnum)
        self.cursors: dict[tuple[int, str, str], tuple[Any, int]] = {}
        # Already read while finding the matched words: (docnum, field, word) -> positions.
        self.known: dict[tuple[int, str, str], CharPositions] = {}

    def positions(self, docnum: int, field: str, text: str) -> CharPositions:
        """(position, start, end) of every occurrence of `text` in `field` of one document."""
        known = self.known.get((docnum, field, text))
        if known is not None:
            return known
        index = bisect.bisect_right(self.offsets, docnum) - 1
        segment, offset = self.segments[index]
        local = docnum - offset
        key = (index, field, text)
        cursor, last = self.cursors.get(key, (None, -1))
        if cursor is None or local < last:
            try:
                cursor = segment.postings(field, text)
            except Exception:  # the word is not in this field of this segment
                cursor = False
        self.cursors[key] = (cursor, local)
        if cursor is False or not cursor.is_active():
            return []
        cursor.skip_to(local)
        if not cursor.is_active() or cursor.id() != local:
            return []
        return list(cursor.value_as("characters"))


def match_spans(
    cursors: PostingCursors,
    docnum: int,
    matched: Iterable[tuple[str, bytes | str]],
    phrases: Sequence[tuple[str, list[str]]],
    singles: set[tuple[str, str]],
) -> tuple[Span, ...]:
    """Every match in the document as sorted, non-overlapping character spans."""
    spans: list[Span] = []
    phrase_words = {(field, w) for field, words in phrases for w in words}
    cache: dict[tuple[str, str], CharPositions] = {}

    def lookup(field: str, text: str) -> CharPositions:
        if (field, text) not in cache:
            cache[(field, text)] = cursors.positions(docnum, field, text)
        return cache[(field, text)]

    for fieldname, raw in matched:
        field = SPAN_FIELDS.get(fieldname)
        if field is None:
            continue
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        if (field, text) in phrase_words and (field, text) not in singles:
            continue
        spans.extend((start, end) for _pos, start, end in lookup(field, text))
    for field, words in phrases:
        spans.extend(_phrase_spans([lookup(field, w) for w in words]))
    return _merge(spans)


def _phrase_spans(occurrences: list[CharPositions]) -> list[Span]:
    """Spans where the words occur at consecutive positions, first to last word."""
    if not occurrences or any(not o for o in occurrences):
        return []
    later = [{pos: end for pos, _start, end in o} for o in occurrences[1:]]
    spans = []
    for pos, start, _end in occurrences[0]:
        end = None
        for offset, positions in enumerate(later, 1):
            end = positions.get(pos + offset)
            if end is None:
                break
        if end is not None or not later:
            spans.append((start, end if end is not None else _end))
    return spans


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(set(spans)):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def best_fragments(
    text: str,
    matches: Sequence[Span],
    paragraphs: Sequence[Span] = (),
    count: int = 3,
    size: int = FRAGMENT_CHARS,
) -> tuple[Fragment, ...]:
    """The `count` passages holding the most distinct matched words, best first.

    A passage stays inside one paragraph and is at most about `size` characters,
    cut at spaces; its highlights are relative to its own text.
    """
    if count <= 0 or not matches:
        return ()
    bounds = list(paragraphs) or [(0, len(text))]
    starts = [start for start, _end in bounds]
    # (start, end, matches, paragraph start, paragraph end)
    windows: list[tuple[int, int, list[Span], int, int]] = []
    for start, end in matches:
        index = max(0, bisect.bisect_right(starts, start) - 1)
        low, high = bounds[index]
        if not low <= start < high:
            low, high = start, end
        if windows and windows[-1][1] >= end and windows[-1][0] <= start:
            windows[-1][2].append((start, end))
            continue
        win_start = max(low, start - FRAGMENT_LEAD)
        win_end = min(high, max(end, win_start + size))
        win_start = _word_start(text, win_start, low, start)
        win_end = _word_end(text, win_end, high, end)
        windows.append((win_start, win_end, [(start, end)], low, high))
    scored = sorted(
        windows,
        key=lambda w: (-len({text[s:e].casefold() for s, e in w[2]}), -len(w[2]), w[0]),
    )
    return tuple(
        Fragment(
            text=text[start:end],
            start=start,
            end=end,
            highlights=tuple((s - start, e - start) for s, e in spans),
            cut_before=start > low,
            cut_after=end < high,
        )
        for start, end, spans, low, high in scored[:count]
    )


def _word_start(text: str, at: int, low: int, limit: int) -> int:
    """Move `at` forward to a word start (not past `limit`), unless at the paragraph start."""
    if at <= low:
        return low
    space = text.find(" ", at, limit)
    return space + 1 if space != -1 else at


def _word_end(text: str, at: int, high: int, limit: int) -> int:
    """Move `at` back to the end of a word (not before `limit`), unless at the paragraph end."""
    if at >= high:
        return high
    space = text.rfind(" ", limit, at)
    return space if space != -1 else at
