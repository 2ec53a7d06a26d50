"""The corpus-wide quotation steps of an update: canonical speakers, clusters, links.

An update whose files hold the quotations they held before keeps every link
(`links_kept`). Otherwise every quotation is relinked (`relink_quotes`), as a
fresh build of the same folder would: in corpus order, whatever order the
updates came in. What that costs is kept down by what the last relink of the
index in this process computed (`Relinked`: the quotations as stored, extracted,
canonical and linked, and a `ClusterMemo` with the candidate table), or, in a
new process, by the sidecar's clusters: only the shingles, pairs and statements
the added or removed quotations touch are computed again (a built cluster's diff
parts were half an added file's relink at 100k), and only the clusters that
changed are written to the sidecar. Everything reused is a pure function of what
it is keyed by, so the result is exactly a fresh build's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .documents import quote_doc, quote_from_stored, quote_to_stored
from .models import Cluster, Progress, Quote
from .quotes import apply_clusters
from .quotes.clusters import ClusterMemo, cluster_quotes, quote_order
from .quotes.speakers import speaker_mapping, with_canonical_speaker
from .state import Delta, cluster_from_data, clusters_from_state, index_files

if TYPE_CHECKING:
    from whoosh.searching import Searcher
    from whoosh.writing import IndexWriter


ProgressFn = Callable[[Progress], None]
# A quotation as extracted, with its canonical speaker (None when not known: read
# from the index) and as linked (None: not yet).
Row = tuple[Quote, Quote | None, Quote | None]


class QuoteAdder(Protocol):
    """Where a relink's new quotations go: this process's writer (`WriterQuotes`), or a
    bulk build's workers (`bulk_build.WorkerPool`), which build their documents."""

    def add_quote(self, quote: Quote, raw: Quote) -> None: ...


class WriterQuotes:
    """New quotations added as documents through a writer of this process."""

    def __init__(self, writer: IndexWriter) -> None:
        self._writer = writer

    def add_quote(self, quote: Quote, raw: Quote) -> None:
        self._writer.add_document(**quote_doc(quote, raw))


@dataclass(slots=True)
class Relinked:
    """One index generation's quotations (each as extracted, with its canonical
    speaker, and linked: `quote_doc` stores the first and the last) and clusters,
    with the memo of the run that linked them.
    `files` are the generation's index files and sizes (segment names are unique, so
    a rebuilt index that reached the same generation number is told apart)."""

    files: dict[str, int]
    stored: list[Row]
    clusters: list[Cluster]
    memo: ClusterMemo


# Index folder -> its latest relink in this process (the reader keeps its corpus open).
_kept: dict[Path, Relinked] = {}


def kept(index_dir: Path, state: dict | None) -> Relinked | None:
    """This process's relink of the index generation `state` (its sidecar) records."""
    found = _kept.get(index_dir)
    if found is None or state is None or found.files != state["files"]:
        return None
    return found


def carried_to(index_dir: Path, before: dict | None) -> None:
    """The update from the generation of sidecar `before` kept every quotation and link."""
    found = kept(index_dir, before)
    _kept.pop(index_dir, None)
    if found is not None:
        found.files = index_files(index_dir)
        _kept[index_dir] = found


def links_kept(
    writer: IndexWriter, state: dict | None, dropped: list[dict], new_raw: list[Quote]
) -> bool:
    """When the re-read files hold exactly the quotations they held before (say, an
    edit outside any quotation), canonical speakers and clusters cannot change: put
    the quotations back as they were linked, keep the clusters and say so.

    This is what makes a one-file update cost that file, not every quotation of
    the corpus re-canonicalised and re-clustered.
    """
    if len(dropped) != len(new_raw) or state is None:  # a first build: nothing was there
        return False
    before = sorted((f["raw_quote"] for f in dropped), key=_stored_order)
    after = sorted((quote_to_stored(q) for q in new_raw), key=_stored_order)
    if before != after:
        return False
    for fields in dropped:
        quote = quote_from_stored(fields["quote"])
        writer.add_document(**quote_doc(quote, quote_from_stored(fields["raw_quote"])))
    return True


