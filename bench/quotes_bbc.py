"""Quotation extraction and clustering over whole corpora (BBC; Reuters unless --quick).

Reports, per corpus: quotations found (scare quotes apart), the share with a
named speaker (not None, not a bare pronoun or description), extraction
throughput in MB/s of article text, and the time to canonicalise speakers and
cluster every quotation, and the share of same-statement groups holding more than
one distinct named speaker (target <= 1% on BBC, issue 12). An article whose
extraction raises is counted, not fatal.
Each corpus is extracted twice. The throughput (`extract_mb_s`, and in CPU time of
this one process `extract_cpu_mb_s`: the one-core figure of issue 12, >= 0.5 MB/s)
is the second pass: the steady rate. The first pass's CPU rate is shown too, and
`one_off_cpu_s`, what it cost more: loads done once a process (the word lexicon,
the first-name list, compiled patterns), paid by the first corpus measured.
Then one very large article (BBC stories run together, 2 and 8 MB; 1 and 4 with
--quick): its MB/s at each size and the ratio of the two (in CPU time), 1.0 when
extraction is linear in the text (issue 15).

    .venv/bin/python -m bench.quotes_bbc [--quick]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from typing import Any

from bench.corpora import CorpusMissing, shared_corpus
from bench.harness import print_rows, run_script
from index.corpus import load_corpus
from index.models import Article, Cluster, Quote
from index.quotes import canonicalize_speakers, cluster_quotes, extract_quotes
from index.textnorm import fold_text

QUICK_ARTICLES = 300
COLUMNS = (
    "corpus",
    "articles",
    "mb",
    "errors",
    "quotes",
    "scare",
    "named_share",
    "extract_mb_s",
    "extract_cpu_mb_s",
    "first_pass_cpu_mb_s",
    "one_off_cpu_s",
    "canonical_s",
    "cluster_s",
    "clusters",
    "clustered_quotes",
    "mixed_speaker_share",
)


def mixed_speaker_share(clusters: Sequence[Cluster]) -> float:
    """Share of same-statement groups holding more than one distinct (folded) named speaker."""
    mixed = sum(
        len({fold_text(v.quote.speaker) for v in c.versions if v.quote.speaker}) > 1
        for c in clusters
    )
    return round(mixed / len(clusters), 4) if clusters else 0.0


def named(quote: Quote) -> bool:
    """A speaker that is a name: capitalised, not `she`, not `a text`."""
    return bool(quote.speaker) and any(w[:1].isupper() for w in quote.speaker.split())


def extract_all(articles: Sequence[Article]) -> tuple[list[Quote], list[str], float, float]:
    """Every article's quotations, the errors raised, and the wall and CPU seconds taken."""
    quotes: list[Quote] = []
    errors: list[str] = []
    start, cpu = time.perf_counter(), time.process_time()
    for article in articles:
        try:
            quotes.extend(extract_quotes(article))
        except Exception as err:  # counted: the benchmark reports robustness too
            errors.append(f"{article.id}: {type(err).__name__}: {err}")
    return quotes, errors, time.perf_counter() - start, time.process_time() - cpu


def measure(name: str, articles: Sequence[Article]) -> tuple[dict[str, Any], list[Quote]]:
    """Extract (twice: the first pass pays the one-off loads), canonicalise and cluster; the
    figures for one corpus, and its quotations."""
    size = sum(len(a.text.encode("utf-8")) for a in articles)
    _, _, _, first_cpu_s = extract_all(articles)
    quotes, errors, extract_s, extract_cpu_s = extract_all(articles)
    start = time.perf_counter()
    canonical = canonicalize_speakers(quotes)
    canonical_s = time.perf_counter() - start
    start = time.perf_counter()
    clusters = cluster_quotes(canonical)
    cluster_s = time.perf_counter() - start
    real = [q for q in canonical if q.kind != "scare"]
    return (
        {
            "corpus": name,
            "articles": len(articles),
            "mb": round(size / 1e6, 2),
            "errors": len(errors),
            "error_samples": errors[:5],
            "quotes": len(real),
            "scare": len(canonical) - len(real),
            "named_share": round(sum(map(named, real)) / len(real), 3) if real else 0.0,
            "by_kind": {
                k: sum(q.kind == k for q in canonical)
                for k in ("direct", "partial", "block", "tweet", "scare")
            },
            "extract_s": round(extract_s, 2),
            "extract_mb_s": round(size / 1e6 / extract_s, 2) if extract_s else None,
            # CPU time of this one process: the one-core figure on a shared machine
            "extract_cpu_mb_s": round(size / 1e6 / extract_cpu_s, 2) if extract_cpu_s else None,
            "first_pass_cpu_mb_s": round(size / 1e6 / first_cpu_s, 2) if first_cpu_s else None,
            "one_off_cpu_s": round(first_cpu_s - extract_cpu_s, 2),
            "canonical_s": round(canonical_s, 2),
            "cluster_s": round(cluster_s, 2),
            "clusters": len(clusters),
            "clustered_quotes": sum(len(c.versions) for c in clusters),
            "mixed_speaker_share": mixed_speaker_share(clusters),
        },
        canonical,
    )


