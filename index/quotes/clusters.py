"""The same statement in several sources: fuzzy clustering of quotations.

Candidates are blocked by shared word 4-grams (rare ones: a shingle carried by
very many quotes is boilerplate), then confirmed with rapidfuzz's
`partial_ratio` on normalised text, which tolerates a changed word, a dropped
hyphen, an omitted sentence, and a statement one source splits in two. Linked
quotes are grouped with union-find; a group counts when 2+ sources carry it.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from index.models import Cluster, Quote, Version
from index.quotes.diff import diff_parts
from index.quotes.names import fold

MIN_WORDS = 5
SHINGLE = 4
THRESHOLD = 85.0
MAX_POSTINGS = 500
HUBS = 3
CLUSTER_KINDS = frozenset({"direct", "partial", "block", "tweet"})
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_OMISSION = re.compile(r"[(\[]\s*(?:…|\.\s?\.\s?\.)\s*[)\]]|…|\.\.\.")
_MIN_SEGMENT_WORDS = 3


def normalise(text: str) -> str:
    """Folded words separated by single spaces: punctuation, hyphens and `(…)` dropped."""
    return _NON_WORD.sub(" ", fold(text).replace("’", "").replace("'", "")).strip()


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _candidates(norms: list[str], paths: list[str]) -> set[tuple[int, int]]:
    """Pairs of quotes from different sources sharing a rare word 4-gram.

    Each quote sharing a shingle is paired with the first few holders only
    (`HUBS`): union-find links the rest through them, so the pairs grow
    linearly, not quadratically, with a statement's spread.
    """
    postings: dict[int, list[int]] = defaultdict(list)
    for i, norm in enumerate(norms):
        w = norm.split()
        for k in {hash(tuple(w[j : j + SHINGLE])) for j in range(max(len(w) - SHINGLE + 1, 1))}:
            postings[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for ids in postings.values():
        if len(ids) < 2 or len(ids) > MAX_POSTINGS:
            continue
        for x in range(min(HUBS, len(ids))):
            for y in range(x + 1, len(ids)):
                a, b = ids[x], ids[y]
                if paths[a] != paths[b]:
                    pairs.add((a, b))
    return pairs


def segments(text: str) -> list[str]:
    """Normalised stretches of a quotation between omission marks (`(…)`, `...`, `[...]`)."""
    parts = [normalise(p) for p in _OMISSION.split(text)]
    return [p for p in parts if p]


def same_statement(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two quotations (as `segments`) carry the same statement; one may be an excerpt.

    Every stretch of the shorter must be found, nearly verbatim, in the longer.
    """
    short, long_ = (a, b) if sum(map(len, a)) <= sum(map(len, b)) else (b, a)
    if sum(len(s.split()) for s in short) < MIN_WORDS:
        return False
    whole = " ".join(long_)
    return all(
        fuzz.partial_ratio(s, whole, score_cutoff=THRESHOLD) >= THRESHOLD
        for s in short
        if len(s.split()) >= _MIN_SEGMENT_WORDS
    )


def _order(q: Quote) -> tuple[str, str, int]:
    return (q.date or "9999", q.path, q.start)


def cluster_id(earliest: Quote) -> str:
    """A stable id: a hash of the earliest version's normalised text."""
    return "c" + hashlib.blake2b(normalise(earliest.text).encode(), digest_size=5).hexdigest()


def cluster_quotes(quotes: Sequence[Quote]) -> list[Cluster]:
    """Statements carried by 2+ sources; versions' quotes have `cluster` and `also_in` set."""
    pool = [q for q in quotes if q.kind in CLUSTER_KINDS]
    segs = [segments(q.text) for q in pool]
    keep = [i for i, s in enumerate(segs) if sum(len(x.split()) for x in s) >= MIN_WORDS]
    pool = [pool[i] for i in keep]
    segs = [segs[i] for i in keep]
    paths = [q.path for q in pool]
    uf = _UnionFind(len(pool))
    for a, b in _candidates([" ".join(s) for s in segs], paths):
        if uf.find(a) != uf.find(b) and same_statement(segs[a], segs[b]):
            uf.union(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(pool)):
        groups[uf.find(i)].append(i)
    clusters = []
    for members in groups.values():
        if len({paths[i] for i in members}) < 2:
            continue
        clusters.append(_build([pool[i] for i in members]))
    return sorted(clusters, key=lambda c: _order(c.versions[0].quote))


def _build(members: list[Quote]) -> Cluster:
    members = sorted(members, key=_order)
    cid = cluster_id(members[0])
    sources = list(dict.fromkeys(q.path for q in members))
    by_source: dict[str, list[Quote]] = defaultdict(list)
    for q in members:
        by_source[q.path].append(q)
    wording = {
        p: " ".join(q.text for q in sorted(qs, key=lambda q: q.start))
        for p, qs in by_source.items()
    }
    versions = []
    for q in members:
        others = [wording[p] for p in sources if p != q.path]
        linked = replace(q, cluster=cid, also_in=tuple(p for p in sources if p != q.path))
        versions.append(Version(linked, diff_parts(q.text, others)))
    return Cluster(cid, tuple(versions))


def apply_clusters(quotes: Sequence[Quote], clusters: Sequence[Cluster]) -> list[Quote]:
    """`quotes` with `cluster` and `also_in` taken from `clusters` (others left as they are)."""
    linked = {v.quote.id: v.quote for c in clusters for v in c.versions}
    return [
        replace(q, cluster=linked[q.id].cluster, also_in=linked[q.id].also_in)
        if q.id in linked
        else q
        for q in quotes
    ]
