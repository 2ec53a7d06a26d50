"""Canonical speakers: one name per person or organisation, in an article and across sources.

Within an article a mention is resolved against what the article says before it:
`she` -> the nearest person named before, `Mr Straw` / `Swift` -> the full name
the article gives, `a Netflix spokesperson` -> Netflix, `the company` -> the
organisation the article is about, `the statement` -> whoever issued the last
one. Across the corpus, spellings that differ only by accents or case are one
speaker (the accented, longest form wins), and a bare surname joins the only
full name in the corpus that ends with it when the two are one story (the same
words, or a speaker in common), never across unrelated articles.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import pairwise

from index.models import Quote, Span, Speaker
from index.quotes.attribution import (
    SAY_VERBS,
    Mention,
    agent_noun,
    appositive_subject,
    is_function_word,
    is_group,
    name_in_commas,
    noun_phrase_after,
    noun_phrase_before,
    sentence_subject,
    tokens,
)
from index.quotes.gender import first_name_gender
from index.quotes.layout import paragraph_of, paragraph_spans, sentence_starts
from index.quotes.lexicon import can_be_noun, inflected_verb, is_english_word, word_classes
from index.quotes.names import (
    DETERMINERS,
    DOCUMENT_NOUNS,
    HONORIFICS,
    NOT_NAMES,
    NOT_SPEAKERS,
    ORG_ANAPHORS,
    ORG_WORDS,
    PLACES,
    PRONOUNS,
    ROLE_NOUNS,
    TITLES,
    UTTERANCE_NOUNS,
    and_in_organisation,
    ends_short_name,
    fold,
    honorific_gender,
    is_capitalised,
    is_name_word,
    is_plausible_speaker,
    looks_like_org,
    strip_possessive,
    strip_titles,
    vocabulary,
)

# Two to ten capitalised words; initials only inside (`David T. Mizrahi`): a long run
# (`OAPEC Assistant General Secretary Abdelaziz Al-Wattari`) keeps the name at its end.
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w’'.-]*\w"
_NAME_RUN = re.compile(
    rf"{_NAME_WORD}[ \t]+(?:(?:[A-Z]\.|{_NAME_WORD})[ \t]+){{0,8}}"
    r"[A-ZÀ-ÖØ-Þ][\w’'-]*\w"
)
# A pattern opening on a letter class lets the engine skip to the next such letter; the
# look-behind just after it is the `\b` before it (no word character before the word).
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ](?<!\w[A-ZÀ-ÖØ-Þ])(?:[\w’'-]*\w|\b)")
_APOSTROPHE_SPLIT = re.compile(r"['’]")
# How many earlier candidates a pronoun looks back through: resolution stays linear.
_LOOKBACK = 300
# a body acting: `Ofcom will`, `IBM has`, `the BBC is` (`_acts`)
_ACTING = vocabulary(
    "is was are were has had have will would can could may might must should shall does did"
)
# (a word's run taken whole: a match starts a run, never inside one, and never gives one back)
_WORD_PAIR = re.compile(r"(?<!\S)(\S++)[ \t]+(?=([A-Z][\w’'-]*))")
_INITIAL = re.compile(r"[A-Z]\.")
_CAPITALS_WORD = 5  # a word in capitals this long is a heading's, not an acronym (`TELLING`)
_NOT_NOUNS = frozenset({"VERB", "ADV", "AUX"})
_COLLECTIVE = frozenset({"police", "staff", "management"})  # a group, though singular in form
_TIME_AFTER = re.compile(r"\s+(?:last|this|next)\s+(?:week|month|year|night|\w+day)$")
_CAPITAL_THEN_WORD = re.compile(r"([A-Z](?<!\w[A-Z])[\w’'-]*)[ \t]+([a-z]+?(ing)?)\b")
_LOWER_WORD = re.compile(r"[ \t]+([a-z][\w-]*)\b")
_NAME_AFTER = re.compile(r"(?:[ \t]+(?:[A-Z]\.|[A-Z][\w’'-]*\w)){1,4}")
_GENDER_CUE = re.compile(r"\b(?:(he|him|his)|(she|her|hers))\b", re.IGNORECASE)
_GENDER_WINDOW = 80
# How far after a recorded position its name is looked for (a tweet's body comes first).
_ANTECEDENT_REACH = 400
# Verbs written before their subject in narration (`..., observed Jack Boorman`); not `told`,
# whose object follows (`Tindall, who ..., told Rugby Special`).
_NARRATIVE_INVERTED = vocabulary(
    "said says added adds observed observes noted notes remarked commented explained insisted "
    "argued continued admitted conceded recalled concluded quipped"
)
_PERSON_ROLE = re.compile(
    r"\b(?:spokes(?:man|woman|person)|representative|official|executive|chief|director|boss|"
    r"chairman|chairwoman|president|manager|head|minister|secretary|coach|analyst|economist)\b",
    re.IGNORECASE,
)
_OF_LINKS = frozenset({"of", "at", "from", "with", "for"})
# `the regional manager for one of the major oil companies`: a new, unnamed speaker
_POSTMODIFIED = re.compile(r"\s+(?:of|at|from|with|for|who)\s")
# `a person close to the Clintons`, `a longtime adviser to Trump`: someone near them, not them
_AROUND_SOMEONE = re.compile(
    r"(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]he)\s+(?:[a-z][\w-]*\s+){1,4}(?:close\s+)?to\s+"
    r"(?:the\s+)?[A-Z]"
)
# Functionaries speak for someone else and are never the article's protagonist.
_FUNCTIONARIES = frozenset(
    {
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "representative",
        "aide",
        "source",
        "adviser",
        "advisor",
        "insider",
        "lawyer",
        "attorney",
    }
)
# `a spokeswoman for the Home Office`: a described source, not the Home Office itself
_SOMEONE_FOR = re.compile(
    rf"(?:(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]he)\s+(?:[a-z][\w-]*\s+){{0,3}})?"
    rf"(?i:{'|'.join(sorted(_FUNCTIONARIES))})s?\s+(?:for|of|at|with|from|to)\s"
)
_FUNCTIONARY = re.compile(rf"\b(?:{'|'.join(sorted(_FUNCTIONARIES))})\b", re.IGNORECASE)
_MARKS = "\"“”‘’'"
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|outside|across|throughout)\s+$")
# nouns for a person that say their gender: `the woman`, `the actress`, `the businessman`
_GENDERED_NOUNS = {
    **dict.fromkeys(
        vocabulary(
            "woman lady girl mother wife daughter sister grandmother actress widow "
            "congresswoman spokeswoman chairwoman businesswoman"
        ),
        "f",
    ),
    **dict.fromkeys(
        vocabulary(
            "man boy father husband son brother grandfather actor widower congressman "
            "spokesman chairman businessman"
        ),
        "m",
    ),
}
_CONTINUING = r"(?:continued|continues|added|adds|went on|goes on|concluded|concludes)"
_CONTINUING_AFTER = re.compile(rf"\s+{_CONTINUING}\b")
_CONTINUING_BEFORE = re.compile(rf"\b{_CONTINUING}\s+$")
_SUBJECT_PRONOUNS = frozenset({"he", "she"})
_HAS_BEEN = re.compile(r"[ \t]+been\b")  # `Christie's been making the case`: he has, no owner
# what opens a description `it` may stand for: `the campaign`, `his campaign`, `Trump's campaign`
_DEFINITE = frozenset({"the", "his", "her", "its", "their"})
_UNNAMED = frozenset({"a", "an", "one", "another"})
_NEXT_WORD = re.compile(r"\s+(\w+)")
# a subject opening its sentence (`A banker said`, `But a spokesman said`), not `In a letter`
_OPENS_SENTENCE = re.compile(r"(?:^|[.?!\"”:]\s+|\n\s*)(?:(?:But|And|However|Yet),?\s+)?$")
# a second clause's subject: `Florida is one …, and Clinton aimed her speech …`, `…, but
# Representative Brooks, who has …, doesn't mince words`
_CLAUSE_SUBJECT = re.compile(
    rf"(?:,[ \t]+(?:and|but|while|yet|so|as)|;)[ \t]+((?:{_NAME_WORD}[ \t]+)*{_NAME_WORD})"
    r"(?:[ \t]+(?=[a-z])|,[ \t]+(?=who\b))"
)
# `Netflix spokesperson`, `Netflix officials`, `Netflix’s official`: the word names an organisation.
_ORG_CONTEXT = re.compile(
    r"([A-Z](?<!\w[A-Z])[\w.&-]*+)(?:['’]s)?\s+(?:spokes(?:person|man|woman)|officials?|representatives?|"
    r"executives?|staff|employees|shares|stock|headquarters|board)\b"
)


# titles a person is called by with their first name alone: `Sir Ian`, `Prince Abdullah`
_FIRST_NAME_TITLES = frozenset(
    {"sir", "dame", "prince", "princess", "king", "queen", "sheikh", "sheik", "emir"}
)


@dataclass(frozen=True, slots=True)
class Person:
    """A person named in an article, where, and their gender when the text shows it."""

    name: str
    pos: int
    gender: str = ""  # from a pronoun just after the name: a weak hint
    titled: str = ""  # from `Mr.`, `Mrs.`, `Ms.`: what the article says


_MENTION_WORD = re.compile(r"[\w@#][\w.'’&@#-]*")


def _words(mention: str) -> list[str]:
    return _MENTION_WORD.findall(mention)


_ADVERB = frozenset({"ADV"})
_ADJECTIVE = frozenset({"ADJ"})
_DEMONYM = re.compile(r"(?:er|an|ese|ite|i)$")  # `Dubliner`, `Texan`, `Milanese`, `Israeli`
_LOWER_END = re.compile(r"-(?:[a-z]+ed|born)$")  # `Calif.-based`, `London-listed`
_MID_SENTENCE_END = re.compile(r"(?:[a-z]|,[\"”’']?)[ \t]+$")  # `…," He`, `But He`
# an organisation word a name runs on from with `of` (`Bank of Spain`; not `Hitachi Ltd of Japan`)
_NAMED_OF = frozenset(ORG_WORDS - vocabulary("inc inc. ltd ltd. co co. corp corp. plc llc"))
_LINKS = frozenset({"of", "on", "in", "into", "over", "about", "for", "from", "at", "with", "to"})
_HOW_MANY = vocabulary("two three four five six seven eight nine ten dozen both all many several")
_NO_NOUN = frozenset(NOT_NAMES - _HOW_MANY)  # `the other`; not `the two`
_NOT_OWNED = frozenset(TITLES | ORG_WORDS)


def _past_adverb(words: list[str]) -> list[str]:
    """`Interestingly Blocher`: a capitalised word English knows only as an adverb, opening
    the sentence before a name, is the sentence's, not part of the name (`some on Twitter`
    keeps its `on`)."""
    first = words[0] if len(words) > 1 else ""
    if first[:1].isupper() and word_classes(first) == _ADVERB and is_name_word(words[1]):
        return words[1:]
    return words


@lru_cache(maxsize=16384)  # a name is resolved again at each of its mentions: a few MB at most
def canonical_speaker(mention: str | None) -> str | None:
    """The name a mention stands for, without context.

    `Foreign Secretary Jack Straw` -> `Jack Straw`; `a Netflix spokesperson`,
    `Netflix officials`, `Netflix’s official Twitter account` -> `Netflix`;
    a pronoun or a description (`the company`) stays as written.
    """
    if not mention:
        return None
    words = [w.rstrip(".") if w.endswith(".") and len(w) > 3 else w for w in _words(mention)]
    while words and fold(words[0]) in DETERMINERS:
        words.pop(0)
    words = _past_adverb(words)
    if not words:
        return None
    at = words.index("and") if "and" in words[1:-1] else 0
    organisation = bool(at) and and_in_organisation(words, at)  # `Office of Management and`
    if at and is_name_word(words[at - 1]) and is_name_word(words[at + 1]) and not organisation:
        # `Smith and Jones`: both speak; `the Vermont senator and Democratic candidate`: one
        left, right = (
            canonical_speaker(" ".join(words[:at])),
            canonical_speaker(" ".join(words[at + 1 :])),
        )
        if left and right and is_name_word(left.split()[-1]) and is_name_word(right.split()[0]):
            return f"{left} and {right}"
    owners = [i for i, w in enumerate(words[:-1]) if w != strip_possessive(w)]
    # `Prime Minister Tony Blair's official spokesman`: someone speaking for a named person
    for_a_person = (
        len(owners) == 1
        and owners[0] > 0
        and fold(words[-1]) in _FUNCTIONARIES
        and all(is_name_word(w) for w in words[owners[0] - 1 : owners[0] + 1])
    )
    if for_a_person:
        return mention.strip()
    names = [is_name_word(w) and fold(strip_possessive(w)) not in ROLE_NOUNS for w in words]
    for i in range(1, len(words)):  # `Number 10`, `Il Sole 24 Ore`: the number is the name's
        number = strip_possessive(words[i])
        names[i] = names[i] or (names[i - 1] and ends_short_name(number, words[max(i - 3, 0) : i]))
    if organisation:  # `United Food and Commercial Workers Union`: its `Workers` is its name's
        names = [n or is_name_word(w) for n, w in zip(names, words, strict=True)]
    based = max((i for i, w in enumerate(words) if _LOWER_END.search(w)), default=-1)
    names[: based + 1] = [False] * (based + 1)  # not `Calif.-based`, `Los Angeles-based` (Adobe)
    if len(words) > 1 and names[-2] and not names[-1] and is_capitalised(words[-1]):
        names[-1] = fold(words[-1]) not in DETERMINERS  # `Theresa May`: May is her name here
    link = next((i for i, w in enumerate(words) if fold(w) in _OF_LINKS), 0)
    # `Bank of Tokyo's Kimura`, `Bank of Spain officials`: the link is inside a name
    named_of = fold(words[link]) == "of" and fold(words[link - 1]) in _NAMED_OF
    titled = all(fold(w) in TITLES for w in words[:link])
    if link and names[link - 1] and not (titled or named_of):
        # `Anne Mills of Shearson Lehman`: the person, not their employer
        words, names = words[:link], names[:link]
    if names[-1]:
        run: list[str] = []
        for i in range(len(words) - 1, -1, -1):
            w = words[i]
            if run and i and fold(w) == "of" and fold(words[i - 1]) in _NAMED_OF:
                run.insert(0, w)  # `the Bank of England`
                continue
            if run and organisation and i == at:
                run.insert(0, w)  # `Office of Management and Budget`
                continue
            if not names[i] or (run and w != strip_possessive(w)):
                break  # `Marine Midland NA's O'Neill`: the name after the owner
            run.insert(0, w)
        at = len(words) - len(run)
        of_title = at >= 2 and fold(words[at - 1]) == "of" and fold(words[at - 2]) in TITLES
        if len(run) > 2 and of_title:
            run = run[1:]  # `Secretary of State Madeleine Albright`: State is her title's
        run = _past_employer(strip_titles(run))
        run[-1] = strip_possessive(run[-1])
        if not (len(run) == 1 and fold(run[0]) in ROLE_NOUNS):
            return " ".join(run)
    for w, is_name in zip(words, names, strict=True):
        if is_name:
            run_start = words.index(w)
            run = []
            for k, (w2, n2) in enumerate(zip(words[run_start:], names[run_start:], strict=True)):
                after = run_start + k + 1
                joined = bool(run) and fold(w2) == "of" and fold(run[-1]) in _NAMED_OF
                joined = joined or (bool(run) and organisation and after - 1 == at)
                if joined and after < len(words) and names[after]:
                    run.append(w2)  # `Bank of Spain` (officials)
                    continue
                if not n2 or w2 != strip_possessive(w2):
                    if n2:
                        run.append(strip_possessive(w2))
                    break
                run.append(w2)
            return " ".join(strip_titles(run))
    return " ".join(words) if len(words) == 1 else mention.strip()


def _two_speakers(name: str) -> bool:
    """`Trump and Ryan`: two speakers joined; `Office of Management and Budget` is one."""
    words = name.split()
    return "and" in words and not and_in_organisation(words, words.index("and"))


_TITLE_WORDS = frozenset(TITLES | ROLE_NOUNS)


def _past_employer(run: list[str]) -> list[str]:
    """`Credit Suisse Paul Hofer`, `General Motors Roger Smith`: a run of capitalised words
    that opens on no first name and reaches one before its last word is an employer's
    name run into the person's; the person starts at the first name."""
    if len(run) < 3 or first_name_gender(run[0]) or len(run[0].rstrip(".")) < 2:
        return run  # `T. Boone Pickens`: an initial opens the name
    at = next(
        (
            i
            for i, w in enumerate(run[1:-1], 1)
            if first_name_gender(w)
            and fold(w) not in _TITLE_WORDS | NOT_SPEAKERS  # `Japan Governor X`
        ),
        None,
    )
    if at is None or any(fold(w) in ORG_WORDS | NOT_SPEAKERS for w in run[at:]):
        return run  # `New York Times`: York is a first name, the run an organisation's
    if any(fold(a) in _NAMED_OF and b == "of" for a, b in pairwise(run)):
        # `Office of Parks and Gardens Helen Marsh`: after an organisation named `X of Y`, a
        # person is the last two words; `… Ferry Boat Operators` (a plural noun) is no one
        plural = run[-1].endswith("s") and "NOUN" in word_classes(run[-1][:-1])
        return run[-2:] if first_name_gender(run[-2]) and not plural else run
    return run[at:]


