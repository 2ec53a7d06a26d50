""" "Did you mean": spelling corrections from the index's own vocabulary.

Words are checked against `body_exact` (folded, not stemmed), so suggestions are
real words from the corpus (`sundanse` -> `sundance`, not the stem `sundanc`).
Only words of the query's plain terms are corrected; operators, field names,
wildcards and fuzzy terms are left as typed.
"""

from __future__ import annotations

import re

from whoosh.reading import IndexReader

from .analysis import make_analyzer
from .query import BINARY_OPERATORS, UNARY_OPERATORS

SUGGEST_FIELD = "body_exact"
MAX_EDITS = 2
# A plain word: letters/digits/apostrophes, not followed by a field colon, wildcard or ~.
_WORD = re.compile(r"(?<![\w#@*?~])([^\W\d_][\w'’]*)(?![\w:*?~])")
_ANALYZER = make_analyzer(stem=False)


def suggest_query(reader: IndexReader, text: str) -> str | None:
    """The query with unknown words replaced by their nearest indexed word, or None."""
    corrector = None
    pieces: list[str] = []
    last = 0
    changed = False
    for match in _WORD.finditer(text):
        word = match.group(1)
        if word in BINARY_OPERATORS or word in UNARY_OPERATORS:
            continue
        folded = [token.text for token in _ANALYZER(word)]
        if len(folded) != 1 or reader.doc_frequency(SUGGEST_FIELD, folded[0]):
            continue
        if corrector is None:
            corrector = reader.corrector(SUGGEST_FIELD)
        found = corrector.suggest(folded[0], limit=1, maxdist=MAX_EDITS, prefix=1)
        if found and found[0] != folded[0]:
            pieces.append(text[last : match.start(1)] + found[0])
            last = match.end(1)
            changed = True
    if not changed:
        return None
    return "".join(pieces) + text[last:]
