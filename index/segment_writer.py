"""A Whoosh segment writer for bulk builds that pays Whoosh's per-posting Python once per term.

Whoosh's `SegmentWriter` analyses each field through a chain of generators,
puts every posting in a pool as a tuple, sorts the pool (spilling sorted runs to
temporary files past its memory limit), then writes the postings one call at a
time, reading each posting's field length back from the lengths column it just
wrote. On a 19k-article build that is most of the time a worker spends.

`FastSegmentWriter` writes the same segment files with the same bytes:

- fields analysed by our analyzers (`index.analysis`) take their words from one
  tokenize-and-fold pass per text (`folded_words`), grouped per term directly
  into Whoosh's encodings (`field_items`);
- postings are kept per field and term in arrays (documents arrive in order, so
  each term's list is already sorted; only the terms are sorted, at flush);
- at flush each term's blocks are encoded as Whoosh's postings writer encodes
  them (`_term_blocks`), with field lengths from memory, and written in one call.

Anything else (other analyzers, non-text values) goes through the field's own
`index()`. `SegmentSeries` starts a new segment when the postings held in memory
pass a budget, so a worker's memory stays bounded at any corpus size.
"""

from __future__ import annotations

import zlib
from array import array
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter, sub
from pickle import dumps
from typing import Any

from whoosh.analysis import CompositeAnalyzer, IDTokenizer
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.filedb.filetables import _lengths as _ROW_LENGTHS
from whoosh.formats import Characters, Existence, Frequency, Positions
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from .analysis import FoldingTokenizer, Porter2Filter, folded_words, stem_word

# Postings: per field, per term, (document numbers, weights, encoded values).
Postings = dict[str, dict[str, tuple[array, array, list[bytes] | None]]]
# Rough bytes one posting costs held here (arrays, a bytes object, dict share).
POSTING_BYTES = 72
TERM_BYTES = 300
# Terms whose posting lists and term rows are written at a time (a few hundred kB).
TERMS_PER_WRITE = 1024
_FREQUENCY = itemgetter(1)
_COUNTS = [pack_uint(n) for n in range(256)]  # shared, not one bytes object a posting


def _count(n: int) -> bytes:
    """`pack_uint(n)`: a Frequency value, and the head of a Positions/Characters one."""
    return _COUNTS[n] if n < 256 else pack_uint(n)


STEMMED, WHOLE_WORDS, WHOLE_VALUE = "stemmed", "whole words", "whole value"


class _Stems(dict):
    """Folded word -> its stem ("" stays ""): one dict lookup a token, in C."""

    def __missing__(self, word: str) -> str:
        found = stem_word(word) if word else ""
        if len(self) < _MAX_STEMS:
            self[word] = found
        return found


class _Same(dict):
    """Folded word -> itself, for fields that are not stemmed."""

    def __missing__(self, word: str) -> str:
        return word


_MAX_STEMS = 1 << 18
_STEMS, _SAME = _Stems(), _Same()


def analysis_of(field: Any) -> str | None:
    """How the field's analyzer turns text into terms, when it is one we can do
    faster: ours stemmed or not, or Whoosh's `ID` (the value is the one term)."""
    analyzer = getattr(field, "analyzer", None)
    if type(analyzer) is IDTokenizer and type(field.format) is Existence:
        return WHOLE_VALUE
    if not isinstance(analyzer, CompositeAnalyzer):
        return None
    kinds = [type(item) for item in analyzer.items]
    if kinds == [FoldingTokenizer, Porter2Filter]:
        return STEMMED
    if kinds == [FoldingTokenizer]:
        return WHOLE_WORDS
    return None


