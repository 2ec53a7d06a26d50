"""Every quotation in one article, with its kind and speaker.

`Quote.start:end` is the quoted text without its marks (for a quotation run
over several paragraphs it runs from the first word to the last, the paragraph
breaks and repeated marks between included); `Quote.text` is that text with
paragraph breaks and inner marks flattened to single spaces.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from index.models import Article, Quote, Span
from index.quotes.attribution import (
    INVERTED,
    SAY_VERBS,
    Mention,
    after_quote,
    agent_noun,
    before_quote,
    has_cue,
    noun_phrase_before,
    sentence_subject,
    tokens,
)
from index.quotes.blocks import find_blocks
from index.quotes.evidence import cue_evidence
from index.quotes.layout import clause_stop, paragraph_of, paragraph_spans, sentence_starts
from index.quotes.lexicon import is_english_word
from index.quotes.marks import (
    SPEAKER_LABEL,
    Marked,
    double_quoted,
    normalise_marks,
    single_quoted,
)
from index.quotes.names import (
    HONORIFICS,
    PRONOUNS,
    fold,
    is_name_word,
    looks_like_org,
    strip_possessive,
)
from index.quotes.speakers import ArticleSpeakers, canonical_speaker
from index.quotes.tweets import MARKUP as TWEET_MARKUP
from index.quotes.tweets import find_tweets

_SCARE_MAX_WORDS = 3
_SENTENCE_PUNCT = ".?!…"
_OPENING_CONTEXT = re.compile(r"(?:^|[:,;—–(]\s*|[.?!]\s+)$")


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    outer: Span
    text: str
    kind: str
    mention: Mention | None = None
    name: str | None = None
    handle: str | None = None
    date: str | None = None
    inherit: bool = True
    signature: Span | None = None  # a tweet's `— Name (@handle) date` line
    said_by: Mention | None = None  # a scare quote's attribution: `"Safety," said Grimm.`


# `Sen. Chuck Schumer (D-N.Y.) said`, `Mitch McConnell, R-Ky., said`: a party and state tag.
_PARTY_TAG = re.compile(
    r"\((?:[DRI]|Dem|Rep|Ind)(?:\s?[-–]\s?[A-Z][\w.,' ]{0,16})?\)"
    r"|,\s[DRI]-[A-Z][A-Za-z.]{1,5},(?=\s)"
)

# `DECATUR, Ill. — `, `WASHINGTON, Dec. 8 (UPI) -- `: where a story was filed, never its speaker
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:,[^\n—–()]{1,30}?)?(?: \([^\n()]{1,20}\))?"
    r"(?: ?[—–]| --?) ",
    re.MULTILINE,
)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _for_attribution(text: str) -> str:
    """The text as attribution reads it, offsets kept: `''` as a double mark; datelines, party
    tags and tweet markup (`<tweet author="…">`: no one called `tweet` speaks) blank."""
    text = _DATELINE.sub(_blank, normalise_marks(text))
    if "<tweet" in text:
        text = TWEET_MARKUP.sub(_blank, text)
    if "(" not in text:
        return text
    return _PARTY_TAG.sub(_blank, text)


def _inside(span: Span, spans: list[Span]) -> bool:
    """Whether `span` lies in one of `spans` (sorted by start, not overlapping)."""
    i = bisect_right(spans, (span[0], float("inf"))) - 1
    return i >= 0 and spans[i][0] <= span[0] and span[1] <= spans[i][1]


def _ends_with(text: str, end: int, char: str) -> bool:
    """Whether text[:end], trailing spaces aside, ends with `char` (read in place)."""
    i = end - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i] == char


def _flatten(text: str, marked: Marked) -> str:
    if len(marked.pieces) <= 1:
        return text[marked.start : marked.end].strip()
    return " ".join(text[s:e].strip() for s, e in marked.pieces)


def _outer(m: Marked) -> Span:
    """The span with its marks, where they exist."""
    return (m.start - 1 if m.opened else m.start, m.end + 1 if m.closed else m.end)


class _Article:
    """One article's text cut into paragraphs, with the sentence around any offset."""

    def __init__(self, text: str, original: str | None = None) -> None:
        """`text` is read for attribution; `original` (same offsets) gives the quoted words."""
        self.text = text
        self.original = text if original is None else original
        self.paragraphs = paragraph_spans(text)
        self._starts: dict[int, list[int]] = {}
        self._no_one: dict[str, bool] = {}

    def names_no_one(self, label: str) -> bool:
        """`_names_no_one` once a label: it reads the whole text, and a transcript
        repeats its few labels in every paragraph."""
        found = self._no_one.get(label)
        if found is None:
            found = self._no_one[label] = _names_no_one(self.text, label)
        return found

    @cached_property
    def named_after_a_name(self) -> frozenset[str]:
        return _named_after_a_name(self.text)

    def sentence(self, pos: int) -> Span:
        start, end = self.paragraphs[paragraph_of(self.paragraphs, pos)]
        starts = self._starts.get(start)
        if starts is None:
            starts = self._starts[start] = sentence_starts(self.text, start, end)
        i = bisect_right(starts, pos)
        begin = starts[i - 1] if i else start
        stop = starts[i] if i < len(starts) else end
        return begin, stop


