"""The benchmark scripts keep working: each core function runs on the seeds, for real.

Real indexes, real spawned processes, a real headless app; only the corpora are
tiny (a copy of the seeds), so the figures mean nothing here but their shape does.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from bench import (
    app_startup,
    fuzzed_queries,
    index_build,
    relink_parts,
    run_all,
    search_latency,
    update_cost,
    worst_cases,
)
from bench.corpora import CorpusMissing, build_large_corpus, shared_corpus, text_files
from bench.documents import load_docs
from bench.harness import Target, latency_summary, percentile
from bench.queries import KINDS, MIX, query_mix

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the seeds, with the benchmarks' scratch folder under tmp."""
    monkeypatch.setenv("SOURCEDESK_BENCH_DIR", str(tmp_path / "bench"))
    monkeypatch.setenv("SOURCEDESK_INDEX_DIR", str(tmp_path / "indexes"))
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS, copy)
    return copy


def test_percentile_and_targets() -> None:
    samples = [i / 1000 for i in range(1, 101)]  # 1..100 ms
    assert percentile(samples, 95) == pytest.approx(0.095)
    summary = latency_summary(samples)
    assert summary["median_ms"] == pytest.approx(50.5)
    assert summary["p95_ms"] == pytest.approx(95)
    assert Target("t", 49.0, 50, "ms").met is True
    assert Target("t", 51.0, 50, "ms").met is False
    assert Target("t", None, 50, "ms").met is None


def test_missing_corpus_says_where_it_looked() -> None:
    with pytest.raises(CorpusMissing, match=r"not-a-corpus.*not found at"):
        shared_corpus("not-a-corpus")


def test_large_corpus_copies_vary_and_have_distinct_paths(seeds: Path, tmp_path: Path) -> None:
    built = build_large_corpus(tmp_path / "large", 12, seeds, seed=1)
    files = text_files(tmp_path / "large")
    assert built.articles == len(files) == 12
    assert len({f.relative_to(tmp_path / "large") for f in files}) == 12
    originals = {f.name: f.read_text(encoding="utf-8") for f in files if f.parent.name == "copy00"}
    varied = [f for f in files if f.parent.name != "copy00"]
    assert varied and all(f.read_text(encoding="utf-8") != originals[f.name] for f in varied)
    assert built.bytes > 0 and built.source_vocabulary > 100


def test_query_mix_is_fixed_and_complete(seeds: Path) -> None:
    docs = load_docs(seeds)
    first, again = query_mix(docs), query_mix(docs)
    assert [q.whoosh() for q in first] == [q.whoosh() for q in again]
    assert len(first) >= 200 and {q.kind for q in first} == set(KINDS)
    assert sum(q.kind == "fuzzy" for q in first) == MIX["fuzzy"]
    assert all(q.fts5() is None for q in first if q.kind == "fuzzy")


def test_index_build_measures_ours_and_the_anchor(seeds: Path) -> None:
    runs = [("seeds", seeds, [index_build.OURS, index_build.WHOOSH_PROCS])]
    payload = index_build.measure(False, runs=runs)
    rows = {row["engine"]: row for row in payload["rows"]}
    for row in rows.values():
        assert row["articles"] == 5
        assert row["seconds"] > 0 and row["articles_per_s"] > 0
        assert row["mb_per_s"] >= 0  # rounded: 5 short articles on a busy machine can show 0.0
        assert row["peak_mb"] > 0 and row["index_mb"] > 0
    assert rows[index_build.WHOOSH_PROCS]["vs_whoosh_procs2"] == 1.0
    phases = rows[index_build.OURS]["phases"]
    assert phases["relink"] + phases["workers_finish"] == pytest.approx(phases["quotes"], abs=0.02)
    assert (seeds / "000_98b00397815eb994.txt").read_bytes() == (
        SEEDS / "000_98b00397815eb994.txt"
    ).read_bytes()


def test_relink_parts_times_each_step_of_the_relink(seeds: Path) -> None:
    payload = relink_parts.measure(False, root=seeds, runs=2)
    assert [row["run"] for row in payload["rows"]] == [1, 2]
    for row in payload["rows"]:
        assert row["quotations"] > 0 and row["clusters"] > 0  # the seeds share statements
        parts = [row[part] for part in relink_parts.PARTS]
        # Each part is a CPU time rounded to 1 ms: on the seeds a part may round to 0.
        assert all(part >= 0 for part in parts)
        assert sum(parts) <= row["total_cpu_s"] + 0.005  # each rounded to 1 ms
    assert payload["median"]["total_cpu_s"] > 0


