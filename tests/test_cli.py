"""The `sourcedesk` command line: formats, streams and exit codes, as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tui.cli import main, with_default_command

PROJECT_ROOT = Path(__file__).resolve().parent.parent
QUOTE_KEYS = {
    "source", "start", "end", "text", "kind", "speaker", "speaker_mention", "handle", "date",
    "cluster", "also_in",
}  # fmt: skip


@pytest.fixture
def index_root(tmp_path, monkeypatch) -> Path:
    """Every index of these tests goes under tmp, never the user's cache."""
    root = tmp_path / "indexes"
    monkeypatch.setenv("SOURCEDESK_INDEX_DIR", str(root))
    return root


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_search_jsonl_prints_one_object_per_hit(index_root, seeds_dir):
    status, out, err = run("search", "--format", "jsonl", "--corpus", str(seeds_dir), "doucoure")
    assert status == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["source"][:3] for r in records} == {"001", "002", "003", "004"}
    texts = {p.name: p.read_text(encoding="utf-8") for p in seeds_dir.iterdir()}
    for record in records:
        assert set(record) >= {"source", "title", "score", "matches", "fragments"}
        assert record["matches"] and all(len(span) == 2 for span in record["matches"])
        for fragment in record["fragments"]:
            words = {fragment["text"][s:e].casefold() for s, e in fragment["highlights"]}
            assert all(w.startswith("doucour") for w in words), words
        assert record["title"].rstrip("…") in texts[record["source"]]
    assert "indexing 5 files" in err, "progress goes to stderr"


def test_search_limit_and_quotes(index_root, seeds_dir):
    status, out, _ = run("search", "--format", "jsonl", "--limit", "2", "netflix")
    assert status == 0
    assert len(out.splitlines()) == 2
    status, out, _ = run("search", "--format", "jsonl", "--quotes", "sorry")
    records = [json.loads(line) for line in out.splitlines()]
    assert records and all(set(r["quote"]) >= QUOTE_KEYS for r in records)


def test_table_shows_article_text_literally(index_root, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "markup.txt").write_text(
        "Markup in the news\n\nThe [bold]quarterly[/bold] figures \x1b[31mwere[0m late.\n",
        encoding="utf-8",
    )
    status, out, _ = run("search", "--corpus", str(corpus), "quarterly")
    assert status == 0
    assert "[bold]quarterly[/bold]" in out
    assert "\x1b" not in out
    assert "1 article matches quarterly" in out


def test_bad_query_exits_2_with_one_line_on_stderr(index_root, seeds_dir):
    status, out, err = run("search", "--corpus", str(seeds_dir), '"death threats')
    assert status == 2
    assert out == ""
    last = err.strip().splitlines()[-1]
    assert last.startswith("sourcedesk: bad query: unbalanced quotation marks")


def test_did_you_mean_goes_to_stderr(index_root, seeds_dir):
    status, out, err = run("search", "--format", "jsonl", "--corpus", str(seeds_dir), "sundanse")
    assert (status, out) == (0, "")
    assert "did you mean: sundance" in err
    status, out, err = run("search", "--corpus", str(seeds_dir), "sundanse")
    assert out.splitlines() == ["0 articles match sundanse"]
    assert "did you mean: sundance" in err


def test_missing_corpus_exits_1(index_root, tmp_path):
    status, out, err = run("search", "--corpus", str(tmp_path / "nowhere"), "x")
    assert (status, out) == (1, "")
    assert "no such folder" in err


def test_index_reports_on_stderr_only(index_root, seeds_dir):
    status, out, err = run("index", str(seeds_dir))
    assert (status, out) == (0, "")
    assert "5 added" in err
    status, out, err = run("index", str(seeds_dir))
    assert (status, out) == (0, "")
    assert "index up to date: 5 files" in err


