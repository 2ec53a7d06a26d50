"""What an English word can be (noun, verb, adjective, adverb): lemminflect's lexicon (MIT).

A speaker phrase is a name, an @handle or a description ending on a noun; telling
`Given` or `Typically` (common words opening a sentence) from `Acosta`, and `the
petition` from `the latest`, needs a word list that the article alone does not
give. Proper names are not in it. It loads on first use (about 0.3 s), so
articles whose speakers never need it do not pay for it.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65536)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas  # loaded on first use, not with index.quotes

    return dict(getAllLemmas(word.lower()))


def word_classes(word: str) -> frozenset[str]:
    """The parts of speech English gives `word` in lower case (`given`: ADJ, NOUN, VERB)."""
    return frozenset(_lemmas(word))


def inflected_verb(word: str) -> bool:
    """A verb's past or third-person form (`saw`, `shows`, `denounced`), not its base."""
    return any(lemma != word.lower() for lemma in _lemmas(word).get("VERB", ()))


def is_english_word(word: str) -> bool:
    """A noun, verb, adjective or adverb of English: `Given`, `Audiences`; not `Obama`."""
    return bool(word_classes(word))


def can_be_noun(word: str) -> bool:
    """`petition`, `official`, `hundreds`; not `latest`, `meanwhile`, `sent`."""
    return "NOUN" in word_classes(word)
