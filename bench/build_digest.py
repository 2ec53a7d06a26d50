"""A digest of a built index, to show a build change leaves its results as they were.

Builds the corpus (default: the 19k Reuters copy) into a fresh folder with
`open_corpus`, as `sourcedesk index` does, then digests what a reader gets
from it: the clusters of the sidecar, every stored document (articles,
quotations with their stored quotes, fingerprints, vocabulary and meta
documents, ordered by their content, not by document number, since segments
may split differently), and per field every term with its document frequency
and total weight (a vocabulary document's random key read as one term).
`--index DIR` digests an index already built instead.

    .venv/bin/python -m bench.build_digest [--index DIR] [CORPUS]

Prints one line per part (count and BLAKE2b) and one for the whole.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.corpora import bench_dir, reuters_dir, working_copy

# A vocabulary document's key ends in a random id (`Vocabulary.document`).
VOCABULARY_KEY = b"vocabulary:"


def _blake(lines: Sequence[str]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for line in lines:
        h.update(line.encode("utf-8", "surrogatepass"))
        h.update(b"\n")
    return h.hexdigest()


def _line(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)


def digest(index_dir: Path) -> dict[str, tuple[int, str]]:
    """Per part: (how many, digest)."""
    from whoosh import index as whoosh_index

    from index.state import clusters_from_state, read_state

    ix = whoosh_index.open_dir(str(index_dir))
    state = read_state(index_dir, ix.latest_generation())
    clusters = clusters_from_state(index_dir, state) if state is not None else None
    parts: dict[str, list[str]] = {"clusters": sorted(_line(c) for c in clusters or [])}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        by_type: dict[str, list[str]] = {}
        for _docnum, stored in reader.iter_docs():
            by_type.setdefault(str(stored.get("doctype")), []).append(_line(stored))
        for doctype, lines in sorted(by_type.items()):
            parts[f"stored {doctype}"] = sorted(lines)
        terms = []
        for field, text in reader.all_terms():
            info = reader.term_info(field, text)
            shown = VOCABULARY_KEY if text.startswith(VOCABULARY_KEY) else repr(text)
            terms.append(_line([field, shown, info.doc_frequency(), info.weight()]))
        parts["terms"] = terms
    ix.close()
    found = {name: (len(lines), _blake(lines)) for name, lines in parts.items()}
    found["whole"] = (sum(n for n, _ in found.values()), _blake([v[1] for v in found.values()]))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", help="corpus folder (default: 19k Reuters copy)")
    parser.add_argument("--index", help="digest this index instead of building one")
    args = parser.parse_args(argv)
    if args.index:
        found = digest(Path(args.index))
    else:
        from index import open_corpus

        root = Path(args.corpus) if args.corpus else working_copy(reuters_dir(), "reuters21578")
        index_dir = Path(tempfile.mkdtemp(prefix="sd-digest-", dir=bench_dir()))
        try:
            open_corpus(root, index_dir, update=True).close()
            found = digest(index_dir)
        finally:
            shutil.rmtree(index_dir, ignore_errors=True)
    for name, (count, value) in found.items():
        print(f"{name:20} {count:>9} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
