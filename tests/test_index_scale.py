"""The 19k-story Reuters corpus builds (in worker processes) and searches correctly.

Slow (minutes on two shared cores); the build time is measured in bench/, not here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index import open_corpus


@pytest.mark.slow
def test_reuters_builds_every_story_and_reopens_without_work(reuters_dir: Path, tmp_path: Path):
    files = sum(1 for p in reuters_dir.rglob("*.txt"))
    phases = set()
    corpus = open_corpus(reuters_dir, tmp_path / "index", progress=lambda p: phases.add(p.phase))
    report = corpus.last_report
    assert report.added == files
    assert {"scan", "index", "quotes", "commit"} <= phases
    assert len(corpus.articles()) + len(report.skipped) >= files
    results = corpus.search('"crude oil" AND opec')
    assert results.total > 50
    for hit in results.hits[:5]:
        text = corpus.article(hit.id).text
        words = {text[s:e].casefold() for s, e in hit.matches}
        assert all(w.startswith(("crude oil", "opec")) for w in words), words
    again = open_corpus(reuters_dir, tmp_path / "index")
    assert (again.last_report.added, again.last_report.unchanged) == (0, files)