def _kind(art: _Article, m: Marked, mention: Mention | None, cue: bool) -> str:
    """direct, partial or scare, from length, position and attribution."""
    inner = art.text[m.start : m.end].strip()
    words = inner.split()
    if m.single:
        return "partial" if cue and len(words) >= 2 else "scare"
    if len(words) <= _SCARE_MAX_WORDS:
        titled = all(w[:1].isupper() or not w[:1].isalpha() for w in words)
        return "partial" if cue and not titled else "scare"
    if not m.opened or inner[-1:] in _SENTENCE_PUNCT + ",":
        return "direct"
    before = art.text[art.sentence(m.start)[0] : max(m.start - 1, 0)]
    return "direct" if _OPENING_CONTEXT.search(before) else "partial"


def _attribute(art: _Article, outer: Span, limit: int, closed: bool = True) -> Mention | None:
    """The speaker phrase around a quotation at `outer`; `limit` bounds the words after it."""
    text = art.text
    sent_start, _ = art.sentence(outer[0])
    if closed and not _ends_with(text, outer[1] - 1, "."):
        after_end = min(limit, art.paragraphs[paragraph_of(art.paragraphs, outer[1] - 1)][1])
        stop = clause_stop(text, outer[1], after_end)
        found = after_quote(text, outer[1], stop)
        if found:
            return found
    elif closed:
        found = _said_after_a_full_stop(art, outer[1], limit)
        if found:
            return found
    found = before_quote(text, sent_start, outer[0]) or (
        _dash_signed(art, outer[1]) if closed else None
    )
    if found:
        return found
    found = _closing_clause(art, outer[1], limit) if closed else None
    if found:
        return found
    n = paragraph_of(art.paragraphs, outer[0])
    para_start = art.paragraphs[n][0]
    if n > 0 and not text[para_start : outer[0]].strip():
        prev_start, prev_end = art.paragraphs[n - 1]
        if text[prev_start:prev_end].endswith(":"):
            intro = sentence_starts(text, prev_start, prev_end)[-1]
            return before_quote(text, intro, prev_end)
    if not text[sent_start : outer[0]].strip():
        if sent_start > para_start:
            return _previous_subject(art, sent_start)
        if n > 0:  # `She said she was not trying ...` then a paragraph opening a quote
            return _previous_subject(art, para_start, speaking=True)
        return None
    return _clause_subject(art, sent_start, outer[0])


def _clause_subject(art: _Article, sent_start: int, start: int) -> Mention | None:
    """`Reid called him a “human leech”`, `The Times characterized it as a “journey …”`:
    a quotation inside a sentence that no reporting verb attributes is its subject's words."""
    toks = tokens(art.text, sent_start, start)
    if len(toks) < 2 or any(c in '"“”' for c in art.text[sent_start:start]):
        return None
    found = sentence_subject(art.text, toks, "")
    if found is None or found.end >= toks[-1][1]:
        return None
    if art.text[found.end : found.end + 1] == ":":
        return None  # `NOTE: 1986 figures restated for … "…"`: a label, no one's words
    return found if _speaker_like(found) or fold(found.text.split()[0]) == "the" else None


_SHORT_CLAUSE = re.compile(r"[^.?!\n\"“”]{1,60}[.?!]")
_MAX_SHORT_CLAUSE_WORDS = 6


