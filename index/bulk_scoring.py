"""BM25F over many words at once: whole posting blocks into arrays, scored with numpy.

Whoosh scores an OR of many words one posting at a time in Python, through a
tree of two-way unions (or an array it fills posting by posting): about 2 s for
the 190 words of `comp*` at 19k articles, 1.5 s for 40 ORed words. Reading each
word's posting blocks whole and computing the same BM25F formula on arrays
gives the same scores (to float rounding) at a small fraction of the cost.
"""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from io import BytesIO
from itertools import accumulate
from pickle import load, loads
from typing import TYPE_CHECKING, Any

import numpy as np
from whoosh import matching
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, _lenfield
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

if TYPE_CHECKING:
    from .vocabulary import FormFilter

_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
# Postings decoded and kept for later queries (16 bytes each: about 32 MB).
MAX_CACHED_POSTINGS = 2_000_000
_POSTINGS: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
_POSTINGS_HELD = 0
_POSTINGS_LOCK = threading.Lock()
# `StructFile.write_int`: a posting block's length, negative for the last block.
_BLOCK_LENGTH = struct.Struct("!i")
_COUNT_BYTES = 4  # `pack_uint`, before a Characters value's pickled deltas
_LENGTHS: dict[tuple[str, str], np.ndarray] = {}
_LENGTHS_LOCK = threading.Lock()
_MAX_LENGTHS = 64  # (segment, field) pairs; old segments vanish after merges


@dataclass(frozen=True, slots=True)
class Word:
    """One word to score: its field, text and boost (the term's times its ORs');
    `forms` when only some word forms of a stem count (`vocabulary.stem_words`)."""

    fieldname: str
    text: str
    boost: float = 1.0
    forms: FormFilter | None = None


def read_postings(
    reader, fieldname: str, text: str, weights: bool = True
) -> tuple[list[int], list[float]]:
    """Every live document number and weight of one word in one segment, block by block
    (`TermNotFound` when the segment lacks it); no weights when `weights` is False."""
    ids, found, _values = read_blocks(reader, fieldname, text, weights, values=False)
    return ids, found


def read_blocks(
    reader, fieldname: str, text: str, weights: bool, values: bool
) -> tuple[list[int], list[float], list]:
    """`read_postings`, and each posting's encoded value when `values` is True."""
    ids: list[int] = []
    found: list[float] = []
    encoded: list = []
    place = _postings_place(reader, fieldname, text)
    if place is not None:  # whoosh3 postings read whole, no matcher
        postfile, offset, length = place
        _decode_blocks(
            postfile, offset, length, ids, found if weights else None, encoded if values else None
        )
    else:
        m = reader.postings(fieldname, text)
        while isinstance(m, matching.WrappingMatcher):
            m = m.child
        while m.is_active():
            ids.append(m.id())
            if weights:
                found.append(m.weight())
            if values:
                encoded.append(m.value())
            m.next()
    dead = getattr(reader, "deleted_docs_set", None)  # a cached frozenset on segments
    if dead is None and reader.has_deletions():
        dead = frozenset(d for d in ids if reader.is_deleted(d))
    if dead:
        live = [i for i, d in enumerate(ids) if d not in dead]
        ids = [ids[i] for i in live]
        found = [found[i] for i in live] if weights else found
        encoded = [encoded[i] for i in live] if values else encoded
    return ids, found, encoded


def _postings_place(reader, fieldname: str, text: str) -> tuple[Any, int, int] | None:
    """(postings file, offset, length) of a term's whoosh3 posting blocks, or None when
    a matcher must read them (inlined postings, fixed-size values, another codec);
    `TermNotFound` as `reader.postings` raises it."""
    terms: Any = getattr(reader, "_terms", None)
    if not (hasattr(terms, "term_info") and hasattr(terms, "_postfile")):
        return None
    field = reader.schema[fieldname]
    fixed = field.format.fixed_value_size()
    if fixed is not None and fixed > 0:
        return None
    info = terms.term_info(fieldname, field.to_bytes(text))
    if info.is_inlined():
        return None
    offset, length = info.extent()
    # a 1-tuple as `W3TermInfo` decodes it from the terms table
    return terms._postfile, offset, length[0] if isinstance(length, tuple) else length


