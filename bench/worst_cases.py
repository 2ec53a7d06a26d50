"""Worst-case queries at 19k articles: each answered within 500 ms, or refused with a message.

The named cases of issue 13: a repeated stray quote, one-letter prefixes, a
leading wildcard, fuzzy one-letter words, an open range, 25 ORed two-letter
prefixes, a 1,000-character query and 40 ORed words. Each runs several times
through `Corpus.search(q, limit=20)` (fragments and spans included); the first
run is reported apart, since it also reads term lists that later runs reuse.
On the benchmark corpus each case also runs once *cold*: the first query of a
fresh process on a freshly opened corpus, where it reads the vocabulary and
posting blocks no earlier query has (`cold_ms`). The search modules' one-time
import (numpy, Whoosh's parser) is timed apart (`imports_ms`): whichever query
comes first in a process pays it, worst case or not.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.markup import escape

from bench.corpora import CorpusMissing, cached_index_dir, reuters_dir, working_copy
from bench.harness import Target, in_fresh_process, print_rows, run_script
from bench.search_latency import open_ours

LIMIT_MS = 500
COLUMNS = ("case", "cold_ms", "imports_ms", "first_ms", "median_ms", "max_ms", "outcome")
_TWO_LETTERS = [
    "ab",
    "co",
    "de",
    "ex",
    "in",
    "pr",
    "re",
    "st",
    "tr",
    "un",
    "ma",
    "ca",
    "ba",
    "fi",
    "ge",
    "ha",
    "lo",
    "mo",
    "no",
    "pa",
    "sa",
    "se",
    "ta",
    "wa",
    "ob",
]
_WORDS = [
    "oil",
    "wheat",
    "bank",
    "trade",
    "dollar",
    "yen",
    "stock",
    "market",
    "price",
    "rate",
    "share",
    "profit",
    "loss",
    "company",
    "government",
    "minister",
    "tax",
    "export",
    "import",
    "sugar",
    "coffee",
    "gold",
    "silver",
    "copper",
    "grain",
    "corn",
    "crude",
    "barrel",
    "opec",
    "fed",
    "interest",
    "bond",
    "debt",
    "budget",
    "deficit",
    "growth",
    "inflation",
    "money",
    "reserve",
    "currency",
]


def cases() -> dict[str, str]:
    """The named worst cases, as typed."""
    return {
        '"c x30': " ".join(['"c'] * 30),
        "a*": "a*",
        "s*": "s*",
        "?*": "?*",
        "x~2": "x~2",
        "[kuchma TO]": "[kuchma TO]",
        "25 ORed two-letter prefixes": " OR ".join(f"{p}*" for p in _TWO_LETTERS),
        "1,000-character query": " ".join(_WORDS * 10)[:1000],
        "40 ORed words": " OR ".join(_WORDS),
    }


def answer(corpus: Any, query: str) -> tuple[str, bool]:
    """`Corpus.search(query, limit=20)` as a user reads it: the hits and any note on what
    was cut, or the refusal's message; and whether it was refused."""
    from index import QueryError

    try:
        results = corpus.search(query, limit=20)
    except QueryError as err:
        return f"refused: {err}", True
    return f"{results.total:,} hits" + (f"; {results.note}" if results.note else ""), False


def time_cases(corpus: Any, runs: int) -> list[dict[str, Any]]:
    """Each case `runs` times: first, median and slowest run, and what came back."""
    rows = []
    for name, query in cases().items():
        seconds: list[float] = []
        outcome = ""
        refused = False
        for _ in range(runs):
            start = time.perf_counter()
            outcome, refused = answer(corpus, query)
            seconds.append(time.perf_counter() - start)
        ordered = sorted(seconds)
        rows.append(
            {
                "case": name,
                "query": query,
                "first_ms": round(seconds[0] * 1000, 2),
                "median_ms": round(ordered[len(ordered) // 2] * 1000, 2),
                "max_ms": round(ordered[-1] * 1000, 2),
                "refused": refused,
                "outcome": outcome[:160],
            }
        )
    return rows


def cold_run(root: str, name: str) -> dict[str, Any]:
    """One case as the first query of this (fresh) process, on a corpus just opened."""
    from index import QueryError, open_corpus

    corpus = open_corpus(Path(root), cached_index_dir(Path(root)), update=False)
    start = time.perf_counter()
    import index.search  # noqa: F401  (what the first search of a process imports)

    imported = time.perf_counter()
    with contextlib.suppress(QueryError):  # a refusal is timed as any answer
        corpus.search(cases()[name], limit=20)
    done = time.perf_counter()
    corpus.close()
    return {
        "imports_ms": round((imported - start) * 1000, 1),
        "cold_ms": round((done - imported) * 1000, 1),
    }


def measure(quick: bool, root: Path | None = None, cold: bool | None = None) -> dict[str, Any]:
    """The cases on the 19k Reuters corpus (or `root`); cold runs too on the 19k corpus
    (or when `cold`), each in a fresh process."""
    if root is None:
        try:
            root = working_copy(reuters_dir(), "reuters21578")
        except CorpusMissing as missing:
            return {"rows": [], "targets": [], "skipped": [str(missing)]}
        cold = True if cold is None else cold
    corpus, _seconds = open_ours(root)  # built or brought up to date first
    try:
        rows = time_cases(corpus, 3 if quick else 5)
    finally:
        corpus.close()
    if cold:
        for row in rows:
            row.update(in_fresh_process(cold_run, str(root), row["case"]))
    targets = [
        Target(
            f"worst case {escape(r['case'])}, slowest run (cold included)",
            max(r["max_ms"], r.get("cold_ms", 0.0)),
            LIMIT_MS,
            "ms",
        ).as_dict()
        for r in rows
    ]
    return {"corpus": root.name, "rows": rows, "targets": targets, "skipped": []}


def show(payload: dict[str, Any]) -> None:
    # Case names and messages hold brackets ([kuchma TO]) that rich would read as markup.
    rows = [
        {**r, "case": escape(r["case"]), "outcome": escape(r["outcome"])} for r in payload["rows"]
    ]
    print_rows(f"Worst-case queries ({payload.get('corpus', '')})", rows, COLUMNS)


def main(argv: Sequence[str] | None = None) -> int:
    return run_script("worst_cases", __doc__.splitlines()[0], measure, show, argv)


if __name__ == "__main__":
    sys.exit(main())
