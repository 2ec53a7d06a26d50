"""Run every benchmark script, then one summary of the targets with PASS/MISS.

Each script runs as its own process (`python -m bench.NAME [--quick]`) so one's
memory and caches never colour the next; the exit status is 1 when any script
failed (a missed target is reported, not a failure).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.table import Table

from bench.harness import REPO, RESULTS_DIR, console, verdict

# In dependency order: the corpus, the indexes the later scripts reuse, then the rest.
SCRIPTS = (
    "corpora",
    "index_build",
    "update_cost",
    "search_latency",
    "worst_cases",
    "fuzzed_queries",
    "app_startup",
    "quotes_bbc",
)


def run(name: str, quick: bool, out: Path | None) -> dict[str, Any]:
    """One script in its own process, its output passed straight through."""
    if not (REPO / "bench" / f"{name}.py").is_file():
        return {"script": name, "status": "missing", "seconds": 0.0}
    command = [sys.executable, "-m", f"bench.{name}"]
    command += ["--quick"] if quick else []
    command += ["--out", str(out)] if out else []
    console.rule(f"bench.{name}")
    start = time.perf_counter()
    code = subprocess.run(command, cwd=REPO, check=False).returncode
    return {
        "script": name,
        "status": "ok" if code == 0 else f"FAILED ({code})",
        "seconds": round(time.perf_counter() - start, 1),
    }


def read_targets(name: str, out: Path | None) -> list[dict[str, Any]]:
    """The targets a script wrote (none if it wrote no JSON or no `targets`)."""
    path = (out or RESULTS_DIR) / f"{name}.json"
    try:
        return list(json.loads(path.read_text(encoding="utf-8")).get("targets") or [])
    except (OSError, ValueError):
        return []


def summary(statuses: list[dict[str, Any]], out: Path | None) -> Table:
    table = Table(title="Benchmarks: summary", title_justify="left")
    for column in ("script", "status", "seconds", "target", "measured", "limit", "verdict"):
        table.add_column(column, justify="right" if column in ("seconds", "measured") else "left")
    for status in statuses:
        targets = read_targets(status["script"], out) if status["status"] == "ok" else []
        first = [status["script"], status["status"], f"{status['seconds']:.1f}"]
        if not targets:
            table.add_row(*first, "-", "-", "-", "-")
        for i, target in enumerate(targets):
            op = "<=" if target.get("lower_is_better", True) else ">="
            value = "-" if target["value"] is None else f"{target['value']:,.3g} {target['unit']}"
            table.add_row(
                *(first if i == 0 else ["", "", ""]),
                target["name"],
                value,
                f"{op} {target['limit']} {target['unit']}",
                verdict(target["met"]),
            )
    return table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="each script's ~1 minute variant")
    parser.add_argument("--out", type=Path, default=None, help="results folder (bench/results)")
    parser.add_argument("--only", nargs="*", choices=SCRIPTS, help="run just these scripts")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    statuses = [run(name, args.quick, args.out) for name in (args.only or SCRIPTS)]
    console.rule("summary")
    console.print(summary(statuses, args.out))
    console.print(f"all benchmarks: {time.perf_counter() - start:.0f} s")
    failed = [s["script"] for s in statuses if s["status"] not in ("ok", "missing")]
    if failed:
        console.print(f"[red]failed: {', '.join(failed)}[/]")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
