"""An update's vocabulary: whole words with their document frequencies, lengths and stems."""

from __future__ import annotations

import pickle

from index.models import Article
from index.vocabulary import TITLE_FIELD, VOCABULARY_FIELD, WORDS_FIELD, Vocabulary, WordList

FIRST = Article("a1", "a1.txt", "Colour Report", "The colours, the Colour and the color agreed.")
SECOND = Article("a2", "a2.txt", "", "Colourful reports: colour again.")


def _words(vocabulary: Vocabulary) -> WordList:
    document = vocabulary.document()
    assert document is not None
    return WordList([document[VOCABULARY_FIELD][WORDS_FIELD]])


def test_each_word_has_its_document_frequency_lengths_and_stem():
    vocabulary = Vocabulary()
    vocabulary.add(FIRST)
    vocabulary.add(SECOND)
    words = _words(vocabulary)
    assert words.with_prefix("colo") == {"color": 2, "colors": 1, "colorful": 1}
    assert words.lengths_of("color") == {5, 6}  # `color` and `Colour`, `colour`
    assert words.lengths_of("colors") == {7}
    assert words.forms("color") == {"color", "colors", "colorful"}
    assert words.with_prefix("the") == {"the": 1}
    titles = WordList([vocabulary.document()[VOCABULARY_FIELD][TITLE_FIELD]])
    assert titles.with_prefix("") == {"color": 1, "report": 1}


def test_shares_merged_through_a_pipe_give_the_whole_vocabulary():
    whole, first, second = Vocabulary(), Vocabulary(), Vocabulary()
    for vocabulary, articles in ((whole, (FIRST, SECOND)), (first, (FIRST,)), (second, (SECOND,))):
        for article in articles:
            vocabulary.add(article)
    merged = Vocabulary()
    for share in (first, second):
        merged.update(pickle.loads(pickle.dumps(share)))
    assert _stored(merged) == _stored(whole)


def _stored(vocabulary: Vocabulary) -> dict:
    document = vocabulary.document()
    assert document is not None
    return document[VOCABULARY_FIELD]
