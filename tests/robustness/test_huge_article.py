"""A 50 MB article (a scraped archive page, a whole book) is indexed whole.

Nothing is cut: a word in its last line is found, and the stored text has every
character. Indexing runs in a child process with a generous timeout, so a step
that hangs fails the test instead of stalling the suite; how fast it runs is for
`bench/` to measure.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from index import open_corpus

from .helpers import article_text, hit_ids, pseudo_words, update_in_subprocess, write_file

SIZE = 50 * 1024 * 1024
INDEX_TIMEOUT = 900  # a hang guard, not a speed bound


def huge_text(rng: random.Random, markers: list[str], vocabulary: list[str]) -> str:
    """About SIZE bytes of paragraphs; markers open, split and close the text."""
    paragraphs = [
        " ".join(rng.choices(vocabulary, k=rng.randint(40, 120))).capitalize() + "."
        for _ in range(400)
    ]
    parts = [f"Archive of the {markers[0]} inquiry", ""]
    size = len(parts[0])
    middle_done = False
    while size < SIZE:
        paragraph = rng.choice(paragraphs)
        if not middle_done and size > SIZE // 2:
            paragraph = f"{paragraph} The {markers[1]} memo was filed here."
            middle_done = True
        parts.append(paragraph)
        size += len(paragraph) + 1
    parts.append(f"The archive closes with the {markers[2]} letter.")
    return "\n".join(parts)


@pytest.mark.slow
def test_fifty_megabyte_article_is_indexed_whole_and_searchable(tmp_path: Path):
    rng = random.Random(50)
    words = pseudo_words(rng, 2_000)
    markers, vocabulary = words[:3], [*words[4:], "the", "and", "said", "of", "council"]
    text = huge_text(rng, markers, vocabulary)
    root = tmp_path / "corpus"
    write_file(root, "archive.txt", text)
    write_file(root, "small.txt", article_text(words[3], vocabulary, rng))
    assert (root / "archive.txt").stat().st_size >= SIZE

    report = update_in_subprocess(root, tmp_path / "index", timeout=INDEX_TIMEOUT)
    assert report["added"] == 2 and report["skipped"] == [], report

    corpus = open_corpus(root, tmp_path / "index", update=False)
    try:
        for marker in markers:
            assert hit_ids(corpus, marker) == ["archive.txt"], marker
        stored = corpus.article("archive.txt").text
        assert len(stored) == len(text) and stored[-200:] == text[-200:]
        assert hit_ids(corpus, words[3]) == ["small.txt"]
    finally:
        corpus.close()
