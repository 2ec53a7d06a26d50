"""SIGKILL the indexer at random points of a build and of updates; nothing is lost.

A real corpus of 1,050 files (enough for the spawned multi-process bulk build)
is indexed by real `sourcedesk index` / `open_corpus()` child processes that are
killed at a seeded random point of their work, as soon as their own progress
output reports it (no guessed delays): the main process, the whole process tree,
or one helper process. After each kill the index is opened without updating and
must be consistent: every article is either as the last good run left it or as
the corpus now is (never half-written, never duplicated), no file untouched
since the last run is missing, the lock is free, and orphans die. Every few kills
a normal update must bring the index exactly in line with the corpus.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from index import IndexUnavailable, open_corpus
from index.locking import write_lock
from tests.waiting import wait_until

from .helpers import REPO, LiveCorpus, sourcedesk_command, subprocess_env

SEED = 20_250
KILLS_DURING_BUILD = 6
KILLS_DURING_UPDATES = 14
FILES = 1_050
UPDATE_SCRIPT = """
import sys
from index import IndexUnavailable, open_corpus

def say(progress):
    print(progress.phase, progress.done, progress.total, flush=True)

try:
    open_corpus(sys.argv[1], sys.argv[2], progress=say).close()
except IndexUnavailable as err:
    sys.exit(f"sourcedesk: {err}")
"""


def start_indexer(corpus: LiveCorpus, index_dir: Path, attempt: int, log: Path):
    """A real indexer process: the command line on even attempts, the API on odd ones."""
    if attempt % 2 == 0:
        command = [*sourcedesk_command(), "index", str(corpus.root), "--index-dir", str(index_dir)]
    else:
        command = [sys.executable, "-c", UPDATE_SCRIPT, str(corpus.root), str(index_dir)]
    with log.open("wb") as sink:  # its own session: a Ctrl-C reaches its whole group
        return subprocess.Popen(
            command,
            cwd=REPO,
            env=subprocess_env(),
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def session_members(session: int) -> list[psutil.Process]:
    """Live processes of a session: the indexer's helpers even after they are orphaned."""
    members = []
    for process in psutil.process_iter():
        try:
            if os.getsid(process.pid) == session and process.status() != psutil.STATUS_ZOMBIE:
                members.append(process)
        except (OSError, psutil.Error):
            continue
    return members


def wait_gone(processes: list[psutil.Process], seconds: float) -> list[psutil.Process]:
    """Wait for processes to exit; returns those still alive (after killing them)."""
    _gone, alive = psutil.wait_procs(processes, timeout=seconds)
    for process in alive:
        process.kill()
    psutil.wait_procs(alive, timeout=5)
    return alive


def is_resource_tracker(process: psutil.Process) -> bool:
    """Python's own multiprocessing bookkeeper, not part of the indexer."""
    try:
        return "resource_tracker" in " ".join(process.cmdline())
    except psutil.Error:
        return True


# Where a run is, by what it printed: (phase, fraction done). Phases in order: the scan,
# indexing the files, linking quotations, the commit. The command line prints
# "indexing N files" after its scan, "k/N files" and "linking N quotations"; the API
# child prints each progress report as "phase done total".
PHASES = ("scan", "index", "quotes", "commit")
CLI_LINES = (
    (re.compile(r"indexing "), lambda m: (1, 0.0)),
    (re.compile(r"\s*([\d,]+)/([\d,]+) files"), lambda m: (1, fraction(m[1], m[2]))),
    (re.compile(r"linking "), lambda m: (2, 0.0)),
)
API_LINE = re.compile(r"(scan|index|quotes|commit) (\d+) (\d+)$")


def fraction(done: str, total: str) -> float:
    whole = int(total.replace(",", ""))
    return int(done.replace(",", "")) / whole if whole else 1.0


def position(output: str) -> tuple[int, float]:
    """The latest point the run reported, as (index into PHASES, fraction); (-1, 0) before."""
    latest = (-1, 0.0)
    for line in output.splitlines():
        if found := API_LINE.match(line):
            latest = (PHASES.index(found[1]), fraction(found[2], found[3]))
            continue
        for pattern, point in CLI_LINES:
            if found := pattern.match(line):
                latest = point(found)
    return latest


@dataclass
class KillOutcome:
    landed: bool
    mode: str
    stage: str = ""


