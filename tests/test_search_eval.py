"""The shared search evaluation (16 keyword cases over the seeds) passes via the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def test_seed_search_cases_all_pass(shared_dir: Path, seeds_dir: Path, tmp_path: Path):
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
