""" "Did you mean": spelling corrections from the index's own vocabulary.

A word is corrected only when it finds nothing: not as typed (the body's whole
words, folded, unstemmed: `index.vocabulary`), not by its stem (`body`,
`title`), so `threat` is never "corrected" when the corpus says `threats`. The
correction is the indexed word fewest edits away (sharing the first letter),
the most frequent among equals:
`sundanse` -> `sundance`, never a common word two edits off (`threat` ->
`that`). Words shorter than 3 letters are left alone, and at most
`MAX_CORRECTED` distinct words of a query are looked at, so a query of many
repeated or stray words costs no more than a short one.
"""

from __future__ import annotations

import re

from whoosh.reading import IndexReader

from .analysis import make_analyzer
from .fuzzy import words_within
from .query import BINARY_OPERATORS, UNARY_OPERATORS
from .vocabulary import WORDS_FIELD, has_word

SUGGEST_FIELD = WORDS_FIELD
STEMMED_FIELDS = ("body", "title")
MIN_CHARS = 3
SHORT_WORD_CHARS = 4  # words this short get one edit, longer ones two
MAX_CORRECTED = 10
# A plain word: letters/digits/apostrophes, not followed by a field colon, wildcard or ~.
_WORD = re.compile(r"(?<![\w#@*?~])([^\W\d_][\w'’]*)(?![\w:*?~])")
_EXACT = make_analyzer(stem=False)
_STEMMED = make_analyzer(stem=True)


def suggest_query(reader: IndexReader, text: str) -> str | None:
    """The query with words that find nothing replaced by their nearest indexed word, or None."""
    corrections: dict[str, str | None] = {}
    pieces: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        word = match.group(1)
        if word in BINARY_OPERATORS or word in UNARY_OPERATORS:
            continue
        if word not in corrections:
            if len(corrections) >= MAX_CORRECTED:
                continue
            corrections[word] = _correction(reader, word)
        found = corrections[word]
        if found is not None:
            pieces.append(text[last : match.start(1)] + found)
            last = match.end(1)
    if not pieces:
        return None
    return "".join(pieces) + text[last:]


def _correction(reader: IndexReader, word: str) -> str | None:
    """The nearest indexed word for one that finds nothing, else None."""
    folded = [token.text for token in _EXACT(word)]
    if len(folded) != 1 or len(folded[0]) < MIN_CHARS or _finds_something(reader, word):
        return None
    term = folded[0]
    edits = 1 if len(term) <= SHORT_WORD_CHARS else 2
    near = words_within(reader, SUGGEST_FIELD, term, edits, term[:1])
    near.pop(term, None)
    if not near:
        return None
    return min(near, key=lambda w: (near[w][0], -near[w][1], w))


def _finds_something(reader: IndexReader, word: str) -> bool:
    exact = [token.text for token in _EXACT(word)]
    stems = [token.text for token in _STEMMED(word)]
    return any(has_word(reader, t) for t in exact) or any(
        reader.doc_frequency(field, t) for field in STEMMED_FIELDS for t in stems
    )