@lru_cache(maxsize=16384)  # asked of every agent an article names: its phrases repeat
def _describes_person(mention: str, canonical: str | None) -> bool:
    """`the defender`, `the 25-year-old Dubliner`: a definite description of one person.

    Not an organisation (`the company`), a document (`the lawsuit`), an
    utterance (`the statement`), a group (`the artists`), nor a name (`the BBC`).
    """
    words = _words(mention)
    if len(words) < 2 or fold(words[0]) != "the" or words[1][:1].isupper():
        return False
    if _named_head(words):
        return False  # `the top-selling Hurriyet`, `the embattled Blair`: the name speaks
    if any(fold(w) in _OF_LINKS for w in words):
        return False  # `the head of the NHTCU` names the organisation
    names = (canonical or "").split()
    if len(names) > 1 and any(is_name_word(w) for w in names):
        return False
    head = fold(strip_possessive(words[-1]))
    if head in ORG_ANAPHORS | UTTERANCE_NOUNS | DOCUMENT_NOUNS or head in ORG_WORDS:
        return False
    if head in _FUNCTIONARIES:
        return False  # `the prime minister's official spokesman` is someone else
    return not (head.endswith("s") and not head.endswith("ss"))


def _named_head(words: list[str]) -> bool:
    """`the top-selling Hurriyet`: modifiers then a name, not a word for someone from a place
    (`Dubliner`, `Texan`, `Austrian`) nor one English knows; not `the director behind JFK`."""
    word = words[-1]
    return (
        not any(fold(w) in _TITLE_WORDS for w in words[1:-1])
        and is_name_word(word)
        and fold(word) not in NOT_SPEAKERS
        and not _DEMONYM.search(word)
        and not is_english_word(word)
    )


def _unnamed_someone(mention: str) -> bool:
    """`A banker`, `a Hong Kong trader`, `one dealer`: an indefinite description of one person,
    whom a `he` or `she` that follows may be (not the place inside it, nor someone earlier)."""
    first = mention.split(None, 1)
    if not first or fold(first[0]) not in _UNNAMED:
        return False  # most subjects: told before splitting them into words
    words = _words(mention)
    if len(words) < 2 or not words[-1].islower():
        return False
    if any(is_name_word(w) for w in words[1:-1]) and not _someone_described(mention):
        return False  # `a Labour Party spokesman` speaks for the party: the party
    head = words[-1]
    things = ORG_ANAPHORS | UTTERANCE_NOUNS | DOCUMENT_NOUNS | ORG_WORDS
    noun = word_classes(head) == {"NOUN"}  # not `a spokesman later`
    return noun and head not in things and not head.endswith("s") and agent_noun(head)


def as_written(mention: str) -> str:
    """A described source as the article words it, its determiner lower-cased: `the petition`."""
    words = mention.strip().split()
    if fold(words[0]) in DETERMINERS:
        words[0] = words[0].lower()
    return " ".join(words)


def _is_functionary(mention: str) -> bool:
    """`The prime minister's official spokesman`: a definite, unnamed person speaking for others."""
    words = _words(mention)
    return (
        len(words) >= 2
        and fold(words[0]) == "the"
        and fold(strip_possessive(words[-1])) in _FUNCTIONARIES
        and not any(is_name_word(w) for w in words[1:])
    )


