"""Word-level facts about speaker phrases: what is a name, a title, a role, an organisation.

Shared by attribution (finding who speaks) and speakers (grouping the names), so
the English news-writing vocabulary lives in one place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from index.quotes.gender import first_name_gender
from index.quotes.lexicon import word_classes
from index.textnorm import fold_text

_POSSESSIVE = re.compile(r"['’]s?$")
_ADJECTIVE = frozenset({"ADJ"})
_MODIFIER_CLASSES = frozenset({"ADJ", "VERB"})  # `Retired`, `Acting`: not `Bill`, a noun too
_APOSTROPHE = re.compile(r"['’]")

PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "o", "him": "m", "her": "f"}

DETERMINERS = {
    *("a", "an", "the", "his", "her", "its", "their", "our", "this", "that", "one"),
    *("another", "some", "several"),
}

HONORIFICS = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "dr": "",
    "dr.": "",
    "sir": "m",
    "lord": "m",
    "lady": "f",
    "dame": "f",
    "prof": "",
    "prof.": "",
    "professor": "",
    "rev": "",
    "rev.": "",
    "baroness": "f",
    "baron": "m",
}

# Titles written before a name ("Foreign Secretary Jack Straw", "Chancellor Gordon Brown").
TITLES = {
    "president",
    "vice",
    "prime",
    "minister",
    "secretary",
    "chancellor",
    "foreign",
    "home",
    "shadow",
    "deputy",
    "chief",
    "executive",
    "general",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "governor",
    "gov.",
    "mayor",
    "judge",
    "justice",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "leader",
    "coach",
    "manager",
    "captain",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "bishop",
    "archbishop",
    "father",
    "officer",
    "detective",
    "inspector",
    "sergeant",
    "commissioner",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "analyst",
    "economist",
    "actor",
    "actress",
    "singer",
    "star",
    "founder",
    "ceo",
    "boss",
    "trade",
    "health",
    "education",
    "culture",
    "environment",
    "defence",
    "defense",
    "transport",
    "treasury",
    "energy",
    "sports",
    "sport",
    "tory",
    "labour",
    "conservative",
    "liberal",
    "democrat",
    "republican",
    "mp",
    "mep",
    "lib",
    "dem",
    "us",
    "uk",
    "eu",
    "former",
    "acting",
    "new",
    "then",
    "senior",
    "junior",
    "head",
    "lieutenant",
    "colonel",
    "major",
    "gen.",
    "writer",
    "producer",
    "filmmaker",
    "author",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "player",
    "champion",
    "attorney",
    "prosecutor",
    "ex",
    "supt",
    "superintendent",
    "det",
    "sgt",
    "insp",
    "pc",
    "cllr",
    "councillor",
    "baroness",
    "baron",
    "msp",
    "commander",
    "admiral",
    "marshal",
    "dr",
}

# Nouns that stand for the speaker's organisation or role ("a Netflix spokesperson").
ROLE_NOUNS = {
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "spokespeople",
    "representative",
    "representatives",
    "official",
    "officials",
    "executive",
    "executives",
    "source",
    "sources",
    "statement",
    "account",
    "spokesmen",
    "director",
    "chief",
    "boss",
    "staff",
    "team",
    "lawyer",
    "lawyers",
    "attorney",
    "attorneys",
    "aide",
    "aides",
    "adviser",
    "advisers",
    "advisor",
    "manager",
    "leader",
    "leaders",
    "chairman",
    "president",
    "analyst",
    "analysts",
    "economist",
    "economists",
    "owner",
    "founder",
    "message",
    "post",
    "tweet",
    "letter",
    "text",
    "report",
    "petition",
    "campaign",
    "website",
    "site",
    "page",
    "twitter",
    "member",
    "members",
    "head",
    "minister",
    "secretary",
    "officer",
    "officers",
    "police",
    "fans",
    "employee",
    "employees",
    "worker",
    "workers",
    "critic",
    "critics",
    "insider",
    "insiders",
    "filmmaker",
    "actor",
    "actress",
    "star",
    "coach",
    "player",
    "players",
    "expert",
    "experts",
}

# Words that make a capitalised run an organisation rather than a person.
ORG_WORDS = {
    "inc",
    "inc.",
    "corp",
    "corp.",
    "ltd",
    "ltd.",
    "plc",
    "llc",
    "co",
    "co.",
    "company",
    "group",
    "party",
    "council",
    "ministry",
    "department",
    "office",
    "bank",
    "agency",
    "association",
    "union",
    "commission",
    "committee",
    "court",
    "news",
    "times",
    "post",
    "festival",
    "university",
    "institute",
    "club",
    "federation",
    "league",
    "board",
    "authority",
    "service",
    "services",
    "foundation",
    "organisation",
    "organization",
    "government",
    "parliament",
    "assembly",
    "police",
    "army",
    "church",
    "network",
    "media",
    "records",
    "studios",
    "pictures",
    "press",
    "airlines",
    "airways",
    "motors",
    "international",
    "society",
    "trust",
    "fund",
    "house",
    "inquiry",
    "senate",
    "congress",
    "bureau",
    "centre",
    "center",
    "school",
    "college",
    "hospital",
    "channel",
    "television",
    "tv",
    "radio",
    "magazine",
    "journal",
    "review",
    "nations",
    "states",
    "kingdom",
    "republic",
    "federal",
    "national",
    "united",
    "fc",
    "city",
    "team",
    "industries",
    "holdings",
    "partners",
    "capital",
    "securities",
    "exchange",
    "markets",
    "reserve",
    "forum",
    "alliance",
    "coalition",
    "movement",
    "project",
    "campaign",
    "show",
    "expo",
    "conference",
    "summit",
    "awards",
    "games",
    "cup",
    "championship",
    "championships",
    "olympics",
    "operation",
    "programme",
    "program",
    "initiative",
    "act",
    "report",
    "index",
    "street",
    "road",
    "square",
    "airport",
    "station",
    "stadium",
    "park",
    "island",
    "islands",
    "river",
    "sea",
    "ocean",
    "mountains",
    "valley",
    "east",
    "west",
    "north",
    "south",
    "central",
    "world",
    "global",
    "europe",
    "european",
    "america",
    "american",
    "asia",
    "africa",
    "entertainment",
    "communications",
    "technologies",
    "systems",
    "software",
}

# Nouns that name an organisation by description ("the company", "the streaming giant").
ORG_ANAPHORS = {
    "company",
    "firm",
    "group",
    "network",
    "service",
    "platform",
    "streamer",
    "giant",
    "broadcaster",
    "studio",
    "organisation",
    "organization",
    "club",
    "bank",
    "retailer",
    "carrier",
    "airline",
    "maker",
    "manufacturer",
    "operator",
    "regulator",
    "site",
    "newspaper",
    "campaign",
    "committee",
    "panel",
    "coalition",
    "agency",
    "administration",
}

# Nouns standing for what a speaker issued ("the statement continued").
UTTERANCE_NOUNS = {"statement", "message", "post", "tweet", "letter", "note", "text", "release"}

# Documents that "say" things and are cited as such ("the lawsuit said", "the survey found").
DOCUMENT_NOUNS = {
    "lawsuit",
    "suit",
    "complaint",
    "filing",
    "ruling",
    "survey",
    "study",
    "report",
    "poll",
    "judgment",
    "indictment",
    "memo",
    "email",
    "document",
    "petition",
    "letter",
    "text",
    "research",
    "findings",
    "verdict",
    "order",
    "motion",
    "paper",
    "bill",
    "law",
    "rules",
    "editorial",
    "affidavit",
    "ad",
    "advertisement",
    "video",
    "sign",
    "cable",
    "footnote",
    "website",
}

# Capitalised words that open sentences without naming anyone.
NOT_NAMES = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "however",
    "meanwhile",
    "after",
    "before",
    "when",
    "while",
    "if",
    "as",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "there",
    "then",
    "so",
    "yet",
    "still",
    "also",
    "although",
    "though",
    "because",
    "since",
    "despite",
    "according",
    "last",
    "next",
    "for",
    "from",
    "with",
    "by",
    "to",
    "of",
    "about",
    "speaking",
    "asked",
    "earlier",
    "later",
    "now",
    "today",
    "yesterday",
    "currently",
    "some",
    "many",
    "most",
    "all",
    "both",
    "each",
    "every",
    "one",
    "two",
    "three",
    # a spelled-out number opens a sentence (`Thirteen years earlier, she …`), never a name
    *("four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen"),
    *("fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"),
    *("thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred"),
    "what",
    "why",
    "how",
    "where",
    "who",
    "which",
    "here",
    "more",
    "other",
    "another",
    "such",
    "no",
    "not",
    "unfortunately",
    "rather",
    "related",
    "instead",
    "even",
    "just",
    "only",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
    "jan.",
    "feb.",
    "aug.",
    "between",
    "during",
    "under",
    "over",
    "within",
    "without",
    "among",
    "around",
    "across",
    "through",
    "until",
    "amid",
    "following",
    "like",
    "unlike",
    "than",
    "into",
    "onto",
    "upon",
    "via",
    "per",
    *("several", "perhaps", "maybe", "few", "much", "any", "none", "nobody", "everyone"),
    *("someone", "anyone", "whatever", "whoever", "whether", "indeed", "yes", "thus", "once"),
    *("again", "almost", "nearly", "asked", "said", "says", "told"),
}


def vocabulary(words: str) -> frozenset[str]:
    """A word set written as one space-separated string (long lists stay readable)."""
    return frozenset(words.split())


# Titles abbreviated, as American copy writes them (`Sen. Ted Cruz`, `Lt. Gov. Dan Patrick`).
TITLES |= vocabulary(
    "sen rep gov lt lt. capt capt. col col. sgt. adm adm. maj maj. cmdr cmdr. cpl. pvt. atty "
    "atty. supt. det. insp. hon. sec. gens. reps. sens. govs. amb. msgr. fr. pres."
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Accent- and case-folded text, so Doucouré and DOUCOURE compare equal."""
    return fold_text(text)


