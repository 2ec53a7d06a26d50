"""A person's gender from their first name, for resolving `he` and `she`.

The article rarely says it outright (`Mr.`, `Mrs.`), and guessing it from a
pronoun written near the name picks up other people's (`interview Clinton and
her aides`). The first-name list is gename's (ISC licence, a SQLite table of
about 133,000 names), one connection per thread, each name looked up once.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from gename import Gender  # type: ignore[import-untyped]  # no type hints shipped

_local = threading.local()
_GENDERS = {"M": "m", "F": "f"}


def _table() -> Gender:
    table = getattr(_local, "table", None)
    if table is None:
        table = _local.table = Gender()
    return table


@lru_cache(maxsize=8192)
def first_name_gender(word: str) -> str:
    """'m' or 'f' for a first name the list knows (`Hillary` -> 'f'), else ''.

    An initial or a one-letter word (`J.`) tells nothing.
    """
    name = word.strip(".")
    if len(name) < 2 or not name.isalpha():
        return ""
    return _GENDERS.get(_table().speculate(name), "")
