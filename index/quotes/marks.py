"""Finding quoted spans by their marks: curly or straight, double or single.

Handles the conventions of news copy rather than well-formed pairs: a quotation
run over several paragraphs (each opens a mark, only the last closes), a
paragraph whose opening mark was lost (`Text," Netflix said.`), and a new
opening mark while one is still open (a paragraph break that was flattened).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from index.models import Span
from index.quotes.attribution import SAY_VERBS
from index.quotes.layout import paragraph_spans, sentence_starts

_DOUBLE = re.compile(r"[\"“”„‟«»]")
_SINGLE = re.compile(r"[‘’']")
_OPEN_BEFORE = set("([{—–-/") | {"\u00a0"}
_CLOSE_AFTER = set(",.;:!?)]}—–-…'’")
_MIN_UNMARKED_WORDS = 3
_MAX_SINGLE_WORDS = 14
_LOOK_BACK = 80  # characters enough to count _MIN_UNMARKED_WORDS words
_FIRST_SECOND_PERSON = re.compile(r"\b(?:I|I'm|I’m|we|We|my|My|our|Our|us|you|You|your|Your|me)\b")
_WORD = re.compile(r"\w+")
# Reporting verbs as narration writes them: not the bare `tell` of `Time will tell`.
_REPORTED = frozenset(w for w in SAY_VERBS if w.endswith(("ed", "s", "ing"))) | {
    "said",
    "told",
    "wrote",
}


# `''` as a double mark; a third apostrophe is a single mark nested inside it
_TWO_APOSTROPHES = re.compile(r"(?<!['’])'''?(?!['’])")


def normalise_marks(text: str) -> str:
    """`''…''` (two apostrophes, as some outlets write double marks) as `"`, offsets kept.

    The unused apostrophe becomes a space on the outer side (` "It`, `it," `),
    so the mark reads as opening or closing exactly as a typed `"` would; of
    three, one is the single mark inside (`'old-school,''' said`: `'" `).
    """
    if "''" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        i = m.start()
        prev = text[i - 1] if i else " "
        opening = prev.isspace() or prev in _OPEN_BEFORE
        if len(m.group()) == 3:
            return " \"'" if opening else "'\" "
        return ' "' if opening else '" '

    return _TWO_APOSTROPHES.sub(one, text)


# A transcript's speaker label: `PENCE:`, `JAKE TAPPER:`, `MR. TRUMP:`.
SPEAKER_LABEL = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s")


@dataclass(frozen=True, slots=True)
class Marked:
    """A quoted span: `start:end` is the text inside the marks (marks excluded)."""

    start: int
    end: int
    opened: bool = True
    closed: bool = True
    single: bool = False
    pieces: tuple[Span, ...] = ()


def _unclosed_end(text: str, start: int, end: int) -> int:
    """Where a quotation without its closing mark really ends.

    It stops before the first later sentence that reads as narration: a
    reporting verb and no first or second person (`Meanwhile, X said ...`).
    """
    starts = sentence_starts(text, start, end)
    for s, nxt in pairwise([*starts[1:], end]):
        sentence = text[s:nxt]
        if _narration(sentence):
            return len(text[:s].rstrip())
    return end


def _narration(sentence: str) -> bool:
    """A reporter's sentence: a reporting verb as narration writes it, no first or second person."""
    words = {w.casefold() for w in _WORD.findall(sentence)}
    return bool(words & _REPORTED) and not _FIRST_SECOND_PERSON.search(sentence)


def _lost_opening(line: str, i: int) -> bool:
    """Whether the closing mark at `line[i]` ends a quotation whose opening mark was lost.

    `Cuties is a social commentary ...," Netflix said`: enough words before it,
    ending in punctuation. A stray mark closing the paragraph after narration
    (`But Mizrahi said that OPEC is unlikely to ... bpd."`) is a typo, not a quote.
    """
    if _words(line[max(i - _LOOK_BACK, 0) : i]) < _MIN_UNMARKED_WORDS or line[i - 1] not in ",.?!…":
        return False
    return bool(line[i + 1 :].strip()) or not _narration(line[:i])


def _role(line: str, i: int, char: str) -> str:
    """'open' or 'close' for the mark at `line[i]`, judged by what surrounds it."""
    prev = line[i - 1] if i > 0 else " "
    nxt = line[i + 1] if i + 1 < len(line) else " "
    opening = (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()
    closing = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER or nxt in '"”')
    if char in "“„‟«":
        return "close" if closing and not opening else "open"
    if char in "”»":
        return "open" if opening and not closing else "close"
    if opening != closing:
        return "open" if opening else "close"
    return "toggle"