def _inverted_subject(text: str, toks: list[tuple[int, int, str]], verb: int) -> Mention | None:
    """`..., observed Jack Boorman, adviser to ...`: a name right after a verb opening a clause."""
    if verb == 0 or verb + 1 >= len(toks) or fold(toks[verb][2]) not in _NARRATIVE_INVERTED:
        return None
    if text[toks[verb - 1][1] : toks[verb][0]].strip() != ",":
        return None
    found = noun_phrase_after(text, toks, verb + 1, toks[verb][2])
    return found if found and is_name_word(found.text.split()[0]) else None


def _is_pronoun(mention: str) -> bool:
    return fold(mention.strip()) in PRONOUNS


def _head_noun(mention: str) -> str:
    words = _words(mention)
    return fold(words[-1]) if words else ""


def _inside(pos: int, spans: Sequence[Span]) -> bool:
    """Whether `pos` falls in one of the sorted, non-overlapping `spans`."""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


_HEADING_END = tuple(".?!:;,\"”’'…)]")
_MAX_HEADING_WORDS = 14


def headings(text: str, paragraphs: list[Span] | None = None) -> list[Span]:
    """Paragraphs that are headlines or section headings (`Black Lawmakers Rip Donald Trump`):
    short, without closing punctuation, most words capitalised. Their words name no speaker
    (a dateline, `OSCEOLA, Iowa —`, is blank by then: `extract._for_attribution`)."""
    found = []
    for start, end in paragraph_spans(text) if paragraphs is None else paragraphs:
        if end - start > 200 or text[end - 1] in _HEADING_END:
            continue
        words = text[start:end].split()
        capitalised = sum(w[:1].isupper() for w in words)
        if len(words) <= _MAX_HEADING_WORDS and capitalised * 2 > len(words):
            found.append((start, end))
    return found


def _headline_end(text: str, spans: list[Span] | None = None) -> int:
    """Where the text's headline ends: its first paragraph when others follow and it is
    short, or in title case (`Trump Just Responded To Rubio’s Biggest Attack Yet With …`);
    0 when there is none."""
    spans = paragraph_spans(text) if spans is None else spans
    if len(spans) < 2:
        return 0
    words = text[spans[0][0] : spans[0][1]].split()
    capitalised = sum(w[:1].isupper() for w in words)
    if len(words) <= _MAX_HEADING_WORDS or (
        len(words) <= 2 * _MAX_HEADING_WORDS and capitalised * 4 > len(words) * 3
    ):
        return spans[0][1]
    return 0


# `Mr McManus`, `Mrs. Clinton`: a surname after an honorific
_TITLED_SURNAME = re.compile(r"(M(?<!\wM)(?:r|rs|s|iss))\.?\s+([A-Z][\w’'-]+)")
_INITIALS = re.compile(r"[A-Z]{2}")


def _initials_then_surname(words: list[str], titled: set[str]) -> bool:
    """`JP McManus` where the article also writes `Mr McManus` (`titled`: such surnames): two
    capitals before a surname are the person's initials without their points, not an acronym
    (`BP Amoco`, which no one calls `Mr Amoco`)."""
    return (
        len(words) == 2
        and bool(_INITIALS.fullmatch(words[0]))
        and strip_possessive(words[1]) in titled
    )


def _people(text: str, quoted: Sequence[Span] = ()) -> list[Person]:
    """People named in the article outside quotations, in order.

    A full name (two or more name words, titles dropped) or a titled surname
    (`Lord Butler`, `Mr Panke`). A pronoun just after a name tells its gender,
    unless another name comes between (`Wood slated Cohen for his ...`).
    """
    runs = [m for m in _NAME_RUN.finditer(text) if not _inside(m.start(), quoted)]
    titled_surnames = {m.group(2) for m in _TITLED_SURNAME.finditer(text)}
    headline_end = _headline_end(text)
    people = []
    for n, m in enumerate(runs):
        words = m.group().split()
        if m.start() < headline_end:  # `Trump Just Responded To Rubio’s`: a title-case run
            cut = [i for i, w in enumerate(words) if fold(w) in NOT_NAMES]
            words = words[cut[-1] + 1 :] if cut else words
        while m.start() < headline_end and words and not first_name_gender(words[0]):
            words.pop(0)  # `Understated Perez raises …`: a headline's capitals are not names
        if not words:
            continue
        if _PLACE_BEFORE.search(text, max(m.start() - 12, 0), m.start()) and not words[-1].endswith(
            ("'s", "’s")
        ):
            continue  # `in Los Angeles`, `at Camp David`: a place
        owners = [i for i, w in enumerate(words[:-1]) if w != strip_possessive(w)]
        if owners:
            words = words[owners[-1] + 1 :]  # `Marine Midland NA's O'Neill` -> O'Neill
        while words and (
            not is_name_word(words[0])
            or words[0].lower() in SAY_VERBS
            or (words[0].endswith("ing") and not first_name_gender(words[0]))
        ):
            words.pop(0)  # `But`, `Said` (`Said Mr Fogg:`), `Regarding` open the run unnamed
        words = _past_adverb(words) if words else words  # `Previously Chinese entities`
        honorific = honorific_gender(words)
        titled = len(words) == 2 and fold(words[0]) in HONORIFICS
        words = _after_a_title(strip_titles(words))
        initials = _initials_then_surname(words[-2:], titled_surnames)
        words = words[-2:] if initials else words  # `Irishmen JP McManus`
        if not (titled or initials) and (len(words) < 2 or looks_like_org(" ".join(words))):
            continue
        if any(fold(strip_possessive(w)) in ROLE_NOUNS for w in words):
            continue
        if fold(strip_possessive(words[-1])) in TITLES:
            continue  # `Old Labour`, `Home Secretary`: no one's surname
        if _lost_its_noun(" ".join(strip_possessive(w) for w in words)):
            continue  # `Presumptive Democratic` (presidential nominee Hillary Clinton)
        window_end = min(
            m.end() + _GENDER_WINDOW, runs[n + 1].start() if n + 1 < len(runs) else len(text)
        )
        cue = _GENDER_CUE.search(text, m.end(), window_end)
        gender = ("m" if cue.group(1) else "f") if cue else ""
        name = " ".join(strip_possessive(w) for w in words)
        people.append(Person(name, m.start(), gender, honorific))
    return people


def _after_a_title(words: list[str]) -> list[str]:
    """`Federal Reserve Board Vice Chairman Manuel Johnson`: a run an organisation opens, with
    a title and then a full name, names the person after the title, not the organisation."""
    titles = [i for i, w in enumerate(words[:-2]) if fold(w) in TITLES or fold(w) in HONORIFICS]
    if not titles or not looks_like_org(" ".join(words)):
        return words
    person = words[titles[-1] + 1 :]
    return words if looks_like_org(" ".join(person)) else person


def _last_before(items: list[tuple[int, str]], pos: int, n: int) -> list[tuple[int, str]]:
    """Up to `n` of the sorted `items` placed before `pos`, nearest first."""
    i = bisect_left(items, (pos, ""))
    return items[max(i - n, 0) : i][::-1]


class _Leader:
    """Who has been named most often so far, answered in one sweep over the text.

    `intros`: where each person is first named (full name); `mentions`: every
    place their surname is written. Queries at growing positions cost nothing
    extra; a query behind the last one starts the sweep again.
    """

    def __init__(self, intros: list[tuple[int, str]], mentions: list[tuple[int, str]]) -> None:
        self.events = sorted([(at, 0, n) for at, n in intros] + [(at, 1, n) for at, n in mentions])
        self._reset()

    def _reset(self) -> None:
        self.done = 0
        self.pos = -1
        self.order: dict[str, int] = {}
        self.counts: Counter[str] = Counter()
        self.best: str | None = None

    def _key(self, name: str) -> tuple[int, int]:
        return (self.counts[name], -self.order[name])

    def at(self, pos: int) -> str | None:
        if pos < self.pos:
            self._reset()
        self.pos = pos
        while self.done < len(self.events) and self.events[self.done][0] < pos:
            _, kind, name = self.events[self.done]
            self.done += 1
            if kind == 0:
                self.order.setdefault(name, len(self.order))
            else:
                self.counts[name] += 1
            if name in self.order and (self.best is None or self._key(name) > self._key(self.best)):
                self.best = name
        return self.best


