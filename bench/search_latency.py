"""Search latency: median and p95 over a fixed query mix, against three anchors.

Every query asks for the top 20 hits with their fragments and match spans
(`Corpus.search(q, limit=20, fragments=3)`), the work the app needs. In the same
run and on the same documents: plain Whoosh on our own index with its stock
highlighter (our overhead), tantivy with snippets, SQLite FTS5 with `snippet()`.
Engines take turns query by query, so load from other processes on this shared
machine falls on all of them alike.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.anchors import TOP, Engine, Fts5, PlainWhoosh, Tantivy
from bench.corpora import (
    CorpusMissing,
    bbc_dir,
    cached_index_dir,
    large_corpus,
    reuters_dir,
    working_copy,
)
from bench.documents import load_docs
from bench.fuzzy_probe import probe_fuzzy
from bench.harness import Target, latency_summary, print_rows, ratio, run_script, stopwatch
from bench.queries import KINDS, BenchQuery, query_mix

OURS = "sourcedesk"
WARMUP = 10
COLUMNS = ("corpus", "engine", "n", "median_ms", "p95_ms", "max_ms", "empty", "errors")
RATIO_COLUMNS = ("corpus", "anchor", "queries", "median_ratio", "p95_ratio")


class Sourcedesk:
    """Our `Corpus.search`, fragments and spans included, as one more engine."""

    name = OURS

    def __init__(self, corpus: Any) -> None:
        from index import QueryError

        self.corpus = corpus
        self.query_error = QueryError
        self.errors: list[str] = []

    def search(self, query: BenchQuery) -> int:
        try:
            results = self.corpus.search(query.whoosh(), limit=TOP, fragments=3)
        except self.query_error as err:
            self.errors.append(f"{query.whoosh()}: {err}")
            return -1
        return sum(1 for hit in results.hits if hit.fragments or hit.matches)

    def close(self) -> None:
        self.corpus.close()


def open_ours(root: Path) -> tuple[Any, float]:
    """Our corpus on its cached index (built or brought up to date here, not timed)."""
    from index import open_corpus

    with stopwatch() as clock:
        corpus = open_corpus(root, cached_index_dir(root), update=True)
    return corpus, clock["seconds"]


def time_mix(engines: Sequence[Engine], queries: Sequence[BenchQuery]) -> dict[str, Any]:
    """Per engine: seconds per query (None where the engine cannot express it), hits."""
    for engine in engines:
        for query in queries[:WARMUP]:
            engine.search(query)
    seconds: dict[str, list[float | None]] = {e.name: [] for e in engines}
    shown: dict[str, list[int]] = {e.name: [] for e in engines}
    for query in queries:
        for engine in engines:
            start = time.perf_counter()
            hits = engine.search(query)
            elapsed = time.perf_counter() - start
            seconds[engine.name].append(None if hits < 0 else elapsed)
            shown[engine.name].append(hits)
    return {"seconds": seconds, "hits": shown}


def summarize(corpus: str, kinds: Sequence[str], timing: dict[str, Any]) -> dict[str, Any]:
    """Overall and per-kind latency per engine, and every anchor's ratio to ours."""
    rows, per_kind, ratios = [], [], []
    for engine, samples in timing["seconds"].items():
        done = [s for s in samples if s is not None]
        hits = timing["hits"][engine]
        rows.append(
            {
                "corpus": corpus,
                "engine": engine,
                **latency_summary(done),
                "empty": sum(1 for h in hits if h == 0),
                "errors": sum(1 for h in hits if h < 0),
            }
        )
        for kind in KINDS:
            chosen = [s for s, k in zip(samples, kinds, strict=True) if k == kind and s is not None]
            if chosen:
                per_kind.append(
                    {"corpus": corpus, "engine": engine, "kind": kind} | latency_summary(chosen)
                )
    ours = timing["seconds"][OURS]
    for engine, samples in timing["seconds"].items():
        if engine == OURS:
            continue
        pairs = [(o, a) for o, a in zip(ours, samples, strict=True) if o is not None and a]
        if pairs:
            mine = latency_summary([o for o, _ in pairs])
            theirs = latency_summary([a for _, a in pairs])
            ratios.append(
                {
                    "corpus": corpus,
                    "anchor": engine,
                    "queries": len(pairs),
                    "median_ratio": ratio(mine["median_ms"], theirs["median_ms"]),
                    "p95_ratio": ratio(mine["p95_ms"], theirs["p95_ms"]),
                }
            )
    return {"rows": rows, "per_kind": per_kind, "ratios": ratios}