def _said_after_a_full_stop(art: _Article, end: int, limit: int) -> Mention | None:
    """`“… the 30,000 emails that are missing.” Trump said.`: a short clause after a quotation
    closed on a full stop, the reporting verb at its end or start, is still its attribution."""
    m = _SHORT_CLAUSE.match(art.text, end, limit)
    if m is None:
        return None
    toks = tokens(art.text, end, m.end())
    if not 2 <= len(toks) <= _MAX_SHORT_CLAUSE_WORDS:
        return None
    if not any(w in SAY_VERBS and not w.endswith("ing") for *_, w in (toks[0], toks[-1])):
        return None
    return after_quote(art.text, end, m.end())


# `"…" ― Hillary Clinton` / a paragraph `- Clinton.` right after the quotation: a signature.
_DASH_SIGNATURE = re.compile(
    r"[ \t]*\n?\s*[-―—–]{1,2}[ \t]*((?:[A-Z][\w’'.-]*\s?){1,4})(?:,[^\n]{0,80})?\.?[ \t]*(?:\n|$)"
)


def _dash_signed(art: _Article, end: int) -> Mention | None:
    """The name signing a quotation after a dash, on its line or alone on the next one."""
    m = _DASH_SIGNATURE.match(art.text, end)
    if m is None:
        return None
    name = m.group(1).strip().rstrip(".")
    start = m.start(1)
    return Mention(name, start, start + len(name), "—") if is_name_word(name.split()[0]) else None


def _previous_subject(art: _Article, sent_start: int, speaking: bool = False) -> Mention | None:
    """`And she won't commit yet. "I'm just in the middle of it."`: the sentence before speaks.

    The subject of its last reporting verb (`..., but Ms Milanesi said it was
    difficult.`), else the pronoun or name opening it; never a quotation.
    `speaking` (the sentence is in the paragraph before) requires a reporting verb.
    """
    last = sent_start - 1
    while last > 0 and art.text[last].isspace():
        last -= 1
    start, end = art.sentence(last)
    if any(c in '"“”' for c in art.text[start:end]):
        return None  # a sentence holding a quotation: inheriting its speaker is _inherit's job
    toks = tokens(art.text, start, end)
    verbs = [v for v, (*_, w) in enumerate(toks) if w in SAY_VERBS]
    said = [noun_phrase_before(art.text, toks, v) for v in reversed(verbs)]
    found = next((m for m in said if m and _speaker_like(m)), None)
    if found is None and not speaking:
        found = sentence_subject(art.text, toks, "")
        found = found if found and _person_like(art, found) else None
    return found


_MAX_CLOSING_WORDS = 5
_DESCRIBING = re.compile(r"\s*(?:[A-Za-z][\w.-]*\s+){0,3}")


def _closing_clause(art: _Article, end: int, limit: int) -> Mention | None:
    """`"…" because she would expand her lead, he said.`: the reporting clause that closes the
    sentence holding a partial quotation, set off by a comma."""
    stop = min(art.sentence(end - 1)[1], limit)
    toks = tokens(art.text, end, stop)
    verbs = [v for v, (*_, w) in enumerate(toks) if w in SAY_VERBS and not w.endswith("ing")]
    if not verbs:
        return None
    inverted = verbs[-1] if len(toks) - verbs[-1] > _MAX_CLOSING_WORDS else verbs[0]
    if (
        fold(toks[inverted][2]) in INVERTED
        and art.text[toks[inverted - 1][1] : toks[inverted][0]].strip() == ","
    ):
        # `"…" that Sanders can catch up, said Steve Elmendorf, a deputy campaign manager.`
        found = after_quote(art.text, toks[inverted][0], stop)
        if found:
            return found
    if len(toks) - verbs[-1] > _MAX_CLOSING_WORDS:
        return None
    found = noun_phrase_before(art.text, toks, verbs[-1])
    if found is None or found.start == toks[0][0]:
        return None
    comma = art.text.rfind(",", end, found.start)
    between = art.text[comma + 1 : found.start] if comma >= 0 else "-"
    # `…, Republican candidate Ben Carson said after the attacks.`: a few words describe him
    described = _DESCRIBING.fullmatch(between) and not any(w in SAY_VERBS for w in between.split())
    return found if described else None


def _labelled(art: _Article, start: int) -> tuple[bool, Mention | None]:
    """`"PENCE: We will release them ..."`: a transcript's speaker label opening the quotation,
    or opening the paragraph just before it; whether there is one, and whom it names."""
    label = SPEAKER_LABEL.match(art.text, start)
    if label is None:
        para = art.paragraphs[paragraph_of(art.paragraphs, start)][0]
        label = SPEAKER_LABEL.match(art.text, para)
        if label is None or label.end() < start - 2:
            return False, None
    name = label.group(1).title()
    if art.names_no_one(name):
        return True, None
    return True, Mention(name, label.start(1), label.end(1), ":")


