"""The relink of a first bulk build, in parts: CPU seconds of each step, in-process.

After a bulk build's workers have indexed the files, the parent relinks every
quotation (`index.relink.relink_quotes`: canonical speakers, clusters, links,
the quotations handed on) while the workers wait. This runs that very function on
the quotations of a built index (as extracted: `raw_quote`), as a first build
does (nothing stored before, a fresh `ClusterMemo`, the collector paused), and
times each step it calls. The quotations are made rows and pickled in messages as
`WorkerPool` sends them (`send`), so the parent's share of that traffic counts;
the workers' share (building and writing the documents) does not, nor does
waiting for them: the build's `relink` and `workers_finish` phases
(`bench.index_build`) show those.
"""

from __future__ import annotations

import pickle
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.corpora import CorpusMissing, cached_index_dir, reuters_dir, working_copy
from bench.harness import print_rows, run_script

PARTS = ("speaker_mapping", "cluster_quotes", "apply_clusters", "send")
COLUMNS = ("corpus", "quotations", "clusters", "run", "total_cpu_s", *PARTS, "other")
RUNS = 3


class _Messages:
    """Stands in for the workers' pipes: pickles the quotations as `WorkerPool` does,
    in messages of its size, and drops them; `spent` is the CPU time that took."""

    def __init__(self) -> None:
        self._buffer: list[Any] = []
        self.spent = 0.0

    def add_quote(self, quote: Any, raw: Any) -> None:
        from index.bulk_build import DOCUMENTS_PER_MESSAGE, quote_rows

        start = time.process_time()
        self._buffer.append(quote_rows(quote, raw))
        if len(self._buffer) >= DOCUMENTS_PER_MESSAGE:
            self._send()
        self.spent += time.process_time() - start

    def flush(self) -> None:
        start = time.process_time()
        self._send()
        self.spent += time.process_time() - start

    def _send(self) -> None:
        pickle.dumps(("quotes", self._buffer))
        self._buffer = []


class _NoRewrites:
    """A first build rewrites no quotation: nothing was stored before."""

    def update_document(self, **_fields: Any) -> None:
        raise AssertionError("a first build's relink rewrote a stored quotation")


@contextmanager
def _timed(module: Any, names: Sequence[str], spent: dict[str, float]) -> Iterator[None]:
    """Each of `module`'s functions `names`, timed (CPU) into `spent` while inside."""
    originals = {name: getattr(module, name) for name in names}

    def timer(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - start

        return timed

    for name, fn in originals.items():
        setattr(module, name, timer(name, fn))
    try:
        yield
    finally:
        for name, fn in originals.items():
            setattr(module, name, fn)


def relink_once(index_dir: Path) -> dict[str, Any]:
    """One first-build relink of the quotations stored in `index_dir`, in parts."""
    import index.relink as relink
    from index.collector import collector_paused
    from index.documents import quote_from_stored
    from index.quotes.clusters import ClusterMemo
    from index.store import open_index

    with open_index(index_dir).searcher() as searcher:
        raw = [quote_from_stored(f["raw_quote"]) for f in searcher.documents(doctype="quote")]
    spent = dict.fromkeys(PARTS, 0.0)
    messages = _Messages()
    with _timed(relink, PARTS[:-1], spent):
        start = time.process_time()
        with collector_paused():  # as `apply_plan` runs it
            clusters, _rows = relink.relink_quotes(
                _NoRewrites(), messages, [], raw, ClusterMemo(), lambda _progress: None
            )
            messages.flush()
        total = time.process_time() - start
    spent["send"] = messages.spent
    return {
        "quotations": len(raw),
        "clusters": len(clusters),
        "total_cpu_s": round(total, 3),
        **{part: round(spent[part], 3) for part in PARTS},
        "other": round(total - sum(spent.values()), 3),
    }


def built_index(root: Path) -> Path:
    """The corpus's cached benchmark index, built (a bulk build) when absent."""
    from index import open_corpus

    index_dir = cached_index_dir(root)
    open_corpus(root, index_dir, update=True).close()
    return index_dir


def measure(quick: bool, root: Path | None = None, runs: int = RUNS) -> dict[str, Any]:
    """`runs` relinks of the 19k corpus's quotations (or `root`'s), each step timed."""
    try:
        root = root or working_copy(reuters_dir(), "reuters21578")
    except CorpusMissing as missing:
        return {"rows": [], "skipped": [str(missing)]}
    index_dir = built_index(root)
    rows = [
        {"corpus": root.name, "run": run, **relink_once(index_dir)}
        for run in range(1, (1 if quick else runs) + 1)
    ]
    median = {c: statistics.median(r[c] for r in rows) for c in ("total_cpu_s", *PARTS, "other")}
    return {"rows": rows, "median": median, "skipped": []}


def show(payload: dict[str, Any]) -> None:
    print_rows("The relink of a first build, CPU seconds by step", payload["rows"], COLUMNS)


def main(argv: Sequence[str] | None = None) -> int:
    return run_script("relink_parts", __doc__.splitlines()[0], measure, show, argv)


if __name__ == "__main__":
    sys.exit(main())
