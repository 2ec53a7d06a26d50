"""Stray speakers: every distinct speaker not shaped like a name, an @handle or a description.

Issue 12 asks that a quotation's speaker be a person's or organisation's name
(`Hillary Clinton`, `Netflix`), an @handle, or a described source (`a Labour
spokesman`, `the petition`, `Obama's campaign manager`, `federal prosecutors`),
and null when no one can be found. This lists, per corpus, the speakers that
are none of these, with their count, the reason and one example, from the same
extraction `sourcedesk quotes --format jsonl` prints (`bench.quotes_polnear`). A signed
tweet's display name is its account's own (`Char@f`) and is taken as written.

The rules are about shape, never about the names seen: a name is capitalised
words (particles, initials, hyphens, apostrophes, accents and suffixes allowed),
and a lone capitalised word is a name only when its article also writes it so
mid-sentence (`Given`, `Typically` open sentences and nothing more), and an
organisation named `X of Y` is cut short when its article never writes it ending
there (`Office of Management` of `Office of Management and Budget`); a
description opens on a determiner, a number or a possessive, or is a plural,
and ends on a noun (`the latest`, `the Arizona`, `the movie shows Bob` do not).

    .venv/bin/python -m bench.speaker_audit [--corpus DIR ...] [--quick]
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from bench.corpora import SHARED_CORPORA
from bench.harness import console, run_script
from bench.quotes_polnear import SPLIT, extracted
from index.corpus import load_corpus
from index.export import quote_record
from index.quotes.attribution import SAY_VERBS, agent_noun
from index.quotes.gender import first_name_gender
from index.quotes.lexicon import can_be_noun, inflected_verb, word_classes
from index.quotes.names import (
    DETERMINERS,
    HONORIFICS,
    NOT_NAMES,
    NOT_SPEAKERS,
    ORG_WORDS,
    PLACES,
    PRONOUNS,
    ROLE_NOUNS,
    and_in_organisation,
    fold,
    vocabulary,
)

DEFAULT_CORPORA = (SPLIT / "text", SHARED_CORPORA / "bbc")
QUICK_ARTICLES = 200
EXAMPLE_CHARS = 160

_HANDLE = re.compile(r"@\w{1,20}")
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]")
# a capitalised word: letters (any script), digits, and `-'’.&` between them (`O'Brien`, `M&S`)
_CAPITALISED = re.compile(r"[^\W\d_][^\W_]*(?:[-'’.&][^\W_]+)*\.?")
_PARTICLES = vocabulary(
    "de del della der den di da das do dos du la le van von ter ten bin ibn al el st st. y"
)
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_COUNTING = vocabulary(
    "two three four five six seven eight nine ten many more most few both all multiple numerous "
    "various"
)
_POSSESSIVE = re.compile(r"['’]s?$")
_SENTENCE_BOUNDARY = frozenset(".?!:;\"“”‘'’—–-([\n")
_AGE = re.compile(r"\d+-year-old")
_LINKS = vocabulary("of for at from with to on in behind close near about")
_COLLECTIVE = frozenset({"police", "staff", "hands"})  # `old political hands`: people
_DAYS = vocabulary("today yesterday tonight tomorrow")
_HEADING_WORD = 5
# UTF-8 read as Latin-1, once or twice (`MuÃ±oz`, `SarukhÃ\x83Â¡n`): the source's own garbling
_MOJIBAKE = re.compile(r"[ÃÂ][\x80-\xbf]")


def _name_token(word: str) -> bool:
    """One word of a name: `Hillary`, `O'Brien`, `Kilroy-Silk`, `J.`, `de`, `Jr.`, `Søren`."""
    if _INITIALS.fullmatch(word) or fold(word) in _PARTICLES | _SUFFIXES:
        return True
    word = _MOJIBAKE.sub("a", unicodedata.normalize("NFC", word))
    return word[:1].isupper() and bool(_CAPITALISED.fullmatch(word))


def _numbered(words: list[str], i: int) -> bool:
    """`Number 10`, `Radio 1`, `Il Sole 24 Ore`: a number of a few figures after a name's word."""
    return words[i].isdigit() and len(words[i]) <= 3 and i > 0 and _name_token(words[i - 1])


def _reports(text: str, word: str) -> bool:
    """`Politico reported`, past the headline: a singular noun with no determiner cannot
    be the subject of a sentence in prose, so a capitalised one there is a name."""
    return not word.endswith("s") and _says_in_prose(text, word)