def field_items(fmt: Any, text: str, stem: bool) -> list[tuple[str, int, float, bytes]]:
    """What `field.index(text)` yields for a field analysed by our analyzer with format
    `fmt`, terms as `str`: (term, frequency, weight, encoded value) per distinct term."""
    fb = fmt.field_boost
    kind = type(fmt)
    words = folded_words(text)
    if kind is Frequency or kind is Existence:
        folded = [w[0] for w in words if w[0]]
        counts = Counter([stem_word(w) for w in folded] if stem else folded)
        if kind is Existence:
            return [(word, 1, fb, b"") for word in counts]
        return [(word, freq, float(freq) * fb, _count(freq)) for word, freq in counts.items()]
    if kind is Characters:
        # per term: [deltas as Characters.encode makes them, last position, last end]
        spans: dict[str, list] = {}
        held = spans.get
        stems = _STEMS if stem else _SAME
        for folded_word, pos, start, end in words:
            word = stems[folded_word]
            if word:
                state = held(word)
                if state is None:
                    spans[word] = [[(pos, start, end - start)], pos, end]
                else:
                    state[0].append((pos - state[1], start - state[2], end - start))
                    state[1] = pos
                    state[2] = end
        items = []
        for word, (deltas, _pos, _end) in spans.items():
            n = len(deltas)
            items.append((word, n, n * fb, _count(n) + dumps(deltas, 2)))
        return items
    if kind is Positions:
        places: dict[str, list[int]] = {}
        for folded_word, pos, _start, _end in words:
            if folded_word:
                word = stem_word(folded_word) if stem else folded_word
                found = places.get(word)
                if found is None:
                    places[word] = [pos]
                else:
                    found.append(pos)
        items = []
        for word, poslist in places.items():
            deltas = [b - a for a, b in zip([0, *poslist], poslist, strict=False)]
            value = _count(len(deltas)) + dumps(deltas, 2)
            items.append((word, len(poslist), float(len(poslist)) * fb, value))
        return items
    raise TypeError(f"no fast path for {kind.__name__}")


@dataclass(frozen=True, slots=True)
class _FieldPlan:
    """What `add_document` reads of a schema field, looked up once a writer rather than
    a field a document (~17,000 documents of ~12 fields a worker's share at 19k)."""

    field: Any
    indexed: bool
    fast: str | None
    stored: bool
    scorable: bool
    column: Any
    field_boost: float
    boost_key: str  # Whoosh's `_field_boost` keyword
    stored_key: str  # the stored value when it is not the indexed one

    @classmethod
    def of(cls, name: str, field: Any) -> _FieldPlan:
        return cls(
            field,
            field.indexed,
            analysis_of(field),
            field.stored,
            field.scorable,
            field.column_type,
            field.format.field_boost if field.indexed else 1.0,
            f"_{name}_boost",
            f"_stored_{name}",
        )


class _Quantised(dict):
    """Field length -> the length Whoosh reads back (`byte_to_length(length_to_byte(n))`)."""

    def __missing__(self, length: int) -> int:
        found = self[length] = byte_to_length(length_to_byte(length))
        return found


_QUANTISED = _Quantised()