def cluster_all(quotes: list[Quote]) -> dict[str, Any]:
    """Clustering time for every corpus's quotations together: the scale figure."""
    start = time.perf_counter()
    clusters = cluster_quotes(quotes)
    seconds = time.perf_counter() - start
    return {
        "corpus": "all together",
        "quotes": sum(q.kind != "scare" for q in quotes),
        "cluster_s": round(seconds, 2),
        "clusters": len(clusters),
        "clustered_quotes": sum(len(c.versions) for c in clusters),
    }


LARGE_MB = (2, 8)
QUICK_LARGE_MB = (1, 4)
LARGE_COLUMNS = ("mb", "quotes", "seconds", "cpu_seconds", "mb_s")


def one_article(articles: Sequence[Article], mb: float) -> Article:
    """The corpus's stories run together into one article of about `mb` MB."""
    parts: list[str] = []
    size = 0
    while size < mb * 1e6:
        text = articles[len(parts) % len(articles)].text
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
    return Article(id="large", path="large.txt", title="", text="\n\n".join(parts))


def large_articles(articles: Sequence[Article], sizes: Sequence[float]) -> dict[str, Any]:
    """Extraction time of one article at each size, and how far from linear it grows."""
    rows = []
    for mb in sizes:
        article = one_article(articles, mb)
        start, cpu = time.perf_counter(), time.process_time()
        found = extract_quotes(article)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
        real_mb = len(article.text.encode("utf-8")) / 1e6
        rows.append(
            {
                "mb": round(real_mb, 2),
                "quotes": len(found),
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu_seconds, 2),
                "mb_s": round(real_mb / seconds, 2),
            }
        )
    first, last = rows[0], rows[-1]
    # CPU time of this process: on a shared machine, wall time grows with others' load
    growth = (last["cpu_seconds"] / first["cpu_seconds"]) / (last["mb"] / first["mb"])
    return {"large_rows": rows, "large_growth_ratio": round(growth, 2)}


def core(quick: bool) -> dict[str, Any]:
    rows = []
    large: dict[str, Any] = {}
    everything: list[Quote] = []
    names = ("bbc",) if quick else ("bbc", "reuters21578")
    for name in names:
        try:
            articles, _ = load_corpus(shared_corpus(name))
        except CorpusMissing as err:
            rows.append({"corpus": name, "skipped": str(err)})
            continue
        articles = sorted(articles, key=lambda a: a.id)
        row, quotes = measure(name, articles[:QUICK_ARTICLES] if quick else articles)
        rows.append(row)
        everything += quotes
        if name == "bbc":
            large = large_articles(articles, QUICK_LARGE_MB if quick else LARGE_MB)
    if len(rows) > 1 and everything:
        rows.append(cluster_all(everything))
    return {"rows": rows, **large}


def show(payload: dict[str, Any]) -> None:
    print_rows("quotations: extraction and clustering", payload["rows"], COLUMNS)
    if payload.get("large_rows"):
        print_rows("one very large article", payload["large_rows"], LARGE_COLUMNS)
        print(f"growth ratio (1.0 = linear): {payload['large_growth_ratio']}")


def main(argv: Sequence[str] | None = None) -> int:
    return run_script("quotes_bbc", __doc__.splitlines()[0], core, show, argv)


if __name__ == "__main__":
    sys.exit(main())
