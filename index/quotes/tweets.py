"""Embedded tweets: the text, then `— Name (@handle) Month D, YYYY` on that line or the next.

Pasted embeds keep the attribution line in one of two places, and sometimes lose
it; a paragraph ending in a twitter picture or t.co link is still a tweet then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from index.models import Span

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|"
    "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
ATTRIBUTION = re.compile(
    r"(?:^|[ \t]+)[—–-]{1,2}[ \t]*(?P<name>[^\n()]{0,80}?)[ \t]*\((?P<handle>@\w{1,20})\)"
    rf"[ \t]*(?P<date>(?:{_MONTHS})\.?[ \t]+\d{{1,2}},?[ \t]+\d{{4}})?[ \t]*$",
    re.MULTILINE,
)
_TWEET_LINK = re.compile(r"(?:pic\.twitter\.com/\w+|https?://t\.co/\w+)\s*$")
_MAX_UNSIGNED_CHARS = 400


@dataclass(frozen=True, slots=True)
class Tweet:
    """One embedded tweet; `start:end` is its text, `attribution` the signature line span."""

    start: int
    end: int
    name: str | None
    handle: str | None
    date: str | None
    attribution: Span | None = None


def iso_date(written: str | None) -> str | None:
    """`September 11, 2020` -> `2020-09-11`; None when it cannot be read."""
    if not written:
        return None
    cleaned = re.sub(r"\s+", " ", written.replace(",", "").replace(".", "")).strip()
    cleaned = cleaned.replace("Sept ", "Sep ")
    for fmt in ("%B %d %Y", "%b %d %Y"):
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def find_tweets(text: str, paragraphs: list[Span]) -> list[Tweet]:
    """Every embedded tweet, signed or not, in text order."""
    tweets: list[Tweet] = []
    used: set[int] = set()
    for n, (start, end) in enumerate(paragraphs):
        m = ATTRIBUTION.search(text, start, end)
        if not m or m.end() < end:
            continue
        name = m.group("name").strip() or None
        sig = (m.start() + len(m.group()) - len(m.group().lstrip()), m.end())
        body: Span | None = None
        if text[start : m.start()].strip():
            body = (start, len(text[: m.start()].rstrip()))
        elif n > 0 and n - 1 not in used and not ATTRIBUTION.search(text, *paragraphs[n - 1]):
            body = paragraphs[n - 1]
            used.add(n - 1)
        if body is None:
            continue
        used.add(n)
        tweets.append(
            Tweet(body[0], body[1], name, m.group("handle"), iso_date(m.group("date")), sig)
        )
    for n, (start, end) in enumerate(paragraphs):
        if n in used or end - start > _MAX_UNSIGNED_CHARS:
            continue
        if _TWEET_LINK.search(text, start, end):
            tweets.append(Tweet(start, end, None, None, None))
    return sorted(tweets, key=lambda t: t.start)