def test_update_cost_measures_every_case_and_restores_the_corpus(seeds: Path) -> None:
    before = {p.name: p.read_bytes() for p in text_files(seeds)}
    payload = update_cost.measure(True, runs=[("seeds", seeds)])
    assert [row["case"] for row in payload["rows"]] == list(update_cost.CASES)
    assert all(row["repeats"] == 3 and row["ours_median_s"] > 0 for row in payload["rows"])
    assert {p.name: p.read_bytes() for p in text_files(seeds)} == before


@pytest.mark.slow  # hundreds of timed queries on four engines
def test_search_latency_compares_every_engine(seeds: Path) -> None:
    payload = search_latency.measure(False, runs=[("seeds", seeds)])
    engines = {row["engine"]: row for row in payload["rows"]}
    assert set(engines) == {"sourcedesk", "plain whoosh", "tantivy", "sqlite fts5"}
    assert engines["sourcedesk"]["n"] >= 200 and engines["sourcedesk"]["errors"] == 0
    assert all(
        row["median_ms"] > 0 and row["p95_ms"] >= row["median_ms"] for row in engines.values()
    )
    assert {r["anchor"] for r in payload["ratios"]} == {"plain whoosh", "tantivy", "sqlite fts5"}
    fuzzy = payload["fuzzy"]["seeds"]
    assert fuzzy["words"] == MIX["fuzzy"] and len(fuzzy["strategies"]) >= 4 and fuzzy["profile"]
    assert [t["name"] for t in payload["targets"]] == [
        "median over plain whoosh, seeds",
        "p95 over plain whoosh, seeds",
    ]


def test_worst_cases_time_every_named_case(seeds: Path) -> None:
    payload = worst_cases.measure(True, root=seeds)
    assert [row["case"] for row in payload["rows"]] == list(worst_cases.cases())
    for row in payload["rows"]:
        assert row["first_ms"] >= 0 and 0 <= row["median_ms"] <= row["max_ms"]
        assert row["outcome"].startswith("refused: ") == row["refused"]
    assert len(payload["targets"]) == len(payload["rows"])


def test_fuzzed_queries_are_seeded_and_each_is_answered_or_refused(seeds: Path) -> None:
    words = fuzzed_queries.corpus_words(seeds)
    assert "netflix" in words
    asked = fuzzed_queries.generate(words, 80)
    assert asked == fuzzed_queries.generate(words, 80)  # every run asks the same
    assert {shape for shape, _query in asked} >= {"range", "ORed prefixes", "fuzzy"}
    payload = fuzzed_queries.measure(True, root=seeds, count=80)
    assert payload["queries"] == 80 and 0 < payload["refused"] < 80
    slowest = payload["rows"]
    assert len(slowest) == fuzzed_queries.SLOWEST_SHOWN
    assert [r["ms"] for r in slowest] == sorted((r["ms"] for r in slowest), reverse=True)
    for row in slowest:
        assert re.fullmatch(r"refused: .+|[\d,]+ hits(; .+)?", row["outcome"]), row
    past, slowest_target = payload["targets"]
    assert past["name"] == "fuzzed queries past 500 ms, seeds"
    assert past["value"] == len(payload["past_limit"])
    assert slowest_target["value"] == pytest.approx(slowest[0]["seconds"] * 1000)


@pytest.mark.slow  # starts and drives real headless apps several times
def test_app_startup_times_a_real_headless_app(seeds: Path) -> None:
    payload = app_startup.measure(True, big=seeds, keystroke_count=2, repeats=1, warmup=False)
    minimal, on_seeds, on_big = payload["rows"]
    assert minimal["first_paint_s"] > 0 and minimal["first_result_s"] is None
    assert 0 < on_seeds["first_paint_s"] < on_seeds["first_result_s"]
    assert on_seeds["vs_minimal"] > 0 and on_big["rss_mb"] > 0
    assert payload["keystrokes"]["n"] == 2 and payload["keystrokes"]["p95_ms"] > 0
    assert {t["name"] for t in payload["targets"]} >= {"keystroke to results p95, 19k"}


@pytest.mark.slow  # the whole quick benchmark of the corpora script
def test_run_all_runs_a_script_and_summarises(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "results"
    assert run_all.main(["--quick", "--only", "corpora", "--out", str(out)]) == 0
    written = json.loads((out / "corpora.json").read_text(encoding="utf-8"))
    assert written["name"] == "corpora" and written["quick"] is True
    assert written["rows"] or written["skipped"]
