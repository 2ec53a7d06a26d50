"""Hostile article text through `sourcedesk search`: shown literally, never interpreted.

The raw bytes the command writes to stdout are what a terminal would receive, so
they are checked byte by byte: without colour not one ESC may appear, with colour
forced only Rich's own SGR styling, and `jsonl` must be valid JSON whose strings
carry no raw control character. The index is built by the real command; the
searches run its `main` in this process (`run_here`: the same environment and
byte streams, without a second of imports each).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import run_here, run_sourcedesk
from .hostile import (
    ARTICLES,
    CONTROL,
    QUOTE_WORDS,
    SGR,
    SHARED,
    TERMINAL_TAKEOVER,
    missing_literals,
    squeeze,
    write_hostile_corpus,
)


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The hostile corpus, indexed by the command line as on a colour terminal."""
    root = tmp_path_factory.mktemp("hostile")
    write_hostile_corpus(root)
    index_dir = tmp_path_factory.mktemp("hostile-index")
    done = run_sourcedesk(
        ["index", str(root), "--index-dir", str(index_dir)], FORCE_COLOR="1", TERM="xterm"
    )
    output = (done.stdout + done.stderr).decode("utf-8", "replace")
    assert done.returncode == 0, output
    takeover = TERMINAL_TAKEOVER.search(output)
    assert not takeover, f"indexing messages carry {output[takeover.start() :][:30]!r}"
    return root, index_dir


def search(corpus: tuple[Path, Path], fmt: str, **env: str) -> bytes:
    root, index_dir = corpus
    args = ["search", "--corpus", str(root), "--index-dir", str(index_dir)]
    done = run_here([*args, "--limit", "20", "--format", fmt, SHARED], **env)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert b"\x1b" not in done.stderr or env.get("FORCE_COLOR"), "escape bytes on stderr"
    return done.stdout


def test_table_without_colour_writes_no_escape_byte_and_shows_markup_as_typed(hostile_corpus):
    out = search(hostile_corpus, "table", NO_COLOR="1", TERM="dumb", COLUMNS="300")
    assert b"\x1b" not in out, f"escape byte reached the terminal: {out[:400]!r}"
    text = out.decode("utf-8")
    assert not CONTROL.search(text), f"control character in output: {CONTROL.findall(text)}"
    assert missing_literals(text) == []


def test_table_with_colour_forced_uses_only_sgr_sequences(hostile_corpus):
    out = search(hostile_corpus, "table", FORCE_COLOR="1", TERM="xterm-256color", COLUMNS="300")
    text = out.decode("utf-8")
    assert SGR.search(text), "colour was forced but no styling was written"
    plain = SGR.sub("", text)
    assert "\x1b" not in plain, f"non-SGR escape sequence: {plain[plain.index(chr(27)) :][:40]!r}"
    assert not CONTROL.search(plain), f"control character in output: {CONTROL.findall(plain)}"
    assert missing_literals(plain) == []


def test_jsonl_escapes_everything_and_round_trips(hostile_corpus):
    out = search(hostile_corpus, "jsonl")
    text = out.decode("utf-8")
    assert not CONTROL.search(text), f"raw control character in jsonl: {CONTROL.findall(text)}"
    hits = [json.loads(line) for line in text.splitlines() if line.strip()]
    # Every hostile article is found (the one whose name is not UTF-8 may be skipped instead).
    assert len(ARTICLES) - 1 <= len(hits) <= len(ARTICLES)
    # File names are cleaned as article text is: the OSC 52 name loses its ESC and BEL.
    assert any(hit["source"].startswith("]52;") for hit in hits)
    shown = "\n".join(
        [hit["title"] for hit in hits]
        + [fragment["text"] for hit in hits for fragment in hit["fragments"]]
    )
    assert missing_literals(shown) == []
    for hit in hits:
        for fragment in hit["fragments"]:
            for start, end in fragment["highlights"]:
                assert fragment["text"][start:end].casefold() == SHARED


@pytest.mark.parametrize("fmt", ["table", "jsonl"])
@pytest.mark.parametrize("query", [f"\x1b[2J{SHARED}x", '"\x1b]52;c;ZWNo\x07 (unbalanced'])
def test_escape_typed_in_a_query_is_not_echoed_to_the_terminal(hostile_corpus, fmt, query):
    root, index_dir = hostile_corpus
    args = ["search", "--corpus", str(root), "--index-dir", str(index_dir), "--format", fmt]
    done = run_here([*args, query], NO_COLOR="1", TERM="dumb")
    assert done.returncode in (0, 2)
    for stream in (done.stdout, done.stderr):
        assert b"Traceback" not in stream
        text = stream.decode("utf-8", "replace")
        assert not TERMINAL_TAKEOVER.search(text) and "\x1b" not in text, repr(text[:300])


@pytest.mark.parametrize("command", ["quotes", "speakers"])
def test_quotes_and_speakers_tables_show_markup_as_typed(hostile_corpus, command):
    root, index_dir = hostile_corpus
    args = [command, "--corpus", str(root), "--index-dir", str(index_dir)]
    done = run_here(args, NO_COLOR="1", TERM="dumb", COLUMNS="300")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"\x1b" not in done.stdout, f"escape byte reached the terminal: {done.stdout[:300]!r}"
    text = done.stdout.decode("utf-8")
    assert not CONTROL.search(text), CONTROL.findall(text)
    expected = QUOTE_WORDS if command == "quotes" else "Jane"
    assert squeeze(expected) in squeeze(text), text[:1500]


@pytest.mark.parametrize("fmt", ["markdown", "csv", "json", "jsonl"])
def test_quote_exports_carry_no_raw_control_characters(hostile_corpus, fmt, tmp_path: Path):
    root, index_dir = hostile_corpus
    out = tmp_path / f"quotes.{fmt}"
    args = ["quotes", "--corpus", str(root), "--index-dir", str(index_dir), "--format", fmt]
    done = run_here([*args, "--output", str(out)])
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    text = out.read_text(encoding="utf-8")
    assert not CONTROL.search(text.replace("\r\n", "\n")), CONTROL.findall(text)
    assert "We" in text and "fight" in text
