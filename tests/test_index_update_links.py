"""An incremental update links quotations exactly as a fresh build of the same folder would.

An edit that leaves a file's quotations as they were keeps every link without
re-clustering; an edit that adds or removes a quotation re-links the corpus.
Either way the result must equal a build from scratch.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index import open_corpus


def _links(corpus) -> tuple[list, list]:
    quotes = [(q.id, q.speaker, q.cluster, q.also_in) for q in corpus.quotes(include_scare=True)]
    clusters = [(c.id, [v.quote.id for v in c.versions]) for c in corpus.clusters()]
    return quotes, sorted(clusters)


@pytest.fixture
def folder(tmp_path: Path, seeds_dir: Path) -> Path:
    copy = tmp_path / "corpus"
    shutil.copytree(seeds_dir, copy)
    return copy


def _clustered_file(corpus) -> Path:
    """A file of the corpus holding a quotation carried by another source too."""
    for cluster in corpus.clusters():
        return corpus.root / cluster.versions[0].quote.path
    raise AssertionError("the seeds have statements carried by several sources")


@pytest.mark.parametrize(
    "edit",
    [
        "\n\nAn added closing line without any quotation.\n",
        '\n\n"We are appalled by this decision," the minister said on Friday.\n',
    ],
    ids=["no-new-quote", "new-quote"],
)
def test_incremental_links_equal_a_fresh_build(folder: Path, tmp_path: Path, edit: str):
    corpus = open_corpus(folder, tmp_path / "incremental")
    before = _links(corpus)
    target = _clustered_file(corpus)
    with target.open("a", encoding="utf-8") as out:
        out.write(edit)
    report = corpus.update()
    assert report.changed == 1
    fresh = open_corpus(folder, tmp_path / "fresh")
    assert _links(corpus) == _links(fresh)
    if "minister" in edit:
        assert len(_links(corpus)[0]) == len(before[0]) + 1
    else:
        assert _links(corpus) == before


def test_removing_a_clustered_file_unlinks_its_partners(folder: Path, tmp_path: Path):
    corpus = open_corpus(folder, tmp_path / "incremental")
    target = _clustered_file(corpus)
    target.unlink()
    corpus.update()
    fresh = open_corpus(folder, tmp_path / "fresh")
    assert _links(corpus) == _links(fresh)
