"""Hostile file names: every output, export and copy shows them cleaned, never raw.

A scraped folder can hold a file named with a terminal escape (`ESC ] 0 ; PWNED BEL`
sets the window title, `ESC ] 52` writes the clipboard), a C1 control, a bidi
override, bytes that are not UTF-8, or a name that a spreadsheet runs as a
formula. The quotations of such files are exported in every format, on stdout and
to files, cited and copied; each time the bytes written are checked. The real
command indexes them; the exports run its `main` in this process (`run_here`).
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from textual.app import App

from index import display_name, open_corpus, write_atomically
from tui.citation import citation
from tui.clipboard import copy_file, copy_text

from .helpers import run_here, run_sourcedesk, write_file

QUOTE = '"We will not back down from this," said Jane Smith.\n'
# name -> a quotation only that file carries
NAMES: dict[str | bytes, str] = {
    "\x1b]0;PWNED\x07a.txt": QUOTE,
    "\x1b]52;c;ZWNobyBvd25lZA==\x07\x1b[2Jclip.txt": QUOTE,
    "x\u202eevil\u009b2J.txt": QUOTE,
    b"caf\xe9 latin1.txt": '"The budget is final and will not change," said Tom Okafor.\n',
    "=HYPERLINK(1).txt": '"=1+2 is not a sum we accept," said Ana Pereira.\n',
    "plain.txt": '"We will publish everything in full," said Ana Pereira.\n',
}
# What must never reach a terminal or a file: C0/C1 controls (ESC, BEL, CSI),
# bidi overrides and isolates, and lone surrogates (bytes that are not UTF-8).
UNSAFE = set(range(0x00, 0x09)) | set(range(0x0B, 0x20)) | set(range(0x7F, 0xA0))
UNSAFE |= set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | set(range(0xD800, 0xE000))
FORMATS = ("csv", "markdown", "json", "jsonl")
LATIN1 = "caf\ufffd latin1.txt"  # b"caf\xe9 latin1.txt" as shown


def unsafe_characters(text: str) -> list[str]:
    return sorted({repr(ch) for ch in text if ord(ch) in UNSAFE})


@pytest.fixture(scope="module")
def named_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("names")
    for name, text in NAMES.items():
        write_file(root, name, text)
    index_dir = tmp_path_factory.mktemp("names-index")
    done = run_sourcedesk(["index", str(root), "--index-dir", str(index_dir)])
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return root, index_dir


def quotes_command(corpus: tuple[Path, Path], *extra: str) -> list[str]:
    root, index_dir = corpus
    return ["quotes", "--corpus", str(root), "--index-dir", str(index_dir), *extra]


@pytest.mark.parametrize("fmt", FORMATS)
def test_quote_exports_on_stdout_carry_names_cleaned(named_corpus, fmt: str):
    done = run_here(quotes_command(named_corpus, "--format", fmt))
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    shown = done.stdout.decode("utf-8")  # strict: every byte is UTF-8
    assert unsafe_characters(shown) == [], f"{fmt} on stdout carries raw controls"
    # Markdown cites by title, naming files only in "also in": the three hostile names.
    names = ("]0;PWNEDa.txt", "xevil2J.txt") + (() if fmt == "markdown" else (LATIN1,))
    for cleaned in names:
        assert cleaned in shown, f"{fmt}: {cleaned!r} missing from {shown[:300]!r}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_quote_exports_to_files_work_for_names_that_are_not_utf8(named_corpus, tmp_path, fmt):
    target = tmp_path / f"quotes.{fmt}"
    target.write_text("the previous export\n", encoding="utf-8")
    done = run_here(quotes_command(named_corpus, "--format", fmt, "--output", str(target)))
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0 and "unexpected error" not in stderr, stderr
    written = target.read_bytes().decode("utf-8")
    assert unsafe_characters(written) == []
    assert "Tom Okafor" in written
    assert fmt == "markdown" or LATIN1 in written
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name], "temporary files left"
    if fmt == "json":
        assert len(json.loads(written)) == len(NAMES)
    if fmt == "jsonl":
        assert len([json.loads(line) for line in written.splitlines()]) == len(NAMES)


def test_csv_cells_never_start_a_formula(named_corpus):
    done = run_here(quotes_command(named_corpus, "--format", "csv"))
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8"))))
    assert len(rows) == len(NAMES)
    cells = [value for row in rows for value in row.values()]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], cells
    assert "'=HYPERLINK(1).txt" in cells, "the name that is a formula is kept, neutralised"
    assert "'=1+2 is not a sum we accept," in cells


def test_search_jsonl_and_table_carry_names_cleaned(named_corpus):
    root, index_dir = named_corpus
    for fmt in ("jsonl", "table"):
        where = ["--corpus", str(root), "--index-dir", str(index_dir)]
        done = run_here(["search", *where, "--format", fmt, "--limit", "all", "said"])
        shown = done.stdout.decode("utf-8")
        assert done.returncode == 0 and unsafe_characters(shown) == [], (fmt, shown[:300])
        if fmt == "jsonl":
            assert len(shown.splitlines()) == len(NAMES)


def test_citation_and_clipboard_file_carry_names_cleaned(named_corpus, tmp_path, monkeypatch):
    """What `y` in the reader copies: the citation, through OSC 52 and clipboard.txt."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root, index_dir = named_corpus
    corpus = open_corpus(root, index_dir, update=False)
    quotes = corpus.quotes()
    titles = {info.id: info.title for info in corpus.articles()}
    corpus.close()
    assert len(quotes) == len(NAMES)
    cited = [citation(q, titles.get(q.article_id)) for q in quotes]
    assert [unsafe_characters(c) for c in cited] == [[]] * len(cited)
    assert any(LATIN1 in c for c in cited)

    class Copier(App):
        pass

    async def copy_each() -> list[str]:
        said = []
        async with Copier().run_test() as pilot:
            for text in cited:
                said.append(copy_text(pilot.app, text))
                written = copy_file().read_text(encoding="utf-8")
                assert written == text + "\n"
        return said

    import asyncio

    said = asyncio.run(copy_each())
    assert all(str(copy_file()) in sentence for sentence in said)
    assert sorted(p.name for p in copy_file().parent.iterdir()) == ["clipboard.txt"]