@lru_cache(maxsize=65536)
def strip_possessive(word: str) -> str:
    """`Netflix’s` -> `Netflix`."""
    return _POSSESSIVE.sub("", word)


def is_capitalised(word: str) -> bool:
    """A word written with a capital, as names are (`Change.org`, `McDonald`)."""
    w = word.lstrip("@#")
    return bool(w) and w[0].isupper()


@lru_cache(maxsize=65536)
def is_name_word(word: str) -> bool:
    """Capitalised and not a sentence-opening function word."""
    base = _APOSTROPHE.split(word, maxsplit=1)[0]  # `I'm`, `It's` are not names
    return is_capitalised(word) and fold(base) not in NOT_NAMES


def ends_short_name(number: str, before: Sequence[str]) -> bool:
    """Whether `number`, written right after the words `before`, is a short name's last word
    (`Number 10`, `Radio 1`, `Il Sole 24 Ore`): one to three figures (not a year) after one or
    two name words, not after a long name's run (`… Workers Union Local 9` ends before it)."""
    if not (number.isdigit() and len(number) <= 3) or not before or not is_name_word(before[-1]):
        return False
    return len(before) < 3 or not (is_name_word(before[-2]) and is_name_word(before[-3]))


def strip_titles(tokens: list[str]) -> list[str]:
    """Drop honorifics and titles before a name: `Foreign Secretary Jack Straw` -> Jack Straw."""
    out = list(tokens)
    if out and fold(out[-1]) in ORG_WORDS:
        return out  # `Home Office`, `Foreign Office`: an organisation, not a titled person
    if all(fold(t) in TITLES or fold(t).removesuffix("s") in TITLES for t in out):
        return out  # `Lib Dems`: a party named by its own words, not `Dems`
    if len(out) == 2 and fold(out[0]) in TITLES and word_classes(out[1]) == _ADJECTIVE:
        return out  # `General Electric`: no one is called `Electric`
    while len(out) > 1 and (
        fold(out[0]) in TITLES or fold(out[0]) in HONORIFICS or _before_a_title(out)
    ):
        out.pop(0)
    return out