def _mid_sentence(line: str, open_at: int, i: int) -> bool:
    """Whether a mark opening at `line[i]` inside the quotation from `open_at` is mid-sentence
    (after a word or a comma, not a sentence end): a nested quotation, not a new one."""
    j = i - 1
    while j >= open_at and line[j].isspace():
        j -= 1
    return j >= open_at and (line[j].isalnum() or line[j] in ",:;")


def _rstripped(text: str, end: int) -> int:
    """`end` moved back over trailing spaces, without copying the text before it."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _words(text: str) -> int:
    return len(text.split())


def _line_pieces(text: str, start: int, end: int) -> list[Marked]:
    """Double-quoted pieces of one paragraph; unclosed ones run to the paragraph end."""
    line = text[start:end]
    pieces: list[Marked] = []
    open_at: int | None = None
    nested = 0  # marks opened inside the open quotation, in its own style
    for m in _DOUBLE.finditer(line):
        i = m.start()
        if 0 < i < len(line) - 1 and line[i - 1].isalnum() and line[i + 1].isalnum():
            continue  # `EC"s`: a straight mark typed for an apostrophe
        role = _role(line, i, m.group())
        if role == "toggle":
            role = "close" if open_at is not None else "open"
        if role == "open" and open_at is not None and _mid_sentence(line, open_at, i):
            nested += 1  # `"When they tell you "we cannot" you say ..."`: a quote within
        elif role == "close" and nested:
            nested -= 1
        elif role == "open":
            if open_at is not None and _words(line[open_at:i]) > 0:
                stop = _unclosed_end(text, start + open_at, _rstripped(text, start + i))
                pieces.append(Marked(start + open_at, stop, True, False))
            open_at = i + 1
        elif open_at is not None:
            pieces.append(Marked(start + open_at, start + i, True, True))
            open_at = None
            nested = 0
        elif not pieces and _lost_opening(line, i):
            pieces.append(Marked(start, start + i, opened=False, closed=True))
    if open_at is not None and _words(line[open_at:]) > 0:
        stop = end if open_at == 1 else _unclosed_end(text, start + open_at, end)
        pieces.append(Marked(start + open_at, stop, True, False))
    return pieces


def _continues(text: str, prev: Marked, nxt: Marked) -> bool:
    """Whether `nxt` carries on the unclosed `prev` (next paragraph, or right after it)."""
    if prev.closed or not nxt.opened or SPEAKER_LABEL.match(text, nxt.start):
        return False  # a transcript's next speaker (`"PENCE: ...`) starts a new quotation
    between = text[prev.end : nxt.start - 1]
    return between.strip() == ""


def double_quoted(text: str, paragraphs: list[Span] | None = None) -> list[Marked]:
    """Every double-quoted span, multi-paragraph quotations merged into one."""
    raw: list[Marked] = []
    for start, end in paragraphs if paragraphs is not None else paragraph_spans(text):
        raw.extend(_line_pieces(text, start, end))
    merged: list[Marked] = []
    group: list[Marked] = []
    for piece in raw:
        if group and _continues(text, group[-1], piece):
            group.append(piece)
            continue
        if group:
            merged.append(_merge(group))
        group = [piece]
    if group:
        merged.append(_merge(group))
    return [m for m in merged if m.closed or _words(text[m.start : m.end]) >= _MIN_UNMARKED_WORDS]


def _merge(group: list[Marked]) -> Marked:
    first, last = group[0], group[-1]
    return Marked(
        first.start,
        last.end,
        first.opened,
        last.closed,
        False,
        tuple((p.start, p.end) for p in group),
    )


def single_quoted(text: str, paragraphs: list[Span] | None = None) -> list[Marked]:
    """Short spans in single marks (‘exploitative’, 'will fight on'), apostrophes left alone."""
    found: list[Marked] = []
    for start, end in paragraphs if paragraphs is not None else paragraph_spans(text):
        line = text[start:end]
        open_at: int | None = None
        for m in _SINGLE.finditer(line):
            i = m.start()
            prev = line[i - 1] if i > 0 else " "
            nxt = line[i + 1] if i + 1 < len(line) else " "
            if prev.isalnum() and nxt.isalnum():
                continue  # an apostrophe inside a word
            if open_at is None:
                if (prev.isspace() or prev in _OPEN_BEFORE or prev in '"“') and nxt.isalnum():
                    open_at = i + 1
            elif not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER or nxt in '"”'):
                inner = line[open_at:i]
                if 0 < _words(inner) <= _MAX_SINGLE_WORDS:
                    found.append(Marked(start + open_at, start + i, single=True))
                open_at = None
    return found
