"""The body's whole words, kept beside the stemmed postings instead of a second body field.

Prefix, wildcard and fuzzy terms, and "did you mean", must see whole words
(`hypersexual*` must find `hypersexualization`, not the stem `hypersexu`), but
indexing the body a second time unstemmed doubled the postings of a build. Each
update writes one *vocabulary document* instead: `body_words` lists every
folded word of the articles it added, each posting's weight being the word's
document frequency among them, and `body_word_lengths` lists `word\\0length`
for every length the word had in the text (`colour` -> `color\\0` 6). Summed over
the vocabulary documents (Whoosh sums the weights per term), that is the
corpus's word list with document frequencies.

An expansion's words are then searched through their stems on `body`
(`stem_words`): a stem whose every word form is kept is searched as it is;
otherwise the stem's postings are narrowed to the occurrences of the kept
forms by their length in the text (character offsets are in the postings),
and by the stored text only where two forms of one stem share a length.

Words of deleted articles stay listed until the index is rebuilt: an expansion
to such a word finds no occurrence, and it only makes the frequencies used to
order expansions slightly high.
"""

from __future__ import annotations

import uuid
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from whoosh import fields
from whoosh.system import pack_uint

from .analysis import fold_word, folded_words, make_analyzer, stem_word
from .term_lists import LENGTHS_FIELD, WORDS_FIELD, letter_group, words_with_prefix

# The field whose stems the words stand for.
STEMMED_FIELD = "body"
_SEP = "\x00"


class WordListField(fields.TEXT):
    """An unstemmed word field indexed from a mapping of word -> count: each word
    is one posting of the vocabulary document, weighted by its count. Queries are
    analysed like article text (folded, not stemmed)."""

    def __init__(self) -> None:
        super().__init__(analyzer=make_analyzer(stem=False), phrase=False)
        self.scorable = False

    def index(self, value: Any, **kwargs: Any):  # type: ignore[override]
        if isinstance(value, str):
            raise TypeError("a word list is indexed from a mapping of word -> count")
        for word, count in value.items():
            yield word.encode("utf-8"), count, float(count), pack_uint(count)


class Vocabulary:
    """The whole words of the articles indexed by one update, with their document
    frequencies and lengths in the text."""

    def __init__(self) -> None:
        self.frequencies: Counter[str] = Counter()
        self.lengths: set[tuple[str, int]] = set()

    def add(self, text: str) -> None:
        """One article's body (the same string object just indexed: its words are
        not matched again, see `analysis.folded_words`)."""
        shapes = {(word, end - start) for word, _pos, start, end in folded_words(text) if word}
        self.lengths |= shapes
        self.frequencies.update({word for word, _length in shapes})

    def update(self, other: Vocabulary) -> None:
        """Take in another update's share (a bulk build's worker)."""
        self.frequencies.update(other.frequencies)
        self.lengths |= other.lengths

    def document(self) -> dict[str, Any] | None:
        """The vocabulary document to add to the index, or None when there are no words."""
        if not self.frequencies:
            return None
        return {
            "doctype": "vocabulary",
            "key": f"vocabulary:{uuid.uuid4().hex}",
            WORDS_FIELD: dict(self.frequencies),
            LENGTHS_FIELD: {f"{word}{_SEP}{length}": 1 for word, length in self.lengths},
        }

    def __getstate__(self) -> tuple[dict[str, int], set[tuple[str, int]]]:
        return dict(self.frequencies), self.lengths

    def __setstate__(self, state: tuple[dict[str, int], set[tuple[str, int]]]) -> None:
        self.frequencies = Counter(state[0])
        self.lengths = state[1]


def write_vocabulary(writer, vocabulary: Vocabulary) -> None:
    """Add the vocabulary document of an update's new articles (none without words)."""
    document = vocabulary.document()
    if document is not None:
        writer.add_document(**document)


