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
from array import array
from bisect import insort
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import fields, replace
from operator import attrgetter

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


# A quotation's place in corpus order (`quote_order`, a count appended to a repeat).
_Key = tuple


class Candidates:
    """Pairs of quotations from different sources sharing a rare word 4-gram, kept up
    to date as quotations come and go.

    Each quotation sharing a shingle is paired with its first few holders only
    (`HUBS`): union-find links the rest through them, so the pairs grow linearly,
    not quadratically, with a statement's spread. A shingle held by more than
    `MAX_POSTINGS` quotations is boilerplate and proposes none. The table keeps
    every shingle's holders corpus-wide and how many shingles propose each pair, so
    a change re-derives only the shingles the quotations that came or went hold,
    with the corpus-wide counts (a run over those quotations alone would pair the
    holders of a shingle too common to count).

    Nine shingles in ten have one holder: that holder is kept as the entry itself,
    not in a list of one (a list apiece was the larger part of a 100k build's table).
    """

    def __init__(self) -> None:
        self.norms: dict[_Key, str] = {}
        # shingle -> its holders in corpus order, or its only holder
        self.holders: dict[int, _Key | list[_Key]] = {}
        self.proposed: Counter[tuple[_Key, _Key]] = Counter()

    def update(self, norms: dict[_Key, str]) -> None:
        """Make the table that of `norms` (key -> normalised text, keys in corpus order)."""
        if not self.norms:  # a first run: nothing to take back, every shingle is new
            self._hold_all(norms)
            for ids in self.holders.values():
                if isinstance(ids, list):
                    self._pair(ids, 1)
            self.norms = norms
            return
        gone = [k for k, n in self.norms.items() if norms.get(k) != n]
        new = [k for k, n in norms.items() if self.norms.get(k) != n]
        touched: set[int] = set()
        for k in gone:
            touched |= _shingles(self.norms[k])
        for k in new:
            touched |= _shingles(norms[k])
        for h in touched:
            self._propose(h, -1)
        for k in gone:
            for h in _shingles(self.norms[k]):
                self._release(h, k)
        for k in new:
            for h in _shingles(norms[k]):
                self._hold(h, k)
        for h in touched:
            self._propose(h, 1)
        self.norms = norms

    def _hold_all(self, norms: dict[_Key, str]) -> None:
        """`_hold` for every shingle of `norms` into an empty table: the keys come in
        corpus order, so each is appended (160k calls of `_hold` at 19k)."""
        holders = self.holders
        for k, n in norms.items():
            for h in _shingles(n):
                ids = holders.get(h)
                if ids is None:
                    holders[h] = k
                elif isinstance(ids, list):
                    ids.append(k)
                else:
                    holders[h] = [ids, k]

    def _hold(self, shingle: int, key: _Key) -> None:
        """`key` now holds `shingle`; its holders stay in corpus order."""
        ids = self.holders.get(shingle)
        if ids is None:
            self.holders[shingle] = key
        elif not isinstance(ids, list):
            self.holders[shingle] = [ids, key] if ids < key else [key, ids]
        elif ids[-1] < key:
            ids.append(key)
        else:
            insort(ids, key)

    def _release(self, shingle: int, key: _Key) -> None:
        """`key` no longer holds `shingle`."""
        ids = self.holders[shingle]
        if not isinstance(ids, list):
            del self.holders[shingle]
            return
        ids.remove(key)
        if len(ids) == 1:
            self.holders[shingle] = ids[0]

    def _propose(self, shingle: int, sign: int) -> None:
        ids = self.holders.get(shingle)
        if isinstance(ids, list):
            self._pair(ids, sign)

    def _pair(self, ids: list[_Key], sign: int) -> None:
        """Count (`sign` 1) or take back (-1) the pairs one shingle's holders propose."""
        if len(ids) > MAX_POSTINGS:
            return
        proposed = self.proposed
        for x in range(min(HUBS, len(ids))):
            a = ids[x]
            for y in range(x + 1, len(ids)):
                b = ids[y]
                if a[1] != b[1]:  # the article (`quote_order`'s second field)
                    pair = (a, b)
                    count = proposed[pair] + sign
                    if count:
                        proposed[pair] = count
                    else:
                        del proposed[pair]


