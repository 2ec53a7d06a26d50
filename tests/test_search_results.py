"""What a search returns: hits, match spans into the article text, fragments, suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import open_corpus

PHRASE_ARTICLE = (
    "Threats and a death in the valley\n\n"
    "The threats began in May. A death followed in June.\n\n"
    "She said she received death threats every day, and the Death Threats unit "
    "kept a file of them.\n"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds_dir: Path):
    return open_corpus(seeds_dir, tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """Hand-made articles whose words and phrases occur at known places."""
    folder = tmp_path_factory.mktemp("small")
    (folder / "phrase.txt").write_text(PHRASE_ARTICLE, encoding="utf-8")
    (folder / "other.md").write_text(
        "# Harbour plans\n\nThe harbour authority apologised; an apology was due.\n",
        encoding="utf-8",
    )
    return open_corpus(folder, tmp_path_factory.mktemp("small-index"))


def matched_words(corpus, hit) -> list[str]:
    text = corpus.article(hit.id).text
    return [text[start:end] for start, end in hit.matches]


def test_hits_carry_title_score_and_every_match(corpus):
    results = corpus.search("doucoure")
    assert results.total == 4
    assert [h.score for h in results.hits] == sorted((h.score for h in results.hits), reverse=True)
    for hit in results.hits:
        assert hit.title == corpus.article(hit.id).title
        words = matched_words(corpus, hit)
        assert words, hit.path
        bare = {w.casefold().removesuffix("'s").removesuffix("’s") for w in words}
        assert bare <= {"doucouré", "doucoure"}


def test_stemmed_and_folded_matches_are_spans_of_the_real_words(corpus):
    hit = corpus.search("apology").hits[0]
    words = {w.casefold() for w in matched_words(corpus, hit)}
    assert words & {"apologize", "apologized", "apologies", "apologise"}, words
    for word in words:
        assert word.startswith("apolog")


def test_prefix_matches_are_the_whole_words(corpus):
    results = corpus.search("hypersexual*")
    assert {h.path[:3] for h in results.hits} == {"000", "002"}
    for hit in results.hits:
        assert {w.casefold() for w in matched_words(corpus, hit)} == {"hypersexualization"}


def test_fuzzy_matches_are_the_corrected_words(corpus):
    results = corpus.search("netflx~")
    assert results.total == 5
    for hit in results.hits:
        words = {w.casefold() for w in matched_words(corpus, hit)}
        assert words and all(w.startswith("netflix") for w in words), words


def test_a_phrase_is_highlighted_where_it_occurs_and_nowhere_else(small):
    results = small.search('"death threats"')
    assert [h.path for h in results.hits] == ["phrase.txt"]
    hit = results.hits[0]
    assert matched_words(small, hit) == ["death threats", "Death Threats"]


def test_a_word_searched_alone_is_highlighted_everywhere(small):
    hit = small.search('"death threats" OR threats').hits[0]
    words = matched_words(small, hit)
    assert "death threats" in words
    assert words.count("threats") + words.count("Threats") >= 2


def test_fragments_are_passages_of_the_text_with_their_own_highlights(small, corpus):
    for source, query in ((small, "harbour apology"), (corpus, "netflix poster")):
        for hit in source.search(query).hits:
            text = source.article(hit.id).text
            assert 1 <= len(hit.fragments) <= 3
            for fragment in hit.fragments:
                assert fragment.text == text[fragment.start : fragment.end]
                assert fragment.highlights
                for start, end in fragment.highlights:
                    absolute = (fragment.start + start, fragment.start + end)
                    assert absolute in hit.matches


def test_fragments_can_be_turned_off_or_limited(corpus):
    assert all(not h.fragments for h in corpus.search("netflix", fragments=0).hits)
    assert all(len(h.fragments) <= 1 for h in corpus.search("netflix", fragments=1).hits)


def test_paging_returns_the_next_hits(corpus):
    everything = corpus.search("netflix", limit=10)
    first, second = corpus.search("netflix", limit=2), corpus.search("netflix", limit=2, offset=2)
    assert everything.total == first.total == second.total == 5
    assert [h.id for h in first.hits + second.hits] == [h.id for h in everything.hits[:4]]
    assert (second.offset, second.limit) == (2, 2)


def test_did_you_mean_corrects_unknown_words_from_the_corpus(corpus):
    results = corpus.search("sundanse")
    assert results.total == 0
    assert results.suggestion == "sundance"
    assert corpus.suggest("netflix sundanse") == "netflix sundance"
    assert corpus.suggest("netflix sundance") is None
    assert corpus.search("netflix").suggestion is None


def test_spans_stay_right_after_an_incremental_update(tmp_path, seeds_dir):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("First story\n\nThe ferry was late.\n", encoding="utf-8")
    corpus = open_corpus(folder, tmp_path / "index")
    (folder / "b.txt").write_text(
        "Second story\n\nThe late ferry, the ferry of May.\n", encoding="utf-8"
    )
    corpus.update()
    for hit in corpus.search("ferry").hits:
        assert {w.casefold() for w in matched_words(corpus, hit)} == {"ferry"}


def test_quote_fields_search_quotations(corpus):
    results = corpus.search("speaker:doucoure")
    assert results.scope == "quotes"
    assert results.hits
    for hit in results.hits:
        quote = hit.quote
        assert quote is not None
        assert "doucour" in (quote.speaker or "").casefold().replace("é", "e")
        assert hit.matches == ((quote.start, quote.end),)
        assert hit.title == corpus.article(quote.article_id).title

    tweets = corpus.search("kind:tweet netflix")
    assert tweets.hits and all(h.quote.kind == "tweet" for h in tweets.hits)


def test_quotes_scope_searches_quotation_text(corpus):
    results = corpus.search("sorry", scope="quotes")
    assert results.scope == "quotes"
    assert results.hits
    for hit in results.hits:
        fragment = hit.fragments[0]
        assert fragment.text == hit.quote.text
        assert [fragment.text[s:e].casefold() for s, e in fragment.highlights] == ["sorry"]


def test_fuzzy_terms_are_found_in_every_segment_after_updates(tmp_path):
    """Each update writes a segment; a typo must still reach words in old and new ones."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Harbour story\n\nThe ferryman waited.\n", encoding="utf-8")
    corpus = open_corpus(folder, tmp_path / "index")
    assert {h.path for h in corpus.search("ferrymen~").hits} == {"a.txt"}
    (folder / "b.txt").write_text("Later story\n\nA ferryman and a ferrymen.\n", encoding="utf-8")
    corpus.update()
    hits = corpus.search("ferrymam~").hits
    assert {h.path for h in hits} == {"a.txt", "b.txt"}
    words = {w.casefold() for hit in hits for w in matched_words(corpus, hit)}
    assert words == {"ferryman"}
    (folder / "a.txt").unlink()
    corpus.update()
    assert {h.path for h in corpus.search("ferrymam~").hits} == {"b.txt"}


