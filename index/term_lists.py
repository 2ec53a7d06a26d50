"""Each segment's words of one field, by first letter, with document frequencies.

A segment never changes, so its words are read once (for the first query that
needs that letter) and kept: prefix and wildcard expansion, fuzzy terms and
"did you mean" then scan a short sorted list instead of walking Whoosh's term
table (or its `MultiReader`'s merge of every segment) word by word each time.
The body's whole words, and the title's terms, come from the vocabulary
documents instead (`index.vocabulary`).
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from typing import TYPE_CHECKING

from .vocabulary import LISTED_FIELDS, word_frequencies

if TYPE_CHECKING:
    from whoosh.reading import IndexReader

_GROUPS: dict[tuple[str, str, str], tuple[list[str], list[int]]] = {}
_GROUPS_LOCK = threading.Lock()
_MAX_GROUPS = 4096  # (segment, field, first letter); old segments vanish after merges


def letter_group(leaf, fieldname: str, letter: str) -> tuple[list[str], list[int]]:
    """The sorted words of one field and segment starting with `letter`, and their
    document frequencies, read once per segment (a segment never changes)."""
    key = (leaf.segment().segment_id(), fieldname, letter)
    with _GROUPS_LOCK:
        cached = _GROUPS.get(key)
    if cached is not None:
        return cached
    words: list[str] = []
    dfs: list[int] = []
    first = letter.encode("utf-8")
    for btext, info in _items_from(leaf, fieldname, first):
        if not btext.startswith(first):
            break
        words.append(btext.decode("utf-8"))
        dfs.append(info.doc_frequency())
    with _GROUPS_LOCK:
        if len(_GROUPS) >= _MAX_GROUPS:
            _GROUPS.pop(next(iter(_GROUPS)))
        _GROUPS[key] = (words, dfs)
    return words, dfs


def _items_from(leaf, fieldname: str, start: bytes):
    """(word bytes, term info) of one field from `start` on, decoded in one pass.

    `iter_field` looks every word up a second time for its term info; the
    whoosh3 terms table yields both together.
    """
    table = getattr(leaf, "_terms", None)
    if table is None or not hasattr(table, "items_from"):
        yield from leaf.iter_field(fieldname, start)
        return
    for (name, btext), info in table.items_from(fieldname, start):
        if name != fieldname:
            return
        yield btext, info


def words_with_prefix(reader: IndexReader, fieldname: str, prefix: str) -> dict[str, int]:
    """Every word of the field starting with `prefix` (one letter or more), with its
    document frequency summed over all segments."""
    if fieldname in LISTED_FIELDS:
        return word_frequencies(reader, prefix, fieldname)
    found: dict[str, int] = {}
    for leaf, _offset in reader.leaf_readers():
        if fieldname not in leaf.schema:
            continue
        words, dfs = letter_group(leaf, fieldname, prefix[:1])
        at = bisect_left(words, prefix)
        while at < len(words) and words[at].startswith(prefix):
            found[words[at]] = found.get(words[at], 0) + dfs[at]
            at += 1
    return found