class ArticleSpeakers:
    """Resolves the speaker mentions of one article, in text order."""

    def __init__(
        self, text: str, quoted: Sequence[Span] = (), paragraphs: list[Span] | None = None
    ) -> None:
        """`quoted`: the quotations' spans; names said inside them are not speakers.
        `paragraphs`: the text's paragraph spans when the caller has them already."""
        self.text = text
        self.quoted = sorted(quoted)
        self.paragraphs = paragraph_spans(text) if paragraphs is None else paragraphs
        self.headings = headings(text, self.paragraphs)
        self.people = [p for p in _people(text, self.quoted) if not _inside(p.pos, self.headings)]
        # by surname: what a title says (`Mrs. Clinton`), then a pronoun just after the name
        self.titled: dict[str, str] = {}
        self.genders: dict[str, str] = {}
        self._full_genders: dict[str, str] = {}  # the same, by full name
        for p in self.people:
            if p.titled:
                self.titled.setdefault(fold(p.name.split()[-1]), p.titled)
            if p.gender:
                self.genders.setdefault(fold(p.name.split()[-1]), p.gender)
                self._full_genders.setdefault(fold(p.name), p.gender)
        for m in _TITLED_SURNAME.finditer(text):
            self.titled.setdefault(fold(m.group(2)), honorific_gender([m.group(1)]))
        # genders taught by pronouns already resolved (`he` was Corbett): never make a person
        self.learned: dict[str, str] = {}
        self.resolved: list[tuple[int, str]] = []  # (position, canonical) of earlier quotes
        self._speaker_keys: set[str] = set()  # their folded names
        # organisations named through one person (`the Ofcom spokesman`): `he` may be them
        self.spokespeople: set[tuple[int, str]] = set()
        self.functionaries: list[tuple[int, str]] = []  # `A spokesman for the Home Office`
        self.things: list[tuple[int, str]] = []  # `the paper notes`: documents and bodies
        self.orgs = {fold(m.group(1)) for m in _ORG_CONTEXT.finditer(text)}
        # the mention the last `resolve`d pronoun points back to, for its evidence
        self.antecedent: Span | None = None
        self._antecedent_at: dict[int, Span] = {}  # a resolved pronoun's position -> its own
        # agents of a clause inside a sentence -> the sentence's subject (or its pronoun's
        # gender): `Devine acknowledged that …, something Sanders aides argue …. "…," he said`
        # is Devine, the subject, not Sanders
        self._under_subject: dict[tuple[int, str], tuple[int, str] | str] = {}
        self._described_genders: dict[str, str] = {}  # `the woman` -> f

    @cached_property
    def agents(self) -> list[tuple[int, str]]:
        """Named subjects of sentences and of reporting verbs: who pronouns can point back to."""
        agents: list[tuple[int, str]] = []
        for start, end in self.paragraphs:
            starts = sentence_starts(self.text, start, end)
            for s, e in zip(starts, [*starts[1:], end], strict=True):
                toks = tokens(self.text, s, e)
                subject = None if self.text[s] in _MARKS else sentence_subject(self.text, toks, "")
                head: tuple[int, str] | str | None = None
                if subject is not None and fold(subject.text.strip()) in _SUBJECT_PRONOUNS:
                    head = PRONOUNS[fold(subject.text.strip())]
                elif subject is not None and fold(subject.text.strip()) == "it":
                    self._thing_goes_on(subject.start)
                elif subject is not None and self._agent_mention(subject):
                    head = self._add_agent(agents, subject)
                    if head and not is_name_word(_words(subject.text)[-1]):
                        head = None  # `The Cruz campaign`: not Cruz speaking
                found: list[tuple[Mention | None, bool]] = []
                # (the verbs picked out in one comprehension: a loop over every word costs more)
                for v in [v for v, tok in enumerate(toks) if tok[2] in SAY_VERBS]:
                    before = (
                        name_in_commas(self.text, toks, v, strict=True)
                        or appositive_subject(self.text, toks, v)
                        or noun_phrase_before(self.text, toks, v)
                    )
                    # `Lance Beebe, 49, …, said Hillary Clinton should`: Beebe said it
                    said_by_subject = bool(before and subject and before.start == subject.start)
                    found += [
                        (before, False),
                        (_inverted_subject(self.text, toks, v), said_by_subject),
                    ]
                found += [(m, False) for m in self._clause_subjects(s, e)]
                for mention, object_clause in found:
                    if mention is None or not self._agent_mention(mention):
                        continue
                    added = self._add_agent(agents, mention)
                    if added and head and (object_clause or self._in_clause(mention, s, head)):
                        self._under_subject[added] = head
        return agents

    def _thing_goes_on(self, pos: int) -> None:
        """`The staff letter noted …. It also pointed up …. "…," it added`: a sentence opening
        on `it` carries the document or body just before on to its own paragraph."""
        if self.things and self._near(self.things[-1][0], pos):
            described = self.things[-1][1]
            if not _head_noun(described).endswith("s"):
                self.things.append((pos, described))

    def _clause_subjects(self, start: int, end: int) -> list[Mention]:
        """Known people opening a clause joined on after a comma or semicolon (`…, and Clinton
        aimed her speech at …`): someone the sentence is also about, whom `she` may be."""
        found = []
        for m in _CLAUSE_SUBJECT.finditer(self.text, start, end):
            words = m.group(1).split()
            titled = len(words) > 1 and (fold(words[0]) in TITLES or fold(words[0]) in HONORIFICS)
            if titled or fold(words[-1]) in self._longest_names:  # an owner is no agent
                found.append(Mention(m.group(1), m.start(1), m.end(1)))
        return found

    def _in_clause(self, mention: Mention, sentence: int, head: tuple[int, str] | str) -> bool:
        """Whether `mention` is the subject of a clause inside the sentence, after its own
        subject and no comma between (`said Trump continued to`), not the sentence's reporting
        clause (`Trump, Sexton said, has`, `…, Stovall said.`, `said Katie Harbath`)."""
        if isinstance(head, tuple) and mention.start <= head[0]:
            return False
        before = self.text[sentence : mention.start].rstrip()
        verb = before.rsplit(None, 1)[-1] if before else ""
        if verb == mention.cue:
            before = before[: -len(verb)].rstrip()  # `…, said Katie Harbath`
        return bool(before) and before[-1].isalnum()

    def _agent_mention(self, mention: Mention) -> bool:
        """Whether a subject can be someone a pronoun points back to (not a pronoun, an owner,
        words inside a quotation or a heading)."""
        return not (
            _is_pronoun(mention.text)
            or (mention.text.endswith(("'s", "’s")) and not _HAS_BEEN.match(self.text, mention.end))
            or _inside(mention.start, self.quoted)
            or _inside(mention.start, self.headings)
        )

    def _add_agent(self, agents: list[tuple[int, str]], mention: Mention) -> tuple[int, str] | None:
        """A named subject, or a functionary (`the official spokesman`) `he` may be; the entry
        added, if any."""
        added = len(agents)
        name = canonical_speaker(mention.text)
        if name and _generic(name, mention.text):
            name = as_written(mention.text)  # `the Office`, not `Office`: no one `he` may be
        if _describes_person(mention.text, name):
            gendered = _GENDERED_NOUNS.get(_head_noun(mention.text), "")
            name = self._protagonist(mention.start)
            if gendered and (not name or self._gender(name) != gendered):
                name = as_written(mention.text)  # `The woman who started it all`: not him
                self._described_genders[name] = gendered
        if name:
            name = self._surname_not_place(name)
        if name and (not is_plausible_speaker(name) or (" " in name and _lost_its_noun(name))):
            return None  # `Presumptive Democratic` (presidential nominee Hillary Clinton)
        if _unnamed_someone(mention.text) and self._opens_and_says(mention):
            name = as_written(mention.text)  # `A banker said …. "…," he said`: the banker
            agents.append((mention.start, name))
            self.spokespeople.add((mention.start, name))
        elif name and any(is_name_word(w) for w in name.split()):
            agents.append((mention.start, name))
            if _PERSON_ROLE.search(mention.text):
                self.spokespeople.add((mention.start, name))
        elif name in self._described_genders:
            agents.append((mention.start, name))  # `the woman`: `she` may be her
        elif name and _is_functionary(mention.text):
            # `he` is `the spokesman`, not `spokesman`
            written = name if " " in name else as_written(mention.text)
            agents.append((mention.start, written))
            self.spokespeople.add((mention.start, written))
        if name and _FUNCTIONARY.search(mention.text):
            lone = " " not in name and name.islower()  # `The spokesperson` stays so
            self.functionaries.append((mention.start, as_written(mention.text) if lone else name))
        words = _words(mention.text)
        if (
            len(words) >= 2
            and (fold(words[0]) in _DEFINITE or words[0] != strip_possessive(words[0]))
            and _head_noun(mention.text) in DOCUMENT_NOUNS | UTTERANCE_NOUNS | ORG_ANAPHORS
        ):
            self.things.append((mention.start, as_written(mention.text)))
        elif is_group(mention.text):
            self.things.append((mention.start, as_written(mention.text)))  # `they`: the protesters
        return agents[added] if len(agents) > added else None

    def _opens_and_says(self, mention: Mention) -> bool:
        """`A banker said`, `But a spokesman said`: the description opens its sentence and a
        reporting verb follows it (not `In a letter to …`, `A reporter asked Sanders`)."""
        if not _OPENS_SENTENCE.search(self.text, max(mention.start - 12, 0), mention.start):
            return False
        verb = _NEXT_WORD.match(self.text, mention.end)
        return verb is not None and verb.group(1) in SAY_VERBS and verb.group(1) != "asked"

    def _protagonist(self, pos: int) -> str | None:
        """The person the article has named most often before `pos` (`the defender` is them)."""
        return self._leader.at(pos)

    @cached_property
    def _leader(self) -> _Leader:
        intros = [(p.pos, self.full_name(p.name)) for p in self.people]
        by_surname = {name.split()[-1]: name for _, name in intros}
        mentions = [(at, by_surname[w]) for w, ats in self._surname_at.items() for at in ats]
        return _Leader(intros, sorted(mentions))

    def _works_for_a_person(self, mention: str, canonical: str) -> bool:
        """`a senior Cruz adviser`, `one Trump confidant`, `Rubio's deputy campaign manager`:
        someone around a person, who is not that person (`a Netflix spokesperson` speaks for
        Netflix, an organisation)."""
        words = _words(mention)
        head = strip_possessive(words[-1])
        if len(canonical.split()) != 1 or not (head.islower() or fold(head) in ROLE_NOUNS):
            return False
        full = self._longest_names.get(fold(canonical), "")
        return len(full.split()) > 1 and not looks_like_org(full)

    def _modifier_alone(self, mention: str, canonical: str) -> bool:
        """`the Tenby council`, `Congressional sources`: one capitalised word before a body's
        word or people together, that the article never shows as an organisation's (`Netflix
        officials`) nor a person's name, names no one alone; the description speaks."""
        words = _words(mention)
        described = bool(words) and fold(words[0]) in DETERMINERS  # not `Internet service`
        words = words[1:] if described else words
        return (
            len(words) == 2
            and words[0] == canonical
            and is_name_word(canonical)
            and ((described and words[1] in ORG_WORDS) or is_group(f"the {words[1]}"))
            and not self._is_org(canonical)
            and fold(canonical) not in self._longest_names
        )

    def _recent_document(self, pos: int) -> str | None:
        """`"…," the letter says. "…," it added.`: `it` is the document or body just quoted."""
        name = self._recent_speaker(pos)
        if name is None or not name.startswith(("the ", "a ", "an ")):
            return None
        head = _head_noun(name)
        return name if head in DOCUMENT_NOUNS | UTTERANCE_NOUNS | ORG_ANAPHORS else None

    def _recent_speaker(self, pos: int) -> str | None:
        """Who spoke last before `pos`, when that was in the same or the previous paragraph."""
        before = _last_before(self.resolved, pos, 1)
        if not before:
            return None
        at, name = before[0]
        here = paragraph_of(self.paragraphs, pos)
        return name if here - paragraph_of(self.paragraphs, at) <= 1 else None

    def _introduced(self, mention: str, pos: int) -> bool:
        """`A senior administration official said … "…," the official said`: the description's
        noun brought in someone unnamed before (`a`, `one`, `another`, a few words between), in
        this paragraph or the two before; the description is them, not the protagonist."""
        head = _words(mention)[-1]
        here = paragraph_of(self.paragraphs, pos)
        start = self.paragraphs[max(here - 2, 0)][0]
        pattern = rf"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w’'-]+\s+){{0,4}}{re.escape(head)}\b"
        return re.compile(pattern).search(self.text, start, pos) is not None

    def _continued_protagonist(self, pos: int) -> str | None:
        """`Lord Butler said "…" … The former cabinet secretary said`: the protagonist, when the
        last one quoted before `pos` was them and no one else has spoken or acted since;
        otherwise the description is someone else (`Trump was asked … "…," the businessman
        replied`: a description of someone not just quoted stays as written)."""
        hero = self._protagonist(pos)
        quoted = _last_before(self.resolved, pos, 1)
        acted = _last_before(self._said, pos, 1)
        if hero is None or not quoted or not acted:
            return None
        last = {fold(self.full_name(quoted[0][1])), fold(self.full_name(acted[0][1]))}
        return hero if last == {fold(hero)} else None

    @cached_property
    def _surname_at(self) -> dict[str, list[int]]:
        """Where each person's surname is written, found in one pass over the text."""
        surnames = {self.full_name(p.name).split()[-1] for p in self.people}
        at: dict[str, list[int]] = defaultdict(list)
        if surnames:
            for m in _CAPITALISED.finditer(self.text):
                word = m.group()
                if word not in surnames:
                    word = _APOSTROPHE_SPLIT.split(word, maxsplit=1)[0]  # `Parry's`
                if word in surnames:
                    at[word].append(m.start())
        return at

    def _is_org(self, name: str) -> bool:
        """An organisation; a lone word only when the article shows it (`Netflix officials`)."""
        words = name.split()
        if len(words) > 1:
            return looks_like_org(name)
        if fold(name) in ORG_WORDS:
            return True
        surname = fold(name) in self._longest_names
        return not surname and (fold(name) in self.orgs or name.isupper())

    def full_name(self, name: str) -> str:
        """The longest full name in the article ending with `name`'s last word."""
        found = self._full_name_of_name.get(name)
        if found is None:  # asked again and again of the same names, as pronouns resolve
            found = self._full_name_of_name[name] = self._longest_for(name)
        return found

    @cached_property
    def _full_name_of_name(self) -> dict[str, str]:
        return {}

    def _longest_for(self, name: str) -> str:
        if _two_speakers(name):  # `Trump and Ryan`: each their own
            return " and ".join(self.full_name(part) for part in name.split(" and "))
        longest = self._full_names.get(fold(name.split()[-1]), "")
        if self._another_given_name(name.split(), longest.split()):
            return name  # `Ian Blair` is not the `Tony Blair` the article names too
        return longest if len(longest) > len(name) else name

    @cached_property
    def _full_names(self) -> dict[str, str]:
        """The longest names by surname, without an employer run into them."""
        return {
            k: " ".join(_past_employer(_past_adverb(v.split())))
            for k, v in self._longest_names.items()
        }

    @cached_property
    def _longest_names(self) -> dict[str, str]:
        longest: dict[str, str] = {}
        for p in self.people:
            last = fold(p.name.split()[-1])
            if len(p.name) > len(longest.get(last, "")):
                longest[last] = p.name
        return longest

    def _gender(self, name: str) -> str:
        """A described person's noun (`the woman`) or a full name's first name decides
        (`Bill Clinton` beside `Mrs. Clinton`); a surname
        alone goes by its title, then by the first name of the full name the article gives."""
        if name in self._described_genders:
            return self._described_genders[name]
        words = name.split()
        last = fold(words[-1])
        if len(words) == 1 and (found := self.titled.get(last)):
            return found
        if len(words) == 1 and len(self._surname_genders.get(last, ())) > 1:
            return ""  # `Clinton` beside Bill and Hillary Clinton: either, the pronoun says
        full = words if len(words) > 1 else self.full_name(name).split()
        given = first_name_gender(full[0]) if len(full) > 1 else ""
        # a full name's own hint; its surname's only when no one else bears it (`Melania Trump`
        # is not `he` because Donald Trump was)
        hinted = self._full_genders.get(fold(" ".join(full)), "")
        if not hinted and (len(words) == 1 or not self._shared_surname(last)):
            hinted = self.genders.get(last, "")
        if given and hinted and given != hinted:
            return ""  # `Rei`, `Bijan`: names the list and the article disagree on
        return given or self.titled.get(last) or hinted or self.learned.get(last, "")

    @cached_property
    def _said(self) -> list[tuple[int, str]]:
        """Agents and resolved speakers in text order (resolve keeps it so)."""
        return sorted(self.agents + self.resolved)

    @cached_property
    def _named(self) -> list[tuple[int, str]]:
        return sorted((p.pos, p.name) for p in self.people)

    def _nearest_person(self, pos: int, gender: str) -> tuple[int, str] | None:
        """The nearest earlier person of `gender` (or unknown): where named, and the name."""
        speakers = self._speaker_keys
        # the nearest person the first-name list alone rules out: still them, unless one of
        # the right gender is in this paragraph or the one before (`Rei Shiratori said. "…,"
        # he said.`: the list errs on names given to both); one whose gender nothing tells
        # and who may be no person (`Wing Watch`) only when no one else fits
        guessed: tuple[int, str] | None = None
        unsure: tuple[int, str] | None = None
        said = _last_before(self._said, pos, _LOOKBACK)
        named = _last_before(self._named, pos, _LOOKBACK)
        for candidates, personal in (
            (said, self._is_person),
            (said, self._may_be_person),
            (named, self._is_person),
        ):
            for at, name in candidates:
                if not is_plausible_speaker(name) or _two_speakers(name):
                    continue  # not `he`: `Smith and Jones`
                spokesperson = (at, name) in self.spokespeople  # `he`: a Labour spokesman
                if not (spokesperson or personal(name, speakers)):
                    continue
                g = self._gender(name)
                if not g and gender and not spokesperson and self._unsure_person(name):
                    unsure = unsure or (at, name)
                elif not gender or not g or g == gender:
                    head = self._under_subject.get((at, name))
                    if head is not None and head == gender:
                        continue  # `But he agreed that a president …`: he is still the one
                    if isinstance(head, tuple) and self._fits(head, gender, personal, speakers):
                        at, name = head
                    if guessed and not self._near(at, pos):
                        break  # a person of that gender nearer may be named, not said
                    return at, name
                elif guessed is None and not self._told_gender(name):
                    guessed = (at, name)
        return max((w for w in (guessed, unsure) if w), default=None)  # the nearer

    def _unsure_person(self, name: str) -> bool:
        """`Wing Watch`, `Puerto Rico`, `Presumptive Democrat`: several words opening on no
        first name, and nothing in the article saying the gender: perhaps no person at all."""
        words = name.split()
        return (
            len(words) > 1
            and not first_name_gender(words[0])
            and not self._told_gender(name)
            and not self._described_as_role(name)
        )

    def _described_as_role(self, name: str) -> bool:
        """`Yukiya Amano, director general of the agency, said`: a name set beside a title or
        role in commas is someone, whatever their first name."""
        at = self.text.find(name + ",")
        if at < 0:
            return False
        after = _words(self.text[at + len(name) + 1 : at + len(name) + 60])[:4]
        return any(fold(w) in _TITLE_WORDS for w in after if w.islower())

    def _fits(self, who: tuple[int, str], gender: str, personal, speakers: set[str]) -> bool:
        """Whether the agent `who` can be the person a pronoun of `gender` points back to."""
        at, name = who
        if not is_plausible_speaker(name):
            return False
        if not ((at, name) in self.spokespeople or personal(name, speakers)):
            return False
        g = self._gender(name)
        return not gender or not g or g == gender

    @cached_property
    def _surname_genders(self) -> dict[str, dict[str, str]]:
        """Surname -> {first-name gender: the longest full name of that gender}."""
        found: dict[str, dict[str, str]] = defaultdict(dict)
        for p in self.people:
            words = p.name.split()
            given = first_name_gender(words[0]) if len(words) > 1 else ""
            if given:
                known = found[fold(words[-1])].get(given, "")
                found[fold(words[-1])][given] = max(known, p.name, key=len)
        return found

    def _full_name_of(self, name: str, gender: str) -> str:
        """The full name for `name` that `he` or `she` points to (`Clinton`, she: Hillary)."""
        words = name.split()
        if len(words) == 1:
            named = self._surname_genders.get(fold(name), {}).get(gender)
            if named and len(self._surname_genders[fold(name)]) > 1:
                return named
        return self.full_name(name)

    def _shared_surname(self, last: str) -> bool:
        """Whether the article names more than one person with this surname."""
        return self._surname_owners.get(last, 0) > 1

    @cached_property
    def _surname_owners(self) -> Counter[str]:
        return Counter(fold(n.split()[-1]) for n in {p.name for p in self.people})

    def _near(self, at: int, pos: int) -> bool:
        """Whether `at` is in the paragraph of `pos` or the one before."""
        return paragraph_of(self.paragraphs, pos) - paragraph_of(self.paragraphs, at) <= 1

    def _told_gender(self, name: str) -> bool:
        """Whether the article itself shows the gender (a title, a pronoun after the name),
        rather than only the first-name list, which errs on names used for both."""
        last = fold(name.split()[-1])
        return last in self.titled or last in self.genders

    def _mention_span(self, at: int, name: str) -> Span | None:
        """Where the name recorded at `at` is written; a pronoun's own antecedent if it was one."""
        if at in self._antecedent_at:
            return self._antecedent_at[at]
        for written in dict.fromkeys((name, name.split()[-1])):
            found = self.text.find(written, at, at + _ANTECEDENT_REACH)
            if found >= 0:
                return found, found + len(written)
        return None

    def _may_be_person(self, name: str, speakers: set[str]) -> bool:
        """`Parry, speaking to BBC Sport, admits ...`: a lone surname that speaks, no org.

        Written more than once, so a capitalised imperative (`Listen to ...`) is not one.
        """
        return (
            len(name.split()) == 1
            and is_name_word(name)
            and not self._is_org(name)
            and self._word_counts[name] > 1
        )

    @cached_property
    def _word_counts(self) -> Counter[str]:
        return Counter(re.findall(r"\w[\w’'-]*\w|\w", self.text))

    def _is_person(self, name: str, speakers: set[str]) -> bool:
        """A full name, a known person's surname, or a one-word name already quoted (`Mido`)."""
        if self._is_org(name):
            return False
        if len(name.split()) > 1:
            named = any(first_name_gender(w) for w in name.split())
            return named or not self._only_after_the(name)
        if not is_name_word(name):
            return False  # `interview`: a noun, not someone already quoted
        folded = fold(name)
        known = folded in self.titled or folded in self.genders
        return folded in speakers or known or folded in self._longest_names

    def _only_after_the(self, name: str) -> bool:
        """`director of the Pew Internet and American Life Project`: a run of capitals holding
        no first name that the article writes only after `the` is a body's or a thing's name;
        no one's full name takes a determiner right before it (`the younger Mr. Trump` has its
        modifier between; `the Exchequer Nigel Lawson` holds a first name)."""
        return self._after_the.get(name, False)

    @cached_property
    def _after_the(self) -> dict[str, bool]:
        """Each name the article's people are read from: whether every time it is written,
        `the` is the word before (one pass over the people, not over the text a name)."""
        found: dict[str, bool] = {}
        for p in self.people:
            after = self.text[max(p.pos - 4, 0) : p.pos].lower() == "the "
            found[p.name] = found.get(p.name, True) and after
        return found

    def _nearest_thing(self, pos: int, kind: str) -> str | None:
        """`The paper notes …; it lists …`: `it` (or `they`) the document or body that reported
        just before, in this paragraph or the one before, as the article describes it."""
        self.agents  # noqa: B018 -- computing the agents fills self.things
        for at, described in _last_before(sorted(self.things), pos, 1):
            plural = _head_noun(described).endswith("s")
            if self._near(at, pos) and plural == (kind == "p"):
                return described
        return None

    def _nearest_org(self, pos: int) -> str | None:
        """`it`/`they` as the organisation said to act in this paragraph or the one before,
        else the one the article is about when those paragraphs name it; else no one."""
        for at, name in _last_before(self._said, pos, _LOOKBACK):
            if not self._near(at, pos):
                break
            if self._is_org(name) and is_name_word(name):
                return name
        main = self._main_org
        if main is None:
            return None
        start = self.paragraphs[max(paragraph_of(self.paragraphs, pos) - 1, 0)][0]
        return main if re.compile(rf"\b{re.escape(main)}\b").search(self.text, start, pos) else None

    @cached_property
    def _main_org(self) -> str | None:
        """The capitalised word the article writes most often that is no one's name, when the
        article writes it acting somewhere."""
        counts = Counter(
            strip_possessive(w)
            for w in re.findall(r"[A-Z](?<!\w[A-Z])[\w.’'-]*\w", self.text)
            if is_name_word(w) and fold(w) not in HONORIFICS
        )
        main = next((w for w, _ in counts.most_common() if w not in self._people_words), None)
        return main if main is not None and self._acts(main) else None

    def _acts(self, word: str) -> bool:
        """A body the article writes as acting or owning somewhere (`Enron said`, `IBM's`,
        `Ofcom will`); `ID` of `ID cards` and `compulsory ID` is a thing, no one's `they`."""
        after = re.compile(rf"(?<![\w-]){re.escape(word)}(?:['’]s\b|\s+([a-z]+))")
        for m in after.finditer(self.text):
            verb = m.group(1)
            if verb is None or verb in SAY_VERBS or verb in _ACTING:
                return True
            if inflected_verb(verb) and not can_be_noun(verb):
                return True
        return False

    @cached_property
    def _people_words(self) -> set[str]:
        return {w for p in self.people for w in p.name.split()}

    def resolve(self, mention: str | None, pos: int) -> str | None:
        """The canonical name for `mention` written at `pos`; None when no one fits."""
        if not mention:
            return None
        self.antecedent = None
        named = self._surname_like_a_pronoun(mention, pos) if _is_pronoun(mention) else None
        if named:
            return self._remember(pos, named)  # `"…," He said` after `But He Weiling, …, said`
        if _is_pronoun(mention):
            kind = PRONOUNS[fold(mention.strip())]
            if kind not in "mf":
                found = self._recent_document(pos) or self._nearest_thing(pos, kind)
                return self._remember(pos, found or self._nearest_org(pos))
            person = self._nearest_person(pos, kind)
            if person is None:
                return None
            at, name = person
            self.learned.setdefault(fold(name.split()[-1]), kind)
            self.antecedent = self._mention_span(at, name)
            if self.antecedent is not None:
                self._antecedent_at[pos] = self.antecedent
            return self._remember(pos, self._full_name_of(name, kind))
        mention = _past_the_phrase(self._name_then_verb(self._whole_phrase(mention, pos), pos))
        link = _owner_in_a_complement(mention)
        if link:  # `Another source familiar with Cruz's`: the source; `Talks on Russia's`: no one
            words = mention.split()
            role = max((i for i in range(1, link) if fold(words[i]) in ROLE_NOUNS), default=0)
            if fold(words[0]) not in DETERMINERS or not role:
                return None
            mention = " ".join(words[: role + 1])
        canonical = canonical_speaker(mention)
        if canonical is None:
            return None
        canonical = self._surname_not_place(canonical)
        written = self._lower_case_name(mention) if mention.islower() else None
        if written:
            return self._remember(pos, written)
        if self._common_opening(mention, canonical):
            return self._remember(pos, as_written(mention))  # `Multiple outlets`, not `Multiple`
        if is_function_word(canonical) and fold(canonical) not in self._longest_names:
            return None  # `Then said`: no one; `Will wrote` after George Will: him
        if (
            not is_plausible_speaker(canonical)
            or _generic(canonical, mention)  # `the Bank`, `an Institute spokesman`, not `Bank`
            or _AROUND_SOMEONE.match(mention)
            or _SOMEONE_FOR.match(mention)
            or _someone_described(mention)  # `the Hong Kong trader`, not Hong Kong
            or self._works_for_a_person(mention, canonical)
            or self._modifier_alone(mention, canonical)  # `the Tenby council`, not Tenby
            or _head_noun(mention) in DOCUMENT_NOUNS  # `a Change.org petition` is no one's voice
        ):
            return self._remember(pos, as_written(mention))  # `the Florida senator`
        if _is_functionary(mention):
            owned = any(w != strip_possessive(w) for w in _words(mention)[:-1])
            last = None if owned else self._last_spokesperson(pos)  # `the rapper's spokesman`
            return self._remember(pos, last or as_written(mention))
        if _describes_person(mention, canonical) and not _POSTMODIFIED.match(
            self.text, pos + len(mention)
        ):
            named = None if self._introduced(mention, pos) else self._continued_protagonist(pos)
            return self._remember(pos, named or as_written(mention))
        if not any(is_name_word(w) for w in _words(canonical)):
            head = _head_noun(mention)
            definite = fold(_words(mention)[0]) in {"the", "this", "that"}
            issuer = self._recent_speaker(pos)
            if head in UTTERANCE_NOUNS and definite and issuer and self._continues(mention, pos):
                return self._remember(pos, issuer)  # `The statement continued`; not `… said`
            # `the former president`, `the statement`, `the company`: which person or body
            # a description stands for is a guess; the description itself is not
            return self._remember(pos, as_written(mention))
        if not looks_like_org(canonical) or canonical in self._people_words:
            canonical = self._titled_first_name(mention, canonical) or self.full_name(canonical)
        if _PERSON_ROLE.search(mention):
            self.spokespeople.add((pos, canonical))
        return self._remember(pos, canonical)

    def _titled_first_name(self, mention: str, canonical: str) -> str | None:
        """`Prince Abdullah`, `Sir Ian`: after a knight's or a royal's title the lone name is a
        first name, so the person is the one full name the article opens with it (`Crown Prince
        Abdullah Ibn Abdulaziz`, `Sir Ian Blair`); None when there is no such name, or two."""
        words = _words(mention)
        if len(words) < 2 or fold(words[-2]) not in _FIRST_NAME_TITLES or " " in canonical:
            return None
        full = self._opening_names.get(canonical, set())
        return next(iter(full)) if len(full) == 1 else None

    @cached_property
    def _opening_names(self) -> dict[str, set[str]]:
        """The article's full names by the first name they open on, alone or after a first
        name's title (`Crown Prince Abdullah Ibn Abdulaziz`: Abdullah)."""
        found: dict[str, set[str]] = defaultdict(set)
        for p in self.people:
            run = p.name.split()
            for i in range(len(run) - 1):
                if i == 0 or fold(run[i - 1]) in _FIRST_NAME_TITLES:
                    found[run[i]].add(" ".join(run[i:]))
        return found

    def _another_given_name(self, words: list[str], longest: list[str]) -> bool:
        """`Bill Clinton` beside `Hillary Rodham Clinton`, `Eric Trump` beside `Donald J.
        Trump`: a name opening on a first name the longer one lacks is another person of the
        family, not a short form of it; a title (`Mr Kennedy`), an initial it shares (`D.
        Greene`) or a sentence's first word (`Given Sanders'`) is."""
        if len(words) < 2 or not longest or set(words) <= set(longest):
            return False
        first = words[0]
        if len(first) <= 2 and first.rstrip(".").isupper():  # `D.`, `J`: an initial
            return not longest[0].startswith(first.rstrip("."))
        titled = fold(first) in HONORIFICS or fold(first) in TITLES
        return bool(first_name_gender(first)) and not titled and not self._common_word(first)

    def _lower_case_name(self, mention: str) -> str | None:
        """`bank workers leader mario galindas told` in a wire written in lower case: the name
        it ends on, when the article writes that surname with its capital reporting
        (`Galindas said`); its first name too when it is one (`Mario Galindas`)."""
        words = [w.capitalize() for w in _words(mention)]
        surname = words[-1]
        if surname not in self._reporting or is_english_word(surname):
            return None
        given = len(words) > 1 and bool(first_name_gender(words[-2]))
        return " ".join(words[-2:]) if given else surname

    def _continues(self, mention: str, pos: int) -> bool:
        """Whether the verb next to `mention` goes on with what was said (`The statement
        continued:`, `added the statement`), rather than reporting it afresh."""
        end = pos + len(mention)
        return bool(
            _CONTINUING_AFTER.match(self.text, end, end + 20)
            or _CONTINUING_BEFORE.search(self.text, max(pos - 20, 0), pos)
        )

    def _surname_not_place(self, name: str) -> str:
        """`Israel said` after Rep. Steve Israel: his surname, not the place."""
        if " " in name or is_plausible_speaker(name):
            return name
        full = self._longest_names.get(fold(name), "")
        return full if len(full.split()) > 1 and not looks_like_org(full) else name

    def _common_word(self, name: str) -> bool:
        """A lone capitalised word the article also writes in lower case (`Hours`, `guns`), or
        that English knows as a common word (`Given`, `Typically`, `TELLING`), and never with
        a capital mid-sentence: a word opening a sentence or a heading, not someone."""
        if " " in name or not name[:1].isupper():
            return False
        if name.isupper() and (len(name) < _CAPITALS_WORD or not name.isalpha()):
            return False  # `BBC`, `NAACP`: an acronym
        folded = fold(name)
        if folded in self._longest_names or folded in self.titled or name in self._mid_sentence:
            return False
        if f"{name.upper()}:" in self.text:
            return False  # `PENCE: We will …`: a transcript's speaker label
        if name in self._reporting and word_classes(name) != {"ADV"}:
            return False  # `Respondents said`, `Hale said`; not `Sadly comments`
        return folded in self._lower_words or is_english_word(name)

    def _whole_phrase(self, mention: str, pos: int) -> str:
        """`Democratic presidential` cut from `Democratic presidential candidate Bernie Sanders
        is …`: a phrase ending on an adjective runs on to the nouns and name that follow."""
        if " " not in mention.strip() or not self.text.startswith(mention, pos):
            return mention
        classes = word_classes(mention.split()[-1])
        if "ADJ" not in classes or "NOUN" in classes:
            return mention
        end = pos + len(mention)
        nouns = _LOWER_WORD.match(self.text, end)
        while nouns and "NOUN" in word_classes(nouns.group(1)) and nouns.group(1) not in SAY_VERBS:
            end = nouns.end()
            nouns = _LOWER_WORD.match(self.text, end)
        if end == pos + len(mention):
            return mention
        name = _NAME_AFTER.match(self.text, end)
        return self.text[pos : name.end() if name else end]

    def _surname_like_a_pronoun(self, mention: str, pos: int) -> str | None:
        """`He` written with its capital inside a sentence (`"…," He said`, `But He said`) is a
        surname when the article names someone so (`He Weiling`, a given name English lacks)."""
        word = mention.strip()
        if not word[:1].isupper() or not _MID_SENTENCE_END.search(self.text, max(pos - 4, 0), pos):
            return None
        for m in re.finditer(rf"(?<![\w.]){re.escape(word)} ([A-Z][\w’'-]+)", self.text):
            if not is_english_word(m.group(1)) and is_name_word(m.group(1)):
                return m.group(0)
        return None

    def _name_then_verb(self, mention: str, pos: int) -> str:
        """`McFadden makes claims that …`: a name then a present verb with its object after it
        is the name; `United fans had declared` (an auxiliary after the noun) stays whole."""
        words = mention.split()
        last = words[-1]
        if len(words) < 2 or not (last.islower() and last.endswith("s") and inflected_verb(last)):
            return mention
        name = words[:-1]
        if (
            not all(is_name_word(w) and w == strip_possessive(w) for w in name)
            or name[-1].isupper()
        ):
            return mention  # not `Turkey's NATO allies`
        after = _LOWER_WORD.match(self.text, pos + len(mention))
        word = after.group(1) if after else ""
        classes = word_classes(word) if word else frozenset()
        if not classes or classes & {"AUX", "ADV"} or classes <= _NOT_NOUNS or word.endswith("ed"):
            return mention
        return " ".join(words[:-1])

    def _common_opening(self, mention: str, canonical: str) -> bool:
        """`Multiple outlets`, `Corporate lobbyists`: a description of a group opening a
        sentence on a common word, which is kept whole, not cut to that word."""
        words = _words(mention)
        return (
            len(words) > 1
            and canonical == words[0]
            and all(w.islower() for w in words[1:])
            and words[-1].endswith("s")
            and self._common_word(canonical)
        )

    @cached_property
    def _reporting(self) -> set[str]:
        """Capitalised words right before a reporting verb (`Respondents said`): sources; not
        in the headline, which is no prose (`Drink remark 'acts as diversion'`)."""
        pairs = _CAPITAL_THEN_WORD.finditer(self.text, _headline_end(self.text, self.paragraphs))
        return {m.group(1) for m in pairs if m.group(2) in SAY_VERBS and m.group(3) != "ing"}

    @cached_property
    def _lower_words(self) -> set[str]:
        return set(re.findall(r"[a-z](?<!\w[a-z])[a-z'’-]*\b", self.text))

    @cached_property
    def _mid_sentence(self) -> set[str]:
        """Capitalised words the article writes inside a sentence: after a lower-case word, a
        comma, an initial or a title (`In 2014, Pew found`, `Representative Brooks`)."""
        found: set[str] = set()
        for m in _WORD_PAIR.finditer(self.text):
            word = m.group(2)
            if word not in found and _inside_sentence(m.group(1)):  # each word tested till found
                found.add(word)
        return found

    def _last_spokesperson(self, pos: int) -> str | None:
        """`the spokesman` after `A spokesman for the Home Office said`: the same one."""
        self.agents  # noqa: B018 -- computing the agents fills self.functionaries
        before = _last_before(sorted(self.functionaries), pos, 1)
        return before[0][1] if before else None

    def handle_owner(self, handle: str) -> str | None:
        """`@edhenry` where the article names Ed Henry: the person whose name the handle
        spells (case, spaces and punctuation aside), or None."""
        key = _spelled(handle)
        return next((p.name for p in self.people if _spelled(p.name) == key), None)

    def note(self, pos: int, name: str) -> str:
        """Record a speaker named outright (a tweet's author) so later mentions can refer to it."""
        self._record(pos, name)
        return name

    def _record(self, pos: int, name: str) -> None:
        self.resolved.append((pos, name))
        self._speaker_keys.add(fold(name))
        if "_said" in self.__dict__:
            insort(self._said, (pos, name))

    def _remember(self, pos: int, name: str | None) -> str | None:
        if name and (not is_plausible_speaker(name) or _lost_its_noun(name)):
            return None  # `Democratic`, `Hampshire`, `the Arizona`: never a stray word
        if name and self._common_word(name):
            return None  # `Moreover`, `Hours later`, `Guns`: a sentence's first word
        if name:
            self._record(pos, name)
        return name


