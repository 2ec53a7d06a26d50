"""Importing `index` (on the path to the app's first screen) loads none of the heavy
libraries the first screen does not need; opening and searching a corpus loads them."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("whoosh", "numpy", "rapidfuzz", "charset_normalizer", "trafilatura", "multiprocessing")
LOADED = "import json, sys\n{before}\nprint(json.dumps(sorted(sys.modules)))\n"


def modules_after(code: str) -> list[str]:
    """Every module loaded in a fresh interpreter after running `code`."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED.format(before=code)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def heavy_modules_after(code: str) -> list[str]:
    """The HEAVY top-level packages loaded after running `code`."""
    return sorted({name.split(".")[0] for name in modules_after(code)} & set(HEAVY))


def index_modules_after(code: str) -> list[str]:
    """The modules of the `index` package loaded after running `code`."""
    return [name for name in modules_after(code) if name.startswith("index.")]


def test_importing_index_loads_no_heavy_library():
    assert heavy_modules_after("import index") == []


def test_opening_and_searching_loads_what_they_need(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Harbour report\n\nThe harbour board met.\n", encoding="utf-8")
    code = (
        "from index import open_corpus\n"
        f"c = open_corpus({str(corpus)!r}, {str(tmp_path / 'ix')!r})\n"
        "assert c.search('harbour').total == 1\n"
    )
    loaded = heavy_modules_after(code)
    assert "whoosh" in loaded and "numpy" in loaded, loaded


def test_a_name_loads_only_its_own_module():
    # The app's first screen needs the data types, not the search engine behind Corpus.
    assert index_modules_after("import index") == []
    assert index_modules_after("from index import Hit, SearchResults") == ["index.models"]
    assert "index.facade" in index_modules_after("from index import Corpus")


def test_every_public_name_is_found_and_no_other():
    import index

    for name in index.__all__:
        assert getattr(index, name) is not None, name
        assert name in dir(index)
    with pytest.raises(AttributeError, match="no_such_name"):
        index.no_such_name  # noqa: B018
    assert index.Corpus is importlib.import_module("index.facade").Corpus


def typing_imports(init: Path) -> dict[str, tuple[str, ...]]:
    """The names each module gives mypy in `init`'s `if TYPE_CHECKING:` block."""
    found: dict[str, tuple[str, ...]] = {}
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom) and stmt.module, ast.unparse(stmt)
                found[stmt.module] = tuple(alias.name for alias in stmt.names)
    return found


def test_mypy_sees_the_same_names_as_the_run_time_table():
    # The table is what `import index` serves; the imports are only what mypy reads.
    import index

    assert typing_imports(PROJECT_ROOT / "index" / "__init__.py") == index._NAMES
    assert index.__all__ == list(index._WHERE)