def measure_corpus(corpus: str, root: Path, fuzzy_probe: bool) -> dict[str, Any]:
    """The whole mix on one corpus, every engine, plus the fuzzy investigation."""
    docs = load_docs(root)
    queries = query_mix(docs)
    ours, prepare_seconds = open_ours(root)
    sourcedesk = Sourcedesk(ours)
    with tempfile.TemporaryDirectory(prefix="sd-anchors-") as tmp:
        with stopwatch() as tantivy_build:
            tantivy = Tantivy(docs, Path(tmp) / "tantivy")
        with stopwatch() as fts_build:
            fts = Fts5(docs, Path(tmp) / "fts.db")
        engines: list[Engine] = [sourcedesk, PlainWhoosh(ours.index_dir), tantivy, fts]
        try:
            timing = time_mix(engines, queries)
            fuzzy = probe_fuzzy(ours, queries) if fuzzy_probe else None
        finally:
            for engine in engines:
                engine.close()
    result = summarize(corpus, [q.kind for q in queries], timing)
    result["info"] = {
        "corpus": corpus,
        "articles": len(docs),
        "queries": len(queries),
        "open_or_update_s": round(prepare_seconds, 2),
        "tantivy_build_s": round(tantivy_build["seconds"], 2),
        "fts5_build_s": round(fts_build["seconds"], 2),
        "query_errors": sourcedesk.errors[:10],
        "sample_queries": [q.whoosh() for q in queries[:12]],
    }
    result["fuzzy"] = fuzzy
    result["samples"] = {
        "corpus": corpus,
        "queries": [q.whoosh() for q in queries],
        "kinds": [q.kind for q in queries],
        "seconds": timing["seconds"],
    }
    return result


def plan(quick: bool) -> list[tuple[str, Path]]:
    reuters = ("reuters 19k", working_copy(reuters_dir(), "reuters21578"))
    if quick:
        return [reuters]
    return [("bbc", bbc_dir()), reuters, ("reuters x100k", Path(large_corpus().path))]


def targets(rows: list[dict[str, Any]], ratios: list[dict[str, Any]]) -> list[Target]:
    """Issue 13: at least as fast as plain Whoosh at median and p95 (same queries,
    taking turns); issue 5's absolute p95 goals beside them."""
    p95 = {r["corpus"]: r["p95_ms"] for r in rows if r["engine"] == OURS}
    found = []
    if "reuters 19k" in p95:
        found.append(Target("search p95, 19k articles", p95["reuters 19k"], 50, "ms"))
    if "reuters x100k" in p95:
        found.append(Target("search p95, 100k articles", p95["reuters x100k"], 150, "ms"))
    for row in ratios:
        if row["anchor"] != PlainWhoosh.name:
            continue
        for stat in ("median", "p95"):
            name = f"{stat} over plain whoosh, {row['corpus']}"
            found.append(Target(name, row[f"{stat}_ratio"], 1.0, "x"))
    return found


def measure(quick: bool, runs: Sequence[tuple[str, Path]] | None = None) -> dict[str, Any]:
    """Every corpus of the plan (or `runs`): latency tables, ratios, fuzzy probe."""
    if runs is None:
        try:
            runs = plan(quick)
        except CorpusMissing as missing:
            return {
                "rows": [],
                "per_kind": [],
                "ratios": [],
                "targets": [],
                "skipped": [str(missing)],
            }
    payload: dict[str, Any] = {
        "rows": [],
        "per_kind": [],
        "ratios": [],
        "info": [],
        "fuzzy": {},
        "samples": [],
    }
    for corpus, root in runs:
        result = measure_corpus(corpus, root, fuzzy_probe=corpus != "bbc" or len(runs) == 1)
        for key in ("rows", "per_kind", "ratios"):
            payload[key].extend(result[key])
        payload["info"].append(result["info"])
        payload["samples"].append(result["samples"])
        if result["fuzzy"]:
            payload["fuzzy"][corpus] = result["fuzzy"]
    payload["targets"] = [t.as_dict() for t in targets(payload["rows"], payload["ratios"])]
    payload["skipped"] = []
    return payload


def show(payload: dict[str, Any]) -> None:
    print_rows(f"Search latency, top {TOP} with fragments", payload["rows"], COLUMNS)
    print_rows("Ours over each anchor (same queries)", payload["ratios"], RATIO_COLUMNS)
    kinds = [r for r in payload["per_kind"] if r["engine"] in (OURS, PlainWhoosh.name)]
    print_rows("By query kind", kinds, ("corpus", "engine", "kind", "n", "median_ms", "p95_ms"))
    for corpus, fuzzy in payload.get("fuzzy", {}).items():
        print_rows(
            f"Fuzzy term expansion, {corpus}", fuzzy["strategies"], list(fuzzy["strategies"][0])
        )
        print_rows(f"Where fuzzy time goes, {corpus}", fuzzy["profile"], list(fuzzy["profile"][0]))


def main(argv: Sequence[str] | None = None) -> int:
    return run_script("search_latency", __doc__.splitlines()[0], measure, show, argv)


if __name__ == "__main__":
    sys.exit(main())
