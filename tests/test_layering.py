"""`index` stands alone: opening a corpus and searching it never loads the app's layers.

Scripts and other front ends use `index` without a terminal; if it pulled in
Textual or Rich (or our `tui`) they would pay for both and break where those
cannot run. Checked in a fresh interpreter, where nothing else has imported them.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("textual", "rich", "tui")

SEARCH_ALONE = """
import json, sys
from index import open_corpus

corpus = open_corpus(sys.argv[1], sys.argv[2])
try:
    hits = [hit.id for hit in corpus.search("netflix", limit=10).hits]
    quotes = len(corpus.search("speaker:netflix", scope="quotes").hits)
finally:
    corpus.close()
loaded = sorted(
    name for name in sys.modules if name.split(".")[0] in {"textual", "rich", "tui"}
)
print(json.dumps({"hits": hits, "quotes": quotes, "loaded": loaded}))
"""


def test_opening_and_searching_loads_no_textual_rich_or_tui(seeds_dir: Path, tmp_path: Path):
    corpus = shutil.copytree(seeds_dir, tmp_path / "seeds")
    done = subprocess.run(
        [sys.executable, "-c", SEARCH_ALONE, str(corpus), str(tmp_path / "index")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.splitlines()[-1])
    assert len(seen["hits"]) == 5 and seen["quotes"] > 0, seen  # it really searched
    assert seen["loaded"] == [], f"index loaded {seen['loaded']}"


def imported_roots(path: Path) -> set[str]:
    """The top-level packages a module imports, wherever the import statement is."""
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_no_index_module_imports_textual_rich_or_tui():
    """Also the code paths no search runs (exports, quotations, bulk builds)."""
    offenders = {
        str(path.relative_to(PROJECT_ROOT)): sorted(imported_roots(path) & set(FORBIDDEN))
        for path in sorted((PROJECT_ROOT / "index").rglob("*.py"))
    }
    assert {path: names for path, names in offenders.items() if names} == {}
