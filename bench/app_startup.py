"""App start-up and responsiveness: first screen, first results, keystroke latency, memory.

Every run is a fresh `python -m bench.app_driver` process (imports count), timed
from just before it was spawned. The anchor is a minimal Textual app (a header,
an input, a line of text, a footer) started the same way in the same run, taking
turns with the reader on the seeds so that load on the shared machine falls on
both alike; the anchor of a keystroke is the same search (`Corpus.search`, as the
reader calls it) run alone in the same process. The corpora are
opened on indexes built beforehand (not timed here: that is `index_build`): the
seeds, and the 19k Reuters corpus. Each row gives the 1-minute load average at
its end. A keystroke is timed from the end of the app's own typing debounce to
the paint showing its results, and split into steps (`bench/app_phases.py`);
each query is first run once untimed (its first run reads its word lists, 2-5x
the second: whichever side ran it first paid that), then the search alone runs
before the app's on every other query of each kind, after it on the rest. Both
sides' CPU time is kept too (`search_cpu_ms`: the app's search thread;
`search_alone_cpu_ms`), which the load on a shared machine moves less.

Imports are of compiled bytecode, as for a user (an installed package is compiled
when installed, and Textual's own modules are): it is kept in a cache folder of
the benchmarks, not beside the sources, even where the environment says not to
write any (`PYTHONDONTWRITEBYTECODE`), which would make every run compile our
modules again while Textual's stay compiled.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.app_phases import durations
from bench.corpora import (
    CorpusMissing,
    bench_dir,
    cached_index_dir,
    reuters_dir,
    working_copy,
)
from bench.documents import load_docs
from bench.harness import (
    REPO,
    Target,
    latency_summary,
    percentile,
    print_rows,
    ratio,
    run_script,
)
from bench.queries import query_mix

SEEDS = REPO / "seeds"
RUN_TIMEOUT = 600
COLUMNS = (
    "app",
    "runs",
    "first_paint_s",
    "ready_s",
    "first_result_s",
    "vs_minimal",
    "rss_mb",
    "load_1m",
)


def spawn_driver(*args: str) -> dict[str, Any]:
    """One fresh driver process; its JSON marks (seconds since spawn)."""
    import time

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(bench_dir() / "pycache")
    spawned = time.time()
    proc = subprocess.run(
        [sys.executable, "-m", "bench.app_driver", *args, "--spawned-at", repr(spawned)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"app driver {' '.join(args)} failed ({proc.returncode}):\n{tail}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def ensure_index(root: Path) -> Path:
    """Build or update the cached index of `root` before timing anything on it."""
    from index import open_corpus

    index_dir = cached_index_dir(root)
    open_corpus(root, index_dir, update=True).close()
    return index_dir


def median_of(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in runs if key in r]
    return round(statistics.median(values), 3) if values else None


def summarize(app: str, runs: list[dict[str, Any]], minimal: float | None) -> dict[str, Any]:
    paint = median_of(runs, "first_paint")
    return {
        "app": app,
        "runs": len(runs),
        "first_paint_s": paint,
        "ready_s": median_of(runs, "ready"),
        "first_result_s": median_of(runs, "first_result"),
        "vs_minimal": ratio(paint, minimal) if paint and minimal else None,
        "rss_mb": median_of(runs, "rss_mb"),
        "load_1m": load_now(),
    }


def load_now() -> float:
    """The 1-minute load average (2 shared cores): the context of every figure."""
    return round(os.getloadavg()[0], 2)


def corpus_args(root: Path, mix: Sequence[Any]) -> list[str]:
    """Driver arguments opening `root` (its index built or updated first); the
    first single-term query of its `mix` is the one typed at start-up."""
    index_dir = ensure_index(root)
    first = next(q.whoosh() for q in mix if q.kind == "term")
    opened = ["--corpus", str(root), "--index-dir", str(index_dir)]
    return ["--app", "sourcedesk", *opened, "--query", first]


def seeds_taking_turns(turns: int, warmup: bool) -> tuple[list[dict[str, Any]], ...]:
    """`turns` starts of the minimal app and of the reader on the seeds, alternating."""
    seeds = corpus_args(SEEDS, query_mix(load_docs(SEEDS)))
    if warmup:  # fills the OS file cache and the bytecode cache, as any earlier launch
        spawn_driver("--app", "minimal")
        spawn_driver(*seeds)
    minimal: list[dict[str, Any]] = []
    reader: list[dict[str, Any]] = []
    for _ in range(turns):
        minimal.append(spawn_driver("--app", "minimal"))
        reader.append(spawn_driver(*seeds))
    return minimal, reader


def corpus_runs(
    root: Path, repeats: int, keystrokes: int, warmup: bool = True
) -> tuple[list[dict[str, Any]], int]:
    """`repeats` fresh starts on `root`, the last also typing `keystrokes` queries of
    the mix."""
    docs = load_docs(root)
    mix = query_mix(docs)
    base = corpus_args(root, mix)
    if warmup:
        spawn_driver(*base)  # fills the OS file cache, as any earlier launch would
    runs = [spawn_driver(*base) for _ in range(repeats - 1)]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump([{"query": q.whoosh(), "kind": q.kind} for q in mix[:keystrokes]], handle)
    try:
        runs.append(spawn_driver(*base, "--keystrokes", handle.name))
    finally:
        Path(handle.name).unlink()
    return runs, len(docs)


def measure(
    quick: bool,
    big: Path | None = None,
    keystroke_count: int | None = None,
    repeats: int | None = None,
    warmup: bool = True,
) -> dict[str, Any]:
    """Minimal app, seeds and the 19k corpus (or `big`): start-up, keystrokes, memory."""
    repeats = repeats or (2 if quick else 5)
    count = keystroke_count or (30 if quick else 80)
    skipped: list[str] = []
    if big is None:
        try:
            big = working_copy(reuters_dir(), "reuters21578")
        except CorpusMissing as missing:
            skipped.append(str(missing))
    minimal, seeds = seeds_taking_turns(2 * repeats - 1, warmup)
    rows = [summarize("minimal textual app", minimal, None)]
    anchor = rows[0]["first_paint_s"]
    rows.append(summarize("sourcedesk, seeds", seeds, anchor))
    keystrokes: dict[str, Any] = {}
    if big is not None:
        runs, articles = corpus_runs(big, repeats, count, warmup)
        rows.append(summarize(f"sourcedesk, {big.name} ({articles:,})", runs, anchor))
        samples = runs[-1]["keystrokes"]
        keystrokes = latency_summary([s["seconds"] for s in samples])
        alone = latency_summary([s["search_seconds"] for s in samples])
        keystrokes["search_alone_median_ms"] = alone["median_ms"]
        keystrokes["search_alone_p95_ms"] = alone["p95_ms"]
        keystrokes["vs_search_p95"] = ratio(keystrokes["p95_ms"], alone["p95_ms"])
        same = latency_summary([with_search_alone(s) for s in samples])
        keystrokes["vs_search_p95_same_search"] = ratio(same["p95_ms"], alone["p95_ms"])
        keystrokes["main_cpu_median_ms"] = round(
            statistics.median(s["main_cpu_ms"] for s in samples), 2
        )
        keystrokes["search_cpu_median_ms"] = median_ms(samples, "search_cpu_ms")
        keystrokes["search_alone_cpu_median_ms"] = median_ms(samples, "search_alone_cpu_ms")
        keystrokes["split"] = split_summary(samples)
        keystrokes["slowest"] = sorted(samples, key=lambda s: -s["seconds"])[:5]
        keystrokes["load_1m"] = load_now()
    return {
        "rows": rows,
        "keystrokes": keystrokes,
        "targets": [t.as_dict() for t in targets(rows, keystrokes)],
        "skipped": skipped,
    }


def with_search_alone(sample: dict[str, Any]) -> float:
    """The window's seconds with the search alone's time in place of the app's
    search: what the p95 ratio would be if both sides' searches cost the same
    (a query's first run reads its word lists, and whichever side ran it first
    pays that; the p95 of a few dozen windows is set by a handful of queries)."""
    searched = durations(sample["split"]).get("search")
    if searched is None:
        return float(sample["seconds"])
    return float(sample["seconds"]) - searched / 1000 + float(sample["search_seconds"])


def median_ms(samples: list[dict[str, Any]], key: str) -> float | None:
    """The median of `key` over the samples that have it (CPU milliseconds)."""
    values = [s[key] for s in samples if s.get(key) is not None]
    return round(statistics.median(values), 2) if values else None


def split_summary(samples: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each step of the keystroke window (bench/app_phases.py): median and p95 in ms,
    and in how many windows it happened (a layout or a collector pass need not)."""
    parts: dict[str, list[float]] = {}
    for sample in samples:
        for name, took in durations(sample["split"]).items():
            parts.setdefault(name, []).append(took)
    return [
        {
            "step": name,
            "windows": len(values),
            "median_ms": round(statistics.median(values), 2),
            "p95_ms": round(percentile(values, 95), 2),
        }
        for name, values in parts.items()
    ]


