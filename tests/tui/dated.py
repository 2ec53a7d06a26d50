"""The small dated corpus (tests/data/dated), indexed once per test module.

Seven articles from four outlets over two weeks: outlets and dates come from
`sources.csv` (three written forms), `.jsonl` fields and Markdown front matter;
one file has no metadata at all. Two statements are carried by several outlets.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import Corpus, open_corpus
from tui.app import SourcedeskApp

DATED = Path(__file__).resolve().parents[1] / "data" / "dated"


@pytest.fixture(scope="module")
def dated_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dated corpus indexed once for the module; tests copy it."""
    folder = tmp_path_factory.mktemp("dated-index") / "index"
    open_corpus(DATED, folder).close()
    return folder


@pytest.fixture
def dated_corpus(
    dated_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Corpus]:
    """This test's own copy of the index, opened; verdicts go to a private data folder."""
    monkeypatch.setenv("SOURCEDESK_DATA_DIR", str(tmp_path / "data"))
    corpus = open_corpus(
        DATED, Path(shutil.copytree(dated_index, tmp_path / "index")), update=False
    )
    yield corpus
    corpus.close()


@pytest.fixture
def dated_app(dated_corpus: Corpus, tmp_path: Path) -> SourcedeskApp:
    return SourcedeskApp(DATED, tmp_path / "index", corpus=dated_corpus)