def _stored_order(data: dict) -> tuple[str, int, int]:
    return (data["id"], data["start"], data["end"])


def stored_quotes(
    index_dir: Path, state: dict | None, searcher: Searcher, dropped: set[str]
) -> list[Row]:
    """The stored quotations of every file but the `dropped` ones: kept from this
    process's last relink of the generation, else read from the index (65k at 100k)."""
    found = kept(index_dir, state)
    if found is not None:
        return [row for row in found.stored if row[0].path not in dropped]
    return [
        (quote_from_stored(f["raw_quote"]), None, quote_from_stored(f["quote"]))
        for f in searcher.documents(doctype="quote")
        if f["path"] not in dropped
    ]


def previous_clusters(
    index_dir: Path, state: dict | None
) -> tuple[list[Cluster], ClusterMemo] | None:
    """The clusters of the generation an update starts from and a memo to reuse them;
    None without a sidecar (or with a damaged clusters part): then all are built."""
    found = kept(index_dir, state)
    if found is not None:
        return found.clusters, found.memo
    data = clusters_from_state(index_dir, state) if state is not None else None
    if data is None:
        return None
    clusters = [cluster_from_data(c) for c in data]
    return clusters, ClusterMemo(clusters)


def relink_quotes(
    writer: IndexWriter,
    adder: QuoteAdder,
    stored: list[Row],
    new_raw: list[Quote],
    memo: ClusterMemo,
    report: ProgressFn,
) -> tuple[list[Cluster], list[Row]]:
    """Redo canonical speakers and clusters over all quotations, in corpus order;
    rewrite only the quotations whose links changed. New quotations are added through
    `adder`, changed ones rewritten through `writer`. Returns the clusters and the
    quotations as now stored."""
    rows = [*stored, *((q, None, None) for q in new_raw)]
    rows.sort(key=lambda row: quote_order(row[0]))
    raw = [row[0] for row in rows]
    report(Progress("quotes", 0, len(raw)))
    mapping = speaker_mapping(raw)
    canonical = [_canonical_quote(q, c, mapping) for q, c, _linked in rows]
    clusters = cluster_quotes(canonical, memo)
    linked = apply_clusters(canonical, clusters)
    for done, (quote, (extracted, _canonical, before)) in enumerate(
        zip(linked, rows, strict=True), 1
    ):
        if before is None:
            adder.add_quote(quote, extracted)
        elif before != quote:
            writer.update_document(**quote_doc(quote, extracted))
        if done % 1000 == 0:
            report(Progress("quotes", done, len(linked)))
    report(Progress("quotes", len(linked), len(linked)))
    return clusters, list(zip(raw, canonical, linked, strict=True))


def _canonical_quote(quote: Quote, before: Quote | None, mapping: dict[str, str]) -> Quote:
    """`canonicalize_speakers` for one quote, reusing its canonical quote of before when
    its speaker maps as before (rather than a copy of it)."""
    if before is not None and quote.speaker and before.speaker == mapping[quote.speaker]:
        return before
    return with_canonical_speaker(quote, mapping)


def cluster_changes(before: Sequence[Cluster], after: Sequence[Cluster]) -> Delta:
    """The sidecar's change from `before` to `after`: every id any added or dropped
    cluster has (two statements may share an id), dropped, and the clusters now under
    those ids added. A cluster the memo reused is the very object it was before."""
    old = {id(c) for c in before}
    new = {id(c) for c in after}
    dirty = {c.id for c in after if id(c) not in old} | {c.id for c in before if id(c) not in new}
    return Delta(sorted(dirty), [c for c in after if c.id in dirty])


def remember(
    index_dir: Path, stored: list[Row], clusters: list[Cluster], memo: ClusterMemo
) -> None:
    """Keep the relink of the generation just committed, for the next update."""
    _kept[index_dir] = Relinked(index_files(index_dir), stored, clusters, memo)
