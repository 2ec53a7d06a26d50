"""The articles of a benchmark corpus as plain (path, title, body) records.

The anchors (plain Whoosh, tantivy, SQLite FTS5) index exactly these records, so
they see the same documents our `Corpus` indexes from the same files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.corpora import text_files


@dataclass(frozen=True, slots=True)
class Doc:
    """One article: its path relative to the corpus root, first line as title, the rest."""

    path: str
    title: str
    body: str


def load_docs(root: Path) -> list[Doc]:
    """Every `.txt` article under `root` (undecodable bytes replaced, as a reader would)."""
    docs = []
    for path in text_files(root):
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        title, _, body = text.partition("\n")
        docs.append(Doc(str(path.relative_to(root)), title.strip(), body.strip()))
    return docs


def total_bytes(root: Path) -> int:
    """Size of the corpus files, for MB/s."""
    return sum(p.stat().st_size for p in text_files(root))
