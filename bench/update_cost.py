"""Incremental updates: what `Corpus.update()` costs when one file changed, none did,
one was added or one removed, at 19k and 100k articles (issue 13: an update costs
what changed, not the corpus size).

Each case runs on a private copy of the corpus (the shared folders are never
edited) with its index built beforehand and kept open, as the reader keeps it,
and takes turns with an anchor measured in the same run, repeat by repeat:

- one changed file (a line appended): plain Whoosh's own `update_document` of the
  same file's new text, committed, in a plain index of the same articles (stemmed
  title and body, `path` unique). It knows which file changed; ours finds out
  (a scan of every file), or is told, as the reader's folder watcher tells it
  (`update(changed=...)`, the "named" case).
- one file added / one removed (a copy of an article under a new name, then
  that copy deleted): plain Whoosh's `add_document` / `delete_by_term`, committed;
  ours told the file's name, as the watcher tells it. Its quotations relink the
  corpus's (canonical speakers, clusters), reusing what did not change.
- no file changed (an update after a watcher woke up for nothing): a bare
  `os.scandir` + `stat` of every corpus file, the least any change detection pays.

`needs_update()` (the stat-only check the reader makes) is timed before each
update. Every changed file is restored at the end; the copies stay for the next run.
"""

from __future__ import annotations

import os
import statistics
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from bench.anchors import build_plain_whoosh
from bench.corpora import (
    CorpusMissing,
    bench_dir,
    cached_index_dir,
    large_corpus,
    reuters_dir,
    text_files,
    working_copy,
)
from bench.documents import load_docs
from bench.harness import Target, console, print_rows, ratio, run_script, stopwatch

CASES = (
    "one changed file",
    "one changed file, named",
    "no file changed",
    "one file added",
    "one file removed",
)
REPEATS = {"reuters 19k": 5, "reuters x100k": 3}  # at 100k an added file relinks 65k quotations
QUICK_REPEATS = 3
TARGETS = {"reuters 19k": 0.5, "reuters x100k": 1.0}  # seconds, one changed file (both ways)
ADDED_NAME = "zz-update-cost-added.txt"
COLUMNS = (
    "corpus",
    "case",
    "repeats",
    "ours_median_s",
    "ours_max_s",
    "anchor",
    "anchor_median_s",
    "ratio",
    "needs_update_median_s",
    "load_1m",
)


def plain_index(root: Path) -> Path:
    """A plain Whoosh index of the corpus's articles, built once (multi-process writer)."""
    folder = bench_dir() / f"plain-whoosh-{root.name}"
    marker = folder / "complete"
    if not marker.is_file():
        build_plain_whoosh(load_docs(root), folder, procs=2)
        marker.write_text("built\n", encoding="utf-8")
    return folder


def stat_everything(root: Path) -> int:
    """The floor of change detection: every file's stat, nothing compared."""
    count, pending = 0, [str(root)]
    while pending:
        with os.scandir(pending.pop()) as items:
            for item in items:
                if item.is_dir():
                    pending.append(item.path)
                else:
                    item.stat()
                    count += 1
    return count


def _title_body(data: bytes) -> tuple[str, str]:
    title, _, body = data.decode("utf-8", "replace").strip().partition("\n")
    return title.strip(), body.strip()


class Turns:
    """Samples of ours and the anchor per case, taken in alternation."""

    def __init__(self) -> None:
        self.ours: dict[str, list[float]] = {case: [] for case in CASES}
        self.anchor: dict[str, list[float]] = {case: [] for case in CASES}
        self.checks: dict[str, list[float]] = {case: [] for case in CASES}

    def time(self, case: str, side: str, action: Callable[..., object], *args: Any) -> None:
        with stopwatch() as clock:
            action(*args)
        (self.ours if side == "ours" else self.anchor)[case].append(clock["seconds"])


def measure_corpus(name: str, root: Path, repeats: int) -> list[dict[str, Any]]:
    """Every case on `root` (a private copy), `repeats` times each, with its anchor."""
    from index import open_corpus

    corpus = open_corpus(root, cached_index_dir(root))
    plain = whoosh_index.open_dir(str(plain_index(root)))
    files = text_files(root)
    turns = Turns()
    originals: dict[Path, bytes] = {}
    added = root / ADDED_NAME
    try:
        for i in range(repeats):
            path = files[(i * 7919 + 17) % len(files)]
            rel = str(path.relative_to(root))
            originals.setdefault(path, path.read_bytes())
            changed = originals[path] + f"\nA late correction, number {i}.\n".encode()
            path.write_bytes(changed)
            _ours(corpus, turns, "one changed file", expect="changed")
            title, body = _title_body(changed)
            turns.time("one changed file", "anchor", _plain_update, plain, rel, title, body)
            path.write_bytes(changed + b"And a second one.\n")
            _ours(corpus, turns, "one changed file, named", expect="changed", named=rel)
            title, body = _title_body(changed + b"And a second one.\n")
            turns.time("one changed file, named", "anchor", _plain_update, plain, rel, title, body)
            _ours(corpus, turns, "no file changed", expect=None)
            turns.time("no file changed", "anchor", stat_everything, root)
            added.write_bytes(originals[path])
            _ours(corpus, turns, "one file added", expect="added", named=ADDED_NAME)
            title, body = _title_body(originals[path])
            turns.time("one file added", "anchor", _plain_add, plain, ADDED_NAME, title, body)
            added.unlink()
            _ours(corpus, turns, "one file removed", expect="removed", named=ADDED_NAME)
            turns.time("one file removed", "anchor", _plain_delete, plain, ADDED_NAME)
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
        with suppress(FileNotFoundError):
            added.unlink()
        with suppress(Exception):
            corpus.update()
        corpus.close()
        plain.close()
    return [_row(name, case, turns) for case in CASES]


