"""Arbitrary query strings: results or a `QueryError` with a message, never anything else.

Hypothesis mixes query-language debris (quotes, parentheses, operators, `*`,
`~`, field names known and unknown) with arbitrary Unicode, very long strings and
deep nesting. Nothing is timed (`deadline=None`): how fast such queries run is
measured in `bench/`, never bounded by a test a busy machine could fail.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from index import QueryError, open_corpus

from .helpers import SEEDS, run_here

EXAMPLES = 250

DEBRIS = [
    '"',
    "'",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "AND",
    "OR",
    "NOT",
    "ANDNOT",
    "TO",
    "*",
    "?",
    "~",
    "~2",
    "~9",
    "^",
    "^2",
    ":",
    "-",
    "+",
    "\\",
    "/",
    "<",
    ">",
    "=",
    "!",
    "&&",
    "||",
    "title:",
    "body:",
    "speaker:",
    "kind:",
    "foo:",
    "url:",
    "id:",
    "doctype:",
    "path:",
    "netflix",
    "apology",
    "Doucouré",
    "cuties",
    "pedo*",
    "*flix",
    "n?tflix",
    "a*b*c",
    "2020",
    "#CancelNetflix",
    "@netflix",
    "\u201c",
    "\u201d",
    "\u2019",
    "\x00",
    "\x1b[2J",
    "\u202e",
    "\U0001d407",
    " ",
    "  ",
    "\t",
    "\n",
]
debris_queries = st.lists(st.sampled_from(DEBRIS), min_size=1, max_size=12).map(" ".join)
glued_queries = st.lists(st.sampled_from(DEBRIS), min_size=1, max_size=12).map("".join)
nested_queries = st.builds(
    lambda opens, word, closes: "(" * opens + word + ")" * closes,
    st.integers(0, 400),
    st.sampled_from(["netflix", "a OR b", '"apology', "x*", "~", ""]),
    st.integers(0, 400),
)
long_queries = st.builds(
    lambda word, count, sep: sep.join([word] * count),
    st.sampled_from(["netflix", "a*", "b~", '"c', "OR", "title:x", "z?"]),
    st.integers(100, 3000),
    st.sampled_from([" ", " OR ", " AND ", ""]),
)
queries = st.one_of(
    st.text(max_size=80), debris_queries, glued_queries, nested_queries, long_queries
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    opened = open_corpus(SEEDS, tmp_path_factory.mktemp("query-index"))
    try:
        yield opened
    finally:
        opened.close()


def outcome_of(call, *args, **kwargs):
    """The call's result, or the `QueryError` it raised; any other exception fails the test."""
    try:
        return call(*args, **kwargs)
    except QueryError as err:
        return err


def check_outcome(corpus, query: str, outcome, texts: dict[str, str]) -> None:
    event("query error" if isinstance(outcome, QueryError) else "results")
    if isinstance(outcome, QueryError):
        message = str(outcome)
        assert message.strip(), f"empty message for {query[:80]!r}"
        assert "\n" not in message.strip(), f"multi-line message: {message!r}"
        assert "Traceback" not in message
        return
    assert outcome.total >= len(outcome.hits)
    for hit in outcome.hits[:2]:
        article_id = hit.quote.article_id if hit.quote else hit.id
        if article_id not in texts:
            texts[article_id] = corpus.article(article_id).text
        size = len(texts[article_id])
        assert all(0 <= start < end <= size for start, end in hit.matches), hit.matches
        for fragment in hit.fragments:
            assert texts[article_id][fragment.start : fragment.end] == fragment.text
            assert all(0 <= s < e <= len(fragment.text) for s, e in fragment.highlights)


TEXTS: dict[str, str] = {}


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=queries, quotes=st.booleans())
@example(query='"unbalanced', quotes=False)
@example(query="(netflix OR cuties", quotes=False)
@example(query="AND", quotes=False)
@example(query="foo:bar", quotes=False)
@example(query="x" * 10_000, quotes=False)
@example(query="(" * 2_000 + "netflix" + ")" * 2_000, quotes=True)
@example(query="*", quotes=False)
@example(query="~", quotes=True)
@example(query="", quotes=False)
def test_any_query_returns_results_or_a_query_error(corpus, query: str, quotes: bool):
    scope = "quotes" if quotes else "articles"
    outcome = outcome_of(corpus.search, query, limit=5, scope=scope)
    check_outcome(corpus, query, outcome, TEXTS)
    suggestion = outcome_of(corpus.suggest, query)
    assert suggestion is None or isinstance(suggestion, (str, QueryError))


@pytest.mark.parametrize("query", ['"unbalanced', "(netflix", "title: AND", "foo:bar"])
def test_command_line_reports_a_bad_query_in_one_line_with_status_2(corpus, query: str):
    index_dir = str(corpus.index_dir)  # already built: stderr carries only the message
    done = run_here(["search", "--corpus", str(SEEDS), "--index-dir", index_dir, query])
    stderr = done.stderr.decode("utf-8", "replace").strip()
    assert done.returncode == 2, (done.returncode, stderr)
    assert "Traceback" not in stderr
    assert len(stderr.splitlines()) == 1, stderr
    assert done.stdout == b""
