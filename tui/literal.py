"""Article data shown literally: Rich `Text` built from plain strings, never markup.

Corpus text may contain `[bold]`, `[link=...]` or stray control bytes. Text objects
are built with `Text(str)` and styled by span, so markup appears as typed, and every
control character is replaced by a space of the same length, so the spans the index
hands out still line up and no escape sequence reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from rich.text import Text

from index import Fragment, Span

_UNSAFE = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_SAFE_TEXT = dict.fromkeys([*_UNSAFE, *_BIDI], " ")
_SAFE_LINE = {**_SAFE_TEXT, 0x0A: " ", 0x09: " "}
_SAFE_TEXT[0x09] = " "


def clean(text: str) -> str:
    """`text` with control characters replaced by spaces (same length; newlines kept)."""
    return text.translate(_SAFE_TEXT)


def one_line(text: str, limit: int | None = None) -> str:
    """`text` on one line, shortened to `limit` characters with an ellipsis."""
    line = " ".join(text.translate(_SAFE_LINE).split())
    if limit is not None and len(line) > limit:
        return line[: limit - 1].rstrip() + "…"
    return line


def literal(text: str, style: str | Style = "") -> Text:
    """A Rich Text showing `text` exactly as typed (no markup, no control characters)."""
    return Text(clean(text), style=style, no_wrap=False, end="")


def with_spans(text: str, spans: Iterable[Span], style: str | Style) -> Text:
    """`text` shown literally with `style` over each span (spans out of range are clipped)."""
    shown = literal(text)
    size = len(shown.plain)
    for start, end in spans:
        start, end = max(0, start), min(size, end)
        if start < end:
            shown.stylize(style, start, end)
    return shown


def passage(fragment: Fragment, style: str | Style) -> Text:
    """A match's passage on one line with its matches in `style`, and "…" where it
    was cut out of its paragraph, so half a sentence never reads as a whole one."""
    shown = Text(end="")
    if fragment.cut_before:
        shown.append("…")
    # Same length as the text, so the highlights still line up.
    shown.append_text(with_spans(fragment.text.translate(_SAFE_LINE), fragment.highlights, style))
    if fragment.cut_after:
        shown.append("…")
    return shown