def test_quotes_formats(index_root, seeds_dir, tmp_path):
    status, out, _ = run("quotes", "--format", "jsonl")
    assert status == 0
    quotes = [json.loads(line) for line in out.splitlines()]
    assert quotes and all(set(q) >= QUOTE_KEYS for q in quotes)
    texts = {p.name: p.read_text(encoding="utf-8") for p in seeds_dir.iterdir()}
    for quote in quotes:
        assert quote["text"].split()[0] in texts[quote["source"]][quote["start"] : quote["end"]]

    status, out, _ = run("quotes", "--format", "csv", "--speaker", "netflix")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all("netflix" in row["speaker"].casefold() for row in rows)

    target = tmp_path / "quotes.md"
    status, out, err = run("quotes", "--format", "markdown", "--output", str(target))
    assert (status, out) == (0, "")
    assert f"wrote {len(quotes)} quotations to {target}" in err
    assert target.read_text(encoding="utf-8").startswith("> “")

    status, out, _ = run("quotes", "--query", "kind:tweet", "--format", "json")
    assert {q["kind"] for q in json.loads(out)} == {"tweet"}


def test_quotes_leave_out_scare_quotes_unless_asked(index_root, seeds_dir):
    """`“Cuties,”` quotes nobody: it is not listed as a quotation by default."""
    _, out, _ = run("quotes", "--format", "jsonl")
    assert "scare" not in {json.loads(line)["kind"] for line in out.splitlines()}
    _, out, _ = run("quotes", "--format", "jsonl", "--include-scare")
    scare = [json.loads(line) for line in out.splitlines() if '"scare"' in line]
    assert scare and all(q["speaker"] is None for q in scare)


def test_quotes_take_the_corpus_folder_as_an_argument(index_root, seeds_dir):
    """`sourcedesk quotes --format jsonl FOLDER`, as the scorers' usage writes it."""
    status, by_flag, _ = run("quotes", "--format", "jsonl", "--corpus", str(seeds_dir))
    assert status == 0 and by_flag
    assert run("quotes", "--format", "jsonl", str(seeds_dir))[:2] == (0, by_flag)
    with pytest.raises(SystemExit):  # argparse: exit 2 with a one-line reason
        run("quotes", "--corpus", str(seeds_dir), str(seeds_dir))


def test_speakers_sorted_by_quotes_or_sources(index_root):
    status, out, _ = run("speakers", "--format", "jsonl")
    speakers = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and speakers
    assert [s["quotes"] for s in speakers] == sorted((s["quotes"] for s in speakers), reverse=True)
    status, out, _ = run("speakers", "--format", "jsonl", "--sort", "sources")
    by_sources = [json.loads(line)["sources"] for line in out.splitlines()]
    assert by_sources == sorted(by_sources, reverse=True)
    status, out, _ = run("speakers")
    assert "speakers" in out and "Netflix" in out