class FastSegmentWriter(SegmentWriter):
    """An unlocked `SegmentWriter` (the caller holds the index lock and commits the
    segment) with the in-memory postings and fast analysis described above."""

    def __init__(self, ix: Any) -> None:
        super().__init__(ix, _lk=False)
        self._postings: Postings = {}
        self._lengths: dict[str, dict[int, int]] = {}
        # Whether a field's postings carry values `_term_blocks` writes (not Existence).
        self._values: dict[str, bool] = {}
        self.held_bytes = 0
        codec = self.codec
        if codec._inlinelimit > 1:  # W3Codec's default: no posting list is inlined
            raise ValueError("inlined posting lists are not supported here")
        self._block_limit: int = codec._blocklimit
        self._compression: int = codec._compression
        for name, field in self.schema.items():
            if field.separate_spelling() or field.vector:
                raise ValueError(f"field {name!r}: spelling and vectors are not supported here")
            self._values[name] = field.indexed and field.format.fixed_value_size() != 0
        self._fields = {name: _FieldPlan.of(name, field) for name, field in self.schema.items()}

    def add_document(self, **fields: Any) -> None:
        """Whoosh's `SegmentWriter.add_document`, postings kept in memory."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            plans = self._fields
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                plan = plans[fieldname]
                field = plan.field
                length = 0
                if plan.indexed:
                    boost = plan.boost_key
                    fieldboost = float(fields[boost]) if boost in fields else docboost
                    fast = plan.fast if isinstance(value, str) else None
                    if fast is WHOLE_VALUE:
                        items = [(value, 1, plan.field_boost, b"")]
                    elif fast is not None:
                        items = field_items(field.format, value, fast is STEMMED)
                    else:
                        items = [(t.decode("utf-8"), *rest) for t, *rest in field.index(value)]
                    length = self._hold(fieldname, docnum, items, fieldboost, plan.scorable)
                    if length:
                        self._lengths.setdefault(fieldname, {})[docnum] = _QUANTISED[length]
                customval = fields.get(plan.stored_key, value)
                perdocwriter.add_field(fieldname, field, customval if plan.stored else None, length)
                column = plan.column
                if column and customval is not None:
                    perdocwriter.add_column_value(
                        fieldname, column, field.to_column_value(customval)
                    )
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _hold(self, fieldname: str, docnum: int, items, fieldboost: float, scorable: bool) -> int:
        """Add one field's postings of one document; returns its length (frequencies
        summed). One loop a kind of field, values kept only where `_term_blocks` writes
        them: no test a posting."""
        terms: dict[str, Any] = self._postings.setdefault(fieldname, {})  # values: a list here
        get = terms.get
        new = 0
        if self._values[fieldname]:
            for word, _freq, weight, vbytes in items:
                found = get(word)
                if found is None:
                    found = terms[word] = (array("I"), array("d"), [])
                    new += 1
                found[0].append(docnum)
                found[1].append(weight * fieldboost)
                found[2].append(vbytes)
        else:
            for word, _freq, weight, _vbytes in items:
                found = get(word)
                if found is None:
                    found = terms[word] = (array("I"), array("d"), None)
                    new += 1
                found[0].append(docnum)
                found[1].append(weight * fieldboost)
        self.held_bytes += new * TERM_BYTES + len(items) * POSTING_BYTES
        return sum(map(_FREQUENCY, items)) if scorable else 0

    def _flush_segment(self) -> None:
        """Write the held postings, field by field and term by term in sorted order."""
        self.perdocwriter.close()
        writer = self.fieldwriter
        for fieldname in sorted(self._postings):
            terms = self._postings[fieldname]
            if not terms:
                continue
            # Whoosh's `start_term`/`finish_term`, the postings written by `_write_terms`.
            writer.start_field(fieldname, self.schema[fieldname])
            prefix = pack_ushort(writer._fieldid)
            # Code point order is UTF-8 byte order: the terms come out as Whoosh sorts them.
            words = sorted(terms)
            for start in range(0, len(words), TERMS_PER_WRITE):
                self._write_terms(fieldname, prefix, terms, words[start : start + TERMS_PER_WRITE])
            writer.finish_field()
        writer.close()
        self._postings.clear()
        self._lengths.clear()

    def _write_terms(self, fieldname: str, prefix: bytes, terms: dict, words: list[str]) -> None:
        """Write these terms' posting lists in one write to the postings file and their
        rows in another to the terms file: a write a term was ~0.3 s of a share's write."""
        fieldwriter = self.fieldwriter
        postfile = fieldwriter._postfile
        fixed = self.schema[fieldname].format.fixed_value_size()
        lengths = self._lengths.get(fieldname)
        offset = postfile.tell()
        lists, rows = [], []
        for word in words:
            ids, weights, values = terms[word]
            data, info = _term_blocks(
                ids, weights, values, lengths, fixed, self._block_limit, self._compression
            )
            lists.append(data)
            rows.append(
                (prefix + word.encode("utf-8"), info + pack_long(offset) + pack_int(len(data)))
            )
            offset += len(data)
        postfile.write(b"".join(lists))
        _add_rows(fieldwriter._tindex, rows)


def _add_rows(tindex: OrderedHashWriter, rows: list[tuple[bytes, bytes]]) -> None:
    """`tindex.add(key, value)` for each row, keys in increasing order, in one write: the
    same bytes at the same places, the same hash buckets and key positions."""
    if rows[0][0] <= tindex.lastkey:
        raise ValueError(f"Keys must increase: {tindex.lastkey!r}..{rows[0][0]!r}")
    dbfile = tindex.dbfile
    position = dbfile.tell()
    buckets, hashfn = tindex.buckets, tindex.hashfn
    positions: list[int] = []
    parts: list[bytes] = []
    for key, value in rows:
        positions.append(position)
        h = hashfn(key)
        buckets[h & 255].append((h, position))
        parts += (_ROW_LENGTHS.pack(len(key), len(value)), key, value)
        position += _ROW_LENGTHS.size + len(key) + len(value)
    dbfile.write(b"".join(parts))
    tindex.index.extend(positions)
    tindex.lastkey = rows[-1][0]