def _people_reporting(text: str, word: str) -> bool:
    """`Diplomats said`, `Politicos call`: a plural common noun is a sentence's subject with
    no determiner, a described group (as `federal prosecutors` is), when it reports."""
    return word.endswith("s") and can_be_noun(word) and _says_in_prose(text, word)


def _says_in_prose(text: str, word: str) -> bool:
    """Whether `word` is written right before a reporting verb past the headline."""
    prose = text[text.find("\n\n") + 1 :] if "\n\n" in text else ""
    pattern = rf"(?<![\w.]){re.escape(word)}[ \t]+([a-z]+)\b"
    return any(m.group(1) in SAY_VERBS for m in re.finditer(pattern, prose))


def _mid_sentence(text: str, word: str) -> bool:
    """`word` written with its capital somewhere not opening a sentence, a quote or a line."""
    for m in re.finditer(rf"(?<![\w.]){re.escape(word)}(?![\w])", text):
        before = text[: m.start()].rstrip(" \t\xa0")
        last = before[-1:]
        if not last:
            continue
        if last not in _SENTENCE_BOUNDARY or before.endswith((',"', ",”", ",’", ",'")):
            return True
    return False


def _noun_head(word: str) -> bool:
    """A description's last word: not a word English knows only as something else (`latest`,
    `meanwhile`, `sent`), nor a function word; words the lexicon lacks (`website`) pass."""
    classes = word_classes(word)
    if not classes and "-" in word:  # `grievance-driven`, not `look-alike`
        last = word.rsplit("-", 1)[-1]
        return "NOUN" in word_classes(last) or not inflected_verb(last)
    return fold(word) not in NOT_NAMES and (not classes or "NOUN" in classes)


def _group(word: str) -> bool:
    """A plural noun for people (`prosecutors`, `Officials`, `critics`) or a collective one."""
    f = fold(word)
    if f in _COLLECTIVE:
        return True
    singular = f.removesuffix("es") if f.endswith("sses") else f.removesuffix("s")
    return f != singular and (f in ROLE_NOUNS or agent_noun(singular))


def _head(words: list[str]) -> int:
    """Where a description's head noun is: before its first link (`a spokesman for Ofcom`)."""
    link = next((i for i, w in enumerate(words) if i and fold(w) in _LINKS), len(words))
    return link - 1


def _description(words: list[str]) -> str | None:
    """Why a phrase opening on a determiner, number or possessive is no description, or None."""
    at = _head(words)
    opener = fold(words[0]) in DETERMINERS | _COUNTING
    rest = words[1 : at + 1] if opener else words[: at + 1]
    if not rest:
        return None if at < len(words) - 1 else "a determiner alone"  # `some on Twitter`
    head = rest[-1]
    if _POSSESSIVE.search(head) and at == len(words) - 1:
        return "a possessive with nothing owned"
    if fold(head) in _COUNTING or _AGE.fullmatch(head):
        return None  # `the two`, `the 30-year-old`
    if head.islower():
        return (
            None
            if _noun_head(head) or _AGE.fullmatch(head)
            else "a description not ending on a noun"
        )
    if fold(head) in NOT_SPEAKERS - PLACES and word_classes(head) != {"ADJ"}:
        return None  # `one senior Democrat`, `the 27-year-old Austrian`
    if fold(head) in ROLE_NOUNS and "NOUN" in word_classes(head):
        return None  # `a senior U.S. Official`: a role noun the source wrote with a capital
    titled = next((i for i, w in enumerate(rest) if fold(w) in HONORIFICS), None)
    if (
        titled
        and all(w.islower() for w in rest[:titled])
        and all(_name_token(w) for w in rest[titled:])
    ):
        return None  # `the younger Mr. Trump`: a titled name, told apart by a modifier
    if not all(_name_token(w) or _POSSESSIVE.search(w) for w in rest):
        return "a description running into a name"
    if all(fold(w) in PLACES for w in rest) and not all(w.isupper() for w in rest):
        return "a determiner and a place: the description lost its noun"  # not `the US`
    if (fold(head) in NOT_SPEAKERS and not head.isupper()) or word_classes(head) == {"ADJ"}:
        return "a determiner and an adjective: the description lost its noun"
    return None


def _owned_by_name(words: list[str]) -> bool:
    """`Mr Blair's spokesman`, `Kostas Kenteris' lawyer`: a named owner is the determiner;
    so is a day (`today's survey`)."""
    owner = next((i for i, w in enumerate(words) if _POSSESSIVE.search(w)), None)
    if owner is None:
        return False
    if owner == 0 and fold(_POSSESSIVE.sub("", words[0])) in _DAYS:
        return True
    return all(_name_token(_POSSESSIVE.sub("", w)) for w in words[: owner + 1])