def _before_a_title(tokens: list[str]) -> bool:
    """`Retired Army Col. Lawrence Wilkerson`, `OPEC President X`, `Assistant General Secretary
    X`: a service, an acronym or a modifier English knows only as an adjective or a participle
    before a title, or a common word before two, is part of the title, not the name."""
    if len(tokens) < 3:
        return False
    titled = [fold(t) in TITLES or fold(t) in HONORIFICS for t in tokens] + [False] * 3
    classes = word_classes(tokens[0])
    if classes and len(tokens) > 3 and titled[1] and titled[2]:
        return True  # `Assistant General Secretary X`
    two_titles = len(tokens) > 4 and bool(word_classes(tokens[1])) and titled[2] and titled[3]
    if not (titled[1] or two_titles or (fold(tokens[1]) in ORG_WORDS and titled[2])):
        return False  # `Army Col. X`, `Retired Army Col. X`
    first = tokens[0]
    if fold(first) in ORG_WORDS or (len(first) > 1 and first.isupper() and first.isalpha()):
        return True  # an organisation's word or acronym
    return bool(classes) and classes <= _MODIFIER_CLASSES


def honorific_gender(tokens: list[str]) -> str:
    """'m' or 'f' when the phrase carries Mr/Mrs/Ms..., else ''."""
    return next((HONORIFICS[fold(t)] for t in tokens if fold(t) in HONORIFICS), "")