def kill_at_reported_point(
    process: subprocess.Popen, target: tuple[int, float], mode: str, log: Path
) -> KillOutcome:
    """SIGKILL `process` (or its tree, or one helper) once it reports reaching `target`."""
    wait_until(
        lambda: position(log.read_text("utf-8", "replace")) >= target or process.poll() is not None,
        f"the indexer to reach {PHASES[target[0]]} {target[1]:.0%} or finish",
        timeout=600,
    )
    if process.poll() is not None:
        return KillOutcome(False, mode)
    main = psutil.Process(process.pid)
    helpers = main.children(recursive=True)
    workers = [p for p in helpers if not is_resource_tracker(p)]
    if mode == "helper" and not workers:
        mode = "main"
    if mode == "helper":  # the bulk builder or one of Whoosh's writer processes
        victim = random.Random(repr(target)).choice(workers)
        victim.send_signal(signal.SIGKILL)
        try:  # the indexer must notice and stop with a clear message, not hang
            process.wait(30)
        except subprocess.TimeoutExpired:
            wait_gone([main, *helpers], 0)
            pytest.fail(f"indexer hung after its helper {victim.pid} was killed")
        output = log.read_text("utf-8", "replace")
        assert "Traceback" not in output, output[-2000:]
    elif mode == "tree":
        for victim in [main, *helpers]:
            victim.send_signal(signal.SIGKILL)
    else:
        process.send_signal(signal.SIGKILL)
    process.wait(10)
    survivors = wait_gone(session_members(process.pid), 10)
    assert not survivors, f"helper processes outlived the killed indexer: {survivors}"
    lines = log.read_text("utf-8", "replace").strip().splitlines() or ["(no output yet)"]
    return KillOutcome(True, mode, lines[-1].strip()[:40])


@dataclass
class Observed:
    """What an index holds: article id -> stored text (for the files checked)."""

    ids: set[str]
    texts: dict[str, str]


def observe(root: Path, index_dir: Path, wanted: set[str]) -> Observed | None:
    """Open without updating, as a reader would; None when no run ever completed."""
    try:
        corpus = open_corpus(root, index_dir, update=False)
    except IndexUnavailable as err:
        if "new index" in str(err) or "no version record" in str(err):
            return None
        raise
    try:
        infos = corpus.articles()
        ids = {info.id for info in infos}
        assert len(ids) == len(infos), "duplicate articles"
        texts = {rel: corpus.article(rel).text for rel in wanted & ids}
        corpus.clusters()  # the cluster sidecar is readable whatever the kill left
    finally:
        corpus.close()
    return Observed(ids, texts)


def check_consistent(
    before: dict[str, str], now: dict[str, str], seen: Observed | None, checked: set[str]
) -> None:
    """Each checked file is as the last good state had it or as the corpus has it now."""
    if seen is None:
        assert not before, "an index that had articles can no longer be opened"
        return
    for rel in checked:
        allowed = {text for text in (before.get(rel), now.get(rel)) if text is not None}
        if rel in seen.ids:
            assert seen.texts[rel] in allowed, f"{rel} holds a text it never had"
        else:
            assert before.get(rel) is None or before.get(rel) != now.get(rel), f"{rel} lost"
    unchanged = {rel for rel, text in before.items() if now.get(rel) == text}
    missing = unchanged - seen.ids
    assert not missing, f"{len(missing)} untouched files vanished, e.g. {sorted(missing)[:3]}"
    assert seen.ids <= set(before) | set(now), "an article for a file that never existed"


def assert_lock_free(index_dir: Path) -> None:
    if not index_dir.exists():
        return
    try:
        with write_lock(index_dir, wait=1.0):
            pass
    except IndexUnavailable as err:
        pytest.fail(f"stale lock after the kill: {err}")


def full_update_matches_corpus(corpus: LiveCorpus, index_dir: Path, sample: int) -> None:
    """A normal update must complete and index exactly the corpus."""
    opened = open_corpus(corpus.root, index_dir)
    try:
        ids = {info.id for info in opened.articles()}
        expected = set(corpus.texts)
        assert ids == expected, (
            f"missing {sorted(expected - ids)[:3]}, extra {sorted(ids - expected)[:3]}"
        )
        for rel in corpus.rng.sample(sorted(ids), sample):
            assert opened.article(rel).text == corpus.texts[rel]
            found = [hit.id for hit in opened.search(corpus.markers[rel], limit=5).hits]
            assert found == [rel], (rel, found)
    finally:
        opened.close()


def pending(before: dict[str, str], now: dict[str, str]) -> set[str]:
    """Files whose indexed state may legitimately differ from the last good run."""
    return {rel for rel in set(before) | set(now) if before.get(rel) != now.get(rel)}


def state_after(seen: Observed | None, now: dict[str, str]) -> dict[str, str]:
    """The index's state as observed: checked texts as read, the rest as on disk."""
    if seen is None:
        return {}
    return {rel: seen.texts.get(rel, now.get(rel, "")) for rel in seen.ids}


