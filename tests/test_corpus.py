"""Finding and reading article files: real files, real bad bytes, real names."""

from __future__ import annotations

import itertools
import json
import os
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.corpus import (
    FileEntry,
    derive_title,
    describe_skipped,
    display_text,
    load_corpus,
    paragraphs,
    read_entry,
    scan,
)
from index.models import Article, Skipped

ARTICLE = (
    "Council approves harbour plan\n\n"
    "The council voted on Tuesday to approve the harbour plan after six hours of debate.\n\n"
    "“This is a plan for everyone,” said the council leader, Maria Lopez.\n"
)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def write(root: Path, rel: str | bytes, data: bytes | str) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(root), os.fsencode(rel))))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def read_one(root: Path, rel: str) -> tuple[list[Article], list[Skipped]]:
    entries, _ = scan(root)
    (entry,) = [e for e in entries if e.rel == rel]
    return read_entry(root, entry)


def entry_for(root: Path, rel: str) -> FileEntry:
    return FileEntry(rel, root / rel, 0, 0)


# --- display text and paragraphs -----------------------------------------------


def test_display_text_normalises_newlines_and_composes_accents() -> None:
    raw = "Doucoure\u0301 said\r\nyes\rand\u2028no\u2029maybe  \n\n  "
    assert display_text(raw) == "Doucouré said\nyes\nand\nno\nmaybe"


def test_display_text_defuses_terminal_escapes_and_bidi_spoofing() -> None:
    raw = "Title\x1b[2J\x1b]0;pwned\x07 text\x9b31m red \u202eevil\u202c\tend\u200dok"
    text = display_text(raw)
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "\u202e" not in text and "\u202c" not in text
    assert "\tend\u200dok" in text  # tabs and zero-width joiners are kept


def test_display_text_drops_leading_blank_lines_only() -> None:
    assert display_text("\n \n\t\n  Indented first line\nnext") == "  Indented first line\nnext"


def test_paragraphs_are_the_non_blank_lines() -> None:
    text = display_text(
        "Intro paragraph.\n\n"
        "What happened #Netflix ? Children must be protected.\n"
        "— A user (@someone) September 10, 2020\n\n"
        "  Closing line.  "
    )
    spans = paragraphs(text)
    assert [text[a:b] for a, b in spans] == [
        "Intro paragraph.",
        "What happened #Netflix ? Children must be protected.",
        "— A user (@someone) September 10, 2020",
        "Closing line.",
    ]


# --- titles ------------------------------------------------------------------------


def test_headline_first_line_is_the_title(seeds_dir: Path) -> None:
    articles, skipped = load_corpus(seeds_dir)
    titles = {a.id: a.title for a in articles}
    assert skipped == []
    assert titles["002_4824d333c2fe2b39.txt"] == (
        "'Powerful story': Netflix defends Cuties movie after critics say it normalizes pedophilia"
    )


def test_article_starting_with_a_sentence_gets_a_shortened_first_sentence(
    seeds_dir: Path,
) -> None:
    articles, _ = load_corpus(seeds_dir)
    article = next(a for a in articles if a.id.startswith("000_"))
    first_sentence = article.text.split(". ")[0]
    assert len(first_sentence) > 80
    assert article.title.endswith("…") and len(article.title) <= 80
    assert first_sentence.startswith(article.title[:-1])


def test_derive_title_keeps_a_short_first_sentence_whole() -> None:
    text = "Police said the road was closed. Drivers were told to avoid the area for hours."
    assert derive_title(text) == "Police said the road was closed."


def test_abbreviations_do_not_end_the_title_sentence() -> None:
    text = "Mr. Smith told the U.S. Senate on Friday that he would resign. He left at noon."
    assert derive_title(text) == "Mr. Smith told the U.S. Senate on Friday that he would resign."


def test_bbc_titles_are_line_one(bbc_dir: Path) -> None:
    entries, _ = scan(bbc_dir / "business")
    for entry in entries[:20]:
        (article,), _ = read_entry(bbc_dir, entry)
        assert article.title == entry.path.read_text("latin-1").splitlines()[0].strip()


# --- scanning ----------------------------------------------------------------------


def test_scan_finds_article_files_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for rel in [
        "b.txt",
        "a/z.MD",
        "a/page.HTM",
        "c.html",
        "feed.jsonl",
        "notes.pdf",
        ".hidden.txt",
        ".git/config.txt",
        "a/.cache/x.txt",
        "readme",
    ]:
        write(tmp_path, rel, ARTICLE)
    entries, skipped = scan(tmp_path)
    assert [e.rel for e in entries] == ["a/page.HTM", "a/z.MD", "b.txt", "c.html", "feed.jsonl"]
    assert skipped == []
    entry = entries[2]
    assert entry.path == tmp_path / "b.txt"
    assert entry.size == len(ARTICLE.encode())
    assert entry.mtime_ns == (tmp_path / "b.txt").stat().st_mtime_ns