def _names_no_one(text: str, label: str) -> bool:
    """`VIDEO:`, `UPDATE:`: a label that is a common word the article writes in lower case and
    never with a capital, and no word for a person (`MODERATOR:`), labels a part of the text,
    not a speaker; `PENCE:` is a name (the article writes `Pence`, or never `pence`)."""
    if " " in label or not is_english_word(label) or agent_noun(label.lower()):
        return False
    word = re.escape(label)
    return re.search(rf"\b{word}\b", text) is None and bool(re.search(rf"\b{word.lower()}\b", text))


def _through_outlet(art: _Article, intro: int, mention: Mention | None) -> Mention | None:
    """`Netflix has responded, stating that ... According to Variety:`: the block is Netflix's,
    carried by Variety; the one who spoke in the sentence before speaks, when there is one."""
    if mention is None or mention.cue != "according to":
        return mention
    para_start = art.paragraphs[paragraph_of(art.paragraphs, intro)][0]
    if intro <= para_start:
        return mention
    return _previous_subject(art, intro, speaking=True) or mention


def _speaker_like(mention: Mention) -> bool:
    """The subject of a reporting verb that can speak: a pronoun or a name."""
    words = mention.text.split()
    return fold(words[0]) in PRONOUNS or (
        is_name_word(words[0]) and is_name_word(words[-1]) and bool(canonical_speaker(mention.text))
    )


def _person_like(art: _Article, mention: Mention) -> bool:
    """A sentence's subject that may go on speaking: `she`, `they`, `Derartu Tulu`, `Mr Dein`,
    or a surname the article writes after a first name (`Morrison`).

    Not `it` (`If studios want ..., it could mean`), nor a lone capitalised word
    that is as often a group (`Premiership clubs have seen ...`).
    """
    words = mention.text.split()
    if fold(words[0]) in PRONOUNS:
        return PRONOUNS[fold(words[0])] != "o"
    if not _speaker_like(mention):
        return False
    name = canonical_speaker(mention.text) or ""
    if fold(words[0]) in HONORIFICS or (len(name.split()) > 1 and not looks_like_org(name)):
        return True
    return name in art.named_after_a_name


# (opening on the capital, its `\b` a look-behind: the engine skips to the next capital)
_NAME_PAIR = re.compile(r"([A-Z](?<!\w[A-Z])[\w’'.-]*)\s+(?=([A-Z][\w’'-]*\w|[A-Z]\b))")


def _named_after_a_name(text: str) -> frozenset[str]:
    """Every capitalised word the text writes right after a name word (`Jim Morrison's`)."""
    pairs = (m for m in _NAME_PAIR.finditer(text) if is_name_word(m.group(1)))
    return frozenset(strip_possessive(m.group(2)) for m in pairs)


def _quoted(art: _Article, taken: list[Span]) -> list[_Found]:
    text = art.text
    double = double_quoted(text, art.paragraphs)
    doubles = [(m.start, m.end) for m in double]
    found = []
    marked = sorted(
        double
        + [
            s for s in single_quoted(text, art.paragraphs) if not _inside((s.start, s.end), doubles)
        ],
        key=lambda m: m.start,
    )
    for i, m in enumerate(marked):
        if _inside((m.start, m.end), taken):
            continue
        outer = _outer(m)
        limit = marked[i + 1].start - 1 if i + 1 < len(marked) else len(text)
        labelled, mention = _labelled(art, m.start)
        if not labelled:
            mention = _attribute(art, outer, limit, m.closed)
        sent = art.sentence(outer[0])
        cue = mention is not None and has_cue(text, sent[0], art.sentence(outer[1] - 1)[1])
        kind = _kind(art, m, mention, cue)
        found.append(
            _Found(
                m.start,
                m.end,
                outer,
                _flatten(art.original, m),
                kind,
                mention if kind != "scare" else None,
                said_by=mention if kind == "scare" else None,
                inherit=not labelled,  # `VIDEO: …`: its label names no one, and no one else
            )
        )
    return found