def _spelled(name: str) -> str:
    """A name's letters and digits alone: `@ed_henry`, `Ed Henry` -> `edhenry`."""
    return re.sub(r"[\W_]", "", fold(name))


def _past_the_phrase(mention: str) -> str:
    """`the email went`, `Groening recently heaped`, `Cruz himself`: a phrase that ran on past
    its noun into words English knows only as verbs, adverbs or the like ends on that noun."""
    words = mention.split()
    end = len(words)
    if fold(words[0]) in DETERMINERS and words[-1][:1].isupper():
        # `The movie shows Bob`, `the board saw Fiorina`: the subject, not its clause's object
        verb = next((i for i in range(2, end - 1) if _verb(words[i])), None)
        if verb is not None:
            return " ".join(words[:verb])
    if is_name_word(words[0]) and fold(words[0]) not in DETERMINERS and words[-1][:1].isupper():
        # `Japan wanted the Paris` (communique): the name, not its verb's object
        verb = next(
            (i for i in range(1, end - 2) if _verb(words[i]) and words[i].endswith("ed")), None
        )
        if verb is not None and fold(words[verb + 1]) in DETERMINERS:
            return " ".join(words[:verb])
    if fold(words[0]) in DETERMINERS and all(w.islower() for w in words[1:]):
        # `Its hosts often report`, `its hosts don't hesitate to report`: the subject ends on
        # its noun where an adverb or a negation opens the clause
        clause = next(
            (i for i in range(2, end) if can_be_noun(words[i - 1]) and _opens_clause(words[i])),
            None,
        )
        if clause is not None:
            return " ".join(words[:clause])
    while end > 1 and words[end - 1].islower() and fold(words[end - 2]) not in DETERMINERS:
        last = words[end - 1]
        classes = word_classes(last)
        not_noun = bool(classes) and "NOUN" not in classes
        if not (last.endswith(("self", "selves")) or (not_noun and _not_a_noun(classes))):
            break
        end -= 1
    trimmed = mention if end == len(words) else " ".join(words[:end])
    return _TIME_AFTER.sub("", trimmed) if " " in trimmed else trimmed