@lru_cache(maxsize=16384)  # asked of every name run and speaker: names repeat
def looks_like_org(name: str) -> bool:
    """An organisation or place, not a person.

    A single word (Netflix, Reuters), a run holding an organisation word, an
    acronym or a `-based` (`Cambridge-based Ubisense`); a double-barrelled
    surname (`Moussavar-Rahmani`) is still a person.
    """
    words = name.split()
    if _surname_like_org_word(words):
        return False
    return len(words) == 1 or any(
        fold(w) in ORG_WORDS or (len(w) > 1 and w.isupper() and w.isalpha()) or _lower_compound(w)
        for w in words
    )


# organisation and place words that are surnames too (`Cornel West`, `Emily Post`)
_SURNAME_ORG_WORDS = vocabulary("west east north south post")


def _surname_like_org_word(words: list[str]) -> bool:
    """`Marty West`: a first name, then such a word as the surname, is a person."""
    return (
        2 <= len(words) <= 3
        and fold(words[-1]) in _SURNAME_ORG_WORDS
        and bool(first_name_gender(words[0]))
        and not any(fold(w) in ORG_WORDS or w.isupper() for w in words[:-1])
    )


# Places (and the words of their names) that never speak alone: `the Arizona` lost its noun.
PLACES = vocabulary(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia "
    "hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts "
    "michigan minnesota mississippi missouri montana nebraska nevada hampshire jersey mexico "
    "york carolina dakota ohio oklahoma oregon pennsylvania rhode tennessee texas utah vermont "
    "virginia washington wisconsin wyoming america britain england scotland wales ireland "
    "europe france germany italy spain russia china japan india israel iran iraq syria turkey "
    "canada africa asia london paris beijing moscow brussels "
    "u.s u.s. u.k u.k. u.n u.n. us uk eu brazil argentina venezuela colombia korea taiwan "
    "pakistan afghanistan egypt australia tokyo berlin bonn rome madrid shanghai geneva"
)