def _inherit(art: _Article, found: list[_Found]) -> None:
    """Unattributed quotations continue the previous speaker's (same or previous paragraph),
    else they open for the next one's (same or next paragraph)."""
    last: _Found | None = None
    mention: Mention | None = None
    for f in found:
        if f.kind == "scare":
            if f.said_by is not None:  # `"Safety," said Grimm. "Safety for everybody."`
                last, mention = f, f.said_by
            continue
        if f.mention is None and f.name is None and f.inherit and last is not None:
            here = paragraph_of(art.paragraphs, f.outer[0])
            there = paragraph_of(art.paragraphs, last.outer[1] - 1)
            para_start = art.paragraphs[here][0]
            starts_paragraph = not art.text[para_start : f.outer[0]].strip()
            if here == there or (here == there + 1 and starts_paragraph):
                f.mention = mention
        if f.mention is not None or f.name is not None:
            last, mention = f, f.mention
    following: _Found | None = None
    for f in reversed(found):  # `"We will win." Cheers rose. "We will," Lee said.`: Lee's too
        if f.kind == "scare":
            continue
        if f.mention is None and f.name is None and following is not None and f.inherit:
            here = paragraph_of(art.paragraphs, f.outer[0])
            if paragraph_of(art.paragraphs, following.outer[0]) - here <= 1:
                f.mention = following.mention
        following = f if f.mention is not None else None


def extract_quotes(article: Article) -> list[Quote]:
    """Every quotation in `article.text`: direct, partial, block, tweet, or scare."""
    art = _Article(_for_attribution(article.text), article.text)
    tweets = find_tweets(art.original, art.paragraphs)
    found = [
        _Found(
            t.start,
            t.end,
            (t.start, t.end),
            art.original[t.start : t.end].strip(),
            "tweet",
            name=t.name or None,
            handle=t.handle,
            date=t.date,
            inherit=False,
            signature=t.attribution,
        )
        for t in tweets
    ]
    taken = [(t.start, t.end) for t in tweets]
    for b in find_blocks(art.text, art.paragraphs, taken):
        mention = _through_outlet(art, b.intro[0], before_quote(art.text, *b.intro))
        found.append(
            _Found(
                b.start,
                b.end,
                (b.start, b.end),
                art.original[b.start : b.end].strip(),
                "block",
                mention,
            )
        )
        taken.append((b.start, b.end))
    found.extend(_quoted(art, sorted(taken)))
    found.sort(key=lambda f: f.start)
    _inherit(art, found)
    # Most stories quote no one: their speakers (a pass over every name) are never read.
    speakers = (
        ArticleSpeakers(art.text, [(f.start, f.end) for f in found], art.paragraphs)
        if any(f.name or f.handle or f.mention for f in found)
        else None
    )
    quotes = []
    for f in found:
        speaker, written, evidence = (
            _speaker(art, speakers, f) if speakers is not None else (None, None, ())
        )
        quotes.append(
            Quote(
                id=f"{article.id}#{f.start}",
                article_id=article.id,
                path=article.path,
                start=f.start,
                end=f.end,
                text=f.text,
                kind=f.kind,
                speaker=speaker,
                speaker_mention=written,
                handle=f.handle,
                date=f.date,
                evidence=evidence,
            )
        )
    return quotes


def _speaker(
    art: _Article, speakers: ArticleSpeakers, f: _Found
) -> tuple[str | None, str | None, tuple[Span, ...]]:
    """Who speaks a quotation, as resolved and as written, and where the article says so."""
    if f.name:
        return speakers.note(f.start, f.name), f.name, (f.signature,) if f.signature else ()
    if f.kind == "tweet" and f.handle:  # signed by its handle alone: the account speaks,
        # or the person the article names whose name it spells (`@edhenry`, Ed Henry)
        owner = speakers.handle_owner(f.handle)
        speaker = speakers.note(f.start, owner) if owner else f.handle
        return speaker, f.handle, (f.signature,) if f.signature else ()
    if f.mention:
        resolved = speakers.resolve(f.mention.text, f.mention.start)
        evidence = _evidence(art, f.mention, speakers.antecedent) if resolved else ()
        return resolved, f.mention.text, evidence
    return None, None, ()


def _evidence(art: _Article, mention: Mention, antecedent: Span | None) -> tuple[Span, ...]:
    """The cue clause that named the speaker, and the antecedent a pronoun points back to."""
    paragraph = art.paragraphs[paragraph_of(art.paragraphs, mention.start)]
    spans = cue_evidence(art.text, mention, paragraph)
    return tuple(sorted({*spans, antecedent})) if antecedent else spans
