"""The analyzer shared by indexing and querying, checked with real words and a real index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.analysis import RegexTokenizer
from whoosh.fields import ID, TEXT, Schema
from whoosh.lang.porter2 import stem as whoosh_porter2
from whoosh.qparser import QueryParser

from index.analysis import (
    MAX_TOKEN_CHARS,
    WORD_PATTERN,
    FoldFilter,
    americanize,
    fold_word,
    folded_words,
    make_analyzer,
    stem_word,
)
from index.corpus import load_corpus


def terms(text: str, *, stem: bool = True) -> list[str]:
    return [t.text for t in make_analyzer(stem)(text)]


def spans(text: str) -> list[str]:
    """The original text under each token's character offsets."""
    tokens = make_analyzer()(text, chars=True)
    return [text[t.startchar : t.endchar] for t in tokens]


# --- tokenizing ----------------------------------------------------------------


def test_offsets_point_into_the_original_text() -> None:
    text = "Maïmouna Doucouré’s award-winning film, #CancelNetflix!"
    assert spans(text) == ["Maïmouna", "Doucouré’s", "award", "winning", "film", "CancelNetflix"]


def test_hashtags_and_handles_are_words_without_their_sign() -> None:
    assert terms("#CancelNetflix", stem=False) == ["cancelnetflix"]
    assert terms("stop#CancelNetflix @Netflix", stem=False) == ["stop", "cancelnetflix", "netflix"]


def test_hyphenated_words_take_consecutive_positions() -> None:
    tokens = [
        (t.text, t.pos) for t in make_analyzer(stem=False)("an award-winning film", positions=True)
    ]
    assert tokens == [("an", 0), ("award", 1), ("winning", 2), ("film", 3)]


def test_possessives_drop_and_contractions_stay_whole() -> None:
    assert terms("Netflix’s Netflix's NETFLIX", stem=False) == ["netflix"] * 3
    assert terms("don't don’t", stem=False) == ["don't", "don't"]


def test_stop_words_are_kept() -> None:
    assert terms("it was not OK", stem=False) == ["it", "was", "not", "ok"]


def test_soft_hyphen_and_decomposed_accents_stay_inside_a_word() -> None:
    assert terms("hyper\u00adsexualization Doucoure\u0301", stem=False) == [
        "hypersexualization",
        "doucoure",
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("aéZ1 -#@'’\u00ad\u0301.\n")) | st.characters(), max_size=80))
def test_every_token_is_the_fold_of_its_own_span_of_the_text(text: str) -> None:
    analyzer = make_analyzer(stem=False)
    # whoosh reuses one Token object, so copy the values while iterating
    tokens = [
        (t.text, t.pos, t.startchar, t.endchar) for t in analyzer(text, positions=True, chars=True)
    ]
    assert [pos for _, pos, _, _ in tokens] == list(range(len(tokens)))
    previous_end = 0
    for term, _, start, end in tokens:
        assert previous_end <= start < end <= len(text)
        assert term == fold_word(text[start:end])
        previous_end = end


# What the fast path must equal: the analyzer as Whoosh's own chain defines it
# (`FoldingTokenizer`'s docstring), stemmed by whoosh's pure-Python Porter2.
REFERENCE = RegexTokenizer(WORD_PATTERN) | FoldFilter()

# Text as articles hold it and worse: accents composed and decomposed, letters
# without decompositions, the three apostrophes, digits, joiners, control
# characters, Rich markup, hashtags, words past the length limit, and any character.
_FRAGMENTS = st.sampled_from(
    [
        "Doucouré", "Doucoure\u0301", "Søren", "Łódź", "ﬁlm", "ＮＥＴＦＬＩＸ", "Straße", "İ",
        "don't", "Netflix’s", "O'Brien's", "rock ʼn", "'s", "''", "’", "1,234.5", "3rd",
        "x" * MAX_TOKEN_CHARS, "y" * (MAX_TOKEN_CHARS + 1), "hyper\u00adsexual", "a\u200db",
        "\x00", "\x07", "\t", "\r\n", "\x1b[31m", "\x7f", "\u2028", "[bold red]", "[/]",
        "[link=https://x.org/a_b]", "\\[", "#CancelNetflix", "@netflix", "award-winning",
        "colours", "paedophilia", "organisations", "added", "_", " ", ".", "—",
    ]
)  # fmt: skip
ARTICLE_TEXT = st.lists(_FRAGMENTS | st.text(max_size=12), max_size=30).map("".join)