@dataclass(frozen=True, slots=True)
class FormFilter:
    """Which occurrences of a stem count: those of the kept word forms, told apart
    by their length in the text (`accept`), or by the text itself (`check`)."""

    forms: frozenset[str]
    accept: frozenset[int]
    check: frozenset[int]

    def count(self, deltas: Iterable[tuple[int, int, int]], text_of) -> int:
        """How many of one document's occurrences, as `Characters` encodes them
        (position, start and length deltas), are kept forms; `text_of()` gives the
        document's stored text, read only when a length leaves it open."""
        found = 0
        text = None
        end = 0
        for _pos, start_delta, length in deltas:
            start = end + start_delta
            end = start + length
            if length in self.accept:
                found += 1
            elif length in self.check:
                if text is None:
                    text = text_of()
                found += fold_word(text[start:end]) in self.forms
        return found


def word_frequencies(reader, prefix: str) -> dict[str, int]:
    """Every whole word of the body starting with `prefix`, with its document frequency."""
    return words_with_prefix(reader, WORDS_FIELD, prefix)


def forms_of(reader, stem: str, letter: str) -> set[str]:
    """Every word of the body (starting with `letter`) whose stem is `stem`."""
    found: set[str] = set()
    for leaf, _offset in reader.leaf_readers():
        if WORDS_FIELD in leaf.schema:
            found.update(_stems_group(leaf, letter).get(stem, ()))
    return found


def lengths_of(reader, word: str) -> set[int]:
    """Every length `word` had in the text (its occurrences before folding)."""
    head = word + _SEP
    found: set[int] = set()
    for leaf, _offset in reader.leaf_readers():
        if LENGTHS_FIELD not in leaf.schema:
            continue
        terms, _counts = letter_group(leaf, LENGTHS_FIELD, word[:1])
        at = bisect_left(terms, head)
        while at < len(terms) and terms[at].startswith(head):
            found.add(int(terms[at][len(head) :]))
            at += 1
    return found


_STEMS: dict[tuple[Any, str], dict[str, list[str]]] = {}
_MAX_STEM_GROUPS = 1024


def _stems_group(leaf, letter: str) -> dict[str, list[str]]:
    """The words of one segment starting with `letter`, grouped by stem (cached)."""
    key = (leaf.segment().segment_id(), letter)
    cached = _STEMS.get(key)
    if cached is None:
        cached = defaultdict(list)
        for word in letter_group(leaf, WORDS_FIELD, letter)[0]:
            cached[stem_word(word)].append(word)
        if len(_STEMS) >= _MAX_STEM_GROUPS:
            _STEMS.pop(next(iter(_STEMS)), None)
        _STEMS[key] = cached
    return cached


def stem_words(
    reader, kept: Mapping[str, int], matched: Mapping[str, int]
) -> list[tuple[str, FormFilter | None, int]]:
    """The stems on `body` that the whole words `kept` stand for: (stem, the filter
    of its occurrences or None for all, document frequency), in stem order. Each
    stem counts every form the expansion `matched` (word -> document frequency),
    kept or not: when a cap kept `announced` of `a*`, `announcing` comes along
    (and no stem of `a*` then needs its occurrences told apart)."""
    by_stem: dict[str, set[str]] = defaultdict(set)
    for word in kept:
        by_stem[stem_word(word)].add(word)
    found = []
    for stem in sorted(by_stem):
        everyone = forms_of(reader, stem, next(iter(by_stem[stem]))[:1]) | by_stem[stem]
        chosen = {form for form in everyone if form in matched}
        stem_df = reader.doc_frequency(STEMMED_FIELD, stem)
        if everyone <= chosen:
            found.append((stem, None, stem_df))
            continue
        by_length: dict[int, set[str]] = defaultdict(set)
        for form in everyone:
            for length in lengths_of(reader, form):
                by_length[length].add(form)
        accept = frozenset(n for n, forms in by_length.items() if forms <= chosen)
        check = frozenset(n for n, forms in by_length.items() if forms & chosen) - accept
        df = min(stem_df, sum(matched[w] for w in chosen))
        found.append((stem, FormFilter(frozenset(chosen), accept, check), df))
    return found