def test_display_name_cleans_as_article_text_is_cleaned():
    assert display_name("\x1b]0;PWNED\x07a.txt") == "]0;PWNEDa.txt"
    assert display_name("x\u202ey\u009b.txt") == "xy.txt"
    assert display_name(os.fsdecode(b"caf\xe9.txt")) == "caf\ufffd.txt"
    assert display_name("two\nlines.txt") == "two lines.txt"
    assert display_name("caf\\xe9.txt") == "caf\\xe9.txt"


def test_latin1_name_and_its_spelled_out_twin_keep_their_own_ids(tmp_path):
    """`caf\\xe9.txt` as Latin-1 bytes and a file literally named `caf\\xe9.txt`."""
    root, index_dir = tmp_path / "c", tmp_path / "ix"
    latin1 = os.fsdecode(write_file(root, b"caf\xe9.txt", "Latin one zorbatuvi story.\n").name)
    literal = write_file(root, "caf\\xe9.txt", "Literal name kelomipu story.\n").name
    corpus = open_corpus(root, index_dir)
    ids = sorted(info.id for info in corpus.articles())
    assert ids == sorted([latin1, literal])
    assert "zorbatuvi" in corpus.article(latin1).text
    assert "kelomipu" in corpus.article(literal).text
    (root / literal).write_text("Literal name kelomipu story, edited.\n", encoding="utf-8")
    corpus.update()
    assert sorted(info.id for info in corpus.articles()) == sorted([latin1, literal])
    assert "zorbatuvi" in corpus.article(latin1).text
    assert [h.id for h in corpus.search("zorbatuvi").hits] == [latin1]
    assert corpus.article(literal).text.endswith("edited.")
    corpus.close()


def test_a_failed_export_leaves_the_existing_file_whole_and_no_temporary(tmp_path):
    target = tmp_path / "quotes.md"
    target.write_text("yesterday's export\n", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_atomically(target, "a lone surrogate \udce9 cannot be written")
    assert target.read_text(encoding="utf-8") == "yesterday's export\n"
    folder = tmp_path / "a folder"
    folder.mkdir()
    with pytest.raises(OSError):
        write_atomically(folder, "cannot replace a folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a folder", "quotes.md"]
    write_atomically(target, "today's export\n")
    assert target.read_text(encoding="utf-8") == "today's export\n"


def test_deep_path_beyond_path_max_is_reported_by_name(tmp_path):
    root = tmp_path / "deep"
    write_file(root, "top.txt", "An ordinary article at the top.\n")
    fd = os.open(root, os.O_RDONLY)
    depth = 0
    try:
        while depth * 201 < os.pathconf(root, "PC_PATH_MAX") + 400:
            name = f"{depth:03}" + "d" * 197
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd, depth = inner, depth + 1
        leaf = os.open("buried.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(leaf, b"An article too deep to open.\n")
        os.close(leaf)
    finally:
        os.close(fd)
    done = run_here(["index", str(root), "--index-dir", str(tmp_path / "ix")])
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert "skipped 1 file" in stderr, stderr
    assert "path too long" in stderr and "ddd" in stderr, stderr
    corpus = open_corpus(root, tmp_path / "ix", update=False)
    assert [info.id for info in corpus.articles()] == ["top.txt"]
    corpus.close()


def test_skipped_files_are_named_with_their_reasons(tmp_path):
    root = tmp_path / "c"
    write_file(root, "good.txt", "A good article about the council.\n")
    for number in range(14):
        write_file(root, f"empty{number:02}.txt", "")
    write_file(root, "\x1b]0;PWNED\x07binary.txt", b"\x00\x01\x02" * 100)
    done = run_here(["index", str(root), "--index-dir", str(tmp_path / "ix")])
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 0, stderr
    assert "skipped 15 files: 14 empty file, 1 binary file" in stderr
    assert "  ]0;PWNEDbinary.txt: binary file" in stderr
    assert "  empty00.txt: empty file" in stderr
    assert "… and 5 more" in stderr
    assert unsafe_characters(stderr) == []
