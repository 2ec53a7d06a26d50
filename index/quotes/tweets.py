"""Embedded tweets: the text, then `— Name (@handle) Month D, YYYY` on that line or the next.

Pasted embeds keep the attribution line in one of two places, and sometimes lose
it; a paragraph ending in a twitter picture or t.co link is still a tweet then.
Some texts keep the embed's markup, `<tweet author="@handle" ...>text</tweet>`:
the author is the account (never the tag's name), the markup is not prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

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
# `<tweet id=".." author="@x" datetime="2016-02-15">text</tweet>` (or closed by `<tweet/>`)
_TAG = re.compile(r"<tweet\b(?P<attrs>[^<>]*)>(?P<body>.*?)(?:</tweet>|<tweet\s*/>)", re.DOTALL)
MARKUP = re.compile(r"</?tweet\b[^<>]*>")
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
_HANDLE = re.compile(r"@?(\w{1,20})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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


def _tag_date(attributes: dict[str, str]) -> str | None:
    """The markup's date: ISO (`datetime`), written (`tweet-date`) or a Unix `timestamp`."""
    written = attributes.get("datetime") or attributes.get("tweet-date") or ""
    if _ISO_DATE.fullmatch(written.strip()):
        return written.strip()
    stamp = attributes.get("timestamp", "")
    if stamp.isdigit():
        return datetime.fromtimestamp(int(stamp), UTC).date().isoformat()
    return iso_date(written)


def _signed(sig: re.Match[str], offset: int) -> tuple[str | None, str, str | None, Span]:
    """A signature line's name, handle, date and span (`offset` places it in the text)."""
    lead = len(sig.group()) - len(sig.group().lstrip())
    span = (offset + sig.start() + lead, offset + sig.end())
    return sig.group("name").strip() or None, sig.group("handle"), iso_date(sig.group("date")), span


def _tagged(text: str, m: re.Match[str]) -> Tweet | None:
    """A tweet kept with its markup: the signature ending its text, else the author's handle
    (the attribute is the evidence); no speaker when the author is not a handle."""
    start, end = m.span("body")
    end = start + len(text[start:end].rstrip())
    start = end - len(text[start:end].lstrip())
    body = text[start:end]
    if not body:
        return None
    sig = ATTRIBUTION.search(body)
    if sig and sig.end() == len(body) and body[: sig.start()].strip():
        name, handle, date, span = _signed(sig, start)
        return Tweet(start, start + len(body[: sig.start()].rstrip()), name, handle, date, span)
    attributes = {a.group(1).lower(): a for a in _ATTRIBUTE.finditer(m.group("attrs"))}
    values = {k: a.group(2) for k, a in attributes.items()}
    key = "author" if "author" in attributes else "tweet-author"
    author = _HANDLE.fullmatch(values.get(key, "").strip())
    if author is None:
        return Tweet(start, end, None, None, _tag_date(values))
    value = m.start("attrs") + attributes[key].start(2)
    span = (value, value + len(attributes[key].group(2)))
    return Tweet(start, end, None, f"@{author.group(1)}", _tag_date(values), span)


def find_tweets(text: str, paragraphs: list[Span]) -> list[Tweet]:
    """Every embedded tweet, signed or not, in text order."""
    tagged = [t for m in _TAG.finditer(text) if (t := _tagged(text, m))] if "<tweet" in text else []
    tweets = _pasted(text, paragraphs, [(t.start, t.end) for t in tagged])
    return sorted(tagged + tweets, key=lambda t: t.start)


def _pasted(text: str, paragraphs: list[Span], tagged: list[Span]) -> list[Tweet]:
    """Tweets pasted as text, signed on their line or the next, or ending on a twitter link."""
    tweets: list[Tweet] = []
    if "(@" not in text and "t.co/" not in text and "twitter.com/" not in text:
        return tweets  # no signature's handle, no link: the searches per paragraph find nothing
    used = {n for n, (s, e) in enumerate(paragraphs) if any(s < te and ts < e for ts, te in tagged)}
    for n, (start, end) in enumerate(paragraphs):
        if n in used:
            continue
        m = ATTRIBUTION.search(text, start, end)
        if not m or m.end() < end:
            continue
        name, handle, date, sig = _signed(m, 0)
        body: Span | None = None
        if text[start : m.start()].strip():
            body = (start, len(text[: m.start()].rstrip()))
        elif n > 0 and n - 1 not in used and not ATTRIBUTION.search(text, *paragraphs[n - 1]):
            body = paragraphs[n - 1]
            used.add(n - 1)
        if body is None:
            continue
        used.add(n)
        tweets.append(Tweet(body[0], body[1], name, handle, date, sig))
    for n, (start, end) in enumerate(paragraphs):
        if n in used or end - start > _MAX_UNSIGNED_CHARS:
            continue
        if _TWEET_LINK.search(text, start, end):
            tweets.append(Tweet(start, end, None, None, None))
    return tweets
