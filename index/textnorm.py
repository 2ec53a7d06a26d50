"""Accent and case folding shared by the search analyzer and the quotation code.

One function, so that a name the quotations list (`Søren Kierkegaard`) and the
word a reader searches (`soren`) fold alike: Unicode compatibility forms,
curly apostrophes, case, combining accents, and Latin letters that have no
decomposition (`ø`, `ł`, `æ`).
"""

from __future__ import annotations

import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "\u00ad": None, "\u200c": None, "\u200d": None})
# Latin letters with no Unicode decomposition, so stripping marks misses them:
# `Łódź` must be found by `Lodz`, `Søren` by `Soren`.
_UNDECOMPOSABLE = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h"}
)


def fold_text(text: str) -> str:
    """`Doucouré`, `DOUCOURE` and `doucoure` alike; `Søren` as `soren`; `’` as `'`."""
    if text.isascii():
        return text.lower()
    folded = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        folded = folded.translate(_UNDECOMPOSABLE)
    return folded