def test_odd_file_names_are_found_and_round_trip(tmp_path: Path) -> None:
    names = ["notes from the field (final) v2.txt", "two\nlines.txt", b"caf\xe9 r\xe9sum\xe9.txt"]
    for name in names:
        write(tmp_path, name, ARTICLE)
    entries, skipped = scan(tmp_path)
    assert skipped == []
    assert sorted(os.fsencode(e.rel) for e in entries) == sorted(os.fsencode(n) for n in names)
    for entry in entries:
        articles, missed = read_entry(tmp_path, entry)
        assert missed == [] and articles[0].text == ARTICLE.strip()
        assert articles[0].id == entry.rel


def test_symlink_loops_are_not_followed_twice(tmp_path: Path) -> None:
    write(tmp_path, "loops/inner.txt", ARTICLE)
    os.symlink(".", tmp_path / "loops" / "again")
    os.symlink("..", tmp_path / "loops" / "up")
    os.symlink("self.txt", tmp_path / "self.txt")
    os.symlink("nowhere.txt", tmp_path / "gone.txt")
    entries, skipped = scan(tmp_path)
    assert [e.rel for e in entries] == ["loops/inner.txt"]
    assert skipped == [
        Skipped("gone.txt", "broken link"),
        Skipped("self.txt", "symbolic link loop"),
    ]


def test_fifo_is_skipped_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    assert scan(tmp_path) == ([], [Skipped("pipe.txt", "not a regular file")])


def test_missing_root_is_reported_not_raised(tmp_path: Path) -> None:
    entries, skipped = scan(tmp_path / "absent")
    assert entries == [] and "No such file" in skipped[0].reason


@pytest.mark.skipif(IS_ROOT, reason="root can read a chmod 000 folder")
def test_unreadable_folder_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "locked/a.txt", ARTICLE)
    (tmp_path / "locked").chmod(0)
    try:
        entries, skipped = scan(tmp_path)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert entries == [] and skipped[0].path == "locked"
    assert "Permission denied" in skipped[0].reason


# --- reading -----------------------------------------------------------------------


def test_plain_article_is_read_with_title_text_and_paragraphs(tmp_path: Path) -> None:
    write(tmp_path, "news/harbour.txt", ARTICLE.replace("\n", "\r\n"))
    (article,), skipped = read_one(tmp_path, "news/harbour.txt")
    assert skipped == []
    assert article.id == article.path == "news/harbour.txt"
    assert article.title == "Council approves harbour plan"
    assert article.text == ARTICLE.strip()
    assert [article.text[a:b] for a, b in article.paragraphs] == [
        line for line in ARTICLE.splitlines() if line
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n   \n\xc2\xa0\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
        (b"header line\n" + b"\x00\x01\x02\x00" * 64, "binary file"),
    ],
    ids=["zero-bytes", "whitespace-only", "png", "nul-bytes"],
)
def test_files_without_text_are_skipped_with_a_reason(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    write(tmp_path, "bad.txt", data)
    assert read_one(tmp_path, "bad.txt") == ([], [Skipped("bad.txt", reason)])


def test_legacy_and_unicode_encodings_read_faithfully(tmp_path: Path) -> None:
    write(
        tmp_path,
        "latin1.txt",
        "Café owners fear £5 levy\n\nPrices rose 5½ per cent.".encode("latin-1"),
    )
    write(
        tmp_path, "cp1252.txt", "He called it “reckless” – and didn’t apologise.".encode("cp1252")
    )
    write(tmp_path, "utf16.md", "# Doucouré speaks\n\nKöln and 東京.".encode("utf-16"))
    articles, skipped = load_corpus(tmp_path)
    texts = {a.id: a.text for a in articles}
    assert skipped == []
    assert texts["latin1.txt"] == "Café owners fear £5 levy\n\nPrices rose 5½ per cent."
    assert texts["cp1252.txt"] == "He called it “reckless” – and didn’t apologise."
    assert texts["utf16.md"] == "# Doucouré speaks\n\nKöln and 東京."


def test_vanished_file_and_folder_named_like_a_file_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "x.txt").mkdir()
    assert read_entry(tmp_path, entry_for(tmp_path, "x.txt")) == (
        [],
        [Skipped("x.txt", "cannot read: Is a directory")],
    )
    assert read_entry(tmp_path, entry_for(tmp_path, "gone.txt")) == (
        [],
        [Skipped("gone.txt", "cannot read: No such file or directory")],
    )