def _decode_blocks(
    postfile,
    offset: int,
    length: int,
    ids: list[int],
    weights: list[float] | None,
    values: list | None,
) -> None:
    """Every block of a term's postings, read with one call and decoded here.

    Whoosh's matcher seeks and reads each block's length, info and data apart
    (tens of reads through the compound file a block) and undoes the delta
    coding of the documents in a Python loop; a cold prefix query reads
    thousands of blocks. Same data: `W3PostingsWriter._write_block` is the format.
    """
    raw = postfile.get(offset, length)
    stream = BytesIO(raw)
    at = len(WHOOSH3_HEADER_MAGIC)
    while at < len(raw):
        (size,) = _BLOCK_LENGTH.unpack_from(raw, at)
        at += _BLOCK_LENGTH.size
        end = at + abs(size)
        stream.seek(at)
        count, _maxid, _maxweight, compression, _minlength, _maxlength = load(stream)
        data = raw[stream.tell() : end]
        mini_ids, mini_weights, mini_values = loads(zlib.decompress(data) if compression else data)
        ids.extend(accumulate(mini_ids))
        if weights is not None:
            if mini_weights is None:
                weights.extend([1.0] * count)
            elif isinstance(mini_weights, float):
                weights.extend([mini_weights] * count)
            else:
                weights.extend(mini_weights)
        if values is not None:
            values.extend(mini_values if mini_values is not None else [None] * count)
        at = end
        if size < 0:  # the last block
            break


def kept_forms(reader, word: Word) -> tuple[list[int], list[float]]:
    """The live documents of a stem holding one of the word forms `word.forms` keeps,
    with how many times (its term frequency). Lengths come straight from the
    encoded character offsets (`Characters`: a count, then pickled deltas of
    position, start and length)."""
    assert word.forms is not None
    ids, _weights, encoded = read_blocks(reader, word.fieldname, word.text, False, values=True)
    kept: list[int] = []
    counts: list[float] = []
    count = word.forms.count
    for docnum, value in zip(ids, encoded, strict=True):
        found = count(loads(value[_COUNT_BYTES:]), partial(_text_of, reader, docnum))
        if found:
            kept.append(docnum)
            counts.append(float(found))
    return kept, counts


def _text_of(reader, docnum: int) -> str:
    return reader.stored_fields(docnum)["text_display"]


def word_postings(reader, word: Word) -> tuple[np.ndarray, np.ndarray]:
    """The live documents (ascending) and term frequencies of one word in one segment,
    its kept forms only when it has a filter; cached (a segment changes only by
    deletions, which change its document count).

    Whoosh decodes a whole block (documents, weights and every posting's
    character offsets) to read any of it: the words of a prefix typed again, or
    of a wide OR, are read once."""
    key = (reader.segment().segment_id(), reader.doc_count(), word.fieldname, word.text, word.forms)
    with _POSTINGS_LOCK:
        cached = _POSTINGS.get(key)
    if cached is not None:
        return cached
    try:
        if word.forms is not None:
            ids, weights = kept_forms(reader, word)
        else:
            ids, weights = read_postings(reader, word.fieldname, word.text)
    except TermNotFound:
        ids, weights = [], []
    found = (np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64))
    global _POSTINGS_HELD
    with _POSTINGS_LOCK:
        while _POSTINGS and _POSTINGS_HELD + len(ids) > MAX_CACHED_POSTINGS:
            _POSTINGS_HELD -= len(_POSTINGS.pop(next(iter(_POSTINGS)))[0])
        if len(ids) <= MAX_CACHED_POSTINGS:
            _POSTINGS[key] = found
            _POSTINGS_HELD += len(ids)
    return found


