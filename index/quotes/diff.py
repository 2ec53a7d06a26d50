"""Word-level differences between versions of one statement.

Each version is aligned with every other source's wording (that source's
quotes concatenated, so a statement split by its attribution still lines up);
a word is changed when some other source has different words in its place.
Words outside the stretch two versions share (a longer or shorter excerpt)
are not differences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import Indel

from index.models import DiffPart
from index.quotes.names import fold

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)


def words(text: str) -> list[tuple[int, int, str]]:
    """Comparable words of `text` with offsets (hyphens split, case and accents folded).

    ASCII text folds to its lower case, letter for letter, so its words are those of
    the lowered text, at the same offsets: one `lower` a text, not a fold a word."""
    if text.isascii():
        return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text.lower())]
    return [(m.start(), m.end(), fold(m.group()).replace("’", "'")) for m in _WORD.finditer(text)]


def changed_flags(mine: Sequence[str], others: Sequence[Sequence[str]]) -> list[bool]:
    """For each of `mine`'s words: does some other wording differ at that place?"""
    flags = [False] * len(mine)
    for other in others:
        ops = list(Indel.opcodes(list(mine), list(other)))
        equal = [op for op in ops if op.tag == "equal"]
        if not equal:
            continue
        first, last = equal[0].src_start, equal[-1].src_end
        for op in ops:
            if op.tag == "delete":  # words here that the other wording lacks
                for i in range(max(op.src_start, first), min(op.src_end, last)):
                    flags[i] = True
    return flags


def diff_parts(text: str, others: Sequence[str]) -> tuple[DiffPart, ...]:
    """`text` cut into runs, the words that differ from `others` marked changed."""
    toks = words(text)
    if not toks:
        return (DiffPart(text, False),)
    flags = changed_flags([w for *_, w in toks], [[w for *_, w in words(o)] for o in others])
    parts: list[DiffPart] = []
    pos = 0
    i = 0
    while i < len(toks):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and flags[j + 1]:
            j += 1
        start, end = toks[i][0], toks[j][1]
        if start > pos:
            parts.append(DiffPart(text[pos:start], False))
        parts.append(DiffPart(text[start:end], True))
        pos = end
        i = j + 1
    if pos < len(text):
        parts.append(DiffPart(text[pos:], False))
    return tuple(parts)
