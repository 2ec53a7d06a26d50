"""A fixed, deterministic mix of queries drawn from a corpus's own words.

Words come from randomly sampled documents (seeded RNG), so frequent words are
picked more often, as people search for them more often; words in more than a
fifth of the sampled documents are left out as a stop list would. Each query
knows how to spell itself for Whoosh (our syntax), tantivy and SQLite FTS5, so
every engine answers the same question.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bench.documents import Doc

# How many queries of each kind (>= 200 in all).
MIX: dict[str, int] = {"term": 50, "and": 40, "phrase": 40, "prefix": 25, "fuzzy": 25, "field": 30}
KINDS = tuple(MIX)
SAMPLE_DOCS = 600
COMMON_SHARE = 0.2
WORD = re.compile(r"[a-z]{4,14}")
TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class BenchQuery:
    """One query: its kind and the words it is made of (for fuzzy, already misspelt)."""

    kind: str
    words: tuple[str, ...]

    def whoosh(self) -> str:
        """Our query language (Whoosh syntax, AND by default)."""
        first, last = self.words[0], self.words[-1]
        match self.kind:
            case "and":
                return f"{first} AND {last}"
            case "phrase":
                return f'"{" ".join(self.words)}"'
            case "prefix":
                return f"{first}*"
            case "fuzzy":
                return f"{first}~"
            case "field":
                return f"title:{first}"
        return first

    def fts5(self) -> str | None:
        """SQLite FTS5 MATCH syntax; None for fuzzy, which FTS5 cannot express."""
        first, last = self.words[0], self.words[-1]
        match self.kind:
            case "and":
                return f'"{first}" AND "{last}"'
            case "phrase":
                return f'"{" ".join(self.words)}"'
            case "prefix":
                return f'"{first}"*'
            case "fuzzy":
                return None
            case "field":
                return f'title : "{first}"'
        return f'"{first}"'


def content_words(text: str) -> list[str]:
    return WORD.findall(text.lower())


class QueryMaker:
    """Draws query words from `docs` with one seeded RNG, skipping over-common words."""

    def __init__(self, docs: Sequence[Doc], seed: int) -> None:
        if not docs:
            raise ValueError("no documents to draw queries from")
        self.rng = random.Random(seed)
        self.sample = self.rng.sample(list(docs), min(SAMPLE_DOCS, len(docs)))
        df = Counter(w for d in self.sample for w in set(content_words(f"{d.title} {d.body}")))
        limit = max(2, COMMON_SHARE * len(self.sample))
        self.common = {w for w, n in df.items() if n > limit}

    def words(self, text: str, min_len: int = 4) -> list[str]:
        return [w for w in content_words(text) if w not in self.common and len(w) >= min_len]

    def pick(self, field: str = "body", min_len: int = 4, count: int = 1) -> tuple[str, ...]:
        """`count` distinct words from one random document (retrying sparse ones)."""
        for _ in range(1000):
            doc = self.rng.choice(self.sample)
            pool = sorted(set(self.words(getattr(doc, field), min_len)))
            if len(pool) >= count:
                return tuple(self.rng.sample(pool, count))
        raise ValueError(f"documents too short for {count} words of {min_len}+ letters")

    def phrase(self) -> tuple[str, ...]:
        """Two adjacent content words of a body, so the phrase really occurs."""
        for _ in range(1000):
            tokens = TOKEN.findall(self.rng.choice(self.sample).body.lower())
            pairs = [
                (a, b)
                for a, b in itertools.pairwise(tokens)
                if WORD.fullmatch(a) and WORD.fullmatch(b) and not {a, b} & self.common
            ]
            if pairs:
                return self.rng.choice(pairs)
        raise ValueError("no two adjacent content words in the sampled documents")

    def misspelt(self) -> tuple[str, ...]:
        """A word of 6+ letters with one inner letter replaced: what `~` should rescue."""
        word = self.pick(min_len=6)[0]
        i = self.rng.randrange(1, len(word) - 1)
        letter = self.rng.choice([c for c in "abcdefghijklmnopqrstuvwxyz" if c != word[i]])
        return (word[:i] + letter + word[i + 1 :],)

    def make(self, kind: str) -> BenchQuery:
        if kind == "term":
            return BenchQuery(kind, self.pick())
        if kind == "and":
            return BenchQuery(kind, self.pick(count=2))
        if kind == "phrase":
            return BenchQuery(kind, self.phrase())
        if kind == "prefix":
            return BenchQuery(kind, (self.pick(min_len=7)[0][:4],))
        if kind == "fuzzy":
            return BenchQuery(kind, self.misspelt())
        if kind == "field":
            return BenchQuery(kind, self.pick(field="title"))
        raise ValueError(f"unknown query kind {kind!r}")


def query_mix(
    docs: Sequence[Doc], seed: int = 5, mix: dict[str, int] | None = None
) -> list[BenchQuery]:
    """The fixed mix (same docs and seed -> same queries), kinds interleaved."""
    maker = QueryMaker(docs, seed)
    plan = [kind for kind, n in (mix or MIX).items() for _ in range(n)]
    random.Random(seed).shuffle(plan)
    return [maker.make(kind) for kind in plan]
