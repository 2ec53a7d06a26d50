"""The shared search evaluation (16 keyword cases over the seeds) passes.

Through the API in `make test`, and through the command line as the shared
scorer runs it (a process per case) in the slow part.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from index import open_corpus

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_seed_search_cases_all_pass(shared_dir: Path, seeds_dir: Path, tmp_path: Path):
    """Slow: a command-line process per case; the searches themselves are also checked
    in-process by test_search_results.py and test_search_query.py."""
    script = shared_dir / "eval" / "search_eval.py"
    cases = shared_dir / "eval" / "seeds_search.json"
    command = [sys.executable, "-m", "tui.cli", "search", "--format", "jsonl"]
    done = subprocess.run(
        [sys.executable, str(script), str(cases), "--", *command, "--corpus", str(seeds_dir)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "SOURCEDESK_INDEX_DIR": str(tmp_path / "indexes")},
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr
    assert lines[-1] == "search: 16/16 cases pass", done.stdout


def test_seed_search_cases_pass_through_the_api(shared_dir: Path, seeds_dir: Path, tmp_path: Path):
    """Each case's sources (file-name prefixes, as the scorer compares them), no more, no fewer."""
    cases = json.loads((shared_dir / "eval" / "seeds_search.json").read_text(encoding="utf-8"))
    corpus = open_corpus(seeds_dir, tmp_path / "index")
    try:
        wrong = {}
        for case in cases["cases"]:
            hits = corpus.search(case["query"], limit=50).hits
            found = {hit.path.rsplit("/", 1)[-1][:3] for hit in hits}
            if found != set(case["sources"]):
                wrong[case["query"]] = (sorted(found), case["sources"])
    finally:
        corpus.close()
    assert len(cases["cases"]) == 16 and wrong == {}, wrong
