"""Where an article says who spoke: the words a reader checks an attribution against.

A speaker phrase (`Mention`) knows its own span and the cue that found it: a
reporting verb, `according to`, a dash signature or a transcript label. Its
evidence is the phrase with that cue (`a Netflix spokesperson said`, `said
Smith`, `— Hillary Clinton, former secretary of state`, `PENCE:`), found near
the phrase in its paragraph; the pronoun's antecedent is `speakers`' to add.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.models import Span
from index.quotes.attribution import Mention

# A verb further from its phrase than this (an appositive between) is a span of its own.
_MAX_JOINED_GAP = 60
_MAX_CUE_DISTANCE = 300
_DASHES = "-―—–"
_MARKS = '"“”'


def _joined(first: Span, second: Span, text: str) -> tuple[Span, ...]:
    """One span over both when only a few words lie between them, else both apart."""
    (a, b), (c, d) = sorted((first, second))
    gap = text[b:c]
    if len(gap) <= _MAX_JOINED_GAP and not any(m in gap for m in _MARKS):
        return ((a, max(b, d)),)
    return ((a, b), (c, d))


@lru_cache(maxsize=1024)  # a cue is one of a few hundred reporting verbs
def _whole_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)


def _nearest_word(text: str, word: str, mention: Mention, lo: int, hi: int) -> Span | None:
    """The occurrence of `word` in text[lo:hi] nearest the mention, outside it."""
    best: Span | None = None
    best_distance = _MAX_CUE_DISTANCE + 1
    for m in _whole_word(word).finditer(text[lo:hi]):
        start, end = lo + m.start(), lo + m.end()
        if start < mention.end and end > mention.start:
            continue
        distance = mention.start - end if end <= mention.start else start - mention.end
        if distance < best_distance:
            best, best_distance = (start, end), distance
    return best


def _dash_line(text: str, mention: Mention) -> Span:
    """`— Name, title`: from the dash before the name to the end of its line."""
    start = mention.start
    while start > 0 and text[start - 1] in " \t" + _DASHES:
        start -= 1
    line_end = text.find("\n", mention.end)
    end = len(text) if line_end < 0 else line_end
    return start, len(text[:end].rstrip())


def cue_evidence(text: str, mention: Mention, paragraph: Span) -> tuple[Span, ...]:
    """The speaker phrase with the cue that named it, as spans of `text`."""
    own: Span = (mention.start, mention.end)
    lo, hi = paragraph
    if mention.cue == "—":
        return (_dash_line(text, mention),)
    if mention.cue == ":":
        colon = text.find(":", mention.end, min(hi, mention.end + _MAX_CUE_DISTANCE))
        return ((mention.start, colon + 1),) if colon >= 0 else (own,)
    if not mention.cue:
        return (own,)
    lo, hi = max(lo, mention.start - _MAX_CUE_DISTANCE), min(hi, mention.end + _MAX_CUE_DISTANCE)
    cue = _nearest_word(text, mention.cue, mention, lo, hi)
    return _joined(own, cue, text) if cue else (own,)
