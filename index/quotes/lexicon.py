"""What an English word can be (noun, verb, adjective, adverb): lemminflect's lexicon (MIT).

A speaker phrase is a name, an @handle or a description ending on a noun; telling
`Given` or `Typically` (common words opening a sentence) from `Acosta`, and `the
petition` from `the latest`, needs a word list that the article alone does not
give. Proper names are not in it.

The answers are those of `lemminflect.getAllLemmas(word.lower())`, but read from
the wheel's own lookup files into one word -> bits table: lemminflect's lemma
dictionaries (~33 MB loaded) and a dict cached per word (~22 MB more at 65,536
words) cost every process of a build ~54 MB, the table ~6 MB. It loads on first
use (about 0.1 s), so articles whose speakers never need it do not pay for it.
"""

from __future__ import annotations

import gzip
import importlib.util
from functools import cache
from pathlib import Path

# The table's bit for "a verb form whose lemma is another word" (`saw`, `shows`);
# the parts of speech take the bits above it.
_INFLECTED = 1
# lemminflect's parts of speech: all its files name, in the order they first do; one
# outside them stops the load (KeyError): a new lemminflect is checked first.
_POS_BITS = {pos: 2 << i for i, pos in enumerate(("AUX", "VERB", "NOUN", "ADV", "ADJ"))}


def word_classes(word: str) -> frozenset[str]:
    """The parts of speech English gives `word` in lower case (`given`: ADJ, NOUN, VERB)."""
    return _classes(_table().get(word.lower(), 0))


def inflected_verb(word: str) -> bool:
    """A verb's past or third-person form (`saw`, `shows`, `denounced`), not its base."""
    return bool(_table().get(word.lower(), 0) & _INFLECTED)


def is_english_word(word: str) -> bool:
    """A noun, verb, adjective or adverb of English: `Given`, `Audiences`; not `Obama`."""
    return _table().get(word.lower(), 0) > _INFLECTED


def can_be_noun(word: str) -> bool:
    """`petition`, `official`, `hundreds`; not `latest`, `meanwhile`, `sent`."""
    return "NOUN" in word_classes(word)


@cache
def _classes(bits: int) -> frozenset[str]:
    return frozenset(pos for pos, bit in _POS_BITS.items() if bits & bit)


@cache
def _table() -> dict[str, int]:
    """Every lower-case word of lemminflect's lemma lookup and overrides, with its
    bits. As in lemminflect, an entry replaces an earlier one for the same word and
    part of speech (which decides `_INFLECTED`), and the overrides come last."""
    resources = _resources()
    table: dict[str, int] = {}
    with gzip.open(resources / "lemma_lu.csv.gz", "rt", encoding="utf-8") as lookup:
        for line in lookup:
            word, category, forms = line.strip().split(",")
            _enter(table, word, "AUX" if category == "modal" else category.upper(), forms)
    with open(resources / "lemma_overrides.csv", encoding="utf-8") as overrides:
        for line in overrides:
            line = line.strip()
            if line and not line.startswith("#"):
                word, pos, form = line.split(",")
                _enter(table, word, pos, form)
    return table


def _enter(table: dict[str, int], word: str, pos: str, forms: str) -> None:
    """Give `word` the part of speech `pos` with the lemmas `forms` (`/`-separated).
    Words with capitals are left out: every lookup is in lower case."""
    if word != word.lower():
        return
    bits = table.get(word, 0) | _POS_BITS[pos]
    if pos == "VERB":
        inflected = any(form.lower() != word for form in forms.split("/"))
        bits = bits & ~_INFLECTED | (_INFLECTED if inflected else 0)
    table[word] = bits


def _resources() -> Path:
    """lemminflect's data directory, found without importing the package (its
    import loads numpy and its models)."""
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("lemminflect is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources"
