"""Links out of the corpus, and the command line's manners (issue 11's list).

A symbolic link inside a scraped folder may point anywhere (`/etc/passwd`); it is
left out with a one-line reason unless `--follow-links`, while links that stay
inside the folder are read once. The command line keeps advice on stderr, says
which folder is missing, refuses unknown commands, documents every option,
names every indexing phase and stops cleanly on SIGTERM. The phases and SIGTERM
are checked on the real command; the rest runs its `main` in this process
(`run_here`).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from index import open_corpus

from .helpers import (
    REPO,
    SEEDS,
    LiveCorpus,
    run_here,
    run_sourcedesk,
    sourcedesk_command,
    subprocess_env,
    write_file,
)

SECRET = "zanipokelu"  # only in the file outside the corpus


@pytest.fixture
def linked_corpus(tmp_path: Path) -> Path:
    outside = write_file(tmp_path / "private", "secret.txt", f"Private notes {SECRET}.\n")
    write_file(tmp_path / "private", "more/notes.txt", f"More private {SECRET} notes.\n")
    root = tmp_path / "corpus"
    write_file(root, "real/story.txt", "The council met about the harbour dredging.\n")
    os.symlink(outside, root / "leak.txt")
    os.symlink(tmp_path / "private" / "more", root / "leakdir")
    os.symlink(root / "real" / "story.txt", root / "alias.txt")
    os.symlink("real", root / "again")
    return root


def test_links_leading_outside_are_left_out_with_a_reason(linked_corpus, tmp_path):
    corpus = open_corpus(linked_corpus, tmp_path / "ix")
    assert [info.id for info in corpus.articles()] == ["real/story.txt"]
    assert corpus.search(SECRET).hits == ()
    reasons = {s.path: s.reason for s in corpus.last_report.skipped}
    assert "outside the corpus folder" in reasons["leak.txt"]
    assert "outside the corpus folder" in reasons["leakdir"]
    assert reasons["alias.txt"] == "same file as real/story.txt, indexed there"
    assert "again" not in reasons, "a folder link inside is simply not entered twice"
    corpus.close()


def test_follow_links_reads_them(linked_corpus, tmp_path):
    index = ["--index-dir", str(tmp_path / "ix")]
    done = run_here(["index", "--follow-links", str(linked_corpus), *index])
    assert done.returncode == 0, done.stderr
    args = ["search", "--follow-links", "--corpus", str(linked_corpus), *index]
    done = run_here([*args, "--format", "jsonl", SECRET])
    found = sorted(json.loads(line)["source"] for line in done.stdout.decode().splitlines())
    assert found == ["leak.txt", "leakdir/notes.txt"]


def test_the_index_command_names_a_link_left_out(linked_corpus, tmp_path):
    done = run_here(["index", str(linked_corpus), "--index-dir", str(tmp_path / "ix")])
    stderr = done.stderr.decode()
    assert done.returncode == 0, stderr
    assert "  leak.txt: link leads outside the corpus folder (--follow-links reads it)" in stderr


def test_did_you_mean_goes_to_stderr_in_every_format(tmp_path):
    for fmt in ("table", "jsonl"):
        args = ["search", "--corpus", str(SEEDS), "--index-dir", str(tmp_path / "ix")]
        done = run_here([*args, "--format", fmt, "sundanse"])
        assert done.returncode == 0
        assert b"did you mean" not in done.stdout
        assert b"did you mean: sundance" in done.stderr


def test_output_in_a_missing_folder_names_it_and_exits_2(tmp_path):
    target = tmp_path / "nonexistent" / "x.csv"
    args = ["quotes", "--corpus", str(SEEDS), "--index-dir", str(tmp_path / "ix")]
    done = run_here([*args, "--format", "csv", "--output", str(target)])
    stderr = done.stderr.decode().strip()
    assert done.returncode == 2 and done.stdout == b""
    assert stderr == (
        f"sourcedesk: cannot write {target}: the folder {target.parent} does not exist"
    )
    assert not (tmp_path / "ix").exists(), "the corpus was indexed before the check"


def test_an_unknown_command_is_refused_with_status_2(tmp_path):
    done = run_here(["bogus-command", "--index-dir", str(tmp_path / "ix")])
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode().strip() == (
        "sourcedesk: bogus-command: no such folder or command (see sourcedesk --help)"
    )
    assert not (tmp_path / "ix").exists()


def test_limit_zero_or_all_returns_every_result(tmp_path):
    root = tmp_path / "c"
    for number in range(45):
        write_file(root, f"s{number:02}.txt", f"Story {number} about the harbour.\n")
    args = ["search", "--corpus", str(root), "--index-dir", str(tmp_path / "ix")]
    counts = {}
    for limit in ("0", "all", "7"):
        done = run_here([*args, "--format", "jsonl", "--limit", limit, "harbour"])
        assert done.returncode == 0, done.stderr
        counts[limit] = len(done.stdout.splitlines())
    assert counts == {"0": 45, "all": 45, "7": 7}


@pytest.mark.parametrize("command", ["open", "index", "search", "quotes", "speakers"])
def test_every_command_has_examples_and_every_option_help(command):
    done = run_here([command, "--help"])
    shown = done.stdout.decode()
    assert done.returncode == 0 and "examples:" in shown
    lines = shown.splitlines()
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("--") and "  " not in stripped:
            follow = lines[number + 1].strip() if number + 1 < len(lines) else ""
            assert follow and not follow.startswith("-"), f"{stripped} has no help text"
    if command == "search":
        flat = " ".join(shown.split())
        assert "0 or 'all' for every result" in flat and "jsonl: one JSON object" in flat


def test_index_progress_names_every_phase(tmp_path):
    done = run_sourcedesk(["index", str(SEEDS), "--index-dir", str(tmp_path / "ix")])
    phases = [line for line in done.stderr.decode().splitlines() if not line.startswith(" ")]
    assert done.returncode == 0
    assert [p.split(" (")[0].split(" 5 files")[0] for p in phases[:4]] == [
        "indexing",
        "writing index segments",
        "linking quotations",
        "committing",
    ], phases


@pytest.mark.slow
def test_sigterm_during_a_bulk_build_stops_cleanly_without_leaked_semaphores(tmp_path):
    root = tmp_path / "big"
    LiveCorpus.generate(root, seed=15, files=1050)
    process = subprocess.Popen(
        [*sourcedesk_command(), "index", str(root), "--index-dir", str(tmp_path / "ix")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=subprocess_env(),
    )
    seen = []
    assert process.stderr is not None
    for raw in process.stderr:  # wait for the build to be under way, however long it takes
        seen.append(raw.decode("utf-8", "replace"))
        if "/1,050 files" in seen[-1]:
            break
    else:
        pytest.fail(f"the build never reported progress: {''.join(seen)}")
    process.send_signal(signal.SIGTERM)
    _out, rest = process.communicate(timeout=90)
    stderr = "".join(seen) + rest.decode("utf-8", "replace")
    if process.returncode == 0:
        pytest.skip("the build finished before SIGTERM arrived")
    assert process.returncode == 143, stderr
    assert "leaked semaphore" not in stderr and "Traceback" not in stderr, stderr
    assert stderr.rstrip().endswith("sourcedesk: terminated"), stderr[-400:]
    corpus = open_corpus(root, tmp_path / "ix")  # the next update completes the index
    assert len(corpus.articles()) == 1050
    corpus.close()
