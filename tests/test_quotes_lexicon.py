"""The lexicon's table answers as `lemminflect.getAllLemmas` does, for every word it knows.

`index.quotes.lexicon` reads lemminflect's data files itself (importing the
package costs every build process ~50 MB); the speaker rules depend on each
answer, so the table is checked against lemminflect over its whole word list, in
the spellings articles use (capitals, possessives), and over words it lacks.
"""

from __future__ import annotations

from lemminflect import getAllLemmas
from lemminflect.core.Lemmatizer import Lemmatizer

from index.quotes.lexicon import can_be_noun, inflected_verb, is_english_word, word_classes

UNKNOWN = ["", "Obama", "Acosta", "O'Brien", "website", "@AP", "ß", "STRASSE", "İstanbul", "’s"]


def answers_of_lemminflect(word: str) -> tuple[frozenset[str], bool, bool, bool]:
    lemmas = dict(getAllLemmas(word.lower()))
    inflected = any(lemma != word.lower() for lemma in lemmas.get("VERB", ()))
    return frozenset(lemmas), inflected, bool(lemmas), "NOUN" in lemmas


def answers_of_table(word: str) -> tuple[frozenset[str], bool, bool, bool]:
    return word_classes(word), inflected_verb(word), is_english_word(word), can_be_noun(word)


def test_every_word_of_lemminflect_gets_its_answers() -> None:
    lemmatizer = Lemmatizer()
    known = set(lemmatizer._getLemmaDict()) | set(lemmatizer._getOverridesDict())
    words = set(UNKNOWN)
    for word in known:
        words |= {word, word.upper(), word.capitalize(), word + "'s", word + "x"}
    wrong = [w for w in sorted(words) if answers_of_table(w) != answers_of_lemminflect(w)]
    assert not wrong, wrong[:20]
    assert len(known) > 60_000


def test_the_speaker_rules_examples() -> None:
    assert word_classes("Given") == {"ADJ", "NOUN", "VERB"}
    assert inflected_verb("denounced") and inflected_verb("Shows") and not inflected_verb("say")
    assert is_english_word("Typically") and not is_english_word("Acosta")
    assert can_be_noun("hundreds") and not can_be_noun("latest") and not can_be_noun("sent")
