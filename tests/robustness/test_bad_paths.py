"""Wrong folders on the command line: a clear one-line message, never a traceback.

A user mistypes the corpus folder, points it at a file, or gives an index folder
that is really a file. Each must end with a message naming the problem and a
non-zero status, and must not create anything where the user did not ask.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import SEEDS, run_here


def bad_paths(tmp_path: Path) -> dict[str, list[str]]:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder\n", encoding="utf-8")
    index = ["--index-dir", str(tmp_path / "ix")]
    return {
        "missing corpus": ["search", "--corpus", str(tmp_path / "nowhere"), *index, "x"],
        "corpus is a file": ["search", "--corpus", str(a_file), *index, "x"],
        "index dir is a file": ["search", "--corpus", str(SEEDS), "--index-dir", str(a_file), "x"],
        "index a missing folder": ["index", str(tmp_path / "nowhere"), *index],
    }


@pytest.mark.parametrize(
    "case", ["missing corpus", "corpus is a file", "index dir is a file", "index a missing folder"]
)
def test_wrong_folder_gets_a_clear_message(tmp_path: Path, case: str):
    args = bad_paths(tmp_path)[case]
    before = sorted(p.name for p in tmp_path.iterdir())
    done = run_here(args)
    stderr = done.stderr.decode("utf-8", "replace").strip()
    assert done.returncode != 0, f"{case}: exit 0 with {stderr!r}"
    assert "Traceback" not in stderr, stderr
    assert stderr and len(stderr.splitlines()) <= 2, stderr
    assert "unexpected error" not in stderr, f"{case}: the message does not say what is wrong"
    assert done.stdout == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "created files it was not asked to"
