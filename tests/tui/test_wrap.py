"""The lists' own wrap gives Rich's rows, segment for segment, and is taken for their prompts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, OverflowMethod
from rich.style import Style
from rich.text import Span, Text
from textual.strip import Strip

from tui.widgets import wrap as wrapping
from tui.widgets.wrap import by_rich, wrap

# One-cell characters the prompts hold (letters, spaces, "·", "…", quotation marks,
# "▶", a no-break space, "£", Greek, Cyrillic) and some that take Rich's path: a
# tab, a wide character, a combining accent, a joiner, an emoji.
ONE_CELL = "ab Zé· …“”’▶▼—\xa0£λж"
OTHERS = "\t中\u0301\u200d😀"
STYLES = [
    Style(bold=True),
    Style(color="red"),
    Style(italic=True, bgcolor="blue"),
    Style.null(),
    "bold",
    "italic underline",
    "",
]
BASES = [Style.null(), Style(color="white", bgcolor="black"), Style(reverse=True, bold=True)]
OVERFLOWS: list[OverflowMethod] = ["fold", "crop", "ellipsis"]


@st.composite
def prompts(draw: st.DrawFn, alphabet: str) -> Text:
    words = st.text(alphabet=alphabet, min_size=0, max_size=12)
    plain = joined(draw(st.lists(words, max_size=8)), draw)
    spans = []
    for _ in range(draw(st.integers(0, 5))):
        if not plain:
            break
        start = draw(st.integers(0, len(plain) - 1))
        end = draw(st.integers(start + 1, len(plain)))
        spans.append(Span(start, end, draw(st.sampled_from(STYLES))))
    return Text(plain, style=draw(st.sampled_from(STYLES)), spans=spans)


def joined(parts: list[str], draw: st.DrawFn) -> str:
    """Words joined by spaces, runs of spaces or line breaks."""
    out = ""
    for part in parts:
        out += part + draw(st.sampled_from([" ", "  ", "\n", "", "   \n"]))
    return out


def rows(strips: list[Strip]) -> list[tuple[int, list[object]]]:
    return [(strip.cell_length, list(strip)) for strip in strips]


@settings(max_examples=800, derandomize=True)
@given(
    text=st.sampled_from([ONE_CELL] * 3 + [ONE_CELL + OTHERS]).flatmap(prompts),
    width=st.integers(1, 30),
    base=st.sampled_from(BASES),
    no_wrap=st.booleans(),
    overflow=st.sampled_from(OVERFLOWS),
)
def test_prompts_wrap_as_rich_wraps_them(
    text: Text, width: int, base: Style, no_wrap: bool, overflow: OverflowMethod
) -> None:
    # Three prompts in four of one-cell characters only (the quick way), the rest
    # with others too (Rich's way, and the choice between the two).
    console = Console(width=200, color_system="truecolor")
    ours = wrap(text.copy(), console, width, base, no_wrap=no_wrap, overflow=overflow)
    rich = by_rich(text.copy(), console, width, base, no_wrap=no_wrap, overflow=overflow)
    assert rows(ours) == rows(rich)


@pytest.mark.parametrize(
    "prompt",
    [
        Text("  Netflix · 2020-09-10 · “Cuties” poster… apology\n  seeds/a.md · 2 matches"),
        Text.assemble(("▶ ", "bold"), ("BBC", Style(color="cyan")), " · a title that is long"),
        Text(""),
    ],
)
def test_the_lists_prompts_take_the_quick_way(
    prompt: Text, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **kwargs: object) -> list[Strip]:
        raise AssertionError("went through Rich")

    monkeypatch.setattr(wrapping, "by_rich", refused)
    console = Console(width=200)
    assert wrap(prompt, console, 20, Style(bold=True), no_wrap=False, overflow="fold")