def _term_blocks(
    ids: array,
    weights: array,
    values: list[bytes] | None,
    lengths: dict[int, int] | None,
    fixed: int | None,
    limit: int,
    compression: int,
) -> tuple[bytes, bytes]:
    """One term's posting list as `W3PostingsWriter` writes it, and its term info
    (`W3TermInfo.to_bytes` but the extent): blocks of `limit` postings, each its
    length (negative for the last), its info and its data; the same bytes, without
    a Python call a posting. `fixed` is the format's fixed value size."""
    if len(ids) == 1:
        value = values[0] if values is not None else None
        return _one_posting(ids[0], weights[0], value, lengths, fixed, compression)
    parts = [WHOOSH3_HEADER_MAGIC]
    count = len(ids)
    total = 0.0
    least: int | None = None
    most = top = 0
    for start in range(0, count, limit):
        end = min(start + limit, count)
        block = ids[start:end]
        block_weights = array("f", weights[start:end])  # as Whoosh holds them
        heaviest = max(0, max(weights[start:end]))
        sizes = [s for s in map(lengths.get, block, [0] * len(block)) if s] if lengths else []
        shortest = min(sizes) if sizes else None
        longest = max(sizes) if sizes else 0
        n = len(block)
        if block_weights.count(1.0) == n:
            mini_weights: Any = None
        elif block_weights.count(block_weights[0]) == n:
            mini_weights = block_weights[0]
        else:
            mini_weights = tuple(block_weights)
        mini_values = _block_values(values[start:end] if values is not None else None, fixed)
        mini_ids = tuple(map(sub, block, chain((0,), block)))  # delta_encode
        data = dumps((mini_ids, mini_weights, mini_values), 2)
        if compression:
            data = zlib.compress(data, compression)
        stats = (n, block[-1], heaviest, compression)
        info = dumps((*stats, length_to_byte(shortest), length_to_byte(longest)), 2)
        size = len(info) + len(data)
        parts += (pack_int(-size if end == count else size), info, data)
        # W3TermInfo.add_block
        total += sum(block_weights)
        if shortest is not None:
            least = shortest if least is None else min(least, shortest)
        most = max(most, longest)
        top = max(top, heaviest)
    term = W3TermInfo._struct.pack(
        False,
        total,
        count,
        0 if least is None else length_to_byte(least),
        length_to_byte(most),
        top,
        ids[0],
        ids[-1],
    )
    return b"".join(parts), term


def _one_posting(
    docnum: int,
    weight: float,
    value: bytes | None,
    lengths: dict[int, int] | None,
    fixed: int | None,
    compression: int,
) -> tuple[bytes, bytes]:
    """`_term_blocks` for a term of one document (26,567 of a 19k share's 53,767), whose
    slices, arrays and min/max calls a block cost more than the encoding itself."""
    held = array("f", (weight,))[0]  # as Whoosh holds it
    size = lengths.get(docnum, 0) if lengths else 0
    mini_values = _block_values(None if value is None else [value], fixed)
    data = dumps(((docnum,), None if held == 1.0 else held, mini_values), 2)
    if compression:
        data = zlib.compress(data, compression)
    heaviest = max(0, weight)
    shortest, longest = length_to_byte(size or None), length_to_byte(size)
    info = dumps((1, docnum, heaviest, compression, shortest, longest), 2)
    block = pack_int(-(len(info) + len(data))) + info + data
    term = W3TermInfo._struct.pack(
        False, 0.0 + held, 1, shortest, longest, heaviest, docnum, docnum
    )
    return WHOOSH3_HEADER_MAGIC + block, term


def _block_values(values: list[bytes] | None, fixed: int | None) -> Any:
    """A block's values as `W3PostingsWriter` pickles them: a tuple of variable-size
    values, nothing for a format without values, fixed-size ones joined."""
    if fixed is None or fixed < 0:
        return tuple(values) if values is not None else ()
    if fixed == 0:
        return None
    return b"".join(values) if values is not None else b""


class SegmentSeries:
    """Segments written one after another, each closed when its postings pass `budget_mb`."""

    def __init__(self, ix: Any, budget_mb: int) -> None:
        self._ix = ix
        self._budget = budget_mb * 2**20
        self._writer = FastSegmentWriter(ix)
        self.segments: list = []

    def add_document(self, **fields: Any) -> None:
        self._writer.add_document(**fields)
        if self._writer.held_bytes > self._budget:
            self._close_current()
            self._writer = FastSegmentWriter(self._ix)

    def finish(self) -> list:
        """Every segment written (none for no documents)."""
        self._close_current()
        return self.segments

    def cancel(self) -> None:
        self._writer.cancel()

    def _close_current(self) -> None:
        if self._writer._added:
            self.segments.append(self._writer._finalize_segment())