def targets(rows: list[dict[str, Any]], keystrokes: dict[str, Any]) -> list[Target]:
    found = [Target("first screen, seeds, vs minimal app", rows[1]["vs_minimal"], 1.5, "x")]
    if len(rows) > 2:
        found.append(Target("first screen, 19k", rows[2]["first_paint_s"], 2.0, "s"))
        found.append(Target("first results drawn, 19k", rows[2]["first_result_s"], 2.0, "s"))
    if keystrokes:
        found.append(Target("keystroke to results p95, 19k", keystrokes["p95_ms"], 100, "ms"))
        found.append(
            Target(
                "keystroke to results p95 vs Corpus.search, 19k",
                keystrokes["vs_search_p95"],
                1.5,
                "x",
            )
        )
    return found


def show(payload: dict[str, Any]) -> None:
    print_rows(
        "App start-up (fresh process each; seconds since spawn, medians)", payload["rows"], COLUMNS
    )
    if payload.get("keystrokes"):
        ks = payload["keystrokes"]
        print_rows(
            "Typing debounce to results drawn (box focused), and the search alone",
            [ks],
            [
                "n",
                "median_ms",
                "p95_ms",
                "max_ms",
                "search_alone_median_ms",
                "search_alone_p95_ms",
                "vs_search_p95",
                "vs_search_p95_same_search",
                "main_cpu_median_ms",
                "search_cpu_median_ms",
                "search_alone_cpu_median_ms",
                "load_1m",
            ],
        )
        print_rows(
            "The keystroke window, step by step",
            ks["split"],
            ["step", "windows", "median_ms", "p95_ms"],
        )
        print_rows(
            "Slowest",
            ks["slowest"],
            ["query", "kind", "seconds", "search_seconds", "hits", "main_cpu_ms", "search_cpu_ms"],
        )


def main(argv: Sequence[str] | None = None) -> int:
    return run_script("app_startup", __doc__.splitlines()[0], measure, show, argv)


if __name__ == "__main__":
    sys.exit(main())