def _ours(
    corpus: Any, turns: Turns, case: str, expect: str | None, named: str | None = None
) -> None:
    changed = {named} if named else None
    with stopwatch() as check:
        needed = corpus.needs_update(changed)
    with stopwatch() as clock:
        report = corpus.update(changed=changed)
    counts = {"changed": report.changed, "added": report.added, "removed": report.removed}
    wanted = {key: int(key == expect) for key in counts}
    if counts != wanted or needed != (expect is not None):
        raise RuntimeError(f"{case}: expected {expect or 'nothing'} to be seen, got {report}")
    turns.checks[case].append(check["seconds"])
    turns.ours[case].append(clock["seconds"])


def _plain_update(ix: Any, rel: str, title: str, body: str) -> None:
    writer = ix.writer()
    writer.update_document(path=rel, title=title, body=body)
    writer.commit()


def _plain_add(ix: Any, rel: str, title: str, body: str) -> None:
    writer = ix.writer()
    writer.add_document(path=rel, title=title, body=body)
    writer.commit()


def _plain_delete(ix: Any, rel: str) -> None:
    writer = ix.writer()
    writer.delete_by_term("path", rel)
    writer.commit()


ANCHORS = {
    "one changed file": "plain Whoosh update_document",
    "one changed file, named": "plain Whoosh update_document",
    "no file changed": "stat of every file",
    "one file added": "plain Whoosh add_document",
    "one file removed": "plain Whoosh delete_by_term",
}


def _row(corpus: str, case: str, turns: Turns) -> dict[str, Any]:
    ours, anchor = turns.ours[case], turns.anchor[case]
    return {
        "corpus": corpus,
        "case": case,
        "repeats": len(ours),
        "ours_median_s": round(statistics.median(ours), 3),
        "ours_max_s": round(max(ours), 3),
        "anchor": ANCHORS[case],
        "anchor_median_s": round(statistics.median(anchor), 4),
        "ratio": ratio(statistics.median(ours), statistics.median(anchor)),
        "needs_update_median_s": round(statistics.median(turns.checks[case]), 3),
        "load_1m": round(os.getloadavg()[0], 2),
    }


def corpora(quick: bool) -> list[tuple[str, Path]]:
    """(name, private copy) of the corpora this run measures; absent ones raise."""
    runs = [("reuters 19k", working_copy(reuters_dir(), reuters_dir().name))]
    if not quick:
        large = Path(large_corpus().path)
        runs.append(("reuters x100k", working_copy(large, large.name)))
    return runs


def measure(quick: bool, runs: Sequence[tuple[str, Path]] | None = None) -> dict[str, Any]:
    """Every case on every corpus of the run; the targets are the one-changed-file medians."""
    skipped: list[str] = []
    try:
        chosen = list(runs) if runs is not None else corpora(quick)
    except CorpusMissing as missing:
        return {"rows": [], "skipped": [str(missing)], "targets": []}
    rows = [
        row
        for name, root in chosen
        for row in measure_corpus(name, root, QUICK_REPEATS if quick else REPEATS.get(name, 3))
    ]
    targets = [
        Target(f"{row['case']}, {row['corpus']}", row["ours_median_s"], limit, "s")
        for row in rows
        for name, limit in TARGETS.items()
        if row["corpus"] == name and row["case"].startswith("one changed file")
    ]
    return {"rows": rows, "skipped": skipped, "targets": [t.as_dict() for t in targets]}


def show(payload: dict[str, Any]) -> None:
    print_rows("Corpus.update() by what changed", payload["rows"], COLUMNS)


def main(argv: Sequence[str] | None = None) -> int:
    console.print("[dim]update_cost: indexes are built first when absent (100k: 15-25 min)[/]")
    return run_script("update_cost", __doc__.splitlines()[0], measure, show, argv)


if __name__ == "__main__":
    sys.exit(main())
