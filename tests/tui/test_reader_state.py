"""The reader's state transitions, without an app."""

from __future__ import annotations

from index import Hit, SearchResults
from tui.reader_state import QuoteScope, SearchState


def results(query: str, *ids: str, scope: str = "articles", total: int | None = None):
    hits = tuple(Hit(id=i, path=f"{i}.txt", title=i, score=1.0) for i in ids)
    return SearchResults(
        query=query, total=len(ids) if total is None else total, hits=hits, scope=scope
    )


def test_only_the_latest_search_is_shown() -> None:
    state = SearchState().ask("cuties")
    first = state.asked
    state = state.ask("cutiee")
    assert state.searching
    assert state.found(first, results("cuties", "a")) is None  # stale: dropped
    state = state.found(state.asked, results("cutiee", "b"))
    assert state is not None and not state.searching
    assert [h.id for h in state.hits] == ["b"] and state.query == "cutiee"


def test_an_empty_query_shows_nothing_at_once() -> None:
    state = SearchState().ask("netflix")
    state = state.found(state.asked, results("netflix", "a"))
    assert state is not None
    cleared = state.ask("")
    assert not cleared.searching and cleared.hits == () and cleared.query == ""


def test_a_query_that_cannot_be_read_leaves_no_earlier_results() -> None:
    state = SearchState().ask("netflix")
    state = state.found(state.asked, results("netflix", "a", "b"))
    assert state is not None
    state = state.ask('"deeply sorry')
    failed = state.failed(state.asked)
    assert failed is not None and failed.broken and failed.hits == () and failed.total == 0
    again = failed.ask('"deeply sorry"').found(failed.asked + 1, results("x", "c"))
    assert again is not None and not again.broken


def test_more_pages_extend_only_the_results_on_screen() -> None:
    state = SearchState().ask("netflix")
    serial = state.asked
    assert state.more(serial, results("netflix", "z")) is None  # first page not shown yet
    state = state.found(serial, results("netflix", "a", total=2))
    assert state is not None
    more = state.more(serial, results("netflix", "b", total=2))
    assert more is not None and [h.id for h in more.hits] == ["a", "b"]
    assert state.ask("other").more(serial, results("netflix", "c")) is None


def test_quotation_queries_are_marked() -> None:
    state = SearchState().ask("kind:tweet")
    state = state.found(state.asked, results("kind:tweet", "a", scope="quotes"))
    assert state is not None and state.of_quotes


def test_a_speaker_filter_is_cleared_by_a_key_or_a_new_search() -> None:
    scope = QuoteScope.of_speaker("Doucouré")
    assert scope.toggled() == QuoteScope()
    assert scope.after_search("netflix") == QuoteScope("query")
    assert scope.after_search("") == QuoteScope()
    assert QuoteScope().toggled() == QuoteScope("query")
    assert QuoteScope("query").toggled() == QuoteScope()
    assert QuoteScope("query").after_search("x") == QuoteScope("query")


def test_a_search_the_index_could_not_run_ends_and_keeps_the_screen() -> None:
    state = SearchState().ask("netflix")
    state = state.found(state.asked, results("netflix", "a"))
    assert state is not None
    asked = state.ask("sorry")
    given_up = asked.given_up(asked.asked)
    assert given_up is not None and not given_up.searching and not given_up.broken
    assert [h.id for h in given_up.hits] == ["a"]
    assert asked.ask("x").given_up(asked.asked) is None
