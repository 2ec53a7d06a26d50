"""Malformed queries: one `QueryError` with a message a person understands, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import QueryError, open_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds_dir: Path):
    return open_corpus(seeds_dir, tmp_path_factory.mktemp("index"))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "the query is empty"),
        ("   ", "the query is empty"),
        ('"death threats', "unbalanced quotation marks"),
        ("“death threats", "unbalanced quotation marks"),
        ("(cuties OR netflix", "a ( is never closed"),
        ("cuties OR netflix)", "a ) has no matching ("),
        ("cuties ()", "empty parentheses"),
        ("AND", "AND needs a search word before it"),
        ("cuties AND", "AND needs a search word after it"),
        ("cuties OR OR netflix", "OR needs a search word"),
        ("NOT", "NOT needs a search word after it"),
        ("(AND cuties)", "AND needs a search word before it"),
        ("foo:bar", "unknown field foo:"),
        ("cuties publisher:smith", "unknown field publisher:"),
        ("title:", "title: needs a word after it"),
        ("cuties date:", "date: needs a word after it (e.g. date:2020-09)"),
        ("kind: ", "kind: needs a word after it (e.g. kind:partial)"),
        ("*flix", "a wildcard needs at least one letter before it"),
        ("netflx~3", "at most 2 edits"),
        ("x" * 10_000, "the query is too long (10,000 characters"),
        ("!!! ... ---", "no words to search for"),
        ("title:cuties speaker:netflix", "title: searches articles"),
    ],
)
def test_each_malformed_query_raises_query_error(corpus, query: str, message: str):
    with pytest.raises(QueryError) as caught:
        corpus.search(query)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert caught.value.query == query


@pytest.mark.parametrize(
    "query",
    [
        "cuties",
        "Cuties AND netflix",
        "sundance NOT mignonnes",
        '"award winning"~2',
        "title:cuties",
        "body:poster",
        "speaker:doucoure",
        "kind:tweet netflix",
        "netflx~2",
        "hypersexual*",
        "it's 10:30 don't",
        "(cuties OR mignonnes) AND poster",
    ],
)
def test_well_formed_queries_run(corpus, query: str):
    results = corpus.search(query)
    assert results.query == query
    # Each finds something in the seeds, except the colon-and-apostrophe one, which
    # must merely be read as words (no seed has "10:30"), not refused as a field.
    if query.startswith("it's"):
        assert results.total == 0 and results.hits == ()
    else:
        assert results.total == len(results.hits) > 0


def test_a_bad_page_is_a_query_error(corpus):
    with pytest.raises(QueryError, match="limit"):
        corpus.search("netflix", limit=0)
    with pytest.raises(QueryError, match="offset"):
        corpus.search("netflix", offset=-1)
    with pytest.raises(QueryError, match="scope"):
        corpus.search("netflix", scope="everything")
