"""The same statement in several sources: fuzzy clustering of quotations.

Candidates are blocked by shared word 4-grams (rare ones: a shingle carried by
very many quotes is boilerplate), then confirmed with rapidfuzz on normalised
text: `partial_ratio` lets a long enough quotation be an excerpt of another
(a changed word, a dropped hyphen, an omitted sentence, a statement one source
splits in two), while a short one (`That is not the case`, `means so much to
me`) must match the other whole, so a common phrase never links two statements.
Linked quotes are grouped with union-find, and two groups join only when their
speakers agree (or one side has none). A source is an article, so two articles
of one `.jsonl` file link like any others; a group counts when 2+ carry it, and
the halves of a statement its attribution interrupts are one version.
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
# Below this many words a quotation matches only a whole quotation, never an excerpt of one.
MIN_EXCERPT_WORDS = 9
# The halves of one statement sit this close in their article (the attribution between).
MAX_HALVES_GAP = 300
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


def _candidates(norms: list[str], sources: list[str]) -> set[tuple[int, int]]:
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
                if sources[a] != sources[b]:
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
    words = sum(len(s.split()) for s in short)
    if words < MIN_WORDS:
        return False
    whole = " ".join(long_)
    if words < MIN_EXCERPT_WORDS:
        return fuzz.ratio(" ".join(short), whole, score_cutoff=THRESHOLD) >= THRESHOLD
    return all(
        fuzz.partial_ratio(s, whole, score_cutoff=THRESHOLD) >= THRESHOLD
        for s in short
        if len(s.split()) >= _MIN_SEGMENT_WORDS
    )


def same_speaker(a: str, b: str) -> bool:
    """Whether two canonical speakers can be one: equal when folded, or one's words within the
    other's (`Gordon Brown`, `Exchequer Gordon Brown`)."""
    x, y = set(normalise(a).split()), set(normalise(b).split())
    return bool(x and y) and (x <= y or y <= x)


def _agree(xs: set[str], ys: set[str]) -> bool:
    return all(same_speaker(x, y) for x in xs for y in ys)


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
    sources = [q.article_id for q in pool]
    uf = _UnionFind(len(pool))
    speakers = [{q.speaker} if q.speaker else set() for q in pool]  # per group root
    for a, b in sorted(_candidates([" ".join(s) for s in segs], sources)):
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            continue
        agree = _agree(speakers[ra], speakers[rb])
        if agree and same_statement(segs[a], segs[b]):
            uf.union(a, b)
            speakers[uf.find(a)] = speakers[ra] | speakers[rb]
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(pool)):
        groups[uf.find(i)].append(i)
    clusters = []
    for members in groups.values():
        if len({sources[i] for i in members}) < 2:
            continue
        clusters.append(_build([pool[i] for i in members]))
    return sorted(clusters, key=lambda c: _order(c.versions[0].quote))


def _join_halves(quotes: list[Quote]) -> list[Quote]:
    """One article's quotes of a statement, halves its attribution interrupts joined as one."""
    joined: list[Quote] = []
    for q in sorted(quotes, key=lambda q: q.start):
        last = joined[-1] if joined else None
        if (
            last is not None
            and 0 <= q.start - last.end <= MAX_HALVES_GAP
            and (not last.speaker or not q.speaker or same_speaker(last.speaker, q.speaker))
        ):
            joined[-1] = replace(
                last, end=q.end, text=f"{last.text} {q.text}", speaker=last.speaker or q.speaker
            )
        else:
            joined.append(q)
    return joined


def _build(members: list[Quote]) -> Cluster:
    by_source: dict[str, list[Quote]] = defaultdict(list)
    for q in members:
        by_source[q.article_id].append(q)
    members = sorted((v for qs in by_source.values() for v in _join_halves(qs)), key=_order)
    cid = cluster_id(members[0])
    sources = list(dict.fromkeys(q.article_id for q in members))
    wording = {s: " ".join(q.text for q in members if q.article_id == s) for s in sources}
    versions = []
    for q in members:
        also = tuple(s for s in sources if s != q.article_id)
        linked = replace(q, cluster=cid, also_in=also)
        versions.append(Version(linked, diff_parts(q.text, [wording[s] for s in also])))
    return Cluster(cid, tuple(versions))


def apply_clusters(quotes: Sequence[Quote], clusters: Sequence[Cluster]) -> list[Quote]:
    """`quotes` with `cluster` and `also_in` taken from `clusters` (others left as they are).

    A version joined from two halves covers both: the second half is linked too.
    """
    spans: dict[str, list[Quote]] = defaultdict(list)
    for c in clusters:
        for v in c.versions:
            spans[v.quote.article_id].append(v.quote)
    out = []
    for q in quotes:
        version = next(
            (v for v in spans.get(q.article_id, ()) if v.start <= q.start and q.end <= v.end),
            None,
        )
        out.append(
            q if version is None else replace(q, cluster=version.cluster, also_in=version.also_in)
        )
    return out
