"""A bulk build (worker processes, fast segment writer) indexes exactly what the
in-process build does: the same documents, scores, match spans, quotations and links."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

import index.bulk_build as bulk
from index import open_corpus
from index.store import open_index

QUERIES = ('"said"', "report*", "minister OR government", "netflix~", "title:netflix")


def _everything(corpus, index_dir: Path) -> dict:
    with open_index(index_dir).searcher() as searcher:
        stored = sorted(repr(sorted(f.items())) for f in searcher.all_stored_fields())
    searches = {}
    for query in QUERIES:
        results = corpus.search(query, limit=50)
        hits = [(-round(h.score, 9), h.id, h.matches, h.quote) for h in results.hits]
        # Hits of equal score come in document order, which differs between the
        # builds (segments written in parallel): compared as ranked by score, then id.
        searches[query] = (results.total, sorted(hits, key=lambda hit: hit[:2]))
    clusters = sorted((c.id, [v.quote.id for v in c.versions]) for c in corpus.clusters())
    return {
        "stored": stored,
        "searches": searches,
        "quotes": corpus.quotes(include_scare=True),
        "clusters": clusters,
        "articles": corpus.articles(),
    }


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="a bulk build needs 2 cores")
@pytest.mark.parametrize("alone", [False, True], ids=["every worker writes", "one writes"])
def test_bulk_build_equals_the_in_process_build(
    seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, alone: bool
):
    """Also when memory is tight (`quotation_writers`): the first worker writes the
    quotations alone, the others have written their segments and exited before the
    relink."""
    serial = open_corpus(seeds_dir, tmp_path / "serial")
    expected = _everything(serial, tmp_path / "serial")
    serial.close()
    monkeypatch.setattr(bulk, "BULK_THRESHOLD", 1)
    monkeypatch.setattr(bulk, "FILES_PER_RESULT", 1)  # results sent a file at a time
    if alone:
        monkeypatch.setattr(bulk, "quotation_writers", lambda workers: 1)
    phases: set[str] = set()
    indexed: list = []
    working_at_relink: list[int] = []

    def note(update) -> None:
        if update.phase == "quotes" and "quotes" not in phases:
            working_at_relink.append(len(multiprocessing.active_children()))
        phases.add(update.phase)
        if update.phase == "index":
            indexed.append((update.done, update.bytes_done, update.bytes_total))

    built = open_corpus(seeds_dir, tmp_path / "bulk", progress=note)
    assert built.last_report.added == 5 and "quotes" in phases
    # Every file and byte counted once, over the batches of every worker.
    done, bytes_done, bytes_total = indexed[-1]
    assert (done, bytes_done) == (5, bytes_total) and bytes_total > 0
    assert expected["clusters"], "the seeds hold statements carried by several sources"
    assert _everything(built, tmp_path / "bulk") == expected
    # The quotations went into the workers' segments: one a worker (a core each and
    # one more), and the parent's.
    workers = len(os.sched_getaffinity(0)) + 1
    assert working_at_relink == [1 if alone else workers]
    with open_index(tmp_path / "bulk").reader() as reader:
        assert len(list(reader.leaf_readers())) <= workers + 1
    again = open_corpus(seeds_dir, tmp_path / "bulk")  # fingerprints the workers sent back
    assert (again.last_report.added, again.last_report.unchanged) == (0, 5)


def test_a_quotation_sent_as_rows_is_written_as_this_process_would_write_it():
    """The workers build the documents of the quotations they are sent (`quote_rows`):
    the very documents `quote_doc` makes here, linked or not."""
    from dataclasses import replace

    from index.documents import quote_doc
    from index.models import Quote

    raw = Quote(
        "a.txt#3", "a.txt", "a.txt", 3, 40, "We will not stop here, not now.", "direct",
        speaker="Gordon Brown", speaker_mention="Mr Brown", date="2005-01-02",
        evidence=((41, 60), (70, 75)),
    )  # fmt: skip
    linked = replace(raw, speaker="Gordon Brown MP", cluster="c01", also_in=("b.txt",))
    for quote, extracted in ((raw, raw), (linked, raw)):
        rows = bulk.quote_rows(quote, extracted)
        assert (rows[1] is None) == (quote is extracted)
        assert bulk._quote_document(rows) == quote_doc(quote, extracted)