def test_version_and_help_with_examples(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("sourcedesk ")
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    shown = capsys.readouterr().out
    assert "examples:" in shown and "hypersexual*" in shown and "--index-dir" in shown


# The console script's code (`tui.entry.main`), in a child that stops at one point of
# its start-up (the import of a package, seen by CPython's "import" audit event, or
# its first read of an article), says so on stderr and waits there for the Ctrl-C.
# So the signal lands exactly at that point: never in interpreter start-up (which no
# program can make quiet), never after a guessed delay.
STOPPING_CHILD = """
import os
import signal
import sys

# Ctrl-C raises KeyboardInterrupt as in a terminal, even when the test run itself
# was started in the background (which starts its children with SIGINT ignored).
signal.signal(signal.SIGINT, signal.default_int_handler)

STOP_AT = os.environ["STOP_AT"]
CORPUS = sys.argv[sys.argv.index("--corpus") + 1]
stopped = False


def stop_at(event, args):
    global stopped
    if event == "import" and args[0] in {"tui.cli", "rich", "index", "whoosh"}:
        point = args[0]
    elif event == "open" and str(args[0]).startswith(CORPUS):
        point = "reading"
    else:
        return
    if point == STOP_AT and not stopped:
        stopped = True
        sys.stderr.write(f"stopped at {point}\\n")
        sys.stderr.flush()
        sys.stdin.readline()  # the Ctrl-C interrupts this wait


sys.addaudithook(stop_at)
from tui.entry import main

sys.exit(main())
"""


@pytest.mark.parametrize("point", ["tui.cli", "rich", "index", "whoosh", "reading"])
def test_ctrl_c_while_the_command_starts_is_quiet(index_root, seeds_dir, point):
    """A Ctrl-C during the imports or the first indexing (a slow machine, an impatient
    user) ends the command with one line and status 130, never a traceback."""
    child = subprocess.Popen(
        [sys.executable, "-c", STOPPING_CHILD, "search", "--corpus", str(seeds_dir), "netflix"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "STOP_AT": point},
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    hang_guard = threading.Timer(120, child.kill)  # a hung child fails, never freezes
    hang_guard.start()
    try:
        lines = []
        for line in child.stderr:  # each line as the child writes it
            lines.append(line)
            if line == f"stopped at {point}\n":
                child.send_signal(signal.SIGINT)
        child.wait()
    finally:
        hang_guard.cancel()
        child.stdin.close()
        child.stderr.close()
    err = "".join(lines)
    assert f"stopped at {point}\n" in lines, f"the child never reached {point}: {err[-800:]}"
    assert "Traceback" not in err, err[-800:]
    assert child.returncode == 130, (child.returncode, err[-800:])
    assert lines[-1] == "sourcedesk: interrupted\n", err[-800:]


def test_the_installed_command_runs_end_to_end(index_root, seeds_dir):
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "search", "--format", "jsonl", '"award winning"'],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert {json.loads(line)["source"][:3] for line in done.stdout.splitlines()} == {
        "000", "001", "002",
    }  # fmt: skip
    bad = subprocess.run(
        [sys.executable, "-m", "tui.cli", "search", "foo:bar"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines()[-1] == (
        "sourcedesk: bad query: unknown field foo: "
        "(use title:, body:, outlet:, author:, date:, speaker:, kind: or text:)"
    )


class Terminal(io.StringIO):
    """A stderr that says it is a terminal, as a user's would be."""

    def isatty(self) -> bool:
        return True


def test_index_on_a_terminal_draws_a_progress_bar(index_root, seeds_dir, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    out, err = io.StringIO(), Terminal()
    assert main(["index", str(seeds_dir)], out, err) == 0
    shown = err.getvalue()
    assert out.getvalue() == ""
    assert "indexing" in shown and "5/5" in shown and "files" in shown
    assert "5 added" in shown


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], ["open"]),
        (["seeds"], ["open", "seeds"]),
        (["--index-dir", "/tmp/x", "seeds"], ["open", "--index-dir", "/tmp/x", "seeds"]),
        (["--index-dir", "/tmp/x", "search", "q"], ["--index-dir", "/tmp/x", "search", "q"]),
        (["search", "index"], ["search", "index"]),
        (["--version"], ["--version"]),
    ],
)
def test_a_bare_corpus_folder_opens_the_reader(argv, expected):
    assert with_default_command(argv) == expected


def test_an_index_dir_that_is_a_file_is_a_clear_error(seeds_dir, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    status, out, err = run("index", str(seeds_dir), "--index-dir", str(blocker))
    assert (status, out) == (1, "")
    assert err.strip() == f"sourcedesk: the index folder {blocker} is a file, not a folder"
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_capped_prefix_says_so_on_stderr(index_root, tmp_path):
    corpus = tmp_path / "wide"
    corpus.mkdir()
    words = [f"zz{a}{b}{c}" for a in "abcdefghij" for b in "abcdefghij" for c in "abc"]
    (corpus / "a.txt").write_text("Story\n\n" + " ".join(words) + "\n", encoding="utf-8")
    status, out, err = run("search", "--format", "jsonl", "--corpus", str(corpus), "zz*")
    assert status == 0
    assert len(out.splitlines()) == 1, "the article is still found"
    assert f"`zz*` matched {len(words):,} words; searched the" in err
