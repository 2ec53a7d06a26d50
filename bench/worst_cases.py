"""Worst-case queries at 19k articles: each answered within 500 ms, or refused with a message.

The named cases of issue 13: a repeated stray quote, one-letter prefixes, a
leading wildcard, fuzzy one-letter words, an open range, 25 ORed two-letter
prefixes, a 1,000-character query and 40 ORed words. Each runs several times
through `Corpus.search(q, limit=20)` (fragments and spans included); the first
run is reported apart, since it also reads term lists that later runs reuse.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.markup import escape

from bench.corpora import CorpusMissing, reuters_dir, working_copy
from bench.harness import Target, print_rows, run_script
from bench.search_latency import open_ours

LIMIT_MS = 500
COLUMNS = ("case", "first_ms", "median_ms", "max_ms", "outcome")
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


def time_cases(corpus: Any, runs: int) -> list[dict[str, Any]]:
    """Each case `runs` times: first, median and slowest run, and what came back."""
    from index import QueryError

    rows = []
    for name, query in cases().items():
        seconds: list[float] = []
        outcome = ""
        refused = False
        for _ in range(runs):
            start = time.perf_counter()
            try:
                results = corpus.search(query, limit=20)
                outcome = f"{results.total:,} hits" + (f"; {results.note}" if results.note else "")
            except QueryError as err:
                outcome, refused = f"refused: {err}", True
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


def measure(quick: bool, root: Path | None = None) -> dict[str, Any]:
    """The cases on the 19k Reuters corpus (or `root`)."""
    if root is None:
        try:
            root = working_copy(reuters_dir(), "reuters21578")
        except CorpusMissing as missing:
            return {"rows": [], "targets": [], "skipped": [str(missing)]}
    corpus, _seconds = open_ours(root)
    try:
        rows = time_cases(corpus, 3 if quick else 5)
    finally:
        corpus.close()
    targets = [
        Target(
            f"worst case {escape(r['case'])}, slowest run", r["max_ms"], LIMIT_MS, "ms"
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
