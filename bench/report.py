"""Markdown tables from `bench/results/*.json`, for docs/BENCHMARKS.md.

    python -m bench.report [RESULTS_DIR]

Copying figures by hand invites typos; this prints each script's tables and
targets exactly as measured, with when and under what load they were taken.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import app_startup, index_build, search_latency, update_cost
from bench.harness import RESULTS_DIR, cell

TABLES: dict[str, list[tuple[str, Sequence[str]]]] = {
    "corpora": [("rows", ("name", "articles", "mb", "new_terms", "build_seconds"))],
    "index_build": [
        ("rows", (*index_build.COLUMNS, "phases")),
        ("pairs", index_build.PAIR_COLUMNS),
    ],
    "update_cost": [("rows", update_cost.COLUMNS)],
    "search_latency": [
        ("rows", search_latency.COLUMNS),
        ("ratios", search_latency.RATIO_COLUMNS),
        ("per_kind", ("corpus", "engine", "kind", "n", "median_ms", "p95_ms")),
    ],
    "app_startup": [
        ("rows", app_startup.COLUMNS),
        ("keystrokes", ("n", "median_ms", "p95_ms", "max_ms")),
    ],
}


def md_cell(value: Any) -> str:
    return cell(value).replace("|", "\\|")


def markdown(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(md_cell(row.get(c)) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


def render(payload: dict[str, Any]) -> str:
    name = payload["name"]
    machine = payload.get("machine", {})
    parts = [
        f"### {name}{' --quick' if payload.get('quick') else ''}",
        f"_{machine.get('when_utc')}, load average {machine.get('load_avg_1m')} on "
        f"{machine.get('cpus')} cores, {payload.get('wall_seconds')} s_",
    ]
    rows = payload.get("rows") or [{}]
    for key, columns in TABLES.get(name, [("rows", tuple(rows[0]))]):
        rows = payload.get(key)
        if isinstance(rows, dict):
            rows = [rows]
        if rows:
            if key == "per_kind":
                rows = [r for r in rows if r["engine"] in ("sourcedesk", "plain whoosh")]
            parts.append(markdown(rows, columns))
    targets = payload.get("targets") or []
    if targets:
        rows = [
            {
                "target": t["name"],
                "measured": f"{cell(t['value'])} {t['unit']}",
                "limit": f"≤ {cell(t['limit'])} {t['unit']}",
                "verdict": {True: "PASS", False: "**MISS**", None: "n/a"}[t["met"]],
            }
            for t in targets
        ]
        parts.append(markdown(rows, ("target", "measured", "limit", "verdict")))
    return "\n\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    folder = Path(args[0]) if args else RESULTS_DIR
    for path in sorted(folder.glob("*.json")):
        print(render(json.loads(path.read_text(encoding="utf-8"))) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