def _single(word: str, text: str) -> str | None:
    """Why a one-word speaker is stray, or None: a group, or a name its article writes so."""
    if fold(word) in PRONOUNS:
        return "a pronoun left unresolved"
    if _HANDLE.fullmatch(word):
        return None
    if word.islower():
        return None if _group(word) else "a common noun without a determiner"
    if not _name_token(word):
        return "not shaped like a name"
    if _mid_sentence(text, word) or _group(word) or _reports(text, word):
        return None  # `Obama`; `From` where the article names Al From
    if _people_reporting(text, word):
        return None  # `Delegates said`
    if fold(word) in NOT_NAMES:
        return "a function word"
    if word.isupper() and len(word) >= _HEADING_WORD and f"({word})" not in text:
        return "a word in capitals from a heading or a dateline"  # not `… Development (UNCTAD)`
    if word_classes(word):
        return "a common word opening a sentence, never written so mid-sentence"
    return None


def _of_inside(words: list[str], i: int) -> bool:
    """`of` between two words of a name: `Bank of England`, `Muslim Council of Britain`."""
    return 0 < i < len(words) - 1 and words[i] == "of" and words[i + 1][:1].isupper()


def _organisation(words: list[str], text: str) -> bool:
    """A run of capitalised words ending on an organisation word, or that its article also
    writes with one after it (`Genetic Laboratories` said, after `Genetic Laboratories Inc`)."""
    if fold(words[-1]) in ORG_WORDS:
        return True
    after = re.finditer(rf"(?<![\w.]){re.escape(' '.join(words))}[ \t]+([A-Z][\w.]*)", text)
    return any(fold(m.group(1)) in ORG_WORDS for m in after)


def _name(words: list[str], text: str) -> str | None:
    """Why a run of capitalised words is no name, or None."""
    if all(w.isupper() for w in words if w.isalpha()) and sum(w.isalpha() for w in words) > 1:
        return "a heading in capitals"
    if fold(words[0]) in NOT_NAMES and not _mid_sentence(text, " ".join(words)):
        return "a name opening on a function word"  # not `But He Weiling, …, said`
    if all(fold(_POSSESSIVE.sub("", w)) in NOT_SPEAKERS for w in words):
        return "peoples, parties or places alone"
    if _cut_short(words, text):
        return "an organisation's name its article never writes ending so"
    if _organisation(words, text):
        return None  # `Inland Steel Industries Inc`; `Genetic Laboratories` (Inc)
    first = words[0]
    classes = word_classes(first)
    if not classes or "NOUN" in classes or first_name_gender(first) or _mid_sentence(text, first):
        return None
    if not any(word_classes(w) for w in words[1:]):
        return None  # `Pan Huashan`: a name English lacks after a first word it knows
    return "opens on an adjective, adverb or verb never written so mid-sentence"


# what follows a name written on: its own `and`, then up to four capitalised words
_GOES_ON = re.compile(r"[ \t]+(and[ \t]+)?([A-Z][\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*){0,3})")


def _cut_short(words: list[str], text: str) -> bool:
    """`Office of Management` where the article writes only `Office of Management and Budget`,
    `Association of International` (`… Bond Dealers`), `United Food` (`… and Commercial Workers
    Union`): an organisation's name that goes on every time it is written, past `X of Y` or
    through its own `and`."""
    named_of = any(fold(a) in ORG_WORDS and b == "of" for a, b in pairwise(words))
    written = list(re.finditer(rf"(?<![\w.]){re.escape(' '.join(words))}(?![\w'’])", text))
    for m in written:
        more = _GOES_ON.match(text, m.end())
        if more is None or not (more.group(1) or named_of):
            return False
        joined = [*words, "and", *more.group(2).split()]
        if more.group(1) and not and_in_organisation(joined, len(words)):
            return False
    return bool(written)