def test_file_swapped_for_a_fifo_after_the_scan_is_skipped_without_blocking(
    tmp_path: Path,
) -> None:
    write(tmp_path, "story.txt", ARTICLE)
    (entry,), _ = scan(tmp_path)
    entry.path.unlink()
    os.mkfifo(entry.path)
    result: list[object] = []
    reader = threading.Thread(
        target=lambda: result.append(read_entry(tmp_path, entry)), daemon=True
    )
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "reading the FIFO blocked"
    assert result == [([], [Skipped("story.txt", "not a regular file")])]


@pytest.mark.skipif(IS_ROOT, reason="root can read a chmod 000 file")
def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", ARTICLE)
    path.chmod(0)
    assert read_one(tmp_path, "secret.txt") == (
        [],
        [Skipped("secret.txt", "cannot read: Permission denied")],
    )


def test_large_article_is_read_whole(tmp_path: Path) -> None:
    paragraph = "The committee heard evidence from residents about the harbour plan. " * 40
    body = "\n\n".join(f"{n} {paragraph}".strip() for n in range(3000))
    write(tmp_path, "big.txt", body)
    (article,), _ = read_one(tmp_path, "big.txt")
    assert len(article.text) > 8_000_000
    assert article.text == body
    assert len(article.paragraphs) == 3000


def test_markdown_title_comes_from_the_first_heading(tmp_path: Path) -> None:
    write(
        tmp_path, "m.md", "Posted by the desk\n\n# Budget vote delayed #\n\n## Background\n\nText."
    )
    (article,), _ = read_one(tmp_path, "m.md")
    assert article.title == "Budget vote delayed"
    assert article.text.startswith("Posted by the desk\n\n# Budget vote delayed #")


def test_jsonl_good_lines_become_articles_and_bad_lines_are_named(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "title": "Good line",
                "text": "The hearing resumed.",
                "url": "https://x.test/a",
                "date": "2020-09-10",
                "source": "Wire",
                "author": "J. Smith",
            }
        ),
        '{"title": "Broken", "text": "unterminated',
        '{"title": "No text at all"}',
        "",
        "[1, 2, 3]",
        json.dumps({"body": "Second story uses body.\nWith a second line."}),
        json.dumps({"title": "Wrong type", "text": 5}),
        json.dumps({"text": "  \n "}),
        "[" * 100_000 + "]" * 100_000,
    ]
    write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    articles, skipped = read_one(tmp_path, "feed.jsonl")
    first, second = articles
    assert (first.id, first.path, first.title, first.text) == (
        "feed.jsonl:1",
        "feed.jsonl",
        "Good line",
        "The hearing resumed.",
    )
    assert (first.url, first.date, first.source, first.author) == (
        "https://x.test/a",
        "2020-09-10",
        "Wire",
        "J. Smith",
    )
    assert second.id == "feed.jsonl:6" and second.title == "Second story uses body."
    assert second.url is None
    assert skipped == [
        Skipped("feed.jsonl:2", "invalid JSON"),
        Skipped("feed.jsonl:3", "no text or body field"),
        Skipped("feed.jsonl:5", "not a JSON object"),
        Skipped("feed.jsonl:7", "no text or body field"),
        Skipped("feed.jsonl:8", "empty text"),
        Skipped("feed.jsonl:9", "invalid JSON"),
    ]


NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour plan approved after marathon debate | The Coastal Gazette</title>
</head><body>
<header><a href="/">The Coastal Gazette</a>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li><li><a href="/subscribe">Subscribe now</a></li></ul></nav>
</header>
<main><article>
<h1>Harbour plan approved after marathon debate</h1>
<p class="byline">By Jane Smith, Local Democracy Reporter</p>
<p>The city council voted on Tuesday to approve the £4.2m harbour plan, after a debate
that lasted more than six hours and drew hundreds of residents to the town hall.</p>
<p>“This is a plan for everyone,” said the council leader, Maria Lopez. “We have listened
to the people who live and work by the water.”</p>
<p>Opposition members said the plan cut too deeply into library services and would hurt
the most vulnerable families in the borough, and promised to keep campaigning.</p>
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Ten best beaches this summer</a></li>
<li><a href="/b">Traffic chaos on the ring road</a></li></ul></aside>
</main>
<footer><p>© 2024 The Coastal Gazette. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a></footer>
</body></html>
"""


def test_html_keeps_the_article_drops_boilerplate_and_keeps_paragraphs(tmp_path: Path) -> None:
    write(tmp_path, "page.html", NEWS_PAGE)
    (article,), skipped = read_one(tmp_path, "page.html")
    assert skipped == []
    assert article.title.startswith("Harbour plan approved after marathon debate")
    assert "approve the £4.2m harbour plan" in article.text
    assert "“This is a plan for everyone,” said the council leader" in article.text
    assert "promised to keep campaigning." in article.text
    for boilerplate in ("Subscribe now", "Cookie settings", "All rights reserved", "Most read"):
        assert boilerplate not in article.text
    shown = [article.text[a:b] for a, b in article.paragraphs]
    assert any(p.startswith("Opposition members said") for p in shown)
    assert "\n\n" in article.text


def test_html_metadata_comes_from_the_page_not_from_guesses(tmp_path: Path) -> None:
    write(tmp_path, "undated.html", NEWS_PAGE)
    head = (
        '<meta property="article:published_time" content="2023-05-02T10:00:00Z">'
        '<link rel="canonical" href="https://gazette.example/news/harbour">'
    )
    write(tmp_path, "dated.html", NEWS_PAGE.replace('<meta charset="utf-8">', head))
    (undated,), _ = read_one(tmp_path, "undated.html")
    (dated,), _ = read_one(tmp_path, "dated.html")
    assert undated.date is None  # the footer's "© 2024" is not a publication date
    assert "Jane Smith" in (undated.author or "")
    assert (dated.date, dated.url) == ("2023-05-02", "https://gazette.example/news/harbour")


def test_html_page_in_a_legacy_encoding(tmp_path: Path) -> None:
    page = NEWS_PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("東京", "")
    write(tmp_path, "old.htm", page.encode("cp1252"))
    (article,), _ = read_one(tmp_path, "old.htm")
    assert "the £4.2m harbour plan" in article.text
    assert "“This is a plan for everyone,”" in article.text


def test_html_without_text_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "blank.html", "<html><head><title>x</title></head><body>  </body></html>")
    articles, skipped = read_one(tmp_path, "blank.html")
    assert articles == [] and skipped == [Skipped("blank.html", "no article text found")]


# --- whole corpus ------------------------------------------------------------------


def test_seeds_load_as_five_articles(seeds_dir: Path) -> None:
    articles, skipped = load_corpus(seeds_dir)
    assert len(articles) == 5 and skipped == []
    for article in articles:
        assert article.text == display_text(article.text)
        assert article.paragraphs and article.title


@pytest.mark.parametrize(
    ("skipped", "summary"),
    [
        ([], ""),
        ([("a.txt", "binary file")], "skipped 1 file: 1 binary file"),
        (
            [("a.txt", "binary file"), ("b.txt", "empty file"), ("c.txt", "binary file")],
            "skipped 3 files: 2 binary file, 1 empty file",
        ),
        ([("feed.jsonl:2", "invalid JSON")], "skipped 1 line: 1 invalid JSON"),
        (
            [
                ("f.jsonl:2", "invalid JSON"),
                ("f.jsonl:7", "invalid JSON"),
                ("p.txt", "binary file"),
            ],
            "skipped 3 (1 file, 2 lines): 2 invalid JSON, 1 binary file",
        ),
    ],
)
def test_describe_skipped_counts_files_lines_and_reasons(
    skipped: list[tuple[str, str]], summary: str
) -> None:
    assert describe_skipped([Skipped(path, reason) for path, reason in skipped]) == summary


def test_bad_files_never_stop_a_corpus_from_loading(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "bin.md", b"\x00\x01")
    os.symlink("nowhere.txt", tmp_path / "gone.txt")
    articles, skipped = load_corpus(tmp_path)
    assert [a.id for a in articles] == ["good.txt"]
    assert describe_skipped(skipped) == (
        "skipped 3 files: 1 binary file, 1 broken link, 1 empty file"
    )


# --- properties over arbitrary text ----------------------------------------------


MESSY_TEXT = st.text(
    st.sampled_from(list("ab é\n\r\t\x1b\x00\x9b\u2028\u202e\u200d“’.")) | st.characters(),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(MESSY_TEXT)
def test_display_text_is_stable_and_safe(raw: str) -> None:
    text = display_text(raw)
    assert display_text(text) == text
    assert not any(ch in text for ch in "\r\x00\x1b\x9b\u2028\u2029\u202e")
    assert text == text.rstrip()


@settings(max_examples=300, deadline=None)
@given(MESSY_TEXT)
def test_paragraph_spans_cover_every_visible_line_in_order(raw: str) -> None:
    text = display_text(raw)
    spans = paragraphs(text)
    assert [text[a:b] for a, b in spans] == [
        line.strip() for line in text.split("\n") if line.strip()
    ]
    assert all(a < b for a, b in spans)
    assert all(prev[1] < nxt[0] for prev, nxt in itertools.pairwise(spans))
