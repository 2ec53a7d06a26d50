"""What every benchmark script shares: statistics, targets, memory sampling, output.

A script's core function returns a plain dict (the JSON payload) so the smoke test
can call it on a tiny corpus; `run_script` wraps it with argument parsing, the rich
table and the JSON file, and turns a crash into a non-zero exit code (a missed
target is not a failure of the script).
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import platform
import statistics
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psutil
from rich.console import Console
from rich.markup import escape
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
RESULTS_DIR = REPO / "bench" / "results"

console = Console(highlight=False, width=None if sys.stdout.isatty() else 140)


@dataclass(frozen=True)
class Target:
    """A goal from issue 5 next to the figure measured against it."""

    name: str
    value: float | None
    limit: float
    unit: str
    lower_is_better: bool = True

    @property
    def met(self) -> bool | None:
        if self.value is None:
            return None
        return self.value <= self.limit if self.lower_is_better else self.value >= self.limit

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "met": self.met}


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: the value a user sees `pct`% of the time or better."""
    if not values:
        raise ValueError("no samples")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(pct / 100 * len(ordered))))
    return ordered[rank - 1]


def latency_summary(seconds: Sequence[float]) -> dict[str, float]:
    """Median, p95 and max in milliseconds, the figures the targets speak of."""
    return {
        "n": len(seconds),
        "median_ms": round(statistics.median(seconds) * 1000, 3),
        "p95_ms": round(percentile(seconds, 95) * 1000, 3),
        "max_ms": round(max(seconds) * 1000, 3),
    }


def ratio(ours: float, anchor: float) -> float:
    """ours / anchor, rounded; inf when the anchor measured zero."""
    return round(ours / anchor, 3) if anchor > 0 else float("inf")


def tree_rss(proc: psutil.Process) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total = 0
    try:
        members = [proc, *proc.children(recursive=True)]
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


class PeakMemory:
    """Samples the RSS of this process tree in a thread; `peak` is the highest sum.

    Sampling the whole tree matters because the bulk build runs in spawned workers
    whose memory `getrusage(RUSAGE_SELF)` never sees.
    """

    def __init__(self, interval: float = 0.05, pid: int | None = None) -> None:
        self.interval = interval
        self.proc = psutil.Process(pid or os.getpid())
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.proc))
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self.peak = tree_rss(self.proc)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_rss(self.proc))

    @property
    def peak_mb(self) -> float:
        return round(self.peak / 2**20, 1)


def _child(conn: Any, fn: Callable[..., dict[str, Any]], args: tuple[Any, ...]) -> None:
    try:
        conn.send(("ok", fn(*args)))
    except BaseException as err:
        conn.send(("error", "".join(traceback.format_exception(err))))
    finally:
        conn.close()


def in_fresh_process(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run `fn(*args)` in a spawned interpreter and add `peak_mb`, the peak RSS of its tree.

    A fresh process per build keeps one measurement's memory (and warm caches)
    out of the next, and its tree's peak is what a user's machine would see.
    """
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    proc = context.Process(target=_child, args=(sender, fn, args), name=f"bench-{fn.__name__}")
    proc.start()
    sender.close()
    with PeakMemory(pid=proc.pid) as memory:
        try:
            status, result = receiver.recv()
        except EOFError:
            proc.join()
            status, result = "error", f"process died (exit code {proc.exitcode})"
        proc.join()
    if status != "ok":
        raise RuntimeError(f"{fn.__name__} failed in its process:\n{result}")
    return {**result, "peak_mb": memory.peak_mb}


@contextmanager
def stopwatch() -> Iterator[dict[str, float]]:
    """`with stopwatch() as t: ...` then `t["seconds"]` holds the wall time."""
    box: dict[str, float] = {}
    start = time.perf_counter()
    try:
        yield box
    finally:
        box["seconds"] = time.perf_counter() - start


def dir_size(path: Path) -> int:
    """Bytes used by the files under `path` (an index on disk)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def machine() -> dict[str, Any]:
    """Enough about the host to read the figures in context (2 shared cores)."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_avg_1m": round(load[0], 2),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def write_results(name: str, payload: dict[str, Any], out_dir: Path | None = None) -> Path:
    """Write `payload` as `NAME.json` (atomically, so run_all never reads half a file)."""
    folder = out_dir or RESULTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def verdict(met: bool | None) -> str:
    return {True: "[green]PASS[/]", False: "[red]MISS[/]", None: "[yellow]n/a[/]"}[met]


def print_rows(title: str, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    """A rich table of `rows` (dicts) restricted to `columns`, blanks for missing keys."""
    table = Table(title=title, title_justify="left")
    first = rows[0] if rows else {}
    for column in columns:
        text = isinstance(first.get(column), str) or column == columns[0]
        table.add_column(column, justify="left" if text else "right")
    for row in rows:
        table.add_row(*(cell(row.get(column)) for column in columns))
    console.print(table)


def print_targets(title: str, targets: Sequence[dict[str, Any]]) -> None:
    """The targets with PASS/MISS, as every script and run_all show them."""
    table = Table(title=title, title_justify="left")
    for column in ("target", "measured", "limit", "verdict"):
        table.add_column(column, justify="left" if column == "target" else "right")
    for target in targets:
        op = "<=" if target.get("lower_is_better", True) else ">="
        table.add_row(
            escape(target["name"]),  # names may hold brackets, e.g. a query like [a TO b]
            f"{cell(target['value'])} {target['unit']}",
            f"{op} {cell(target['limit'])} {target['unit']}",
            verdict(target["met"]),
        )
    console.print(table)


def cell(value: Any) -> str:
    """A figure as people read it: thousands separated, three significant digits."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, dict):
        return ", ".join(f"{k} {cell(v)}" for k, v in value.items())
    return str(value)


def parse_args(description: str, argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="a ~1 minute run on smaller corpora")
    parser.add_argument("--out", type=Path, default=None, help="results folder (bench/results)")
    return parser.parse_args(argv)


def run_script(
    name: str,
    description: str,
    core: Callable[[bool], dict[str, Any]],
    show: Callable[[dict[str, Any]], None],
    argv: Sequence[str] | None = None,
) -> int:
    """Parse `--quick`, run `core`, show and save the payload; 1 when the script fails."""
    args = parse_args(description, argv)
    start = time.perf_counter()
    try:
        payload = core(args.quick)
    except Exception:
        console.print(f"[red]{name} failed:[/]")
        traceback.print_exc(file=sys.stderr)
        return 1
    payload = {
        "name": name,
        "quick": args.quick,
        "machine": machine(),
        "wall_seconds": round(time.perf_counter() - start, 2),
        **payload,
    }
    show(payload)
    for reason in payload.get("skipped") or ():
        console.print(f"skipped: {reason}", markup=False, style="yellow")
    if payload.get("targets"):
        print_targets(f"{name}: targets", payload["targets"])
    path = write_results(name, payload, args.out)
    console.print(f"[dim]{name}: {payload['wall_seconds']} s, results in {path}[/]")
    return 0