def reference_tokens(text: str, stem: bool) -> list[tuple[str, int, int, int]]:
    tokens = REFERENCE(text, positions=True, chars=True)
    return [
        (whoosh_porter2(t.text) if stem else t.text, t.pos, t.startchar, t.endchar) for t in tokens
    ]


@settings(max_examples=600, deadline=None)
@given(ARTICLE_TEXT, st.booleans())
def test_the_analyzer_equals_the_whoosh_chain_it_stands_for(text: str, stem: bool) -> None:
    """Tokens, positions, offsets and stems of the one-pass analyzer are the chain's."""
    ours = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in make_analyzer(stem)(text, positions=True, chars=True)
    ]
    assert ours == reference_tokens(text, stem)


def matches_folded(text: str) -> list[tuple[str, int, int, int]]:
    return [
        (fold_word(m.group()), pos, m.start(), m.end())
        for pos, m in enumerate(WORD_PATTERN.finditer(text))
        if m.end() - m.start() <= MAX_TOKEN_CHARS
    ]


@settings(max_examples=600, deadline=None)
@given(ARTICLE_TEXT)
def test_folded_words_are_the_patterns_matches_folded(text: str) -> None:
    """What the bulk writer reads: every match, over-long ones left out but counted;
    ASCII text (its own pattern) too."""
    assert folded_words(text) == matches_folded(text)
    ascii_text = text.encode("ascii", "ignore").decode()
    assert folded_words(ascii_text) == matches_folded(ascii_text)


@settings(max_examples=600, deadline=None)
@given(st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz'0123456789_éøßñαж中"), max_size=16))
def test_stems_are_whoosh_porter2s(word: str) -> None:
    assert stem_word(word) == whoosh_porter2(word)


# Words Snowball 3 (PyStemmer 3) stems otherwise than whoosh's Porter2 and Snowball 2.2.
@pytest.mark.parametrize(
    ("word", "stem"),
    [("added", "ad"), ("evening", "even"), ("geologists", "geologist"), ("organization", "organ"),
     ("paste", "past"), ("interval", "interv"), ("emergency", "emerg"), ("offing", "of")],
)  # fmt: skip
def test_stems_are_snowball_2s_not_snowball_3s(word: str, stem: str) -> None:
    assert stem_word(word) == whoosh_porter2(word) == stem


@pytest.mark.slow  # reads and stems both corpora: ~60,000 distinct words
def test_stems_are_whoosh_porter2s_on_the_corpora_vocabulary(
    reuters_dir: Path, bbc_dir: Path
) -> None:
    words: set[str] = set()
    for root in (reuters_dir, bbc_dir):
        articles, _ = load_corpus(root)
        for article in articles:
            for text in (article.title, article.text):
                words.update(word for word, *_ in folded_words(text) if word)
    assert len(words) > 50_000
    assert [w for w in sorted(words) if stem_word(w) != whoosh_porter2(w)] == []


# --- folding -------------------------------------------------------------------


@pytest.mark.parametrize("word", ["Doucouré", "doucoure", "DOUCOURE", "Doucoure\u0301"])
def test_accents_and_case_fold_away(word: str) -> None:
    assert fold_word(word) == "doucoure"


@pytest.mark.parametrize(
    ("written", "typed"),
    [("Łódź", "lodz"), ("Søren", "soren"), ("Þór", "thor"), ("Encyclopædia", "encyclopedia")],
)
def test_letters_without_decomposition_fold_to_what_people_type(written: str, typed: str) -> None:
    assert fold_word(written) == fold_word(typed) == typed


def test_compatibility_forms_fold() -> None:
    assert fold_word("ﬁlm") == "film"  # ligature
    assert fold_word("ＮＥＴＦＬＩＸ") == "netflix"  # full width
    assert fold_word("Straße") == "strasse"


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("paedophilia", "pedophilia"),
        ("colour", "color"),
        ("apologise", "apologize"),
        ("organisation", "organization"),
        ("sexualised", "sexualized"),  # not in the list: general -ise rule
        ("hypersexualisation", "hypersexualization"),
        ("oversexualises", "oversexualizes"),
        ("criticising", "criticizing"),
        ("neighbourhood", "neighborhood"),
        ("behaviourally", "behaviorally"),  # not in the list: general -our rule
        ("labourites", "laborites"),
        ("orthopaedic", "orthopedic"),
        ("haematoma", "hematoma"),
        ("anaesthetist", "anesthetist"),
        ("oesophageal", "esophageal"),
        ("septicaemia", "septicemia"),
        ("catalysed", "catalyzed"),
        ("defence", "defense"),
        ("centre", "center"),
    ],
)
def test_british_spellings_fold_to_american(british: str, american: str) -> None:
    assert fold_word(british) == american
    assert fold_word(american) == american


