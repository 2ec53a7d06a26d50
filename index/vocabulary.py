"""The body's whole words, kept beside the stemmed postings instead of a second body field.

Prefix, wildcard and fuzzy terms, and "did you mean", must see whole words
(`hypersexual*` must find `hypersexualization`, not the stem `hypersexu`), but
indexing the body a second time unstemmed doubled the postings of a build. Each
update stores one *vocabulary document* instead: every folded word of the
articles it added, sorted, with its document frequency among them and the
lengths it had in the text (`colour` -> `color`, 6). The vocabulary documents
of an index, merged, are the corpus's word list; reading it is one stored field
a segment, not a walk over a term table word by word.

An expansion's words are then searched through their stems on `body`
(`stem_words`): a stem whose every word form the pattern matched is searched as
it is; otherwise the stem's postings are narrowed to the occurrences of those
forms by their length in the text (character offsets are in the postings), and
by the stored text only where two forms of one stem share a length.

Words of deleted articles stay listed until the index is rebuilt: an expansion
to such a word finds no occurrence, and it only makes the frequencies used to
order expansions slightly high.
"""

from __future__ import annotations

import threading
import uuid
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from .analysis import fold_word, folded_words, stem_word

if TYPE_CHECKING:
    from .models import Article

# The field prefix, wildcard and fuzzy terms on `body` are parsed into (it has
# no postings: they expand over the vocabulary), and the stored word list.
WORDS_FIELD = "body_words"
VOCABULARY_FIELD = "vocabulary"
DOCTYPE = "vocabulary"
# The field whose stems the words stand for.
STEMMED_FIELD = "body"
# Listed too, so expanding `title:` terms reads no term table word by word.
TITLE_FIELD = "title"
LISTED_FIELDS = frozenset({WORDS_FIELD, TITLE_FIELD})


class Vocabulary:
    """The whole words of the articles indexed by one update, with their document
    frequencies and lengths in the text, and the terms of their titles.

    The lengths are kept as one set of (word, length) pairs, and grouped by word and
    stemmed only for the document: a set per word filled pair by pair was ~40% of
    a share's vocabulary (547k pairs for 6,348 Reuters articles, 62k distinct)."""

    def __init__(self) -> None:
        self.frequencies: Counter[str] = Counter()
        self.shapes: set[tuple[str, int]] = set()
        self.titles: Counter[str] = Counter()

    def add(self, article: Article) -> None:
        """One article, just indexed: its body is the same string object, whose words
        are not matched again (see `analysis.folded_words`)."""
        shapes = {
            (word, end - start) for word, _pos, start, end in folded_words(article.text) if word
        }
        self.shapes |= shapes
        self.frequencies.update({word for word, _length in shapes})
        if article.title:
            self.titles.update({stem_word(w[0]) for w in folded_words(article.title) if w[0]})

    def update(self, other: Vocabulary) -> None:
        """Take in another update's share (a bulk build's worker)."""
        self.frequencies.update(other.frequencies)
        self.shapes |= other.shapes
        self.titles.update(other.titles)

    def document(self) -> dict[str, Any] | None:
        """The vocabulary document to add to the index, or None when there are no words."""
        if not self.frequencies and not self.titles:
            return None
        words = sorted(self.frequencies)
        titles = sorted(self.titles)
        lengths: defaultdict[str, list[int]] = defaultdict(list)
        for word, length in sorted(self.shapes):
            lengths[word].append(length)
        return {
            "doctype": DOCTYPE,
            "key": f"{DOCTYPE}:{uuid.uuid4().hex}",
            VOCABULARY_FIELD: {
                WORDS_FIELD: _packed(
                    words,
                    [self.frequencies[w] for w in words],
                    [lengths[w] for w in words],
                    [stem_word(w) for w in words],  # cached: the bodies were just stemmed
                ),
                TITLE_FIELD: _packed(titles, [self.titles[t] for t in titles], None, None),
            },
        }

    def __getstate__(self) -> tuple:
        return dict(self.frequencies), self.shapes, dict(self.titles)

    def __setstate__(self, state: tuple) -> None:
        self.frequencies = Counter(state[0])
        self.shapes = state[1]
        self.titles = Counter(state[2])


def _packed(
    words: list[str],
    frequencies: list[int],
    lengths: list[list[int]] | None,
    stems: list[str] | None,
) -> tuple[str, bytes, bytes, bytes, str | None]:
    """One field's sorted words as a few long strings and arrays, not a list of objects
    a word: the first query that expands a prefix unpickles every segment's list,
    ~4 objects a word (about 150 ms at 19k); strings split and arrays read back in
    a few milliseconds. Stems are left out where they are the words (titles)."""
    flat = array("B", [n for found in lengths for n in found]) if lengths else array("B")
    ends = array("I", accumulate(len(found) for found in lengths)) if lengths else array("I")
    return (
        "\n".join(words),
        array("I", frequencies).tobytes(),
        flat.tobytes(),
        ends.tobytes(),
        "\n".join(stems) if stems is not None else None,
    )