def _opens_clause(word: str) -> bool:
    """`often`, `meanwhile`, `went`, `don't`: a word English knows never as a noun, only as a
    verb or an adverb, or a negation; not a function word (`a statement on her website`)."""
    if fold(word) in NOT_NAMES:
        return False
    classes = word_classes(word)
    not_noun = bool(classes) and "NOUN" not in classes and _not_a_noun(classes)
    return not_noun or word.endswith(("n't", "n’t"))


def _not_a_noun(classes: frozenset[str]) -> bool:
    """A verb, an adverb or a particle (`went`, `meanwhile`, `off`); not `top`, `latest`."""
    return classes <= _NOT_NOUNS or "ADV" in classes


def _verb(word: str) -> bool:
    """A lower-case word that is a verb's inflected form: `shows`, `saw`, `denounced`."""
    return word.islower() and inflected_verb(word)


@lru_cache(maxsize=16384)  # asked of every agent and name run: names repeat
def _lost_its_noun(name: str) -> bool:
    """`the Arizona` (of `the Arizona sheriff`), `the latest`, `the Democratic`: a determiner
    then only places, or a word English knows but never as a noun; a singular common noun
    alone; an owner alone; adjectives and places alone: a description cut short."""
    words = name.split()
    if len(words) == 1:  # `spokesman` of `A Five spokesman`, `minister` of a headline
        w = words[0]
        return w.islower() and not w.endswith("s") and w not in _COLLECTIVE and can_be_noun(w)
    if strip_possessive(words[-1]) != words[-1] and not name.isupper():
        return True  # `the Commission's`, `Talks on Russia's`: an owner, what it owns cut off
    adjective = [word_classes(w) == _ADJECTIVE and fold(w) not in NOT_SPEAKERS for w in words]
    cut = any(w.islower() for w in words) or word_classes(words[-1]) == _ADJECTIVE
    if (
        cut
        and any(adjective)
        and all(  # not `Pacific Western` (Airlines) said
            a or word_classes(w) == _ADJECTIVE or (fold(w) in NOT_SPEAKERS and not w.endswith("s"))
            for a, w in zip(adjective, words, strict=True)
        )
    ):
        return True  # `Controversial new UK` (casinos), `Presumptive Democratic` (nominee)
    if fold(words[0]) not in DETERMINERS:
        return False
    rest = words[1:]
    if all(fold(w) in PLACES for w in rest) and not all(w.isupper() for w in rest):
        return True  # not `the US`
    if len(rest) == 1 and fold(rest[0]) in _NO_NOUN:
        return True  # `the other` (categories), `the same`; not `the two`
    classes = word_classes(rest[-1])
    return len(rest) == 1 and bool(classes) and "NOUN" not in classes