@pytest.mark.parametrize(
    "word",
    [
        # -ise words that are -ise in American English too
        "precise", "promise", "promising", "unpromising", "expertise", "wise", "rise",
        "uprising", "noise", "otherwise", "likewise", "concise", "paradise", "surprise",
        "surprised", "exercise", "exercising", "advertise", "advertising", "franchise",
        "compromise", "enterprise", "merchandise", "supervise", "televised", "revise",
        "devise", "advise", "adviser", "despise", "disguise", "raise", "praise", "cruise",
        "premises", "treatise", "crises",
        # -our words that are -our in American English too
        "four", "your", "yours", "hour", "hours", "pour", "downpour", "tour", "our", "ours",
        "flour", "sour", "detour", "contour", "devour", "devoured", "scour", "amour", "dour",
        # words an `oe` or `ae` rule would break
        "shoe", "shoes", "canoe", "toe", "does", "goes", "heroes", "aerial", "israel", "maestro",
    ],
)  # fmt: skip
def test_spelling_rules_leave_other_words_alone(word: str) -> None:
    assert americanize(word) == word


def test_advertise_is_also_the_american_spelling() -> None:
    from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS

    assert "advertize" not in AMERICAN_ENGLISH_SPELLINGS
    assert fold_word("advertised") == "advertised"


# --- stemming ------------------------------------------------------------------


def test_porter2_stems_families_together() -> None:
    assert stem_word("demonstrated") == stem_word("demonstrate") == stem_word("demonstrating")
    family = {"apology", "apologize", "apologized", "apologies", "apologise", "apologised"}
    assert len({terms(word)[0] for word in family}) == 1


def test_accents_fold_before_stemming() -> None:
    assert terms("Doucouré's") == terms("DOUCOURE") == terms("doucoure")


def test_unstemmed_analyzer_keeps_whole_words() -> None:
    assert terms("hypersexualization", stem=False) == ["hypersexualization"]
    assert terms("hypersexualization") != ["hypersexualization"]


def test_analyzer_survives_pickling_into_a_schema() -> None:
    import pickle

    analyzer = make_analyzer()
    assert pickle.loads(pickle.dumps(analyzer)) == analyzer


# --- in a real index ------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path):
    schema = Schema(
        id=ID(stored=True, unique=True),
        body=TEXT(analyzer=make_analyzer(), phrase=True),
        exact=TEXT(analyzer=make_analyzer(stem=False), phrase=True),
    )
    folder = tmp_path_factory.mktemp("seeds-index")
    ix = whoosh_index.create_in(folder, schema)
    articles, _ = load_corpus(seeds_dir)
    with ix.writer() as writer:
        for article in articles:
            writer.add_document(id=article.id, body=article.text, exact=article.text)
    yield ix
    ix.close()


def found(ix, query: str, field: str = "body") -> set[str]:
    parsed = QueryParser(field, ix.schema).parse(query)
    with ix.searcher() as searcher:
        return {hit["id"][:3] for hit in searcher.search(parsed, limit=None)}


@pytest.mark.parametrize(
    ("query", "field", "spellings"),
    [
        ("Doucoure", "exact", r"doucour[eé]"),
        ("MAIMOUNA", "exact", r"ma[iï]mouna"),
        ("paedophilia", "exact", r"\bpa?edophilia"),
        ("CancelNetflix", "exact", r"cancelnetflix"),
        ('"award winning"', "exact", r"award[- ]winning"),
        ("sexualised", "exact", r"sexuali[sz]ed"),
        ("apologise", "body", r"apolog(i[sz]e[sd]?|i[sz]ing|y|ies)\b"),
    ],
)
def test_queries_find_every_spelling_in_the_seeds(
    seeds_index, seeds_dir: Path, query: str, field: str, spellings: str
) -> None:
    pattern = re.compile(spellings, re.IGNORECASE)
    expected = {p.name[:3] for p in seeds_dir.iterdir() if pattern.search(p.read_text())}
    assert expected, f"no seed matches {spellings!r}"
    assert found(seeds_index, query, field) == expected


def test_prefix_query_on_the_unstemmed_field(seeds_index, seeds_dir: Path) -> None:
    expected = {p.name[:3] for p in seeds_dir.iterdir() if "hypersexual" in p.read_text().lower()}
    assert expected
    assert found(seeds_index, "hypersexual*", field="exact") == expected