def _shingles(norm: str) -> set[int]:
    w = norm.split()
    return {hash(tuple(w[j : j + SHINGLE])) for j in range(max(len(w) - SHINGLE + 1, 1))}


def _keys(pool: Sequence[Quote]) -> list[_Key]:
    """Each quotation's `quote_order`; a repeated one gets a count appended (still in order)."""
    keys: list[_Key] = []
    repeats: dict[_Key, int] = {}
    for q in pool:
        key: _Key = quote_order(q)
        if key in repeats:
            repeats[key] += 1
            key = (*key, repeats[key])
        else:
            repeats[key] = 0
        keys.append(key)
    return keys


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
    return _nested(_name_words(a), _name_words(b))


def _name_words(name: str) -> frozenset[str]:
    return frozenset(normalise(name).split())


def _nested(x: frozenset[str], y: frozenset[str]) -> bool:
    return bool(x and y) and (x <= y or y <= x)


def _order(q: Quote) -> tuple[str, str, int]:
    return (q.date or "9999", q.path, q.start)


def cluster_id(earliest: Quote) -> str:
    """A stable id: a hash of the earliest version's normalised text."""
    return "c" + hashlib.blake2b(normalise(earliest.text).encode(), digest_size=5).hexdigest()


def quote_order(q: Quote) -> tuple[str, str, int, int, str]:
    """Corpus order: the order quotations are clustered in, whatever order they came in
    (a bulk build's workers, or an update's untouched quotations and then its new ones)."""
    return (q.path, q.article_id, q.start, q.end, q.id)


def cluster_order(c: Cluster) -> tuple[str, str, int, str]:
    """The order clusters are listed in: earliest version first (one quotation is in
    one cluster only, so no two clusters tie)."""
    first = c.versions[0].quote
    return (*_order(first), first.article_id)


class ClusterMemo:
    """What a clustering run computed, for the next run over nearly the same quotations.

    Every entry is a pure function of its key, so a run that reuses them gives exactly
    what a run from nothing gives: a quotation's segments, the candidate table
    (`Candidates`), whether two quotations carry the same statement, whether two
    speakers can be one, and a group's built `Cluster` with its diff parts (keyed by
    its members less their links, and by its versions so: what the sidecar gives a
    new process). After an added or removed file, union-find still
    walks every candidate pair in order (the candidate graph of 100k articles is one
    component of 20k quotations), but compares only the pairs it had not compared
    before and builds only the groups that changed. Only the latest run's are kept.
    """

    def __init__(self, clusters: Sequence[Cluster] = ()) -> None:
        self.segments: dict[str, tuple[str, ...]] = {}
        self.same: dict[tuple[tuple[str, ...], tuple[str, ...]], bool] = {}
        self.speakers: dict[tuple[str, str], bool] = {}
        self.candidates = Candidates()
        # A built cluster by its versions, a group's by its members (with the versions'
        # key), each keyed by the quotations less their links (`_bare`): the quotations
        # themselves where they have none, as clustered ones have not, so a key costs
        # its tuple alone (a tuple of fields a quotation was 21 MB at 100k).
        self.built: dict[tuple[Quote, ...], Cluster] = {
            tuple(_bare(v.quote) for v in c.versions): c for c in clusters
        }
        self.grouped: dict[tuple[Quote, ...], tuple[tuple[Quote, ...], Cluster]] = {}


# Every field of a Quote but its links: what a built cluster depends on.
_unlinked = attrgetter(*(f.name for f in fields(Quote) if f.name not in ("cluster", "also_in")))


def _bare(q: Quote) -> Quote:
    """`q` without its links: equal to another when their `_unlinked` fields are."""
    return q if q.cluster is None and not q.also_in else replace(q, cluster=None, also_in=())