def field_lengths(reader, fieldname: str) -> np.ndarray | None:
    """Every document's length in one field of one segment (cached per segment), or
    None when the codec keeps them elsewhere."""
    key = (reader.segment().segment_id(), fieldname)
    with _LENGTHS_LOCK:
        cached = _LENGTHS.get(key)
    if cached is not None:
        return cached
    try:
        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        raw = column._dbfile.get(column._basepos, column._count * column._fixedlen)
    except Exception:  # another codec (or no lengths): per-document lookups, as Whoosh does
        return None
    if column._fixedlen != 1:
        return None
    lengths = np.zeros(reader.doc_count_all(), dtype=np.float64)
    lengths[: len(raw)] = _LENGTH_OF_BYTE[np.frombuffer(raw, dtype=np.uint8)]
    with _LENGTHS_LOCK:
        if len(_LENGTHS) >= _MAX_LENGTHS:
            _LENGTHS.pop(next(iter(_LENGTHS)))
        _LENGTHS[key] = lengths
    return lengths


def score_words(
    searcher, words: Iterable[Word], frequencies: dict[tuple[str, str], int] | None = None
) -> tuple[np.ndarray, np.ndarray, dict[tuple[str, str], np.ndarray]]:
    """BM25F of the words in one segment's searcher, summed per document.

    Returns the matching documents (segment-local, ascending), their scores, and
    each word's documents (for match spans). `frequencies` may give the words'
    document frequencies over the whole index, saving a lookup each.
    """
    reader = searcher.reader()
    parent = searcher.get_parent()
    weighting = parent.weighting if isinstance(parent.weighting, BM25F) else BM25F()
    total = parent.doc_count_all()
    all_ids: list[np.ndarray] = []
    all_scores: list[np.ndarray] = []
    docs: dict[tuple[str, str], np.ndarray] = {}
    indexed = {name for name in {w.fieldname for w in words} if reader.field_length(name)}
    for word in words:
        if word.fieldname not in indexed:  # e.g. a segment holding only quotations
            continue
        id_array, tf = word_postings(reader, word)
        if not len(id_array):
            continue
        key = (word.fieldname, word.text)
        docs[key] = np.union1d(docs[key], id_array) if key in docs else id_array
        known = frequencies.get((word.fieldname, word.text)) if frequencies else None
        df = known if known is not None else parent.doc_frequency(word.fieldname, word.text)
        idf = np.log(total / (df + 1)) + 1.0
        B = weighting._field_B.get(word.fieldname, weighting.B)
        K1 = weighting.K1
        avgfl = parent.avg_field_length(word.fieldname) or 1
        lengths = field_lengths(reader, word.fieldname)
        if lengths is None:
            fl = np.array([reader.doc_field_length(int(d), word.fieldname, 1) for d in id_array])
        else:
            fl = lengths[id_array]
        scores = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
        all_ids.append(id_array)
        all_scores.append(scores * word.boost)
    if not all_ids:
        empty = np.zeros(0, dtype=np.int64)
        return empty, np.zeros(0), docs
    doc_ids = np.concatenate(all_ids)
    summed = np.bincount(doc_ids, weights=np.concatenate(all_scores))
    matched = np.flatnonzero(np.bincount(doc_ids))
    return matched, summed[matched], docs


class ScoredList(matching.ListMatcher):
    """Precomputed documents and scores; reports no terms (spans are found per hit)."""

    def __init__(self, ids: list[int], scores: list[float]) -> None:
        super().__init__(ids)
        self._scores = scores

    def score(self) -> float:
        return self._scores[self._i]

    def copy(self):
        copied = ScoredList(self._ids, self._scores)
        copied._i = self._i
        return copied

    def supports_block_quality(self) -> bool:
        return False

    def term_matchers(self):
        return iter(())

    def matching_terms(self, id=None):
        return iter(())
