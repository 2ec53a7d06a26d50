"""Paragraphs and sentences of an article's text, as offsets.

News text arrives with paragraphs as blank-line blocks or as single lines, so a
paragraph here is any non-empty line: both layouts give the same answer.
"""

from __future__ import annotations

import re

from index.models import Span

_LINE = re.compile(r"[^\n]+")
# A sentence ends at . ! ? (optionally followed by closing marks) before a capital or a mark.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9#@])")
# Titles abbreviated before a name (`Mr. Sanders`, `Sen. Ted Cruz`): their full stop ends nothing.
TITLE_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|St|Sr|Jr|Prof|Rev|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Capt|Cmdr|Adm|Maj|Cpl|Pvt|Atty|"
    "Supt|Det|Insp|Hon|Fr|Msgr|Amb|Sec|Pres|Gens|Reps|Sens|Govs|Messrs"
)
# Abbreviations whose full stop does not end a sentence.
_ABBREV = re.compile(
    rf"(?:\b(?:{TITLE_ABBREVIATIONS}|Sept|Oct|Nov|Dec|Jan|Feb|Aug|No|vs|Inc|Corp|Ltd|Co|"
    r"U\.S|U\.K|[A-Z])\.)$"
)
_CLAUSE_STOP = re.compile(r"[.?!;]\s|[“\"]")


def clause_stop(text: str, start: int, end: int) -> int:
    """Where the words after `start` stop: a sentence end (not `Mr.`) or a new quotation."""
    for m in _CLAUSE_STOP.finditer(text, start, end):
        if m.group()[0] == "." and _ABBREV.search(text, max(start, m.start() - 6), m.start() + 1):
            continue
        return m.start()
    return end


def paragraph_spans(text: str) -> list[Span]:
    """Every non-empty line of `text` as (start, end), trailing spaces excluded."""
    spans = []
    for m in _LINE.finditer(text):
        start, end = m.span()
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            spans.append((start, end))
    return spans


def paragraph_of(paragraphs: list[Span], pos: int) -> int:
    """Index of the paragraph holding `pos` (the last one starting at or before it)."""
    lo, hi = 0, len(paragraphs)
    while lo < hi:
        mid = (lo + hi) // 2
        if paragraphs[mid][0] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return max(lo - 1, 0)


def sentence_starts(text: str, start: int, end: int) -> list[int]:
    """Offsets where sentences begin within text[start:end], `start` first."""
    starts = [start]
    for m in _SENTENCE_END.finditer(text, start, end):
        if _ABBREV.search(text, max(start, m.start() - 6), m.start() + 1):
            continue
        starts.append(m.end())
    return starts