@pytest.mark.slow
def test_sigkilled_indexer_never_loses_or_corrupts_the_index(tmp_path: Path):
    corpus = LiveCorpus.generate(tmp_path / "corpus", SEED, FILES)
    rng = random.Random(SEED)
    index_dir = tmp_path / "index"
    log = tmp_path / "indexer.log"

    good: dict[str, str] = {}  # what the index held after the last run, as observed
    outcomes: list[KillOutcome] = []
    for attempt in range(KILLS_DURING_BUILD + KILLS_DURING_UPDATES):
        building = attempt < KILLS_DURING_BUILD
        corpus.churn(4 if building else 250)
        before, now = dict(good), dict(corpus.texts)
        phases = [0, 1, 1, 1, 2] + ([3] if attempt % 2 else [])  # only the API reports commits
        target = (rng.choice(phases), rng.random())  # mostly while indexing the files
        mode = rng.choice(["main", "main", "tree", "helper"])
        if attempt < 2:  # nothing committed yet: a bulk build, in helper processes
            target, mode = (1, target[1]), ("helper", "tree")[attempt]
        process = start_indexer(corpus, index_dir, attempt, log)
        outcome = kill_at_reported_point(process, target, mode, log)
        outcomes.append(outcome)
        if not outcome.landed:  # finished before reporting that point: it must have succeeded
            output = log.read_text("utf-8", "replace")
            assert process.returncode == 0, f"indexer failed on its own: {output[-2000:]}"
        checked = pending(before, now) | set(rng.sample(sorted(now), 30))
        seen = observe(corpus.root, index_dir, checked)
        check_consistent(before, now, seen, checked)
        assert_lock_free(index_dir)
        good = state_after(seen, now)
        if attempt % 5 == 4:
            full_update_matches_corpus(corpus, index_dir, sample=40)
            good = dict(corpus.texts)

    landed = [o for o in outcomes if o.landed]
    modes = {mode: sum(o.mode == mode for o in landed) for mode in ("main", "tree", "helper")}
    print(f"{len(landed)}/{len(outcomes)} kills landed: {modes}")
    print("last output before each kill:", [o.stage for o in landed])
    assert len(landed) >= len(outcomes) // 2, "most kills came too late to test anything"
    full_update_matches_corpus(corpus, index_dir, sample=250)
    sources = [p for p in corpus.root.rglob("*") if p.is_file()]
    assert len(sources) == len(corpus.texts), "the indexer wrote into the corpus folder"


STAGES = ("start-up", "half the files", "quotations")
PROGRESS = re.compile(r"\s*([\d,]+)/([\d,]+) files")


def build_stage(output: str) -> int:
    """How far a bulk build has got by what it printed: an index into STAGES, -1 before."""
    stage = -1
    for line in output.splitlines():
        progress = PROGRESS.match(line)
        if line.startswith("indexing "):
            stage = 0
        elif progress and 2 * int(progress[1].replace(",", "")) >= int(
            progress[2].replace(",", "")
        ):
            stage = 1
        elif line.startswith("linking "):
            stage = 2
    return stage


def reached(log: Path, stage: str, process: subprocess.Popen) -> bool:
    """Whether the indexer has reported `stage` (or a later one), or has exited."""
    output = log.read_text("utf-8", "replace")
    return build_stage(output) >= STAGES.index(stage) or process.poll() is not None


@pytest.mark.slow
def test_ctrl_c_stops_the_indexer_cleanly(tmp_path: Path):
    """Ctrl-C in a terminal interrupts the whole process group: the indexer and its helpers.

    Pressed when the build reports a stage (not after a guessed delay): as it starts,
    half-way through the files, while it links quotations.
    """
    corpus = LiveCorpus.generate(tmp_path / "corpus", SEED + 1, FILES)
    index_dir, log = tmp_path / "index", tmp_path / "indexer.log"
    interrupted = repeated = swallowed = finished = 0
    for attempt, stage in enumerate(STAGES):
        process = start_indexer(corpus, index_dir, 2 * attempt, log)  # the command line
        wait_until(
            lambda p=process, at=stage: reached(log, at, p),
            f"the indexer to report its {stage} stage",
        )
        if process.poll() is not None:  # an update with nothing left at that stage
            assert process.returncode == 0, log.read_text("utf-8", "replace")[-2000:]
            finished += 1
            continue
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(3)
        except subprocess.TimeoutExpired:  # as a user would: press Ctrl-C again
            os.killpg(process.pid, signal.SIGINT)
            repeated += 1
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            wait_gone(session_members(process.pid), 0)
            pytest.fail(f"still running 60 s after Ctrl-C at the {stage} stage")
        survivors = wait_gone(session_members(process.pid), 10)
        assert not survivors, "helpers outlived the interrupted indexer"
        output = log.read_text("utf-8", "replace")
        assert "Traceback" not in output, output[-3000:]
        if process.returncode == 0:  # the Ctrl-C came while helpers were starting
            swallowed += 1
        else:
            assert output.strip().splitlines()[-1].strip()
            interrupted += 1
        assert_lock_free(index_dir)
    assert interrupted, "no build was stopped by Ctrl-C"
    print(f"{interrupted} of 3 builds stopped by Ctrl-C ({repeated} needed a second press,")
    print(f"{swallowed} finished anyway: the Ctrl-C landed while helpers were starting;")
    print(f"{finished} had nothing left to do at their stage)")
    full_update_matches_corpus(corpus, index_dir, sample=50)
