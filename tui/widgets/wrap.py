"""A list option's prompt wrapped into the rows that draw it, as Rich wraps and renders it.

Wrapping the new options of a search was most of the app's own work on a
keystroke (docs/BENCHMARKS.md, keys9 to keys11), and Rich's wrap makes a `Text`
for every line and row, moves every span into each, then renders each row's
styles. The lists' prompts are simple: a few styled spans over text whose every
character takes one cell. For those, `wrap` works on the plain string and the
spans' offsets once, and gives the same rows, segment for segment (a property
test checks it against `by_rich`); any other prompt (tabs, wide or combining
characters) goes through Rich.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial
from itertools import pairwise

from rich.console import Console, OverflowMethod
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

_ONE_CELL = frozenset(
    chr(code)
    for start, end in (
        (0x20, 0x7E),  # Latin
        (0xA0, 0xAC),
        (0xAE, 0x2FF),  # Latin-1, Latin extended, spacing modifiers
        (0x370, 0x482),  # Greek, Cyrillic
        (0x2010, 0x2027),  # dashes, quotation marks, bullets, the ellipsis
        (0x2030, 0x205E),  # per mille, primes, guillemets
        (0x2500, 0x25FC),  # box drawing, the ▶ ▼ shapes
    )
    for code in range(start, end + 1)
) | {"\n"}
"""Characters that take one cell each on their own and together (no joiners,
no combining marks): a line of them is as many cells as characters. And the
line break, where a prompt's lines are split before they are wrapped."""

_WORD = re.compile(r"\s*\S+\s*")  # rich._wrap's words: a word and the spaces after it
_TRAILING_SPACE = re.compile(r"\s+$")  # rich.text's


def wrap(
    text: Text,
    console: Console,
    width: int,
    base: Style,
    *,
    no_wrap: bool,
    overflow: OverflowMethod,
) -> list[Strip]:
    """`text` wrapped at `width` cells (or cut there, `no_wrap`) into rows over
    `base`, each padded to the width in `base`: what `by_rich` gives, faster."""
    plain = text.plain
    if "\t" in plain or not _ONE_CELL.issuperset(plain) or width < 1:
        return by_rich(text, console, width, base, no_wrap=no_wrap, overflow=overflow)
    get_style = partial(console.get_style, default=Style.null())
    spans = [(span.start, span.end, index) for index, span in enumerate(text.spans, 1)]
    styles = [get_style(text.style), *(get_style(span.style) for span in text.spans)]
    under = base + console.get_style(text.style, default="")
    combined: dict[tuple[int, ...], Style] = {}
    strips: list[Strip] = []
    line_start = 0
    for line in plain.split("\n"):
        if no_wrap:
            rows = [(0, len(line))]
        else:
            breaks = [0, *_breaks(line, width, fold=overflow == "fold"), len(line)]
            rows = list(pairwise(breaks))
        for start, end in rows:
            row = line[start:end]
            if len(row) > width and not no_wrap:  # spaces past the width go first
                trailing = _TRAILING_SPACE.search(row)
                if trailing is not None:
                    row = row[: len(row) - min(len(trailing.group(0)), len(row) - width)]
            if len(row) > width:
                row = row[: width - 1] + "…" if overflow == "ellipsis" else row[:width]
            row = row.rstrip()
            offset = line_start + start
            pieces = _segments(row, offset, spans, styles, combined)
            if under:  # as Segment.apply_style: a null style leaves theirs alone
                segments = [Segment(piece, under + style) for piece, style in pieces]
            else:
                segments = [Segment(piece, style) for piece, style in pieces]
            if len(row) < width:
                segments.append(Segment(" " * (width - len(row)), base))
            strips.append(Strip(segments, width))
        line_start += len(line) + 1
    return strips


def _breaks(line: str, width: int, *, fold: bool) -> list[int]:
    """Where `line` is broken to fit `width`: rich._wrap.divide_line for text of
    one cell a character."""
    breaks: list[int] = []
    filled = 0
    for match in _WORD.finditer(line):
        start, end = match.span()
        word = match.group(0)
        length = len(word.rstrip())
        if width - filled >= length:
            filled += end - start
        elif length > width:
            if fold:  # the word across rows of `width`, the rest from its last piece
                for piece in range(start, end, width):
                    if piece:
                        breaks.append(piece)
                filled = end - piece
            else:
                if start:
                    breaks.append(start)
                filled = end - start
        elif filled and start:
            breaks.append(start)
            filled = end - start
    return breaks


def _segments(
    row: str,
    offset: int,
    spans: Sequence[tuple[int, int, int]],
    styles: Sequence[Style],
    combined: dict[tuple[int, ...], Style],
) -> list[tuple[str, Style | None]]:
    """`row` (at `offset` in the prompt) cut where a span that covers part of it
    starts or ends, each piece in the styles over it (Rich's `Text.render`)."""
    end = offset + len(row)
    inside = [
        (max(start, offset) - offset, min(stop, end) - offset, index)
        for start, stop, index in spans
        if min(stop, end) > max(start, offset)
    ]
    if not inside:
        return [(row, None)]
    cuts = sorted({0, len(row), *(s for s, _, _ in inside), *(e for _, e, _ in inside)})
    pieces: list[tuple[str, Style | None]] = []
    for left, right in pairwise(cuts):
        over = (0, *(index for start, stop, index in inside if start <= left < stop))
        style = combined.get(over)
        if style is None:
            style = combined[over] = Style.combine(styles[index] for index in over)
        pieces.append((row[left:right], style))
    return pieces


def by_rich(
    text: Text,
    console: Console,
    width: int,
    base: Style,
    *,
    no_wrap: bool,
    overflow: OverflowMethod,
) -> list[Strip]:
    """Rich's own wrap and render of `text`, each row over `base` and padded in it."""
    rows = text.wrap(console, width, justify="default", overflow=overflow, no_wrap=no_wrap)
    strips = []
    for row in rows:
        row.rstrip()  # the space a row was wrapped at is not drawn
        # A row without spans is rendered without its own style: put it under.
        under = base + console.get_style(row.style, default="")
        segments = list(Segment.apply_style(row.render(console), under))
        cells = Segment.get_line_length(segments)
        if cells < width:
            segments.append(Segment(" " * (width - cells), base))
        strips.append(Strip(segments, max(cells, width)))
    return strips