def cluster_quotes(quotes: Sequence[Quote], memo: ClusterMemo | None = None) -> list[Cluster]:
    """Statements carried by 2+ sources; versions' quotes have `cluster` and `also_in` set.

    With `memo` (updated for the next run), what an earlier run computed for the same
    quotations is not computed again.
    """
    memo = memo if memo is not None else ClusterMemo()
    known = memo.segments
    pool = sorted((q for q in quotes if q.kind in CLUSTER_KINDS), key=quote_order)
    seen: dict[str, tuple[str, ...]] = {}
    segs: list[tuple[str, ...]] = []
    kept: list[Quote] = []
    for q in pool:
        found = seen.get(q.text)
        if found is None:
            found = known.get(q.text)
            if found is None:
                found = tuple(segments(q.text))
            seen[q.text] = found
        if sum(len(x.split()) for x in found) >= MIN_WORDS:
            segs.append(found)
            kept.append(q)
    pool = kept
    sources = [q.article_id for q in pool]
    keys = _keys(pool)
    memo.candidates.update(dict(zip(keys, (" ".join(s) for s in segs), strict=True)))
    members = _link(segs, [q.speaker for q in pool], _pairs(keys, memo.candidates), memo)
    built: dict[tuple[Quote, ...], Cluster] = {}
    grouped: dict[tuple[Quote, ...], tuple[tuple[Quote, ...], Cluster]] = {}
    for group in members:
        if len({sources[i] for i in group}) < 2:
            continue
        key = tuple(_bare(pool[i]) for i in group)
        entry = memo.grouped.get(key)
        if entry is None:
            versions = tuple(_versions(list(key)))
            entry = (versions, memo.built.get(versions) or _build(list(versions)))
        grouped[key] = entry
        built[entry[0]] = entry[1]
    memo.segments, memo.built, memo.grouped = seen, built, grouped
    return sorted((cluster for _, cluster in grouped.values()), key=cluster_order)


def _pairs(keys: list[_Key], candidates: Candidates) -> array:
    """The proposed pairs by the quotations' places in `keys`, in order, each pair
    `(a, b)` as the one number `a * len(keys) + b` (a tuple of two a pair was ~13 MB
    at 100k, held through the linking)."""
    position = {k: i for i, k in enumerate(keys)}
    n = len(keys)
    return array("q", sorted(position[a] * n + position[b] for a, b in candidates.proposed))


def _link(
    segs: list[tuple[str, ...]],
    speakers_of: list[str | None],
    pairs: array,
    memo: ClusterMemo,
) -> list[list[int]]:
    """Union-find over the candidate pairs (`_pairs`), in order: two groups join when
    their speakers agree and the two quotations carry the same statement."""
    n = len(segs)
    uf = _UnionFind(n)
    # Per group root, its speakers: one frozenset a speaker, shared, until groups join.
    alone = {s: frozenset((s,)) for s in speakers_of if s}
    nobody: frozenset[str] = frozenset()
    speakers = [alone[s] if s else nobody for s in speakers_of]
    same: dict[tuple[tuple[str, ...], tuple[str, ...]], bool] = {}
    names: dict[tuple[str, str], bool] = {}
    # Each speaker's words, made once: `same_speaker` made both sides' in every pair
    # (7,721 pairs of a few thousand speakers at 19k). Held while linking only.
    words = {s: _name_words(s) for s in alone}
    same_before, names_before = memo.same, memo.speakers
    for pair in pairs:
        a, b = divmod(pair, n)
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            continue
        agree = True
        for x in speakers[ra]:
            for y in speakers[rb]:
                found = names.get((x, y))
                if found is None:
                    found = names_before.get((x, y))
                    if found is None:
                        found = _nested(words[x], words[y])
                    names[(x, y)] = found
                if not found:
                    agree = False
                    break
            if not agree:
                break
        if not agree:
            continue
        key = (segs[a], segs[b])
        found = same.get(key)
        if found is None:
            found = same_before.get(key)
            if found is None:
                found = same_statement(segs[a], segs[b])
            same[key] = found
        if found:
            uf.union(a, b)
            speakers[uf.find(a)] = speakers[ra] | speakers[rb]
    memo.same, memo.speakers = same, names
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(segs)):
        groups[uf.find(i)].append(i)
    return list(groups.values())


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


def _versions(members: list[Quote]) -> list[Quote]:
    """A group's versions, earliest first: per source, its halves joined."""
    by_source: dict[str, list[Quote]] = defaultdict(list)
    for q in members:
        by_source[q.article_id].append(q)
    return sorted((v for qs in by_source.values() for v in _join_halves(qs)), key=_order)


def _build(members: list[Quote]) -> Cluster:
    """The cluster of one group's versions (`_versions`): its id, links and diff parts."""
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
        if version is None:
            out.append(q)
        elif _unlinked(version) == _unlinked(q):  # the version is this quote, linked
            out.append(version)
        else:
            out.append(replace(q, cluster=version.cluster, also_in=version.also_in))
    return out
