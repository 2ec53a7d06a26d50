"""Block quotations: an unquoted paragraph introduced by an attributing colon line.

`According to Variety:` or `The company said in a statement:` followed by the
statement itself on its own paragraph, with no quotation marks. A colon line
without a reporting cue (`You can watch the trailer here:`) introduces nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from index.models import Span
from index.quotes.attribution import has_cue
from index.quotes.layout import sentence_starts

_QUOTE_OPENERS = "\"“”‘'«—–-"
_MIN_WORDS = 6


@dataclass(frozen=True, slots=True)
class Block:
    """`start:end` is the quoted paragraph; `intro` the sentence ending with the colon."""

    start: int
    end: int
    intro: Span


def find_blocks(text: str, paragraphs: list[Span], taken: list[Span]) -> list[Block]:
    """Paragraphs quoted as blocks; `taken` spans (tweets) are never blocks."""
    blocks = []
    for (start, end), (nstart, nend) in pairwise(paragraphs):
        if not text[start:end].endswith(":"):
            continue
        intro_start = sentence_starts(text, start, end)[-1]
        if not has_cue(text, intro_start, end):
            continue
        body = text[nstart:nend]
        if body[:1] in _QUOTE_OPENERS or len(body.split()) < _MIN_WORDS:
            continue
        if any(s < nend and nstart < e for s, e in taken):
            continue
        blocks.append(Block(nstart, nend, (intro_start, end)))
    return blocks