class _Part:
    """One vocabulary document's list of one field, as `_packed` stored it; lengths
    and stems are decoded when first asked for."""

    def __init__(self, packed: tuple) -> None:
        words, frequencies, self._flat, self._ends, self._stems = packed
        self.words: list[str] = words.split("\n") if words else []
        self.frequencies = array("I")
        self.frequencies.frombytes(frequencies)
        self._lengths: tuple[array, array] | None = None
        self._by_stem: tuple[list[str], list[int]] | None = None  # sorted stems, word indexes

    def index_of(self, word: str) -> int | None:
        at = bisect_left(self.words, word)
        return at if at < len(self.words) and self.words[at] == word else None

    def lengths(self, at: int) -> list[int]:
        """The lengths the word at `at` had in the text."""
        if self._lengths is None:
            flat, ends = array("B"), array("I")
            flat.frombytes(self._flat)
            ends.frombytes(self._ends)
            self._lengths = (flat, ends)
        flat, ends = self._lengths
        if not ends:
            return []
        return flat[ends[at - 1] if at else 0 : ends[at]].tolist()

    def forms(self, stem: str) -> list[str]:
        """The words whose stem is `stem` (the stems are sorted once, ~20 ms at 19k: grouping
        every word by stem took ~150)."""
        if self._by_stem is None:
            stems = self._stems.split("\n") if self._stems else self.words
            order = sorted(range(len(stems)), key=stems.__getitem__)
            self._by_stem = ([stems[i] for i in order], order)
        sorted_stems, order = self._by_stem
        at = bisect_left(sorted_stems, stem)
        found = []
        while at < len(sorted_stems) and sorted_stems[at] == stem:
            found.append(self.words[order[at]])
            at += 1
        return found


class WordList:
    """The vocabulary of a whole index: each update's sorted words, their document
    frequencies, the lengths each had in the text and their stems (a vocabulary
    document's stored form, used as it is: the first build's list is most of it,
    and merging it with every later update's few words would cost each new
    searcher more than looking in each list)."""

    def __init__(self, parts: list[tuple]) -> None:
        self.parts = [p for p in (_Part(packed) for packed in parts) if p.words]

    def with_prefix(self, prefix: str) -> dict[str, int]:
        """Every word starting with `prefix`, with its document frequency."""
        found: dict[str, int] = {}
        for part in self.parts:
            words, frequencies = part.words, part.frequencies
            at = bisect_left(words, prefix)
            while at < len(words) and words[at].startswith(prefix):
                found[words[at]] = found.get(words[at], 0) + frequencies[at]
                at += 1
        return found

    def lengths_of(self, word: str) -> frozenset[int] | None:
        """The lengths `word` had in the text, or None when it is not listed."""
        found: set[int] | None = None
        for part in self.parts:
            at = part.index_of(word)
            if at is not None:
                found = (found or set()) | set(part.lengths(at))
        return None if found is None else frozenset(found)

    def forms(self, stem: str) -> set[str]:
        """The words whose stem is `stem`."""
        return {word for part in self.parts for word in part.forms(stem)}


_SEGMENTS: dict[Any, list[dict]] = {}
_INDEXES: dict[tuple, WordList] = {}
_LOCK = threading.Lock()
_MAX_CACHED = 16  # segments, and indexes (sets of segments); old ones vanish after merges


def word_list(reader, field: str = WORDS_FIELD) -> WordList:
    """The vocabulary of one listed field of the index `reader` reads (cached per set
    of segments)."""
    leaves = [leaf for leaf, _offset in reader.leaf_readers()]
    key = (field, *(leaf.segment().segment_id() for leaf in leaves))
    with _LOCK:
        cached = _INDEXES.get(key)
    if cached is not None:
        return cached
    found = WordList([stored[field] for leaf in leaves for stored in _segment_words(leaf)])
    with _LOCK:
        if len(_INDEXES) >= _MAX_CACHED:
            _INDEXES.pop(next(iter(_INDEXES)))
        _INDEXES[key] = found
    return found


def _segment_words(leaf) -> list[dict]:
    """The stored word lists of one segment's vocabulary documents (a segment never
    changes, so they are read once)."""
    key = leaf.segment().segment_id()
    with _LOCK:
        cached = _SEGMENTS.get(key)
    if cached is not None:
        return cached
    found: list[dict] = []
    if "doctype" in leaf.schema and leaf.doc_frequency("doctype", DOCTYPE):
        for docnum in leaf.postings("doctype", DOCTYPE).all_ids():
            stored = leaf.stored_fields(docnum).get(VOCABULARY_FIELD)
            if stored:
                found.append(stored)
    with _LOCK:
        if len(_SEGMENTS) >= _MAX_CACHED:
            _SEGMENTS.pop(next(iter(_SEGMENTS)))
        _SEGMENTS[key] = found
    return found


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


def word_frequencies(reader, prefix: str, field: str = WORDS_FIELD) -> dict[str, int]:
    """Every word of a listed field (the body's whole words, or the title's terms)
    starting with `prefix`, with its document frequency."""
    return word_list(reader, field).with_prefix(prefix)


def has_word(reader, word: str) -> bool:
    """Whether the body holds this (folded) word."""
    return word_list(reader).lengths_of(word) is not None


def forms_of(reader, stem: str) -> set[str]:
    """Every word of the body whose stem is `stem`."""
    return word_list(reader).forms(stem)


def lengths_of(reader, word: str) -> frozenset[int]:
    """Every length `word` had in the text (its occurrences before folding)."""
    return word_list(reader).lengths_of(word) or frozenset()


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
    found: list[tuple[str, FormFilter | None, int]] = []
    for stem in sorted(by_stem):
        everyone = forms_of(reader, stem) | by_stem[stem]
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
