"""Coverage over time, computed without Textual: articles per day (or per week, when
the dates span more than `WEEKLY_AFTER_DAYS`) per outlet, and where and when each
statement carried by several sources appeared.

`build_timeline` is a pure function of the listed articles and the clusters, so
the chart's numbers are tested without an app; the timeline widget only draws
them. A corpus without any date is laid out in corpus order instead, one column
per article, and says so.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from index import ArticleInfo, Cluster, Quote, display_date

from .literal import one_line
from .provenance import first_carried_quote, source_heading

WEEKLY_AFTER_DAYS = 60
NO_OUTLET = "(no outlet)"
STATEMENT_WORDS = 10
NO_DATES = (
    "No dates in this corpus: add them with sources.csv, front matter or .jsonl fields; "
    "shown in corpus order"
)


@dataclass(frozen=True, slots=True)
class Bucket:
    """One column of the chart: a day, a week (from its Monday) or articles in corpus order."""

    label: str  # "10 Sep", or "#3" in corpus order
    start: dt.date | None = None


@dataclass(frozen=True, slots=True)
class OutletRow:
    """One outlet's articles per bucket."""

    outlet: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class Appearance:
    """One version of a statement: who carried it, when, and where it sits on the chart."""

    quote: Quote
    outlet: str  # the chart row it belongs to
    when: str  # "10 Sep 2020", or "undated"
    bucket: int | None  # None when its article is not on the chart (no date)
    first: bool  # the first carried

    @property
    def heading(self) -> str:
        return source_heading(self.quote)


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement carried by several sources, with its appearances earliest first."""

    cluster_id: str
    speaker: str
    words: str
    appearances: tuple[Appearance, ...]

    @property
    def outlets(self) -> int:
        return len({a.outlet for a in self.appearances})

    @property
    def when(self) -> str:
        """When it first appeared, or "undated"."""
        return self.appearances[0].when if self.appearances else "undated"


@dataclass(frozen=True, slots=True)
class Timeline:
    """The chart's data: `rows[i].counts[j]` articles of outlet i in bucket j."""

    dated: bool
    unit: str  # "day", "week", or "article" (corpus order)
    buckets: tuple[Bucket, ...]
    rows: tuple[OutletRow, ...]
    statements: tuple[Statement, ...]
    articles: int  # on the chart
    undated: int  # dated corpus: articles left off the chart for want of a date
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    group: int = 1  # base buckets per column (see `grouped`)
    bucket_of: Mapping[str, int] = field(default_factory=dict)

    @property
    def peak(self) -> int:
        return max((count for row in self.rows for count in row.counts), default=0)

    def marks(self, statement: Statement | None) -> set[tuple[str, int]]:
        """The (outlet, bucket) cells where `statement` appeared."""
        if statement is None:
            return set()
        return {(a.outlet, a.bucket) for a in statement.appearances if a.bucket is not None}

    @property
    def span(self) -> str:
        """`10 Sep 2020 – 24 Sep 2020`, or "" without dates."""
        if self.first_day is None or self.last_day is None:
            return ""
        first = display_date(self.first_day.isoformat())
        last = display_date(self.last_day.isoformat())
        return first if first == last else f"{first} – {last}"


def _day(info: ArticleInfo) -> dt.date | None:
    try:
        return dt.date.fromisoformat(info.date[:10]) if info.date else None
    except ValueError:
        return None


def _outlet(info: ArticleInfo | None) -> str:
    return one_line(info.outlet) if info is not None and info.outlet else NO_OUTLET


