"""The bulk build's fast segment writer writes what Whoosh's own writer writes, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.writing import SegmentWriter

from index.corpus import scan
from index.documents import quote_doc
from index.models import Quote
from index.segment_writer import TERMS_PER_WRITE, FastSegmentWriter, SegmentSeries
from index.store import create_fresh, open_index
from index.updater import add_files, read_file

# Text that exercises every branch: folding, possessives, repeated words (positions
# and offsets as deltas), a term in more than one 128-posting block, over-long tokens;
# and a field with more terms than are written at a time (`key`: one a quotation).
REPEATED = "The Doucouré's report, DOUCOURE said: 'report' — report it again. " * 3
LONG = "x" * 130


def _documents(seeds_dir: Path) -> list[dict]:
    docs = []
    for i in range(TERMS_PER_WRITE + 300):  # `report` ends up in many posting blocks
        quote = Quote(
            f"q{i}", f"a{i}", f"f{i}.txt", 0, 9, f"{REPEATED} {LONG} #{i}", "direct", "Ann Lee"
        )
        docs.append(quote_doc(quote, quote))
    return docs


def _segment_files(index_dir: Path, make, seeds_dir: Path) -> dict[str, bytes]:
    ix = create_fresh(index_dir)
    writer = make(ix)
    writer.compound = False  # one file per part, to compare them one by one
    entries, _ = scan(seeds_dir)
    add_files(writer, seeds_dir, entries, 0, lambda _progress: None)
    for doc in _documents(seeds_dir):
        writer.add_document(**doc)
    segment = writer._finalize_segment()
    prefix = segment.segment_id()
    return {
        p.name.removeprefix(prefix): p.read_bytes()
        for p in index_dir.iterdir()
        if p.name.startswith(prefix)
    }


def test_fast_writer_writes_the_bytes_whoosh_writes(seeds_dir: Path, tmp_path: Path):
    ours = _segment_files(tmp_path / "fast", FastSegmentWriter, seeds_dir)
    theirs = _segment_files(tmp_path / "whoosh", lambda ix: SegmentWriter(ix, _lk=False), seeds_dir)
    assert sorted(ours) == sorted(theirs)
    assert {".trm", ".pst", "._stored.col"} <= set(ours)
    for part, data in theirs.items():
        assert ours[part] == data, part


def test_segments_roll_over_at_the_budget_and_all_documents_are_searchable(
    seeds_dir: Path, tmp_path: Path
):
    ix = create_fresh(tmp_path / "ix")
    series = SegmentSeries(ix, 0)  # every document closes its segment
    entries, _ = scan(seeds_dir)
    add_files(series, seeds_dir, entries, 0, lambda _progress: None)
    segments = series.finish()
    articles = sum(len(read_file(seeds_dir, e)[1]) for e in entries)
    assert len(segments) == articles + len(entries)  # an article and a file document each
    writer = ix.writer()
    writer.commit(mergetype=lambda _w, existing: list(existing) + segments)
    with open_index(tmp_path / "ix").searcher() as searcher:
        assert searcher.doc_frequency("doctype", "article") == articles
        assert searcher.doc_frequency("doctype", "file") == len(entries)


def test_a_field_with_vectors_is_refused(tmp_path: Path):
    from whoosh import fields, index

    folder = tmp_path / "vectors"
    folder.mkdir()
    ix = index.create_in(str(folder), fields.Schema(body=fields.TEXT(vector=True)))
    with pytest.raises(ValueError, match="vectors"):
        FastSegmentWriter(ix)
