"""`attribution.tokens` finds each word again by `str.find`: the same words at the same offsets
as the tokeniser's own matches, whatever lies between them; and the other short cuts of the
extractor's hot paths (antec) answer as the long way does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from index.quotes.attribution import _TOKEN, _gap_breaks, tokens
from index.quotes.evidence import _whole_word


def _matched(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


TEXTS = (
    "“We will,” said Mr. Blair, the U.S. envoy, on Dec. 8; J. Smith (R-Ky.) agreed.",
    "said said said... U.K.-based  __init__ O’Neill's e-mail @edhenry #CancelNetflix",
    "Doucouré, Søren and ｆｕｌｌｗｉｄｔｈ words; 3.5% of 1,000 -- 'quoted' “marks”.",
    "",
    "...",
)


def test_tokens_are_the_tokenisers_matches() -> None:
    for text in TEXTS:
        for start, end in ((0, len(text)), (3, len(text) - 2), (10, 11)):
            assert tokens(text, start, end) == _matched(text, start, end)


def test_tokens_of_a_sentence_as_a_reader_sees_them() -> None:
    text = 'Mr. Blair said: "We will."'
    assert [w for *_, w in tokens(text, 0, len(text))] == ["Mr.", "Blair", "said", "We", "will"]
    assert tokens(text, 4, 14) == [(4, 9, "Blair"), (10, 14, "said")]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("aZé_.'’&@- ,\n\"“”Mr.DecU.S1"), max_size=60),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_tokens_equal_the_matches_on_any_text(text: str, start: int, end: int) -> None:
    assert tokens(text, start, end) == _matched(text, start, end)


def test_a_gap_of_one_space_never_breaks_a_phrase_and_punctuation_does() -> None:
    text = "Jack Straw, the minister - said"
    assert not _gap_breaks(text, 4, 5)  # `Jack Straw`
    assert _gap_breaks(text, 10, 12)  # `Straw, the`
    assert _gap_breaks(text, 24, 27)  # `minister - said`
    assert not _gap_breaks("a\tb", 1, 2)


def test_cue_patterns_are_compiled_once_a_word() -> None:
    assert _whole_word("said") is _whole_word("said")
    assert [m.span() for m in _whole_word("said").finditer("Said it, unsaid, SAID.")] == [
        (0, 4),
        (17, 21),
    ]
    assert (_whole_word.cache_info().maxsize or 0) <= 65536
