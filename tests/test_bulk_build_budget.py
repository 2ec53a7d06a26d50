"""The bulk build sizes its workers from one memory budget for the whole build:
the parent's share grows with the corpus, so a large build gets fewer workers
rather than more segments or more memory."""

from __future__ import annotations

import os

import pytest

import index.bulk_build as bulk
from index.corpus import FileEntry
from index.planning import UpdatePlan


def _plan(files: int) -> UpdatePlan:
    entry = FileEntry("a.txt", "a.txt", 900, 0)
    return UpdatePlan(to_read=[entry] * files)


def _estimate_mb(files: int, workers: int) -> float:
    """The build's memory as the budget counts it: parent, workers and their postings."""
    parent = bulk.PARENT_BASE_MB + files * bulk.PARENT_KB_PER_FILE / 1024
    postings = bulk.postings_budget_mb(files, workers) * bulk.POSTINGS_RSS_RATIO
    return parent + workers * (bulk.WORKER_BASE_MB + postings)


def test_workers_and_their_budget_fit_the_build_memory(monkeypatch: pytest.MonkeyPatch):
    # The figures of a 2-core machine (CI's), whatever this one has.
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert bulk.workers_for(_plan(bulk.BULK_THRESHOLD)) == 0  # small: in process
    # 19k files: a worker per core and one more, each with the largest budget.
    assert bulk.workers_for(_plan(19_043)) == 3
    assert bulk.postings_budget_mb(19_043, 3) == bulk.WORKER_POSTINGS_MB[1]
    # 100k files: the parent's quotations and article entries leave room for two.
    assert bulk.workers_for(_plan(100_000)) == 2
    # All three write the 19k build's quotations; at 100k one does, the other leaves
    # before the relink (its memory beside the relink's was the build's peak).
    assert bulk.quotation_writers(3) == 3
    assert bulk.quotation_writers(2) == 1
    for files in (19_043, 50_000, 100_000):
        assert _estimate_mb(files, bulk.workers_for(_plan(files))) <= bulk.BUILD_MEMORY_MB
