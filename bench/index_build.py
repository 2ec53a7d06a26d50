"""Index build: wall time, articles/s, MB/s, peak memory and index size, against Whoosh.

Each build runs in a fresh spawned process into an empty temporary index folder;
its peak memory is the highest RSS summed over that process and every process it
starts (our bulk path spawns a builder which forks Whoosh's writers). The
anchors are plain Whoosh on the same documents with its default writer and with
`procs=2, multisegment=True`. Where the target is a ratio, ours and that anchor
take turns in pairs (ours first, then the anchor first, ...): on a machine
shared with other work the load drifts between two builds, and the median of
the pairs' ratios is the robust figure. Updates after a build are timed by
`bench.update_cost`.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.anchors import build_plain_whoosh
from bench.corpora import (
    CorpusMissing,
    bbc_dir,
    bench_dir,
    cached_index_dir,
    large_corpus,
    reuters_dir,
    working_copy,
)
from bench.documents import load_docs, total_bytes
from bench.harness import (
    Target,
    console,
    dir_size,
    in_fresh_process,
    print_rows,
    ratio,
    run_script,
    stopwatch,
)

OURS = "sourcedesk"
OURS_SINGLE = "sourcedesk 1 proc"
WHOOSH_DEFAULT = "whoosh default writer"
WHOOSH_PROCS = "whoosh procs=2 multiseg"
Run = tuple[str, Path, list[str]]  # corpus name, folder, engines to build it with
COLUMNS = (
    "corpus",
    "engine",
    "articles",
    "seconds",
    "articles_per_s",
    "mb_per_s",
    "peak_mb",
    "index_mb",
    "vs_whoosh_procs2",
    "cpu_s",
    "pair",
    "load_1m",
)
PAIR_COLUMNS = (
    "corpus",
    "pairs",
    "ratios",
    "median_ratio",
    "cpu_ratios",
    "median_cpu_ratio",
    "ours_median_s",
    "load_1m",
)
# Pairs of builds (ours, plain Whoosh procs=2) taking turns, by corpus; 1 elsewhere.
BUILD_PAIRS = {"reuters 19k": 3}


class PhaseClock:
    """A progress callback noting when each phase (scan, index, quotes, commit) was seen."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.seen: dict[str, list[float]] = {}

    def __call__(self, progress: Any) -> None:
        now = time.perf_counter() - self.start
        first_last = self.seen.setdefault(progress.phase, [now, now])
        first_last[1] = now

    def phases(self) -> dict[str, float]:
        """Seconds from each phase's first report to the next phase's first; the last
        phase (commit: reported once, before Whoosh commits) runs until now.

        The quotes phase is also split at its last report: `relink` (canonical
        speakers, clusters, links, the quotation documents handed on) and
        `workers_finish` (a bulk build's workers writing what they were handed and
        closing their segments, while this process waits)."""
        now = time.perf_counter() - self.start
        order = sorted(self.seen.items(), key=lambda item: item[1][0])
        ends = [times[0] for _, times in order[1:]] + [now]
        pairs = list(zip(order, ends, strict=True))
        found = {name: round(end - times[0], 2) for (name, times), end in pairs}
        for (name, (first, last)), end in pairs:
            if name == "quotes":
                found["relink"] = round(last - first, 2)
                found["workers_finish"] = round(end - last, 2)
        return found


def build_sourcedesk(root: str, index_dir: str, single_process: bool) -> dict[str, Any]:
    """Open and fully index `root` with our API (in the calling, fresh, process)."""
    if single_process:
        import index.bulk_build as bulk

        bulk.BULK_THRESHOLD = 10**12  # the in-process path, for comparison only
    from index import open_corpus

    clock = PhaseClock()
    cpu = cpu_seconds()
    with stopwatch() as wall:
        corpus = open_corpus(Path(root), Path(index_dir), update=True, progress=clock)
    cpu = cpu_seconds() - cpu
    phases = clock.phases()
    articles = len(corpus.articles())
    corpus.close()
    return {
        "seconds": wall["seconds"],
        "cpu_s": round(cpu, 1),
        "articles": articles,
        "phases": phases,
    }