def _short(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%b')}"


def build_timeline(
    infos: Sequence[ArticleInfo],
    clusters: Iterable[Cluster],
    *,
    weekly_after: int = WEEKLY_AFTER_DAYS,
) -> Timeline:
    """The chart and the statements of a corpus (`infos` in corpus order)."""
    days = {info.id: day for info in infos if (day := _day(info)) is not None}
    first: dt.date | None
    last: dt.date | None
    if days:
        first, last = min(days.values()), max(days.values())
        weekly = (last - first).days + 1 > weekly_after
        origin = first - dt.timedelta(days=first.weekday()) if weekly else first
        step = 7 if weekly else 1
        count = (last - origin).days // step + 1
        starts = [origin + dt.timedelta(days=i * step) for i in range(count)]
        buckets = tuple(Bucket(_short(day), day) for day in starts)
        bucket_of = {aid: (day - origin).days // step for aid, day in days.items()}
        unit = "week" if weekly else "day"
    else:
        first = last = None
        buckets = tuple(Bucket(f"#{n}") for n in range(1, len(infos) + 1))
        bucket_of = {info.id: n for n, info in enumerate(infos)}
        unit = "article"
    by_id = {info.id: info for info in infos}
    counts: dict[str, list[int]] = {}
    for article_id, index in bucket_of.items():
        row = counts.setdefault(_outlet(by_id[article_id]), [0] * len(buckets))
        row[index] += 1
    rows = sorted(
        (OutletRow(name, tuple(values)) for name, values in counts.items()),
        key=lambda r: (r.outlet == NO_OUTLET, -r.total, r.outlet.lower()),
    )
    statements = sorted(
        (_statement(c, by_id, bucket_of) for c in clusters if len(c.sources) > 1),
        key=lambda s: (_earliest(s), s.words),
    )
    return Timeline(
        dated=bool(days),
        unit=unit,
        buckets=buckets,
        rows=tuple(rows),
        statements=tuple(statements),
        articles=len(bucket_of),
        undated=len(infos) - len(days) if days else 0,
        first_day=first,
        last_day=last,
        bucket_of=bucket_of,
    )


def _earliest(statement: Statement) -> str:
    dated = [a.quote.published for a in statement.appearances if a.quote.published]
    return min(dated) if dated else "9999"


def _statement(
    cluster: Cluster, infos: Mapping[str, ArticleInfo], bucket_of: Mapping[str, int]
) -> Statement:
    first = first_carried_quote(cluster)
    appearances = []
    seen: set[str] = set()
    for version in cluster.versions:  # earliest first; a split quotation shows once
        quote = version.quote
        if quote.article_id in seen:
            continue
        seen.add(quote.article_id)
        appearances.append(
            Appearance(
                quote,
                _outlet(infos.get(quote.article_id)),
                display_date(quote.published) or "undated",
                bucket_of.get(quote.article_id),
                first is not None and quote.id == first.id,
            )
        )
    names = Counter(v.quote.speaker for v in cluster.versions if v.quote.speaker)
    speaker = names.most_common(1)[0][0] if names else "unattributed"
    lead = max(cluster.versions, key=lambda v: len(v.quote.text))
    words = one_line(lead.quote.text).split()
    text = " ".join(words[:STATEMENT_WORDS]) + ("…" if len(words) > STATEMENT_WORDS else "")
    return Statement(cluster.id, one_line(speaker), text, tuple(appearances))


def grouped(timeline: Timeline, factor: int) -> Timeline:
    """The timeline with every `factor` buckets drawn as one column (a narrow
    terminal); each column is labelled by its first bucket."""
    if factor <= 1:
        return timeline

    def merge(counts: Sequence[int]) -> tuple[int, ...]:
        return tuple(sum(counts[i : i + factor]) for i in range(0, len(counts), factor))

    def moved(a: Appearance) -> Appearance:
        return a if a.bucket is None else replace(a, bucket=a.bucket // factor)

    return replace(
        timeline,
        buckets=timeline.buckets[::factor],
        rows=tuple(replace(row, counts=merge(row.counts)) for row in timeline.rows),
        statements=tuple(
            replace(s, appearances=tuple(moved(a) for a in s.appearances))
            for s in timeline.statements
        ),
        group=timeline.group * factor,
        bucket_of={aid: b // factor for aid, b in timeline.bucket_of.items()},
    )