def stray_reason(speaker: str, text: str) -> str | None:
    """Why `speaker` (found in an article of `text`) is not a name, handle or description.
    Names joined by `and` are judged one by one (`Smith and Jones`); a description opening
    on a determiner is one person described twice (`the Vermont senator and Democratic
    presidential candidate`, `the feminist writer and broadcaster`), and so is an organisation
    with its own `and` (`Office of Management and Budget`)."""
    split = speaker.split()
    described = fold(split[0]) in DETERMINERS if split else False
    one_name = "and" in split and and_in_organisation(split, split.index("and"))
    parts = (
        [] if described or one_name else [p for p in re.split(r"\s+and\s+", speaker.strip()) if p]
    )
    for part in parts if len(parts) > 1 else [speaker]:
        words = part.split()
        if len(words) == 1:
            reason = _single(words[0], text)
        elif all(
            _name_token(w)
            or _of_inside(words, i)
            or (one_name and w == "and")
            or _numbered(words, i)
            for i, w in enumerate(words)
        ):
            reason = _name(words, text)
        elif (
            fold(words[0]) in DETERMINERS | _COUNTING
            or any(_POSSESSIVE.search(w) for w in words[:-1])
            or words[_head(words)].islower()
            or _group(words[_head(words)])
        ):
            reason = _description(words)
            if reason is None and fold(words[0]) not in DETERMINERS | _COUNTING:
                head = words[_head(words)]
                owned = _group(head) or _owned_by_name(words)
                reason = None if owned else "a description without its determiner"
        elif all(_name_token(w) for w in words[-2:]):
            reason = None  # a title then a name: `Bank of Japan chief Toshihiko Fukui`
        else:
            reason = "a name run into other words"
        if reason:
            return reason
    return None


def example(text: str, start: int, end: int) -> str:
    """The quotation with some words either side, on one line."""
    pad = (EXAMPLE_CHARS - min(end - start, EXAMPLE_CHARS)) // 2
    return " ".join(text[max(start - pad, 0) : end + pad].split())


def audit(folder: Path, limit: int | None = None) -> dict[str, Any]:
    """The stray speakers of one corpus: distinct, with counts, reasons and one example each."""
    articles, _ = load_corpus(folder)
    articles = sorted(articles, key=lambda a: a.path)[:limit]
    quotes, _seconds = extracted(articles)
    texts = {a.path: a.text for a in articles}
    counts: Counter[str] = Counter()
    found: dict[str, dict[str, Any]] = {}
    speakers = 0
    for quote in quotes:
        speaker = quote.speaker
        if not speaker:
            continue
        speakers += 1
        text = texts[quote.path]
        if quote.kind == "tweet" and quote.handle:
            continue  # the display name the account gives itself (`Ella #BLM`, `Char@f`)
        reason = stray_reason(speaker, text)
        if reason is None:
            continue
        counts[speaker] += 1
        found.setdefault(
            speaker,
            {
                "speaker": speaker,
                "reason": reason,
                "source": quote_record(quote)["source"],
                "example": example(text, quote.start, quote.end),
            },
        )
    stray = [{**found[s], "quotes": n} for s, n in counts.most_common()]
    return {
        "corpus": str(folder),
        "articles": len(articles),
        "quotes": len(quotes),
        "with_speaker": speakers,
        "null_speaker": len(quotes) - speakers,
        "distinct_stray": len(stray),
        "stray_quotes": sum(counts.values()),
        "stray": stray,
    }


def core(quick: bool, corpora: Sequence[Path] = DEFAULT_CORPORA) -> dict[str, Any]:
    present = [c for c in corpora if c.is_dir()]
    return {
        "corpora": [audit(c, QUICK_ARTICLES if quick else None) for c in present],
        "skipped": [f"{c} is absent" for c in corpora if not c.is_dir()],
    }


def show(payload: dict[str, Any]) -> None:
    for corpus in payload["corpora"]:
        console.print(
            f"[bold]{corpus['corpus']}[/]: {corpus['articles']} articles, {corpus['quotes']} "
            f"quotations, {corpus['null_speaker']} without a speaker; "
            f"[bold]{corpus['distinct_stray']}[/] stray speakers ({corpus['stray_quotes']} "
            "quotations)",
            markup=True,
        )
        for s in corpus["stray"]:
            console.print(
                f"  {s['quotes']:>3}  {s['speaker']!r}: {s['reason']}\n"
                f"       {s['source']}: {s['example']}",
                markup=False,
            )


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    corpora: list[Path] = []
    while "--corpus" in args:
        at = args.index("--corpus")
        corpora.append(Path(args[at + 1]))
        del args[at : at + 2]
    chosen = tuple(corpora) or DEFAULT_CORPORA
    return run_script(
        "speaker_audit", __doc__.splitlines()[0], lambda q: core(q, chosen), show, args
    )


if __name__ == "__main__":
    sys.exit(main())
