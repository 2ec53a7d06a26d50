"""Fuzzed queries on BBC: thousands of generated query strings, none past 500 ms.

Issue 13 found 244 of 2,129 fuzzed queries on the BBC corpus running past 3 s: term
ranges (`[kuchma TO]`, `{dove TO top}`) and ORs of many short prefixes. The named
worst cases (`bench.worst_cases`) time one query of each shape; this script
generates many, seeded so every run asks the same ones: query-language debris,
the corpus's own words and their prefixes, open and closed ranges on text and ID
fields, ORs of up to 30 short prefixes, fuzzy terms, unclosed phrases, leading
wildcards, glued operators and long repeats. Each runs once through
`Corpus.search(q, limit=20)` (fragments and spans included); a refusal
(`QueryError`) is timed as any answer.
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.markup import escape

from bench.corpora import CorpusMissing, bbc_dir
from bench.documents import load_docs
from bench.harness import Target, latency_summary, print_rows, run_script
from bench.search_latency import open_ours
from bench.worst_cases import answer

LIMIT_MS = 500
COUNT = 2129  # as many as the run
QUICK_COUNT = 600
SEED = 13
SLOWEST_SHOWN = 10
WORDS_KEPT = 4000
COLUMNS = ("shape", "query", "ms", "outcome")
DEBRIS = (
    '"', "'", "(", ")", "[", "]", "{", "}", "AND", "OR", "NOT", "ANDNOT", "TO", "*",
    "?", "~", "~2", "^2", ":", "-", "+", "\\", "/", "<", ">", "=", "!", "&&", "||",
    "title:", "body:", "speaker:", "kind:", "date:", "outlet:", "author:", "foo:",
    "\u201c", "\u201d", "\u2019", "\x00", "\x1b[2J", "\u202e",
)  # fmt: skip
FIELDS = ("", "", "", "title:", "body:", "speaker:", "date:", "outlet:", "author:")
_WORD = re.compile(r"[A-Za-z]{2,}")


def corpus_words(root: Path) -> list[str]:
    """The corpus's most frequent words (lower-cased), the generator's vocabulary."""
    counts: dict[str, int] = {}
    for doc in load_docs(root):
        for word in _WORD.findall(f"{doc.title} {doc.body}"):
            word = word.lower()
            counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    return ranked[:WORDS_KEPT]


def generate(words: Sequence[str], count: int, seed: int = SEED) -> list[tuple[str, str]]:
    """`count` (shape, query) pairs, the same for the same words and seed."""
    rng = random.Random(seed)
    pick = rng.choice

    def prefix() -> str:
        return pick(words)[: rng.randint(1, 3)]

    def debris() -> str:
        parts = [
            pick(DEBRIS) if rng.random() < 0.5 else pick(words) for _ in range(rng.randint(1, 8))
        ]
        return " ".join(parts)

    def term_range() -> str:
        opening, closing = pick("[{"), pick("]}")
        if rng.random() < 0.3:  # dates: the one range the product supports
            low, high = sorted(f"{rng.randint(1995, 2025)}-{rng.randint(1, 12):02d}" for _ in "ab")
            return f"date:{opening}{pick((f'{low} TO', f'TO {high}', f'{low} TO {high}'))}{closing}"
        low, high = sorted((pick(words), pick(words)))
        inside = pick((f"{low} TO", f"TO {high}", f"{low} TO {high}", f"{high} TO {low}"))
        return f"{pick(FIELDS)}{opening}{inside}{closing}"

    def ored_prefixes() -> str:
        return " OR ".join(f"{prefix()}*" for _ in range(rng.randint(5, 30)))

    def fuzzy() -> str:
        terms = (f"{pick(words)}~{rng.randint(1, 2)}" for _ in range(rng.randint(1, 4)))
        return " ".join(terms)

    def phrase() -> str:
        inner = " ".join(pick(words) for _ in range(rng.randint(1, 5)))
        return pick((f'"{inner}"', f'"{inner}', " ".join(['"' + prefix()] * rng.randint(2, 30))))

    def wildcard() -> str:
        word = pick(words)
        return pick((f"*{word[-3:]}", f"{word[:1]}*{word[-1:]}", "?*", f"{word[:2]}?*", "*"))

    def glued() -> str:
        return "".join(pick(DEBRIS) if rng.random() < 0.6 else prefix() for _ in range(12))

    def long_repeat() -> str:
        separator = pick((" ", " OR ", " AND "))
        repeated = pick((pick(words), f"{prefix()}*", f"{prefix()}~"))
        return separator.join([repeated] * rng.randint(20, 200))

    shapes: dict[str, Callable[[], str]] = {
        "debris": debris,
        "range": term_range,
        "ORed prefixes": ored_prefixes,
        "fuzzy": fuzzy,
        "phrase": phrase,
        "wildcard": wildcard,
        "glued": glued,
        "long repeat": long_repeat,
    }
    names = list(shapes)
    return [(shape, shapes[shape]()) for shape in (pick(names) for _ in range(count))]


def time_queries(corpus: Any, queries: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """Each query once: its wall time and what came back."""
    rows = []
    for shape, query in queries:
        start = time.perf_counter()
        outcome, refused = answer(corpus, query)
        seconds = time.perf_counter() - start
        rows.append(
            {
                "shape": shape,
                "query": query,
                "seconds": seconds,
                "outcome": outcome,
                "refused": refused,
            }
        )
    return rows


def measure(quick: bool, root: Path | None = None, count: int | None = None) -> dict[str, Any]:
    """The generated queries on BBC (or `root`): the slowest, and how many passed the limit."""
    if root is None:
        try:
            root = bbc_dir()
        except CorpusMissing as missing:
            return {"rows": [], "targets": [], "skipped": [str(missing)]}
    queries = generate(corpus_words(root), count or (QUICK_COUNT if quick else COUNT))
    corpus, _seconds = open_ours(root)
    try:
        timed = time_queries(corpus, queries)
    finally:
        corpus.close()
    seconds = [row["seconds"] for row in timed]
    slow = [row for row in timed if row["seconds"] * 1000 > LIMIT_MS]
    slowest = sorted(timed, key=lambda row: -row["seconds"])[:SLOWEST_SHOWN]
    by_shape = {
        shape: round(max(r["seconds"] for r in timed if r["shape"] == shape) * 1000, 1)
        for shape in sorted({r["shape"] for r in timed})
    }
    return {
        "corpus": root.name,
        "queries": len(timed),
        "refused": sum(row["refused"] for row in timed),
        "summary": latency_summary(seconds),
        "slowest_ms_by_shape": by_shape,
        "rows": [{**row, "ms": round(row["seconds"] * 1000, 1)} for row in slowest],
        "past_limit": [row["query"] for row in slow],
        "targets": [
            Target(
                f"fuzzed queries past {LIMIT_MS} ms, {root.name}", len(slow), 0, "queries"
            ).as_dict(),
            Target(
                f"slowest fuzzed query, {root.name}", max(seconds) * 1000, LIMIT_MS, "ms"
            ).as_dict(),
        ],
        "skipped": [],
    }


def show(payload: dict[str, Any]) -> None:
    if not payload["rows"]:
        return
    summary = payload["summary"]
    print(
        f"{payload['queries']} queries on {payload['corpus']}, {payload['refused']} refused; "
        f"median {summary['median_ms']} ms, p95 {summary['p95_ms']} ms; "
        f"slowest by shape (ms): {payload['slowest_ms_by_shape']}"
    )
    # Queries hold brackets that rich would read as markup, and control characters.
    rows = [
        {
            **row,
            "query": escape(repr(row["query"])[:70]),
            "outcome": escape(row["outcome"][:70]),
        }
        for row in payload["rows"]
    ]
    print_rows("Slowest fuzzed queries", rows, COLUMNS)


def main(argv: Sequence[str] | None = None) -> int:
    return run_script("fuzzed_queries", __doc__.splitlines()[0], measure, show, argv)


if __name__ == "__main__":
    sys.exit(main())
