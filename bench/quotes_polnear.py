"""Quotation recall and speaker accuracy on PolNeAR's train split (US political news, 2016).

Extracts in-process exactly what `sourcedesk quotes --format jsonl` prints (scare
quotes left out, speakers canonicalised over the corpus), then scores it with
the shared scorer's own matching rules (`../shared/eval/quotes_eval.py`),
grouped by source so a run takes seconds. Reported for all 840 articles and for
two halves that guard against tuning to the texts: `tune` (4 of every 5
articles, in name order) and `check` (every 5th). `--write FILE` also saves the
predictions, to run the shared scorer itself on them.

    .venv/bin/python -m bench.quotes_polnear [--quick] [--write pred.jsonl]
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.harness import REPO, Target, print_rows, run_script
from index.corpus import load_corpus
from index.export import quote_record
from index.models import Article, Quote
from index.quotes import canonicalize_speakers, extract_quotes

EVAL = REPO.parent / "shared" / "eval"
SPLIT = EVAL / "polnear-train"
HOLD_OUT_EVERY = 5
QUICK_ARTICLES = 100
COLUMNS = ("split", "articles", "required", "recall", "precision", "speaker", "wrong", "missed")


def scorer() -> ModuleType:
    """The shared scorer as a module, so its matching rules are used, not copied."""
    spec = importlib.util.spec_from_file_location("quotes_eval", EVAL / "quotes_eval.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(EVAL / "quotes_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extracted(articles: Sequence[Article]) -> tuple[list[Quote], float]:
    """What `sourcedesk quotes --format jsonl` prints for `articles`, and the seconds it took."""
    start = time.perf_counter()
    quotes = [q for a in articles for q in extract_quotes(a)]
    quotes = [q for q in canonicalize_speakers(quotes) if q.kind != "scare"]
    return quotes, time.perf_counter() - start


def predictions(folder: Path, names: set[str] | None = None) -> tuple[list[dict], float, float]:
    """The jsonl records for the articles in `folder` (only `names` when given), MB and seconds."""
    articles, _ = load_corpus(folder)
    if names is not None:
        articles = [a for a in articles if a.path in names]
    quotes, seconds = extracted(articles)
    size = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    return [quote_record(q) for q in quotes], size, seconds


def score(ev: ModuleType, gold: list[dict], preds: list[dict], sources: set[str]) -> dict:
    """The shared scorer's recall, precision and speaker over `sources`, and what went wrong."""
    by_source: dict[str, list[dict]] = defaultdict(list)
    for p in preds:
        by_source[p["source"]].append({**p, "_w": ev.words(p.get("text", ""))})
    gold_by: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        if g["source"] in sources:
            gold_by[g["source"]].append({**g, "_w": ev.words(g["text"])})
    predicted = [p for s in sources for p in by_source.get(s, [])]
    false_pos = 0
    for p in predicted:
        union = ev.Counter()
        for g in gold_by[p["source"]]:
            union |= g["_w"]
        false_pos += ev.coverage(p["_w"], union) < ev.COVER
    required = [g for s in sources for g in gold_by[s] if g["need"] == "required"]
    found = right = 0
    wrong, missed = [], []
    for g in required:
        best = max(
            by_source.get(g["source"], []),
            key=lambda p: ev.coverage(g["_w"], p["_w"]),
            default=None,
        )
        if best is None or ev.coverage(g["_w"], best["_w"]) < ev.COVER:
            missed.append({"source": g["source"], "text": g["text"][:80]})
            continue
        found += 1
        if ev.speaker_ok(best.get("speaker"), g["speaker_aliases"] + [g["speaker"] or ""]):
            right += 1
        else:
            wrong.append(
                {
                    "source": g["source"],
                    "want": g["speaker"],
                    "got": best.get("speaker"),
                    "text": g["text"][:60],
                }
            )
    n = len(required) or 1
    return {
        "required": len(required),
        "recall": round(found / n, 4),
        "precision": round(1 - false_pos / len(predicted), 4) if predicted else 0.0,
        "speaker": round(right / n, 4),
        "wrong": len(wrong),
        "missed": len(missed),
        "wrong_samples": wrong,
        "missed_samples": missed,
    }


def core(quick: bool, write: Path | None = None) -> dict[str, Any]:
    if not (SPLIT / "gold.json").is_file():
        return {"rows": [], "skipped": [f"{SPLIT} is absent"]}
    ev = scorer()
    gold = json.loads((SPLIT / "gold.json").read_text(encoding="utf-8"))["quotes"]
    names = sorted(p.name for p in (SPLIT / "text").iterdir())
    if quick:
        names = names[:QUICK_ARTICLES]
    preds, size, seconds = predictions(SPLIT / "text", set(names))
    if write is not None:
        write.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds))
    check = set(names[HOLD_OUT_EVERY - 1 :: HOLD_OUT_EVERY])
    splits = {"all": set(names), "tune": set(names) - check, "check": check}
    rows = []
    for split, sources in splits.items():
        scored = score(ev, gold, preds, sources)
        # the samples quote PolNeAR's text, which stays out of the project's folders
        del scored["wrong_samples"], scored["missed_samples"]
        rows.append({"split": split, "articles": len(sources), **scored})
    every = rows[0]
    return {
        "rows": rows,
        "extract_mb_s": round(size / seconds, 2) if seconds else None,
        "targets": [
            Target("recall", every["recall"], 0.97, "", lower_is_better=False).as_dict(),
            Target("speaker", every["speaker"], 0.88, "", lower_is_better=False).as_dict(),
        ],
    }


def show(payload: dict[str, Any]) -> None:
    print_rows("quotations on PolNeAR train", payload["rows"], COLUMNS)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    write = None
    if "--write" in args:
        at = args.index("--write")
        write = Path(args[at + 1])
        del args[at : at + 2]
    return run_script(
        "quotes_polnear", __doc__.splitlines()[0], lambda q: core(q, write), show, args
    )


if __name__ == "__main__":
    sys.exit(main())