def build_whoosh(root: str, index_dir: str, procs: int) -> dict[str, Any]:
    """The anchor: the same files read and indexed by Whoosh's stock writer."""
    cpu = cpu_seconds()
    with stopwatch() as clock:
        docs = load_docs(Path(root))
        build_plain_whoosh(docs, Path(index_dir), procs=procs)
    cpu = cpu_seconds() - cpu
    return {"seconds": clock["seconds"], "cpu_s": round(cpu, 1), "articles": len(docs)}


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the build's workers).

    On a machine loaded by other work, wall time depends on how many runnable
    processes a build has (plain Whoosh's parent keeps reading while its two
    writers run; ours waits); CPU time is what each build costs.
    """
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def measure_build(corpus: str, root: Path, engine: str, keep: bool = False) -> dict[str, Any]:
    """One build of `root` by `engine` into a fresh temporary folder, then its size.

    With `keep`, the index becomes the corpus's cached index for later benchmarks.
    """
    index_dir = Path(tempfile.mkdtemp(prefix="sd-build-", dir=bench_dir()))
    try:
        if engine in (OURS, OURS_SINGLE):
            row = in_fresh_process(build_sourcedesk, str(root), str(index_dir), engine != OURS)
        else:
            procs = 2 if engine == WHOOSH_PROCS else 1
            row = in_fresh_process(build_whoosh, str(root), str(index_dir), procs)
        size = dir_size(index_dir)
        if keep:
            shutil.rmtree(cached_index_dir(root), ignore_errors=True)
            shutil.move(index_dir, cached_index_dir(root))
    finally:
        shutil.rmtree(index_dir, ignore_errors=True)
    mb = total_bytes(root) / 2**20
    return {
        "corpus": corpus,
        "engine": engine,
        **row,
        "seconds": round(row["seconds"], 2),
        "articles_per_s": round(row["articles"] / row["seconds"], 1),
        "mb_per_s": round(mb / row["seconds"], 2),
        "peak_mb": row["peak_mb"],
        "index_mb": round(size / 2**20, 1),
    }


def plan(quick: bool) -> list[Run]:
    """(corpus name, folder, engines) in the order they run; absent corpora raise."""
    reuters = working_copy(reuters_dir(), "reuters21578")
    every = [OURS, OURS_SINGLE, WHOOSH_DEFAULT, WHOOSH_PROCS]
    if quick:  # the builds the targets need: ours and the anchor, at 19k
        return [("reuters 19k", reuters, [OURS, WHOOSH_PROCS])]
    runs = [("bbc", bbc_dir(), every), ("reuters 19k", reuters, every)]
    if not quick:
        runs.append(("reuters x100k", Path(large_corpus().path), [OURS, WHOOSH_PROCS]))
    return runs


def measure_engines(corpus: str, root: Path, engines: list[str]) -> list[dict[str, Any]]:
    """Every engine's build of `root`; ours and the procs=2 anchor in alternating pairs.

    Each row gets the 1-minute load when it started and, in a pair, its time over
    the pair's anchor. Our last build is kept as the corpus's cached index.
    """
    paired = [e for e in (OURS, WHOOSH_PROCS) if e in engines]
    pairs = BUILD_PAIRS.get(corpus, 1) if len(paired) == 2 else 1
    rows = []
    for engine in engines:
        if engine in paired:
            continue
        rows.append(_build_row(corpus, root, engine, None, keep=False))
    for pair in range(1, pairs + 1):
        order = paired if pair % 2 else paired[::-1]
        built = {e: _build_row(corpus, root, e, pair, keep=e == OURS) for e in order}
        anchor = built.get(WHOOSH_PROCS)
        for row in built.values():
            if anchor is not None:
                row["vs_whoosh_procs2"] = ratio(row["seconds"], anchor["seconds"])
                row["cpu_vs_whoosh_procs2"] = ratio(row["cpu_s"], anchor["cpu_s"])
            rows.append(row)
    anchors = [r["seconds"] for r in rows if r["engine"] == WHOOSH_PROCS]
    for row in rows:  # unpaired engines: over the (median) anchor of this corpus
        if "vs_whoosh_procs2" not in row and anchors:
            row["vs_whoosh_procs2"] = ratio(row["seconds"], statistics.median(anchors))
    return rows


def _build_row(corpus: str, root: Path, engine: str, pair: int | None, keep: bool) -> dict:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    row = measure_build(corpus, root, engine, keep=keep)
    row["pair"], row["load_1m"] = pair, round(load, 2)
    console.print(f"[dim]{corpus}, {engine}: {row['seconds']} s (load {row['load_1m']})[/]")
    return row


def pair_ratios(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per corpus: our time over the anchor's in each pair, their median, the load seen."""
    summary = []
    for corpus in dict.fromkeys(r["corpus"] for r in rows):
        ours = [r for r in rows if r["corpus"] == corpus and r["engine"] == OURS and r["pair"]]
        if not ours:
            continue
        loads = [r["load_1m"] for r in rows if r["corpus"] == corpus and r["pair"]]
        ratios = [r["vs_whoosh_procs2"] for r in ours]
        cpu_ratios = [r["cpu_vs_whoosh_procs2"] for r in ours]
        summary.append(
            {
                "corpus": corpus,
                "pairs": len(ratios),
                "ratios": ", ".join(f"{x:.2f}" for x in ratios),
                "median_ratio": round(statistics.median(ratios), 3),
                "cpu_ratios": ", ".join(f"{x:.2f}" for x in cpu_ratios),
                "median_cpu_ratio": round(statistics.median(cpu_ratios), 3),
                "ours_median_s": round(statistics.median(r["seconds"] for r in ours), 1),
                "load_1m": f"{min(loads):.1f}-{max(loads):.1f}",
            }
        )
    return summary