def test_scare_quotes_are_left_out_of_the_quotations_unless_asked(corpus):
    listed = corpus.quotes()
    assert listed and all(q.kind != "scare" for q in listed)
    everything = corpus.quotes(include_scare=True)
    scare = [q for q in everything if q.kind == "scare"]
    assert scare and len(everything) == len(listed) + len(scare)
    info = {i.id: i.quotes for i in corpus.articles()}
    for article_id, count in info.items():
        assert len(corpus.quotes(article_id=article_id)) == count


LONG_PARAGRAPH = " ".join(
    f"Sentence {n} of the inquiry report keeps the reader busy with detail." for n in range(12)
)


def test_a_passage_cut_out_of_its_paragraph_says_where(tmp_path):
    folder = tmp_path / "long"
    folder.mkdir()
    middle = LONG_PARAGRAPH.replace("Sentence 6 of", "Sentence 6, the lighthouse, of").replace(
        "Sentence 0 of", "Sentence 0, the harbour, of"
    )
    (folder / "report.txt").write_text(
        f"Inquiry report\n\n{middle}\n\nThe ferry sailed at noon.\n", encoding="utf-8"
    )
    corpus = open_corpus(folder, tmp_path / "index")
    (inside,) = corpus.search("lighthouse").hits[0].fragments
    assert inside.cut_before and inside.cut_after
    assert len(inside.text) < len(middle)
    (whole,) = corpus.search("ferry").hits[0].fragments
    assert whole.text == "The ferry sailed at noon."
    assert not whole.cut_before and not whole.cut_after
    (opening,) = corpus.search("harbour").hits[0].fragments  # the paragraph's first words
    assert opening.text.startswith("Sentence 0") and not opening.cut_before
    assert opening.cut_after
    corpus.close()
