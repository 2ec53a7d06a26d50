"""Bad files in a corpus: each is indexed with a faithful text or skipped with a reason.

One corpus holds every kind of bad file next to ordinary articles. It is indexed
once, in a child process with a timeout (a FIFO or a symlink loop must not hang
it), and every case is then checked against what a user would see: the article
text, a search for the word only that file contains, or the skip reason.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from index import open_corpus

from .helpers import (
    BINARY,
    article_text,
    hit_ids,
    pseudo_words,
    run_sourcedesk,
    update_in_subprocess,
    write_file,
)

RNG = random.Random(6)
WORDS = pseudo_words(RNG, 60)
BODY = WORDS[30:]


class Markers(dict):
    """A distinct made-up word per key, handed out on first use."""

    def __missing__(self, key: str) -> str:
        self[key] = WORDS[len(self)]
        return self[key]


MARK = Markers()


def cp1252_article() -> bytes:
    text = (
        "Minister says \u201cwe will not back down\u201d after vote\n\n"
        f"The minister told the {MARK['cp1252']} committee: \u201cWe will not back down "
        "\u2013 not now, not ever.\u201d Critics called the plan \u2018reckless\u2019 and "
        "said it was \u201ca betrayal of voters\u201d \u2014 a charge she denied.\n"
    )
    return text.encode("cp1252")


def latin1_article() -> bytes:
    text = (
        "Caf\u00e9 owners fear \u00a35 levy\n\n"
        f"Owners of the caf\u00e9 in the {MARK['latin1']} district said the \u00a35 levy "
        "would hurt trade. \u00abNous sommes inquiets\u00bb, said one; prices rose "
        "5\u00bd per cent.\n"
    )
    return text.encode("latin-1")


UNICODE_TEXT = (
    "Doucour\u00e9 speaks to \u00c9l\u00e9onore\n\n"
    "The director Ma\u00efmouna Doucour\u00e9 said \u201cit was not OK\u201d; the "
    "{marker} festival in K\u00f6ln and \u6771\u4eac showed the film.\n"
)


def unicode_article(key: str) -> str:
    return UNICODE_TEXT.replace("{marker}", MARK[key])


def utf8_with_one_bad_byte() -> bytes:
    good = unicode_article("utf8_one_bad_byte").encode("utf-8")
    # A Windows-1252 apostrophe pasted into an otherwise UTF-8 file.
    return good.replace(b"festival", b"festival\x92s")


def make_long_line() -> bytes:
    words = [MARK["long_line"]]
    words += RNG.choices(BODY, k=150_000)
    words.append(MARK["long_line_end"])
    text = " ".join(words)
    assert len(text) > 1_000_000 and "\n" not in text
    return text.encode("ascii")


LONG_LINE = make_long_line()


def bad_jsonl() -> bytes:
    lines = [
        json.dumps({"title": "Good line", "text": f"The {MARK['jsonl_good']} hearing resumed."}),
        '{"title": "Broken", "text": "unterminated',
        '{"title": "No text at all"}',
        "[1, 2, 3]",
        '{"title": "Wrong type", "text": 5}',
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def good_html() -> bytes:
    return (
        "<html><head><title>Harbour plan approved</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
        "<article><h1>Harbour plan approved</h1>"
        f"<p>The {MARK['html_good']} harbour plan was approved by councillors on Tuesday "
        "after a long debate about funding, jobs and the environment.</p>"
        "<p>Residents said they welcomed the decision but wanted more detail on costs.</p>"
        "</article><footer>Copyright 2024</footer></body></html>"
    ).encode()


@dataclass(frozen=True)
class BadFile:
    """One hostile file: its name, its bytes and what the user must see."""

    key: str
    name: str | bytes
    data: bytes | None
    outcome: str  # "indexed", "skipped" or "either"
    faithful: tuple[str, ...] = ()
    reason: str = ""  # regex the skip reason must match (case-insensitive)


CASES = [
    BadFile(
        "cp1252_smart_quotes",
        "cp1252 quotes.txt",
        cp1252_article(),
        "indexed",
        ("\u201cwe will not back down\u201d", "\u2018reckless\u2019", "\u2013", "\u2014"),
    ),
    BadFile(
        "latin1_pound",
        "latin1.txt",
        latin1_article(),
        "indexed",
        ("\u00a35 levy", "caf\u00e9", "\u00abNous sommes inquiets\u00bb", "5\u00bd"),
    ),
    BadFile(
        "utf16_le_bom",
        "utf16.txt",
        unicode_article("utf16_bom").encode("utf-16"),
        "indexed",
        ("Doucour\u00e9", "\u201cit was not OK\u201d", "K\u00f6ln", "\u6771\u4eac"),
    ),
    BadFile(
        "utf16_be_bom",
        "utf16be.txt",
        codecs.BOM_UTF16_BE + unicode_article("utf16be_bom").encode("utf-16-be"),
        "indexed",
        ("Doucour\u00e9", "\u201cit was not OK\u201d", "\u6771\u4eac"),
    ),
    BadFile(
        "utf32_bom",
        "utf32.md",
        unicode_article("utf32_bom").encode("utf-32"),
        "indexed",
        ("Doucour\u00e9", "\u201cit was not OK\u201d"),
    ),
    BadFile(
        "utf16_no_bom",
        "utf16 no bom.txt",
        unicode_article("utf16_no_bom").encode("utf-16-le"),
        "either",
        ("Doucour\u00e9", "\u201cit was not OK\u201d", "K\u00f6ln"),
        r"binary|decod|encoding",
    ),
    BadFile(
        "utf8_one_invalid_byte",
        "utf8 bad byte.txt",
        utf8_with_one_bad_byte(),
        "indexed",
        ("Doucour\u00e9", "\u201cit was not OK\u201d", "K\u00f6ln", "\u6771\u4eac"),
    ),
    BadFile(
        "binary_png",
        "photo.txt",
        BINARY,
        "skipped",
        reason="binary",
    ),
    BadFile(
        "binary_with_marker",
        "export.md",
        f"header {MARK['binary']}\n".encode() + b"\x00\x01\x02\x00" * 64,
        "skipped",
        reason="binary",
    ),
    BadFile("zero_bytes", "empty.txt", b"", "skipped", reason="empty"),
    BadFile("whitespace_only", "blank.md", b" \n\t\r\n   \n\xc2\xa0\n", "skipped", reason="empty"),
    BadFile("one_mb_line", "one long line.txt", LONG_LINE, "indexed"),
    BadFile("fifo", "pipe.txt", None, "skipped", reason=r"."),
    BadFile("symlink_self_loop", "self loop.txt", None, "skipped", reason=r"."),
    BadFile("symlink_pair_loop", "ping.txt", None, "skipped", reason=r"."),
    BadFile("dangling_symlink", "gone.txt", None, "skipped", reason=r"."),
    BadFile(
        "name_with_spaces",
        "notes from the field (final) v2.txt",
        article_text(MARK["spaces"], BODY, RNG).encode(),
        "indexed",
    ),
    BadFile(
        "name_with_newline",
        "two\nlines.txt",
        article_text(MARK["newline_name"], BODY, RNG).encode(),
        "either",
        reason=r".",
    ),
    BadFile(
        "name_not_utf8",
        b"caf\xe9 r\xe9sum\xe9.txt",
        article_text(MARK["non_utf8_name"], BODY, RNG).encode(),
        "either",
        reason=r".",
    ),
    BadFile("jsonl_bad_lines", "feed.jsonl", bad_jsonl(), "indexed"),
    BadFile("html_article", "page.html", good_html(), "indexed", ("approved by councillors",)),
]
GOOD = {"good_a": "alpha.txt", "good_b": "nested/deeper/beta.md", "good_c": "gamma.txt"}
CASE_MARK = {
    "cp1252_smart_quotes": "cp1252",
    "latin1_pound": "latin1",
    "utf16_le_bom": "utf16_bom",
    "utf16_be_bom": "utf16be_bom",
    "utf32_bom": "utf32_bom",
    "utf16_no_bom": "utf16_no_bom",
    "utf8_one_invalid_byte": "utf8_one_bad_byte",
    "one_mb_line": "long_line_end",
    "name_with_spaces": "spaces",
    "name_with_newline": "newline_name",
    "name_not_utf8": "non_utf8_name",
    "html_article": "html_good",
}


def make_special_files(root: Path) -> None:
    """The FIFO, the symlink loops and the dangling link, plus a directory that loops."""
    os.mkfifo(root / "pipe.txt")
    os.symlink("self loop.txt", root / "self loop.txt")
    os.symlink("pong.txt", root / "ping.txt")
    os.symlink("ping.txt", root / "pong.txt")
    os.symlink("nowhere.txt", root / "gone.txt")
    loops = root / "loops"
    loops.mkdir()
    write_file(loops, "inner.txt", article_text(MARK["loop_inner"], BODY, RNG))
    os.symlink(".", loops / "again")
    os.symlink("..", loops / "up")


@dataclass
class Built:
    root: Path
    corpus: object
    report: dict
    ids: set[str]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    root = tmp_path_factory.mktemp("bad-corpus")
    for case in CASES:
        if case.data is not None:
            write_file(root, case.name, case.data)
    for key, name in GOOD.items():
        write_file(root, name, article_text(MARK[key], BODY, RNG))
    make_special_files(root)
    index_dir = tmp_path_factory.mktemp("bad-index")
    report = update_in_subprocess(root, index_dir, timeout=120)
    corpus = open_corpus(root, index_dir, update=False)
    try:
        yield Built(root, corpus, report, {info.id for info in corpus.articles()})
    finally:
        corpus.close()


def rel(name: str | bytes) -> str:
    return os.fsdecode(name)


def skip_reason(built: Built, path: str) -> str | None:
    for skipped_path, reason in built.report["skipped"]:
        if skipped_path == path:
            return reason
    return None


@pytest.mark.parametrize("case", CASES, ids=[c.key for c in CASES])
def test_bad_file_is_indexed_faithfully_or_skipped_with_a_reason(built: Built, case: BadFile):
    path = rel(case.name)
    indexed = {i for i in built.ids if i == path or i.startswith(path + ":")}
    reason = skip_reason(built, path)
    if case.outcome == "skipped" or (case.outcome == "either" and not indexed):
        assert not indexed, f"{path!r} should have been skipped, got {sorted(indexed)}"
        assert reason, f"{path!r} is neither indexed nor listed as skipped: {built.report}"
        assert re.search(case.reason, reason, re.IGNORECASE), reason
        assert "\n" not in reason and "Traceback" not in reason
        return
    assert indexed, f"{path!r} was not indexed (skip reason: {reason!r})"
    text = built.corpus.article(sorted(indexed)[0]).text
    for expected in case.faithful:
        assert expected in text, f"{expected!r} missing from the text of {path!r}: {text[:300]!r}"
    assert "\ufffd" not in text, "a character was replaced by U+FFFD"
    assert not re.search("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac", text), "mojibake"
    marker = CASE_MARK.get(case.key)
    if marker:
        assert hit_ids(built.corpus, MARK[marker]) == [sorted(indexed)[0]]


def test_ordinary_files_beside_bad_ones_are_indexed_and_found(built: Built):
    for key, name in GOOD.items():
        assert hit_ids(built.corpus, MARK[key]) == [name]
    assert built.report["added"] >= len(GOOD)


def test_utf8_file_with_one_stray_byte_keeps_every_other_character(built: Built):
    text = built.corpus.article("utf8 bad byte.txt").text
    expected = unicode_article("utf8_one_bad_byte").strip()
    before, after = expected.split("festival", 1)
    assert text.startswith(before + "festival")
    assert text.endswith(after.rstrip())
    assert len(text) - len(expected) <= 3, "more than the one stray byte changed"


def test_one_megabyte_line_is_indexed_whole(built: Built):
    text = built.corpus.article("one long line.txt").text
    assert text == LONG_LINE.decode("ascii")
    assert text.endswith(MARK["long_line_end"])
    assert hit_ids(built.corpus, MARK["long_line"]) == ["one long line.txt"]


def test_jsonl_keeps_good_lines_and_names_each_bad_line(built: Built):
    assert hit_ids(built.corpus, MARK["jsonl_good"]) == ["feed.jsonl:1"]
    assert built.corpus.article("feed.jsonl:1").title == "Good line"
    skipped = {path for path, _reason in built.report["skipped"]}
    for line in (2, 3, 4, 5):
        assert f"feed.jsonl:{line}" in skipped, f"line {line} not reported: {sorted(skipped)}"
        assert f"feed.jsonl:{line}" not in built.ids


def test_symlink_loops_neither_hang_nor_duplicate(built: Built):
    found = hit_ids(built.corpus, MARK["loop_inner"])
    assert len(found) == 1, f"a file reached through a symlink loop was indexed {found}"
    assert all(not i.startswith(("loops/again/", "loops/up/")) for i in built.ids)


def test_binary_file_content_is_not_searchable(built: Built):
    assert hit_ids(built.corpus, MARK["binary"]) == []


def test_index_command_summarises_skipped_files(built: Built, tmp_path: Path):
    done = run_sourcedesk(
        ["index", str(built.root), "--index-dir", str(tmp_path / "ix")], timeout=120
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert "Traceback" not in stderr
    summary = [line for line in stderr.splitlines() if re.search("skip", line, re.I)]
    assert summary, f"no skipped summary on stderr: {stderr!r}"
    count = len(built.report["skipped"])
    assert any(re.search(rf"\b{count}\b", line) for line in summary), (
        built.report["skipped"],
        summary,
    )
    assert any("binary" in line for line in summary), summary
    assert done.stdout.decode("utf-8", "replace").count("skip") == 0, "summary went to stdout"