# Words that describe a speaker but never name one alone: peoples, parties, places.
NOT_SPEAKERS = PLACES | vocabulary(
    "american americans british briton britons english scottish scots welsh irish european "
    "europeans french german germans italian spanish russian russians chinese japanese indian "
    "israeli israelis palestinian palestinians iranian iraqi syrian syrians mexican mexicans "
    "canadian african africans asian arab arabs muslim muslims christian christians jewish jews "
    "catholic catholics democratic democrat democrats republican republicans conservative "
    "conservatives liberal liberals progressive progressives labour tory tories gop "
    "independent independents western eastern northern southern north south east west "
    "national federal state states "
    "international foreign domestic prospective senior former new "
    "soviet soviets swiss greek greeks dutch belgian australian australians korean koreans "
    "taiwanese thai indonesian filipino egyptian saudi turkish polish swedish norwegian danish "
    "austrian brazilian argentine venezuelan colombian pakistani afghan nigerian kenyan"
)


_TITLE_OR_ROLE = frozenset(TITLES | ROLE_NOUNS)
_DESCRIPTIVE = NOT_SPEAKERS | _TITLE_OR_ROLE


@lru_cache(maxsize=65536)
def is_plausible_speaker(name: str) -> bool:
    """A name that can speak: not `Democratic`, `Americans`, `Wisconsin Republican`, `FULL TEXT`.

    Every word a people, party or place word (or a title, for the last one) is a
    description that lost its noun.
    """
    words = [fold(strip_possessive(w)) for w in name.split()]
    if not words:
        return False
    if len(words) > 1 and name.isupper():
        return False  # `FULL TEXT`, `LOS ANGELES`, `IOWA POLLS`: a heading or a dateline
    if words[-1] in _TITLE_OR_ROLE and len(words) > 1:
        return not all(w in _DESCRIPTIVE for w in words)
    return not all(w in NOT_SPEAKERS for w in words)


def _lower_compound(word: str) -> bool:
    """`Cambridge-based`, `London-listed`: a hyphenated word with a lower-case part."""
    parts = word.split("-")
    return len(parts) > 1 and any(not p[:1].isupper() for p in parts)


def and_in_organisation(words: list[str], at: int) -> bool:
    """Whether the `and` at `at` is inside an organisation's name written `X of Y and Z`
    (`Office of Management and Budget`, `Association of Payment and Clearing Services`) or
    `A and B <body>` (`_and_before_a_body`), not between two speakers; `Bank of England and
    Barclays` joins a place's bank to another."""
    if not 0 < at < len(words) - 1 or fold(words[at]) != "and":
        return False
    if not is_name_word(words[at + 1]) or fold(words[at + 1]) in HONORIFICS:
        return False
    of = next((k for k in range(at - 1, 0, -1) if fold(words[k]) == "of"), None)
    if of is None:
        return _and_before_a_body(words, at)
    if fold(words[of - 1]) not in ORG_WORDS or of + 1 == at:
        return False
    named = words[of + 1 : at]
    return all(is_name_word(w) for w in named) and not all(fold(w) in PLACES for w in named)


# the word a body's name is built on (`… Workers Union`, `… Curriculum Authority`); not
# `… City` (`Holby City actor Jeremy Edwards`)
BODY_WORDS = vocabulary(
    "union authority project association council committee commission institute foundation "
    "society board agency department ministry office bureau fund trust"
)
_MAX_AFTER_AND = 4


def _and_before_a_body(words: list[str], at: int) -> bool:
    """`United Food and Commercial Workers Union`, `Qualifications and Curriculum Authority`:
    capitalised words not opening on a first name, `and`, and up to four capitalised words
    holding a body's word are one body's name; not after a first name or a place (`Donald Trump and
    Clinton Foundation officials`, `U.S. And Soviet Union`: two)."""
    start = at
    while start > 0 and is_name_word(words[start - 1]):
        start -= 1
    end = at + 1
    while end < len(words) and end - at <= _MAX_AFTER_AND and is_name_word(words[end]):
        end += 1
    named = words[start:end]
    return (
        start < at
        and not first_name_gender(words[start])
        and not any(fold(w) in NOT_SPEAKERS for w in words[start:at])  # `U.S. And Soviet Union`
        and any(fold(w) in BODY_WORDS for w in words[at + 1 : end])
        and all(w == strip_possessive(w) for w in named)
    )
