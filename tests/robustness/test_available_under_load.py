"""Readers never wait for, or fail on, a writer; nor on an index that cannot be written.

`search`, `quotes` and `speakers` first try to update the index. When another
process holds the write lock, when the index sits on a read-only mount, or when
the disk is full, they must still answer from the last committed generation, at
once, and say on stderr why it was not updated. The lock is held for real (the
same OS lock another sourcedesk takes), the mount is a real read-only bind mount
in a private mount namespace, and a full disk is a real file-size limit.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
from pathlib import Path

import pytest

from index import open_corpus
from index.locking import write_lock

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

NEW_WORD = "quenivato"  # only in the file added after indexing
READERS = {
    "search": ["search", "--format", "jsonl", "netflix"],
    "quotes": ["quotes", "--format", "jsonl"],
    "speakers": ["speakers", "--format", "jsonl"],
}


@pytest.fixture
def indexed(tmp_path: Path) -> tuple[Path, Path]:
    """The seeds indexed, then one more file added that the index does not hold yet."""
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root)
    index_dir = tmp_path / "ix"
    open_corpus(root, index_dir).close()
    write_file(root, "late.txt", f"A late article about {NEW_WORD} and netflix.\n")
    return root, index_dir


def reader_args(command: str, root: Path, index_dir: Path) -> list[str]:
    name, *rest = READERS[command]
    return [name, "--corpus", str(root), "--index-dir", str(index_dir), *rest]


@pytest.mark.parametrize("command", sorted(READERS))
def test_readers_answer_from_the_last_commit_while_another_process_indexes(indexed, command):
    root, index_dir = indexed
    with write_lock(index_dir):  # what a running `sourcedesk index` holds
        done = run_sourcedesk(reader_args(command, root, index_dir), timeout=60)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert "another sourcedesk" in stderr and "as last committed" in stderr, stderr
    assert done.stdout.strip(), "no results"
    assert b"late.txt" not in done.stdout, "the update ran although the lock was held"
    done = run_here(reader_args(command, root, index_dir))  # the lock is free: it updates
    assert done.returncode == 0 and b"1 added" in done.stderr


def test_no_update_reads_the_index_as_it_is_and_never_writes(indexed):
    root, index_dir = indexed
    before = {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir()}
    with write_lock(index_dir):
        args = ["search", "--corpus", str(root), "--index-dir", str(index_dir), "--no-update"]
        done = run_sourcedesk([*args, "--format", "jsonl", NEW_WORD], timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")
    lock_files = {"sourcedesk.lock", "sourcedesk.lock.pid"}
    after = {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir() if p.name not in lock_files}
    assert after == {k: v for k, v in before.items() if k not in lock_files}


def test_a_writer_that_waits_still_reports_the_other_process(indexed):
    """`sourcedesk index` (a writer) is not a reader: it waits, then says who is busy."""
    root, index_dir = indexed
    with write_lock(index_dir):
        done = run_sourcedesk(["index", str(root), "--index-dir", str(index_dir)], timeout=60)
    assert done.returncode == 1
    assert b"another sourcedesk" in done.stderr and b"is indexing" in done.stderr


def read_only_mount_works(tmp_path: Path) -> bool:
    probe = tmp_path / "probe"
    probe.mkdir()
    script = (
        f"mount --bind {probe} {probe} && mount -o remount,bind,ro {probe} && ! touch {probe}/x"
    )
    try:
        done = subprocess.run(
            ["unshare", "-m", "sh", "-c", script], capture_output=True, timeout=20
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def test_an_index_on_a_read_only_mount_can_still_be_searched(indexed, tmp_path):
    if not read_only_mount_works(tmp_path):
        pytest.skip("needs `unshare -m` and bind mounts (root in a mount namespace)")
    root, index_dir = indexed
    command = " ".join(
        f"'{part}'" for part in [*sourcedesk_command(), *reader_args("search", root, index_dir)]
    )
    script = (
        f"mount --bind '{index_dir}' '{index_dir}' && "
        f"mount -o remount,bind,ro '{index_dir}' && exec {command}"
    )
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script],
        capture_output=True,
        timeout=60,
        cwd=REPO,
        env=subprocess_env(),
        check=False,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert "as last committed" in stderr and "Read-only file system" in stderr, stderr
    assert b"netflix" in done.stdout.lower()


def with_file_size_limit(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def run_limited(args: list[str], limit: int) -> subprocess.CompletedProcess[bytes]:
    """sourcedesk with no file allowed past `limit` bytes: writes fail as on a full disk."""
    return subprocess.run(
        [*sourcedesk_command(), *args],
        capture_output=True,
        timeout=120,
        cwd=REPO,
        env=subprocess_env(),
        preexec_fn=with_file_size_limit(limit),
        check=False,
    )


def test_a_full_disk_leaves_no_partial_files_and_searches_still_run(indexed):
    root, index_dir = indexed
    for number in range(40):  # enough text that the new segment cannot be written
        words = " ".join(f"word{number}x{i}" for i in range(400))
        write_file(root, f"bulk/{number:02}.txt", f"Bulk story {number}\n\n{words}.\n")
    committed = sorted(p.name for p in index_dir.iterdir())
    done = run_limited(["index", str(root), "--index-dir", str(index_dir)], limit=4096)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1 and "could not be written" in stderr, stderr
    assert "Traceback" not in stderr and "unexpected error" not in stderr, stderr
    left = sorted(p.name for p in index_dir.iterdir())
    assert left == committed, f"partial files left: {sorted(set(left) - set(committed))}"
    # Nothing at all can be written now; a search still answers from the last commit.
    done = run_limited(reader_args("search", root, index_dir), limit=0)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0 and b"netflix" in done.stdout.lower(), stderr
    assert "as last committed" in stderr, stderr
    done = run_limited([*reader_args("search", root, index_dir), "--no-update"], limit=0)
    assert done.returncode == 0 and done.stdout, done.stderr
    assert os.path.exists(index_dir)


@pytest.mark.slow
def test_a_search_during_a_running_update_answers_from_the_last_commit(tmp_path):
    """The issue's check: a real `sourcedesk index` updating 600 files, a search beside it."""
    root, index_dir = tmp_path / "corpus", tmp_path / "ix"
    live = LiveCorpus.generate(root, seed=11, files=60)
    open_corpus(root, index_dir).close()
    LiveCorpus.generate(tmp_path / "late", seed=12, files=600)
    (tmp_path / "late").rename(root / "late")
    writer = subprocess.Popen(
        [*sourcedesk_command(), "index", str(root), "--index-dir", str(index_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=subprocess_env(),
    )
    try:
        assert writer.stderr is not None
        seen = []
        for raw in writer.stderr:  # wait until the update is under way, however long it takes
            seen.append(raw.decode("utf-8", "replace"))
            if "/600 files" in seen[-1]:
                break
        else:
            pytest.fail(f"the update never reported progress: {''.join(seen)}")
        marker = live.markers["desk0/story00000.txt"]
        args = ["search", "--corpus", str(root), "--index-dir", str(index_dir)]
        done = run_sourcedesk([*args, "--format", "jsonl", marker], timeout=120)
        still_running = writer.poll() is None
    finally:
        writer.communicate(timeout=300)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert [json.loads(line)["source"] for line in done.stdout.splitlines()] == [
        "desk0/story00000.txt"
    ]
    if still_running:  # the usual case; a writer that finished first leaves nothing to say
        assert "as last committed" in stderr, stderr
    assert writer.returncode == 0