def _owner_in_a_complement(mention: str) -> int:
    """`Talks on Norway's` (planned entry), `The extent of Barkley's` (injury): an owner after a
    preposition is no subject; the subject is the noun before it. Where that preposition is
    (0 when the phrase is no such thing)."""
    words = mention.split()
    if len(words) < 3 or strip_possessive(words[-1]) == words[-1]:
        return 0
    link = next((i for i in range(1, len(words) - 1) if fold(words[i]) in _LINKS), 0)
    head = words[link - 1]  # not `Secretary of State John Kerry's`, `Bank of England's`
    owned = link and fold(head) not in _NOT_OWNED
    return link if owned and "NOUN" in word_classes(head) else 0


# Words after which a capitalised word is inside a sentence: honorifics, function words.
_BEFORE_A_NAME = frozenset(HONORIFICS) | frozenset(NOT_NAMES)
_INSIDE_AFTER = _TITLE_WORDS | _BEFORE_A_NAME
_ABBREVIATED = frozenset(TITLES - NOT_NAMES)  # `Gov.`; not `then.`


def _inside_sentence(before: str) -> bool:
    """Whether a capitalised word written after `before` is inside a sentence: `before` is a
    lower-case word, a comma, an initial, a title or a function word (`Morris J. Brooks`,
    `Rep. Brooks`, `As Vulture put it`)."""
    if before[-1] in ",;(":
        return True
    # `Gov. Brown`, not `its statement. Should`, `since then. Given`: a full stop after a role
    # noun or a function word ends a sentence
    if fold(before.rstrip(".")) in _ABBREVIATED or fold(before) in _INSIDE_AFTER:
        return True
    return bool(_INITIAL.fullmatch(before)) or (before[0].islower() and before[-1].isalnum())


