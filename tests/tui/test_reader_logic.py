"""The reader's plain rules: jump history, stepping, literal text, citations, copying."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.style import Style

from index import Quote
from tui.citation import citation
from tui.clipboard import copy_file, system_tool
from tui.commands import literal_highlight
from tui.history import History, Location
from tui.literal import clean, one_line, with_spans
from tui.navigation import match_index_at, next_version, step_match, step_source
from tui.widgets.article_view import wrap_rows


def test_history_goes_back_and_forward_and_forgets_the_forward_part_on_a_new_jump() -> None:
    history = History()
    a, b, c, d = (Location(x) for x in "abcd")
    for place in (a, b, c):
        history.record(place)
    history.record(c)  # a repeat of where we are is not a new place
    assert len(history) == 3
    assert history.back() == b and history.back() == a and history.back() is None
    assert history.forward() == b
    history.record(d)
    assert history.forward() is None
    assert history.back() == b


SOURCES = [("one", [(0, 3), (10, 13)]), ("two", []), ("three", [(5, 8)])]


def test_next_match_continues_into_the_next_source_with_matches_and_wraps() -> None:
    first = step_match(SOURCES, None, None, 1)
    assert first is not None and (first.article_id, first.index) == ("one", 0)
    second = step_match(SOURCES, "one", 0, 1)
    assert second is not None and (second.article_id, second.span) == ("one", (10, 13))
    third = step_match(SOURCES, "one", 1, 1)
    assert third is not None and (third.article_id, third.wrapped) == ("three", False)
    wrapped = step_match(SOURCES, "three", 0, 1)
    assert wrapped is not None and (wrapped.article_id, wrapped.wrapped) == ("one", True)
    back = step_match(SOURCES, "three", 0, -1)
    assert back is not None and (back.article_id, back.index) == ("one", 1)
    assert step_match([("x", [])], None, None, 1) is None


def test_landing_inside_an_article_picks_the_match_where_reading_continues() -> None:
    assert match_index_at([(0, 3), (10, 13)], 11) == 1
    assert match_index_at([(0, 3), (10, 13)], 50) == 1
    assert match_index_at([], 5) is None
    assert step_source(["a", "b", "c"], "c", 1) == "a"
    assert step_source(["a", "b", "c"], None, -1) == "c"


def _quote(qid: str, article: str) -> Quote:
    return Quote(qid, article, article, 0, 5, "words", "direct")


def test_o_cycles_through_other_sources_skipping_versions_in_the_same_article() -> None:
    versions = [_quote("1#a", "1"), _quote("2#a", "2"), _quote("2#b", "2"), _quote("3#a", "3")]
    assert next_version(versions, versions[0]).id == "2#a"
    assert next_version(versions, versions[1]).id == "3#a"
    assert next_version(versions, versions[3]).id == "1#a"
    assert next_version(versions, versions[3], step=-1).article_id == "2"
    assert next_version([versions[0]], versions[0]) is None


def test_text_is_literal_with_control_characters_blanked_in_place() -> None:
    raw = "a\x1b[31mred\x07 [bold]x[/bold]\u202eevil\nnext"
    assert clean(raw) == "a [31mred  [bold]x[/bold] evil\nnext"
    assert len(clean(raw)) == len(raw)  # spans still line up
    shown = with_spans(raw, [(2, 5), (90, 95)], "reverse")
    assert isinstance(shown, Text) and shown.plain == clean(raw)
    assert [(s.start, s.end) for s in shown.spans] == [(2, 5)]
    assert one_line("a\nlong   line of words", 10) == "a long li…"


def test_wrapping_keeps_offsets_into_the_text() -> None:
    text = "The quick brown fox\n\njumps over the lazy dog"
    rows = wrap_rows(text, 10)
    assert [text[a:b].strip() for a, b in rows] == [
        "The quick",
        "brown fox",
        "",
        "jumps over",
        "the lazy",
        "dog",
    ]
    wide = wrap_rows("日本語のテキスト", 4)  # two cells per character
    assert len(wide) == 4


def test_a_citation_names_the_speaker_handle_title_source_and_date() -> None:
    quote = Quote(
        "q",
        "a.txt",
        "a.txt",
        0,
        9,
        "Hello\nthere",
        "tweet",
        speaker="Jane Doe",
        handle="@jdoe",
        date="2020-09-11",
    )
    assert citation(quote, "A [bold] title") == (
        "“Hello there” — Jane Doe (@jdoe), 11 Sep 2020, “A [bold] title”, a.txt"
    )
    bare = Quote("q", "b.txt", "b.txt", 0, 3, "Hi", "scare")
    assert citation(bare) == "“Hi” — unattributed, b.txt"


def test_copy_fallbacks_need_a_display_and_write_under_the_cache_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert system_tool() is None  # no DISPLAY/WAYLAND_DISPLAY in tests (conftest)
    assert copy_file() == tmp_path / "cache" / "sourcedesk" / "clipboard.txt"


def test_palette_entries_show_titles_as_typed_not_as_markup() -> None:
    shown = literal_highlight("[bold]Cuties[/bold] [link=x]y", [7, 8], Style(reverse=True))
    assert shown.plain == "[bold]Cuties[/bold] [link=x]y"
    assert [(span.start, span.end) for span in shown.spans] == [(7, 8), (8, 9)]
