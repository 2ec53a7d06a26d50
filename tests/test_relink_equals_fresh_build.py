"""Files added and removed one update at a time leave exactly the index a fresh
build of the same folder gives: every stored document (articles, files, each
quotation as extracted and as linked), the clusters with their diff parts and
the quotations' links.

The corpus holds statements carried by several sources and speakers spelled
several ways, so one file's arrival or departure changes other files' canonical
speakers and clusters; one step runs in a reopened corpus, its sidecar decoded
from disk instead of kept in the process, and two are told which file changed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import index.state as state
from index import open_corpus
from index.store import open_index

HARBOUR = """Council backs new harbour wall

The council approved the harbour plan on Monday after a long debate.

"We will build the new harbour wall before the winter storms arrive this year," said \
Maïmouna Doucouré, the council leader.

"The fishermen of this town deserve a safe place to land their boats," Doucouré added.
"""
APPROVED = """Harbour plan approved

Work on the harbour starts in the spring, officials said.

"We will build the new harbour wall before the winter storms arrive," Doucoure told \
reporters on Monday.

"Nobody asked the people who live by the water what they wanted," said Tom Baker, a resident.
"""
STORMS = """Storm season worries residents

Residents fear the storms will come early.

"Nobody asked the people who live by the water what they wanted from this plan," Baker said.

"We will build the new harbour wall before the winter storms arrive this year," the \
council leader Maimouna Doucoure said.
"""


def _everything(corpus, index_dir: Path) -> dict:
    """Every stored document but the vocabulary ones (one per update by design, and a
    removed file's words stay listed until a rebuild: see index/vocabulary.py)."""
    with open_index(index_dir).searcher() as searcher:
        stored = sorted(
            repr(sorted(f.items()))
            for f in searcher.all_stored_fields()
            if f.get("doctype") != "vocabulary"
        )
    clusters = sorted((c.id, [(v.quote, v.parts) for v in c.versions]) for c in corpus.clusters())
    quotes = sorted(corpus.quotes(include_scare=True), key=lambda q: (q.path, q.start))
    return {"stored": stored, "clusters": clusters, "quotes": quotes}


def _fresh(folder: Path, index_dir: Path) -> dict:
    fresh = open_corpus(folder, index_dir)
    try:
        return _everything(fresh, index_dir)
    finally:
        fresh.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    copy = tmp_path_factory.mktemp("relink") / "corpus"
    shutil.copytree(seeds_dir, copy)
    (copy / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    return copy


def test_adds_and_removes_relink_as_a_fresh_build(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    index_dir = tmp_path / "incremental"
    corpus = open_corpus(folder, index_dir)
    steps = [
        ("approved.txt", APPROVED),  # a second source: the harbour statement is now a cluster
        ("storms.txt", STORMS),  # a third, and Tom Baker's statement is carried twice
        ("harbour.txt", None),  # the accented spelling leaves the corpus
        ("approved.txt", None),  # Baker's statement is left with one source
    ]
    seen_speakers: set[str] = set()
    clustered: list[int] = []
    for number, (name, text) in enumerate(steps):
        if text is None:
            (folder / name).unlink()
        else:
            (folder / name).write_text(text, encoding="utf-8")
        if number == 2:  # a new process: the sidecar decoded from disk
            corpus.close()
            monkeypatch.setattr(state, "_decoded", {})
            corpus = open_corpus(folder, index_dir)
        else:  # the first and last as the folder watcher updates: naming the file
            report = corpus.update(changed={name} if number in (0, 3) else None)
            assert (report.added, report.removed) == ((1, 0) if text else (0, 1))
        now = _everything(corpus, index_dir)
        assert now == _fresh(folder, tmp_path / f"fresh-{number}"), name
        seen_speakers |= {q.speaker for q in now["quotes"] if q.path == "storms.txt"}
        clustered.append(sum(q.cluster is not None for q in now["quotes"]))
    corpus.close()
    # Other files' links changed with each step: Baker is Tom Baker while approved.txt
    # names him in full, and the statements gained, then lost, their sources.
    assert {"Tom Baker", "Baker", "Maïmouna Doucouré"} <= seen_speakers
    assert clustered[1] > clustered[0] and clustered[3] < clustered[1]