def _someone_described(mention: str) -> bool:
    """`the Hong Kong trader`, `a Goldman Sachs analyst`: a person described by where they
    work; unlike a spokesman, who speaks for it, they speak for themselves."""
    words = _words(mention)
    head = words[-1] if words else ""
    return (
        len(words) > 2
        and fold(words[0]) in DETERMINERS
        and agent_noun(head)
        and fold(head) not in _FUNCTIONARIES
        and not _PERSON_ROLE.search(head)
        and any(is_name_word(w) for w in words[1:-1])
    )


def _generic(canonical: str, mention: str) -> bool:
    """A lone organisation word taken out of a longer phrase (`Bank` of `the Bank said`)."""
    return " " not in canonical and fold(canonical) in ORG_WORDS and len(_words(mention)) > 1


def _preference(name: str) -> tuple[int, int, int, bool]:
    """Prefer the spelling with accents, then the fuller one."""
    accents = sum(not c.isascii() and c not in "’‘" for c in name)  # `O'Malley` is as good
    return (accents, len(name.split()), len(name), "’" not in name)


def corpus_names(
    names: Sequence[str],
    spellings: Sequence[str] = (),
    related: Callable[[str, str], bool] | None = None,
) -> dict[str, str]:
    """Map every speaker name to its corpus-wide canonical spelling.

    `spellings` are other ways the corpus writes names (e.g. inside quoted text);
    they only choose between spellings of a name already speaking, never add one.
    A bare surname joins the only full name ending with it, when `related` (given
    both, folded) agrees they are one person.
    """
    by_key: dict[str, list[str]] = defaultdict(list)
    for n in names:
        by_key[fold(n)].append(n)
    for n in spellings:
        if fold(n) in by_key:
            by_key[fold(n)].append(n)
    best = {k: max(v, key=_preference) for k, v in by_key.items()}
    surnames: dict[str, set[str]] = defaultdict(set)
    for key in best:
        parts = key.split()
        if len(parts) >= 2 and _full_name(best[key]):  # not `the judges`, `a spokesman for Ofcom`
            surnames[parts[-1]].add(key)
    mapping = {}
    for n in names:
        key = fold(n)
        if len(key.split()) == 1 and len(surnames.get(key, ())) == 1:
            full = next(iter(surnames[key]))
            if related is None or related(key, full):
                key = full
        key = _known_tail(key, best)
        mapping[n] = best[key]
    return mapping


class _Related:
    """Whether a bare surname and the full name ending with it are one person: they say
    the same words (one quotation holding the other), or speak in one article, or their
    articles share another named speaker (`Netflix`, not `the company`): the same story,
    told twice. `Cook` quoted on a DJ's tour is not Robin Cook, quoted on the Iraq war."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self.quotes = [q for q in quotes if q.speaker and q.kind != "scare"]
        self._said: dict[str, set[str]] = {}
        self._answers: dict[tuple[str, str], bool] = {}  # corpus_names asks once a quotation

    @cached_property
    def _by_speaker(self) -> dict[str, list[Quote]]:
        """Speaker (folded) -> their quotations."""
        found: dict[str, list[Quote]] = defaultdict(list)
        for q in self.quotes:
            found[fold(q.speaker or "")].append(q)
        return found

    @cached_property
    def sources(self) -> dict[str, set[str]]:
        """Speaker (folded) -> the articles they speak in."""
        return {k: {q.path for q in qs} for k, qs in self._by_speaker.items()}

    def said(self, key: str) -> set[str]:
        """A speaker's quotations, their words folded, punctuation aside."""
        if key not in self._said:
            quotes = self._by_speaker.get(key, [])
            self._said[key] = {" ".join(_WORD.findall(fold(q.text))) for q in quotes}
        return self._said[key]

    @cached_property
    def _by_article(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        for key, paths in self.sources.items():
            for path in paths:
                found[path].add(key)
        return found

    def _beside(self, key: str) -> set[str]:
        return set().union(*(self._by_article[p] for p in self.sources.get(key, ())))

    def __call__(self, lone: str, full: str) -> bool:
        if (lone, full) not in self._answers:
            self._answers[lone, full] = self._one_person(lone, full)
        return self._answers[lone, full]

    def _one_person(self, lone: str, full: str) -> bool:
        theirs = self.said(full)
        if any(_carried(mine, other) for mine in self.said(lone) for other in theirs):
            return True
        if not self.sources.get(lone, set()).isdisjoint(self.sources.get(full, set())):
            return True
        shared = (self._beside(lone) & self._beside(full)) - {lone, full}
        return any(_capitalised(self._by_speaker[key][0].speaker or "") for key in shared)


_CARRIED_WORDS = 6
_WORD = re.compile(r"\w+")


def _carried(a: str, b: str) -> bool:
    """Whether one of two folded quotations holds the other, of six words or more: the
    same words carried twice (`Nobody asked … what they wanted`, `… wanted from this plan`)."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short.split()) >= _CARRIED_WORDS and f" {short} " in f" {long} "


def _known_tail(key: str, known: dict[str, str]) -> str:
    """`exchequer gordon brown` -> `gordon brown` when the corpus names that person alone:
    a capitalised word left before a full name (a title, `Defiant`) is not part of it. A
    description keeps its words (`the presumptive Republican presidential nominee` never
    becomes a bare title another article has): only a name, capitalised, is a tail."""
    parts = key.split()
    for i in range(1, len(parts) - 1):
        tail = " ".join(parts[i:])
        if tail in known and _full_name(known[tail]):
            return tail
    return key


def _full_name(name: str) -> bool:
    """A person's name in capitalised words (`Gordon Brown`), not a title or an organisation."""
    return _capitalised(name) and not looks_like_org(name)


def _capitalised(name: str) -> bool:
    """A name, a person's or an organisation's, not a description: `Netflix`, `Gordon Brown`."""
    return all(w[:1].isupper() for w in name.split())


def speaker_mapping(quotes: Sequence[Quote]) -> dict[str, str]:
    """Each speaker of `quotes` -> its corpus-wide spelling (`canonicalize_speakers`
    applies it; an update that kept the quotes of before reuses those whose speaker
    maps as before)."""
    spellings = [p.name for q in quotes if q.kind != "scare" for p in _people(q.text)]
    return corpus_names([q.speaker for q in quotes if q.speaker], spellings, _Related(quotes))


def canonicalize_speakers(quotes: Sequence[Quote]) -> list[Quote]:
    """The quotes with speakers grouped across the corpus (Doucoure == Maïmouna Doucouré)."""
    mapping = speaker_mapping(quotes)
    return [with_canonical_speaker(q, mapping) for q in quotes]


def with_canonical_speaker(quote: Quote, mapping: dict[str, str]) -> Quote:
    """`quote` with its speaker as `mapping` spells it, copied only when that differs
    (`dataclasses.replace` is slow, and most speakers are written as they map)."""
    speaker = mapping[quote.speaker] if quote.speaker else None
    return quote if speaker == quote.speaker else replace(quote, speaker=speaker)


def summarize_speakers(quotes: Sequence[Quote]) -> list[Speaker]:
    """Each canonical speaker with quote and source counts, most quoted first (scare excluded)."""
    by: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        if q.speaker and q.kind != "scare":
            by[q.speaker].append(q)
    return [
        Speaker(
            name=n,
            quotes=len(qs),
            sources=len({q.path for q in qs}),
            mentions=tuple(dict.fromkeys(q.speaker_mention or n for q in qs)),
        )
        for n, qs in sorted(by.items(), key=lambda kv: (-len(kv[1]), fold(kv[0])))
    ]