# Issue 13: our build over plain Whoosh's `procs=2, multisegment=True`, same corpus and run.
BUILD_RATIO_LIMITS = {"reuters 19k": 1.3, "reuters x100k": 1.5}


def targets(rows: list[dict[str, Any]], pairs: list[dict[str, Any]]) -> list[Target]:
    medians = {p["corpus"]: p["median_ratio"] for p in pairs}
    peak = max((r["peak_mb"] for r in rows if r["engine"] == OURS), default=None)
    found = [Target("peak memory of our builds", peak, 1024, "MB")]
    for corpus, limit in BUILD_RATIO_LIMITS.items():
        ratio_value = medians.get(corpus)
        if ratio_value is not None:
            found.append(
                Target(f"build over plain whoosh procs=2, {corpus}", ratio_value, limit, "x")
            )
    return found


def measure(quick: bool, runs: Sequence[Run] | None = None) -> dict[str, Any]:
    """Every build in `runs` (default: the plan for `quick`)."""
    if runs is None:
        try:
            runs = plan(quick)
        except CorpusMissing as missing:
            return {
                "rows": [],
                "pairs": [],
                "targets": [],
                "skipped": [str(missing)],
            }
    rows = []
    started = time.perf_counter()
    for corpus, root, engines in runs:
        rows.extend(measure_engines(corpus, root, engines))
    pairs = pair_ratios(rows)
    return {
        "rows": rows,
        "pairs": pairs,
        "targets": [t.as_dict() for t in targets(rows, pairs)],
        "skipped": [],
        "measure_seconds": round(time.perf_counter() - started, 1),
    }


def show(payload: dict[str, Any]) -> None:
    title = "Index build (a fresh process each; peak = RSS of its process tree)"
    print_rows(title, payload["rows"], COLUMNS)
    if payload.get("pairs"):
        print_rows("Ours over plain Whoosh procs=2, taking turns", payload["pairs"], PAIR_COLUMNS)


def main(argv: Sequence[str] | None = None) -> int:
    return run_script("index_build", __doc__.splitlines()[0], measure, show, argv)


if __name__ == "__main__":
    sys.exit(main())
