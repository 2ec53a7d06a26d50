"""Who a quotation is attributed to, as written: `she`, `a Netflix spokesperson`, `Mr Blair`.

English news copy names the speaker next to a reporting verb, before the quote
(`X said: "..."`, `according to X, "..."`) or after it (`"...," X said`,
`"...," said X`, `"...," reads a message on the campaign`). This module finds
that phrase; resolving it to a canonical name is `speakers`' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from index.quotes.gender import first_name_gender
from index.quotes.layout import TITLE_ABBREVIATIONS
from index.quotes.lexicon import can_be_noun, inflected_verb, word_classes
from index.quotes.names import (
    BODY_WORDS,
    DETERMINERS,
    DOCUMENT_NOUNS,
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
    is_capitalised,
    is_name_word,
    strip_possessive,
    vocabulary,
)

_MONTHS = "Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec"
# Words; a title's, a month's or an initial's full stop stays on it (`Mr.`, `Dec.`, `J.`):
# `Mr. Sanders` is one phrase.
# The first three ways open on a capital: one look-ahead for it spares trying them (and the
# long list of titles) at every other position, half the tokeniser's time.
_TOKEN = re.compile(
    rf"(?=[A-Z])(?:\b(?:[A-Z]\.){{2,}}(?!\w)|\b(?:{TITLE_ABBREVIATIONS}|{_MONTHS})\.(?=[\s,])|"
    r"\b[A-Z]\.(?=\s+[A-Z]))|[^\W_][\w.'’&@-]*[\w]|[^\W_]",
    re.UNICODE,
)
_VERB_STEMS = (
    "say said says saying tell told tells telling add added adds adding write wrote writes "
    "writing written read reads state stated states stating explain explained explains "
    "explaining continue continued continues argue argued argues arguing insist insisted "
    "insists insisting claim claimed claims claiming note noted notes noting warn warned warns "
    "warning ask asked asks asking reply replied replies respond responded responds announce "
    "announced announces declare declared declares tweet tweeted tweets posted comment "
    "commented comments remark remarked acknowledge acknowledged admit admitted admits concede "
    "conceded suggest suggested suggests urge urged urges urging call called calls calling "
    "describe described describes describing praise praised praises praising criticised "
    "criticized criticise criticize confirm confirmed confirms deny denied denies maintain "
    "maintained recall recalled stress stressed emphasised emphasized predict predicted promise "
    "promised vow vowed pledge pledged quipped joked reveal revealed conclude concluded "
    "complain complained complains boast boasted observe observed report reported publish "
    "published issue issued release released agree agreed believe believes believed think "
    "thinks thought hope hopes hoped fear feared accuse accused blasted slammed insisted "
    "shouted cried yelled whispered exclaimed answered testified testify wondered announcing "
    "adding stating explaining telling writing tweeting posting cautioned cautions pointed "
    "reiterated countered countering contended added estimated forecast expects expected "
    "expressed welcomed welcomes dismissed dismisses rejected rejects condemned condemns "
    "demanded demands labelled labeled branded dubbed termed assured assures charged charges "
    "questioned barked concludes mocked mocks elaborated recounted remembered chanted quoted "
    "reminded retorted snapped scoffed lamented mused promising declaring vowing pledging "
    "suggesting accusing blasting slamming fumed fumes groused griped grumbled bristled gushed "
    "raved sneered asserted asserts asserting surmised pondered repeated repeats proclaimed "
    "proclaims mused muses reacted riffed"
)
SAY_VERBS = vocabulary(_VERB_STEMS)
# Verbs that follow the quote with the speaker after them: `"...," said Mr Blair`.
INVERTED = vocabulary(
    "said says say added adds wrote writes reads read continued continues "
    "asked asks explained explains insisted warned noted replied argued "
    "tweeted stated declared recalled concluded "
    "scoffed quipped joked remarked observed countered responded admitted conceded exclaimed "
    "cautioned complained recounted asserted mused proclaimed reacted repeated surmised"
)
_SKIP_BEFORE_VERB = vocabulary(
    "to has have had was were is are also later then would will been be just previously "
    "recently once again however further reportedly subsequently initially first simply "
    "repeatedly publicly privately earlier separately yesterday today tonight now has "
    "has since still even who which that had "
    "often always never sometimes usually frequently routinely"
)
_FUNCTION_WORDS = (
    vocabulary(
        "after before when while as of in on at by for with from to and or but that which who than "
        "then also not it is was were are be been has have had said says"
    )
    | PRONOUNS.keys()
)
_MAX_MODIFIERS = 3
_ARTICLES = frozenset({"a", "an", "the", "one", "another", "some", "several"})
_PASSIVE = frozenset({"is", "was", "are", "were", "been", "being", "be"})
_LINKS_IN_NP = frozenset({"of", "for", "on", "at", "with", "from", "to"})
_MAX_NP = 7
# words that end a noun phrase: `the minister did`, `the commission would`, `the government last`
_NOT_IN_NP = vocabulary(
    "would could should will can may might must shall did does do last next this week year "
    "month today yesterday tomorrow"
)
# `"…," Melanne Verveer, who served as Hillary Clinton's chief of staff, told CBS News`
_MAX_APPOSITIVE = 30
# between the comma closing an apposition and its reporting verb: `, has said`, `, also said`
_AUXILIARIES = vocabulary("has have had also")
# `In an interview published in the Radio Times in January, Victoria Wood ...`
_MAX_OPENING = 12
# `But after focusing her attention on issues such as … communities, Clinton delivered`: a
# longer opening only before a name
_MAX_NAMED_OPENING = 20


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker phrase as written and where it is in the article text."""

    text: str
    start: int
    end: int
    cue: str = ""


def tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Words of text[start:end] with their absolute offsets.

    The words come from `findall` (no match objects), each found again with `str.find`
    from the end of the one before: what lies between two words holds no letter or
    digit, and a word opens on one, so the first place the word is written there is
    where it was matched."""
    found = []
    at = start
    for word in _TOKEN.findall(text, start, end):
        at = text.find(word, at)
        found.append((at, at + len(word), word))
        at += len(word)
    return found


_GAP_BREAK = re.compile(r'[,;:()\[\]—–"“”‘!?.]| - ')


def _gap_breaks(text: str, left: int, right: int) -> bool:
    """Whether the text between two words holds punctuation that ends a phrase."""
    if right - left == 1 and text[left] == " ":
        return False  # most gaps, told without the regex
    return _GAP_BREAK.search(text, left, right) is not None


# Months are not names at a sentence's start, but are surnames after a first name (Theresa May).
_MONTH_SURNAMES = frozenset({"may", "june", "april", "august", "march"})


def _surname_after_name(toks: list[tuple[int, int, str]], i: int) -> bool:
    word = toks[i][2]
    return (
        i > 0
        and is_capitalised(word)
        and fold(word) in _MONTH_SURNAMES
        and is_name_word(toks[i - 1][2])
    )


@lru_cache(maxsize=65536)  # asked of every word of every phrase read: words repeat
def _np_word(word: str) -> bool:
    f = fold(strip_possessive(word))
    return (
        is_name_word(word)
        or f in ROLE_NOUNS
        or f in UTTERANCE_NOUNS
        or f in ORG_ANAPHORS
        or f in DOCUMENT_NOUNS
    )


def _mention(
    text: str, toks: list[tuple[int, int, str]], cue: str, loose: bool = False
) -> Mention | None:
    """The phrase `toks` as a Mention if it can name a speaker.

    `loose` accepts any determiner + noun (`said the artists`): the position
    right after an inverted reporting verb is the speaker's.
    """
    if not toks:
        return None
    if not any(_np_word(w) for _, _, w in toks):  # most phrases: their words are not read
        words = [fold(strip_possessive(w)) for _, _, w in toks]
        useful = len(toks) == 1 and words[0] in PRONOUNS
        useful = useful or (loose and len(words) >= 2 and words[0] in DETERMINERS)
        useful = useful or _group(toks, words) or _the_person(toks, words)
        if not useful:
            return None
    start, end = toks[0][0], toks[-1][1]
    return Mention(text[start:end], start, end, cue)


def _capitalised_mid_sentence(text: str, tok: tuple[int, int, str]) -> bool:
    """A function word written with a capital right after a quotation's close or a comma:
    not a sentence's first word, so a name (`Will wrote`, `From said`)."""
    start, _, word = tok
    if not word[:1].isupper() or word.isupper() or not is_function_word(word):
        return False
    before = text[max(start - 3, 0) : start].rstrip()
    return before[-1:] in ('"', "”", ",")


_FIGURES_GO_ON = re.compile(r"[:.,/]\d")


def _numbered_name(text: str, toks: list[tuple[int, int, str]], i: int) -> bool:
    """The number at `i` is the last word of the name before it (`ends_short_name`: `Number
    10`, `Channel 4`), written one space after it: not a count, which comes before its noun."""
    if i == 0 or not toks[i][2].isdigit() or _FIGURES_GO_ON.match(text, toks[i][1]):
        return False  # `Romans 8:31`, `Apollo 11.5`: a reference or a figure, not a name
    _start, end, before = toks[i - 1]
    if before != strip_possessive(before) or not before[:1].isupper():
        return False  # `Zuckoff's 13 Hours`: the number opens what he owns
    words = [word for *_, word in toks[max(i - 3, 0) : i]]
    return text[end : toks[i][0]] == " " and ends_short_name(toks[i][2], words)


def _number_ending_name(text: str, toks: list[tuple[int, int, str]], i: int) -> bool:
    """`said Channel 4`, `said Channel 4 on Monday`, `A Number 10 spokeswoman would say`,
    but not `said Smith 3 times`: the number is the name's unless a noun it counts follows."""
    if not _numbered_name(text, toks, i):
        return False
    if i + 1 == len(toks) or _gap_breaks(text, toks[i][1], toks[i + 1][0]):
        return True
    after = toks[i + 1][2]
    return not after.islower() or fold(after) in _FUNCTION_WORDS or _np_word(after)


def is_function_word(word: str) -> bool:
    """`will`, `from`, `then`: a word that is a name only when the article names someone so."""
    return fold(word) in _SKIPPED_OR_FUNCTION


def _the_person(toks: list[tuple[int, int, str]], words: list[str]) -> bool:
    """`the woman`, `the actor`: one unnamed person, who may go on speaking."""
    return len(words) == 2 and words[0] == "the" and agent_noun(toks[-1][2])


def _group(toks: list[tuple[int, int, str]], words: list[str]) -> bool:
    """`the protesters`, `two senior aides`: people together, who may speak as one."""
    return (
        len(words) >= 2
        and (words[0] == "the" or words[0] in _COUNTING)
        and _plural_agent(toks[-1][2])
        and all(w.islower() for *_, w in toks[1:])
    )


def _adverb(word: str) -> bool:
    """`reportedly`, `Publicly`: an -ly word, unless written as a name (`Kelly`, `Daly`)."""
    return word.endswith("ly") and (word.islower() or fold(word) in _SKIP_BEFORE_VERB)


def noun_phrase_before(text: str, toks: list[tuple[int, int, str]], verb: int) -> Mention | None:
    """The subject written just before the verb at index `verb`: `a Netflix spokesperson said`."""
    i = verb - 1
    if i >= 0 and _capitalised_mid_sentence(text, toks[i]):
        start, end, word = toks[i]  # `"…," Will wrote`, `"…," From said`: a surname
        return Mention(word, start, end, toks[verb][2])
    if i >= 0 and fold(toks[i][2]) in _PASSIVE:
        return None  # `X is said to have been impressed`: X did not say anything
    if _agent_after(toks, verb):
        return None  # `data released by the Federal Reserve`: the data say nothing
    counted = i >= 0 and (fold(toks[i][2]) in _COUNTING or toks[i][2].isdigit())
    if counted and toks[verb][2].endswith("s"):
        return None  # `The two states hold primaries`: after a number, a noun
    while i >= 0 and (fold(toks[i][2]) in _SKIP_BEFORE_VERB or _adverb(toks[i][2])):
        if _gap_breaks(text, toks[i][1], toks[i + 1][0]):
            return None
        i -= 1
    if i < 0 or _gap_breaks(text, toks[i][1], toks[i + 1][0]):
        return None
    if fold(toks[i][2]) in _OUGHT:
        return None  # `insisting that Trump should release them`: what ought to be, no report
    if toks[i][2] != strip_possessive(toks[i][2]):
        return None  # `Mr Mallon's claim`: a possessive owns the noun, it does not speak
    if fold(toks[i][2]) in PRONOUNS:
        return _mention(text, [toks[i]], toks[verb][2])
    relative = any(fold(w) in _RELATIVES for *_, w in toks[i + 1 : verb])
    if relative and toks[i][2].islower() and not agent_noun(toks[i][2]):
        return None  # `disparaged women who complained about`: not a speaker's clause
    taken: list[tuple[int, int, str]] = []
    pending: list[tuple[int, int, str]] = []  # lowercase words, kept if a determiner follows
    while i >= 0 and len(taken) + len(pending) < _MAX_NP:
        word = toks[i][2]
        f = fold(word)
        if f in DETERMINERS:
            taken = [toks[i], *pending, *taken]
            pending = []
            break
        if (
            pending
            and word.endswith("ly")
            and (i == 0 or _gap_breaks(text, toks[i - 1][1], toks[i][0]))
        ):
            break  # `Privately ministers believe`: an adverb opening the sentence
        if _np_word(word) or (not taken and not pending and _surname_after_name(toks, i)):
            if pending and is_name_word(word) and fold(toks[verb - 1][2]) == "to":
                pending = []  # `Mrs. Holt tried to explain`: `tried` is her verb, not her name
            taken = [toks[i], *pending, *taken]
            pending = []
        elif (
            (
                (
                    strip_possessive(word).replace("-", "").isalnum()  # `the rapper's spokesman`
                    and word.islower()
                    and f not in _FUNCTION_WORDS
                )
                or (taken and _counted_by_determiner(toks, i))  # `the 1.1 mln member union`
            )
            and len(pending) < _MAX_MODIFIERS
            and not any(is_name_word(w) for *_, w in taken)
        ):
            pending.insert(0, toks[i])
        elif f == "of" and taken and not pending and i > 0 and fold(toks[i - 1][2]) in TITLES:
            taken = [toks[i - 1], toks[i], *taken]  # `Secretary of State Madeleine Albright`
            i -= 1
        elif _numbered_name(text, toks, i):
            taken = [toks[i - 1], toks[i], *pending, *taken]  # `a Number 10 spokeswoman said`
            pending = []
            i -= 1
        else:
            break
        if i == 0 or (
            _gap_breaks(text, toks[i - 1][1], toks[i][0]) and not _digits_grouped(toks, i)
        ):
            break
        i -= 1
    if taken and not pending and taken[-1][2].islower() and fold(taken[0][2]) not in DETERMINERS:
        taken = _back_to_determiner(text, toks, taken)
    head = taken[-1][2] if taken else pending[-1][2] if pending else ""
    if pending and _owned_document([*pending, *taken]):
        start, end = pending[0][0], (taken or pending)[-1][1]  # `"…," today's survey said`
        return Mention(text[start:end], start, end, toks[verb][2])
    if pending and not any(is_name_word(w) for *_, w in taken) and _plural_agent(head):
        start, end = pending[0][0], (taken or pending)[-1][1]  # `federal prosecutors wrote`
        at = toks.index(pending[0])
        if at >= 3 and fold(toks[at - 1][2]) == "of" and fold(toks[at - 3][2]) in DETERMINERS:
            start = toks[at - 3][0]  # `The board of directors said`
        return Mention(text[start:end], start, end, toks[verb][2])
    taken = _joined_names(text, toks, taken)
    first = toks.index(taken[0]) if taken else 0
    infinitive = verb > 0 and fold(toks[verb - 1][2]) == "to"
    if infinitive and first > 0 and fold(toks[first - 1][2]) == "by":
        return None  # `Asked by Stephanopoulos to respond`: he asks, he does not answer
    if infinitive and taken and fold(taken[0][2]) in _INDEFINITE:
        return None  # `he hadn't gotten a chance to read`: a chance reads nothing
    place = bool(taken) and all(fold(w) in NOT_SPEAKERS for *_, w in taken)
    owner = _person_before_link(text, toks, first, commas=1 if place else 0, alone=place)
    if owner is not None:
        return Mention(owner.text, owner.start, owner.end, toks[verb][2])
    if taken and first > 0 and not _gap_breaks(text, toks[first - 1][1], toks[first][0]):
        if fold(toks[first - 1][2]) in _LINKS_IN_NP:
            someone = _person_noun_before(text, toks, first - 1)
            if someone is not None:  # `a spokeswoman for the Home Office said`
                return Mention(text[someone : taken[-1][1]], someone, taken[-1][1], toks[verb][2])
        relative = any(fold(w) in _RELATIVES for *_, w in toks[first:verb])
        # `Speaker of the House Rep. Paul Ryan said`: a full name is the subject of its title
        named = len(taken) > 1 and all(is_name_word(w) for *_, w in taken[-2:])
        if fold(toks[first - 1][2]) in _PREPOSITIONS and not (relative or named):
            return None  # `Beck, who has in the past described`: an object, not a subject
    if taken and fold(taken[0][2]) in _INDEFINITE and _base_form(toks[verb][2]):
        return None  # `he sounded a rare note of`: after `a`, a base form is a noun
    if taken and _base_form(toks[verb][2]) and _wants_a_noun(taken):
        return None  # `the firm's latest report`: the base form is the noun they modify
    if (
        len(taken) > 1
        and _owned(taken[:1])
        and all(w.islower() and not _np_word(w) for *_, w in taken[1:])
    ):
        return None  # `Trump's over-the-top comments make him`: his comments, a noun
    # right before its verb, `the defender said` names a speaker even without a capital
    # (not before a participle: in `defended the move saying`, the move says nothing)
    loose = bool(taken) and fold(taken[0][2]) in _ARTICLES and not toks[verb][2].endswith("ing")
    if toks[verb][2].endswith("ing") and _bare_things(taken):
        return None  # `placed national newspaper ads calling the deal a "…"`: ads say nothing
    return _mention(text, taken, toks[verb][2], loose)


def _agent_after(toks: list[tuple[int, int, str]], verb: int) -> bool:
    """`the accords agreed by the G5`, `data released by Reuters`: a past participle with its
    agent after `by` (a determiner or a name; not `said by telephone`) modifies the noun
    before it, which is what was said, not who said it; unless a reporting verb follows
    (`a statement issued by Union Pacific said`: the statement says it)."""
    word = toks[verb][2]
    if verb + 2 >= len(toks) or fold(toks[verb + 1][2]) != "by":
        return False
    agent = toks[verb + 2][2]
    past = word.endswith("ed") or word in _IRREGULAR_PAST
    by_agent = past and (fold(agent) in DETERMINERS or is_name_word(agent))
    return by_agent and not any(w in SAY_VERBS for *_, w in toks[verb + 1 :])


def _reported(toks: list[tuple[int, int, str]], v: int) -> bool:
    """`Tidier rules … were announced`, `data released by the Fed`: a reporting verb in the
    passive, or a participle with its agent; what comes before it was reported, and its
    sentence's subject is no speaker."""
    passive = v > 0 and fold(toks[v - 1][2]) in _PASSIVE and not toks[v][2].endswith("ing")
    return passive or _agent_after(toks, v)


def _wants_a_noun(taken: list[tuple[int, int, str]]) -> bool:
    """`the firm's latest`, `Mr. Trump's grievance-driven`: a determiner or an owner, then a
    lower-case adjective English never uses as a noun; the phrase still wants its noun."""
    last = taken[-1][2]
    classes = word_classes(last.rsplit("-", 1)[-1])  # `grievance-driven`: as `driven`
    if not last.islower() or "ADJ" not in classes or "NOUN" in classes:
        return False
    return fold(taken[0][2]) in DETERMINERS or any(_owned([t]) for t in taken[:-1])


def _bare_things(taken: list[tuple[int, int, str]]) -> bool:
    """Lower-case plural nouns with no determiner that name no people (`newspaper ads`,
    not `federal prosecutors` nor `protesters`): before a participle, its object, not who
    speaks."""
    words = [w for *_, w in taken]
    head = words[-1] if words else ""
    return (
        bool(words)
        and all(w.islower() for w in words)
        and fold(words[0]) not in DETERMINERS
        and head.endswith("s")
        and not (_plural_agent(head) or is_group(" ".join(words)))
    )


_OWNING = frozenset({"a", "an", "the", "his", "her", "its", "their", "our"})
_MAX_BACK = 4  # modifiers between a description's noun and its determiner


def _back_to_determiner(
    text: str, toks: list[tuple[int, int, str]], taken: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """`the presumptive Republican presidential nominee told`, `An All England club
    spokesperson denied`, `A brief Iranian news agency IRNA report said`: a description
    headed by a common noun reaches back over a few modifiers to its determiner, so it is
    kept whole rather than cut to a bare title."""
    first = toks.index(taken[0])
    if first >= 2 and fold(toks[first - 1][2]) == "and" and agent_noun(toks[first - 2][2]):
        # `the independent Vermont senator and Democratic presidential candidate told`: one
        # person described twice, the whole phrase from the first description's determiner
        left = _back_to_determiner(text, toks, [toks[first - 2]])
        joined = not _gap_breaks(text, toks[first - 2][1], toks[first][0])
        if joined and fold(left[0][2]) in _OWNING:
            return [*toks[toks.index(left[0]) : first], *taken]
    for j in range(first - 1, max(first - 1 - _MAX_BACK, -1), -1):
        if (
            _gap_breaks(text, toks[j][1], toks[j + 1][0])
            and not _city_and_state(text, toks, j)
            and not _coordinate_adjective(text, toks, j)
        ):
            break
        word = toks[j][2]
        if fold(word) in _OWNING:
            return [*toks[j:first], *taken]
        if (
            not word.replace("-", "").isalpha()  # `anti-GOP`
            or fold(word) in _FUNCTION_WORDS
            or inflected_verb(word)
        ):
            break
    return taken


def _coordinate_adjective(text: str, toks: list[tuple[int, int, str]], j: int) -> bool:
    """`The snarky, anti-GOP headline`: a lower-case modifier right after its determiner and
    before a comma, English knows as no noun, is one of the description's adjectives (not
    `After the vote, party officials`: the vote is a noun, and its phrase ends there)."""
    word = toks[j][2]
    return (
        j > 0
        and text[toks[j][1] : toks[j + 1][0]] == ", "
        and word.isalpha()
        and word.islower()
        and fold(toks[j - 1][2]) in _OWNING
        and "NOUN" not in word_classes(word)
        and not inflected_verb(word)
    )


def _city_and_state(text: str, toks: list[tuple[int, int, str]], j: int) -> bool:
    """`the Stamford, Conn.-based company`: a city, a comma and its state before `-based`
    are one modifier, not a break in the phrase."""
    comma = text[toks[j][1] : toks[j + 1][0]].strip() == ","
    return comma and toks[j + 1][2].endswith("-based") and is_name_word(toks[j][2])


_QUOTE_MARKS = '"“”'
# plural nouns for people that `agent_noun` does not read as such
_GROUP_NOUNS = vocabulary("experts aides sources critics officials analysts economists")
_MAX_JOINED = 3


def _owned_document(words: list[tuple[int, int, str]]) -> bool:
    """`today's survey`, `last week's report`: a lower-case owner then a document or an
    utterance that says it, a source with no determiner of its own."""
    head = words[-1][2]
    owner = words[0][2]
    return owner.islower() and _owned(words[:1]) and head in DOCUMENT_NOUNS | UTTERANCE_NOUNS


def _plural_agent(word: str) -> bool:
    """`prosecutors`, `aides`, `lawmakers`: a lower-case plural noun for people, who can
    speak together without a determiner."""
    return (
        word.islower()
        and word.endswith("s")
        and fold(word) not in _FUNCTION_WORDS
        and (word in _GROUP_NOUNS or agent_noun(word[:-1]))
    )


def _joined_names(
    text: str, toks: list[tuple[int, int, str]], taken: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """`Smith and Jones said`, `Mark Blumenthal and Jon Cohen wrote`: a name joined to the
    speaker's by `and` speaks with them; the phrase then holds both."""
    if not taken or not all(is_name_word(w) for *_, w in taken):
        return taken
    first = toks.index(taken[0])
    if first < 2 or fold(toks[first - 1][2]) != "and":
        return taken
    if _gap_breaks(text, toks[first - 2][1], toks[first][0]):
        return taken
    k = first - 2
    while (
        k > 0
        and first - 1 - k < _MAX_JOINED
        and is_name_word(toks[k - 1][2])
        and not _gap_breaks(text, toks[k - 1][1], toks[k][0])
    ):
        k -= 1
    if not is_name_word(toks[k][2]) or toks[k][2] != strip_possessive(toks[k][2]):
        return taken
    left = toks[k : first - 1]
    # `Economy and Labour Minister X`: a title's words, not two people
    if any(fold(w) in _TITLES_OR_ROLES for *_, w in (*left, taken[0])):
        return taken
    if (len(left) > 1) != (len(taken) > 1):
        return taken  # both a surname, or both a full name: `Trump and Ryan`
    return [*left, toks[first - 1], *taken]


_COUNTING = vocabulary(
    "two three four five six seven eight nine ten dozen many several both these those all "
    "other such few"
)
# not `with` (`with Gorka noting`), nor `after`, `before`, `since`, which open clauses too
_PREPOSITIONS = frozenset(
    {"of", "for", "on", "at", "from", "to", "in", "into", "during", "over", "under", "by", "about"}
)
_RELATIVES = frozenset({"that", "which", "who"})
# Unions and differences the word loops test against, made once, not once a word.
_SKIPPED_OR_FUNCTION = _SKIP_BEFORE_VERB | _FUNCTION_WORDS
_TITLES_OR_ROLES = frozenset(TITLES | ROLE_NOUNS)
_NOT_SPEAKERS_TITLES = frozenset(NOT_SPEAKERS | TITLES)
_FUNCTION_OR_NOT_IN_NP = _FUNCTION_WORDS | _NOT_IN_NP
_LINKS_OR_DETERMINERS = _LINKS_IN_NP | DETERMINERS
_FUNCTION_OR_DETERMINERS = _FUNCTION_WORDS | DETERMINERS
_OPENING_SKIPS = frozenset(NOT_NAMES - DETERMINERS - PRONOUNS.keys())
_PREPOSITIONS_OR_RELATIVES = _PREPOSITIONS | _RELATIVES


def _person_noun_before(text: str, toks: list[tuple[int, int, str]], link: int) -> int | None:
    """Where `a spokeswoman` (a determiner, modifiers, a person noun) ends right before the
    link word at `link` begins, or None."""
    k = link - 1
    if k < 1 or not agent_noun(toks[k][2]) or _gap_breaks(text, toks[k][1], toks[link][0]):
        return None
    for j in range(k - 1, max(k - 1 - _MAX_MODIFIERS, -1), -1):
        if _gap_breaks(text, toks[j][1], toks[j + 1][0]):
            return None
        if fold(toks[j][2]) in DETERMINERS:
            return toks[j][0]
        if not toks[j][2].islower():
            return None
    return None


# a number written in figures, a modifier before a noun's others (`the 1.1 mln member union`)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_THOUSANDS = re.compile(r"\d{3}")


def _counted_by_determiner(toks: list[tuple[int, int, str]], i: int) -> bool:
    """`the 1.1 mln member union`, `the 1,000 member union`: a number in figures right after
    its determiner counts the noun; after anything else (`A Number 10 spokeswoman`, `the
    Bundesbank's 1986 report`) it is no modifier of the speaker's noun."""
    if i == 0 or not _NUMBER.fullmatch(toks[i][2]):
        return False
    return fold(toks[i - 1][2]) in DETERMINERS or (
        _digits_grouped(toks, i) and i > 1 and fold(toks[i - 2][2]) in DETERMINERS
    )


def _digits_grouped(toks: list[tuple[int, int, str]], i: int) -> bool:
    """`1,000`: the comma between a number's groups of three digits breaks no phrase."""
    return (
        toks[i - 1][2].isdigit()
        and _THOUSANDS.fullmatch(toks[i][2]) is not None
        and toks[i][0] - toks[i - 1][1] == 1
    )


_INDEFINITE = frozenset({"a", "an", "another"})
_OUGHT = frozenset({"should", "must"})
_IRREGULAR_PAST = frozenset({"said", "told", "wrote", "read", "thought", "forecast", "shot"})


def _base_form(verb: str) -> bool:
    """`note`, `call`, `comment`: a form no singular subject takes (not `notes`, `noted`)."""
    return not verb.endswith(("s", "ed")) and verb not in _IRREGULAR_PAST


_OWNER_LINKS = frozenset({"from", "of", "at", "with"})
_MAX_OWNED = 8


def _person_before_link(
    text: str, toks: list[tuple[int, int, str]], first: int, commas: int = 0, alone: bool = False
) -> Mention | None:
    """`David Graham from the FDA's Office of Drug Safety told`: the person, not the office.

    Walks back from the phrase at `first` over at most `_MAX_OWNED` unbroken words to a
    full name (two name words) followed by `from`, `of`, `at` or `with`.
    """
    k = first - 1
    while k >= 1 and first - k <= _MAX_OWNED:
        if _gap_breaks(text, toks[k][1], toks[k + 1][0]):
            if commas == 0 or text[toks[k][1] : toks[k + 1][0]].strip() != ",":
                return None
            commas -= 1  # `Stacy Baker of Columbia, South Carolina says`
        if fold(toks[k][2]) in _OWNER_LINKS and is_name_word(toks[k - 1][2]):
            start = k - 1
            while start > 0 and is_name_word(toks[start - 1][2]) and k - start < 4:
                if _gap_breaks(text, toks[start - 1][1], toks[start][0]):
                    break
                start -= 1
            run = toks[start:k]
            # `Butterfield of North Carolina said`: of a place, a surname alone is someone
            named = len(run) >= 2 or (alone and fold(run[0][2]) not in NOT_SPEAKERS)
            titled = all(fold(w) in _TITLES_OR_ROLES for *_, w in run)  # `Former Secretary of`
            if named and not titled and not any(fold(w) in ORG_WORDS for *_, w in run):
                return Mention(text[run[0][0] : run[-1][1]], run[0][0], run[-1][1], "")
        k -= 1
    return None


def noun_phrase_after(
    text: str, toks: list[tuple[int, int, str]], first: int, cue: str = "", loose: bool = False
) -> Mention | None:
    """The speaker written after an inverted verb: `said Mr Blair`, `reads a message on X`."""
    taken: list[tuple[int, int, str]] = []
    i = first
    while i < len(toks) and len(taken) < _MAX_NP:
        word = toks[i][2]
        f = fold(word)
        if i > first and _gap_breaks(text, toks[i - 1][1], toks[i][0]):
            break
        if f in PRONOUNS and not taken:
            return _mention(text, [toks[i]], cue)
        nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
        linked = f in _LINKS_IN_NP and taken and (_np_word(nxt) or fold(nxt) in DETERMINERS)
        later = taken and (_surname_after_name(toks, i) or _number_ending_name(text, toks, i))
        if f in DETERMINERS or _np_word(word) or linked or later:
            taken.append(toks[i])
        elif (
            taken
            # `ABN Amro chief Asian strategist Eddie Wong`: a title inside the role; not
            # `Tory leader Michael Howard sent Mr Bush`, a verb
            and all(is_name_word(w) or fold(w) in TITLES for *_, w in taken)
            and (
                all(is_name_word(w) for *_, w in taken)
                or (can_be_noun(word) and not inflected_verb(word))
            )
            and (
                name := _modifiers_before_name(
                    text,
                    toks,
                    i,
                    loose=_owned(taken) or all(fold(w) in _NOT_SPEAKERS_TITLES for *_, w in taken),
                )
            )
        ):
            # `Democratic pollster Stan Greenberg`, `Conservative policy co-ordinator David
            # Cameron`: the modifiers, all of them, then the name
            taken += toks[i:name]
            i = name
            continue
        elif (
            taken
            and fold(taken[0][2]) in DETERMINERS
            and word[:1].isalnum()
            and (word.islower() or _year_before_noun(toks, i))  # `a 2013 article`
            and fold(word) not in _FUNCTION_OR_NOT_IN_NP
            and not (_past_after_noun(word, taken))  # `the couple started`
            and not _present_after_noun(word, taken)  # `the group seeks`
            and all(w.islower() or w.isdigit() for *_, w in taken[1:])
            and len(taken) <= _MAX_MODIFIERS
        ):
            taken.append(toks[i])  # `a text`, `a senior dealer`, `the entertainment company`
        elif (
            taken
            and fold(taken[0][2]) in DETERMINERS
            and is_name_word(taken[-1][2])
            and not _owned(taken)  # `The problem with Mel Gibson's film`: an owner, no card
            and (nouns := _nouns_to_the_end(text, toks, i))
        ):
            taken += toks[i:nouns]  # `the printed Cruz slate card`: the card, not Cruz
            i = nouns
            continue
        elif (
            taken
            and (fold(taken[0][2]) in DETERMINERS or _owned(taken))
            and _leads_to_agent(text, toks, i)
        ):
            taken.append(toks[i])  # `the Florida senator`, `the European cross-country champion`
        elif taken and _owned_modifiers(taken) and _leads_to_agent(text, toks, i, noun=True):
            taken.append(toks[i])  # `Clinton’s top foreign policy aide`; not `Butler's report
            # earlier`, whose `-er` is no one
        else:
            break
        i += 1
    named_on = _organisation_goes_on(text, toks, taken, i)
    taken, i = taken + toks[i:named_on], named_on
    # `Lib Dem foreign affairs spokesman Sir Menzies Campbell`: a name is not cut by the limit
    # (but `the former top aide to President George W. Bush` is the aide)
    linked = any(fold(w) in _LINKS_IN_NP for *_, w in taken)
    while (
        not linked
        and len(taken) >= _MAX_NP
        and i < len(toks)
        and len(taken) < _MAX_NP + _MAX_MODIFIERS
        and is_name_word(taken[-1][2])
        and is_name_word(toks[i][2])
        and not _gap_breaks(text, toks[i - 1][1], toks[i][0])
    ):
        taken.append(toks[i])
        i += 1
    while taken and fold(taken[-1][2]) in _LINKS_OR_DETERMINERS:
        taken.pop()
    return _mention(text, _name_before_link(taken), cue, loose)


_MAX_ORGANISATION_RUN = 6


def _organisation_goes_on(
    text: str, toks: list[tuple[int, int, str]], taken: list[tuple[int, int, str]], i: int
) -> int:
    """`Director of the Office of Management and Budget James Miller`, `a member of the
    Association of International Bond Dealers`: an organisation named `X of Y` runs on past
    its `and` and past the phrase's length limit while its words are capitalised, so neither
    cuts its name short; where the phrase ends."""
    words = [w for *_, w in taken]
    organisation = any(fold(a) in ORG_WORDS and fold(b) == "of" for a, b in pairwise(words))
    if not words or not is_name_word(words[-1]):
        return i
    if not (organisation or _and_inside(words, toks, i)):
        return i
    j = i
    while j < len(toks) and j - i < _MAX_ORGANISATION_RUN:
        word = toks[j][2]
        if _gap_breaks(text, toks[j - 1][1], toks[j][0]):
            break
        if fold(word) == "and":
            if not _and_inside(words, toks, j):
                break
        elif not is_name_word(word):
            break
        words.append(word)
        j += 1
        if not organisation and fold(word) in BODY_WORDS:
            break  # `United Food and Commercial Workers Union` (Local 222)
    return j - 1 if fold(words[-1]) == "and" else j


def _and_inside(words: list[str], toks: list[tuple[int, int, str]], i: int) -> bool:
    """Whether the `and` at token `i`, after `words`, is inside their organisation's name."""
    if i >= len(toks) or fold(toks[i][2]) != "and":
        return False
    after = [w for *_, w in toks[i + 1 : i + 1 + _MAX_ORGANISATION_RUN]]
    return and_in_organisation([*words, "and", *after], len(words))


def _name_before_link(taken: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """`said Arts minister Estelle Morris of the findings`, `said Professor Nadia X of the
    Swiss research` (cut at the length limit): a name then a link to common words, or to a
    phrase cut short, is that name; `a spokesman for the company`, `Leaders of the
    organization`, `Bank of England` stay."""
    link = next((k for k in range(1, len(taken)) if fold(taken[k][2]) in _LINKS_IN_NP), None)
    if link is None or link < 2 or not all(is_name_word(w) for *_, w in taken[link - 2 : link]):
        return taken  # `Leaders of the organization`: no full name before the link
    after = [w for *_, w in taken[link:]]
    cut_short = len(taken) == _MAX_NP and after[-1].islower()
    return taken[:link] if cut_short or all(w.islower() for w in after) else taken


def _year_before_noun(toks: list[tuple[int, int, str]], i: int) -> bool:
    """`a 2013 article`: a year before a lower-case noun (not `The 1998 French Open champion`,
    which goes on with a name)."""
    word = toks[i][2]
    nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
    return word.isdigit() and len(word) == 4 and nxt.isalpha() and nxt.islower()


def _past_after_noun(word: str, taken: list[tuple[int, int, str]]) -> bool:
    """`the couple started`: a past form after a noun is its verb (not `court-released`, not
    after an adverb: `the recently elected`)."""
    return (
        len(taken) > 1
        and word.endswith("ed")
        and "-" not in word
        and not taken[-1][2].endswith("ly")
    )


_NOUN_HEADS = frozenset(DOCUMENT_NOUNS | UTTERANCE_NOUNS | ORG_ANAPHORS)


def _present_after_noun(word: str, taken: list[tuple[int, int, str]]) -> bool:
    """`The email includes`, `The group seeks`: an -s form after a known singular noun is its
    verb, so the phrase is `The email`, which `it` can then stand for."""
    return (
        len(taken) > 1
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and (fold(taken[-1][2]) in _NOUN_HEADS or agent_noun(taken[-1][2]))
    )


_AGENT_ENDINGS = (
    "er",
    "or",
    "ist",
    "ian",
    "ant",
    "ent",
    "man",
    "woman",
    "person",
    "host",
    "anchor",
)


def agent_noun(word: str) -> bool:
    """A lower-case noun for a person by what they do: `senator`, `strategist`, `spokesman`."""
    f = fold(word)
    return word.islower() and (f in _TITLES_OR_ROLES or f.endswith(_AGENT_ENDINGS))


# what someone stands as, a title before their name that no ending above tells
_STANDING = vocabulary("nominee candidate")


def _owned(taken: list[tuple[int, int, str]]) -> bool:
    """Whether the phrase so far ends with a possessive (`Rubio’s`): what follows is theirs."""
    return taken[-1][2] != strip_possessive(taken[-1][2])


def _nouns_to_the_end(text: str, toks: list[tuple[int, int, str]], i: int) -> int:
    """Where a run of lower-case nouns from `toks[i]` that ends its phrase (a break, the
    words' end, or a preposition opening what follows: `the influential Edge magazine in its
    review`) stops; 0 when the words from `i` are no such run (a verb, a function word)."""
    for j in range(i, min(i + _MAX_MODIFIERS, len(toks))):
        word = toks[j][2]
        if (
            not word.isalpha()
            or not word.islower()
            or fold(word) in _FUNCTION_OR_DETERMINERS
            or word in SAY_VERBS
            or not can_be_noun(word)
            or inflected_verb(word)
        ):
            return 0
        if j + 1 == len(toks) or _gap_breaks(text, toks[j][1], toks[j + 1][0]):
            return j + 1
        if fold(toks[j + 1][2]) in _PLACE_LINKS:
            return j + 1
    return 0


def _owned_modifiers(taken: list[tuple[int, int, str]]) -> bool:
    """`Clinton’s top foreign`: lower-case words after an owner, on their way to what it owns
    (`Clinton’s top foreign policy aide Jake Sullivan`)."""
    owner = next((k for k in range(len(taken) - 1, -1, -1) if _owned(taken[: k + 1])), None)
    return owner is not None and all(w.islower() for *_, w in taken[owner + 1 :])


def _leads_to_agent(
    text: str, toks: list[tuple[int, int, str]], i: int, noun: bool = False
) -> bool:
    """Whether lower-case words from `toks[i]` end, unbroken, in a person noun (`champion`);
    with `noun`, one English knows as a noun (not `foreign`, `earlier`)."""
    for j in range(i, min(i + _MAX_MODIFIERS, len(toks))):
        word = toks[j][2]
        if not word.islower() or fold(word) in _FUNCTION_OR_DETERMINERS or word in SAY_VERBS:
            return False  # `the magazine staff compiled the list`: a new phrase, no agent
        if agent_noun(word) and (not noun or can_be_noun(word)):
            return True
        if j + 1 >= len(toks) or _gap_breaks(text, toks[j][1], toks[j + 1][0]):
            return False
    return False


def _modifiers_before_name(
    text: str, toks: list[tuple[int, int, str]], i: int, loose: bool = False
) -> int:
    """Where the capitalised name that lower-case words from `toks[i]` lead to, unbroken,
    begins; 0 when they lead to none.

    After an organisation (`Washington Post columnist Margaret Sullivan`) they must
    name what someone does; after a party or place word (`Democratic pollster`,
    `Idaho nutritional-supplement executive`) any lower-case words do.
    """
    j = i
    while j < len(toks) and j - i < _MAX_MODIFIERS:
        word = toks[j][2]
        if is_name_word(word):
            return j if j > i else 0
        if not (word[:1].isalpha() and word.islower()) or fold(word) in _FUNCTION_WORDS:
            return 0
        if fold(word) in _PREPOSITIONS:
            return 0  # `Palin’s pugnacious posts about ISIS`: the posts, not someone
        if not loose and not (agent_noun(word) or fold(word) in _STANDING):
            return 0  # `Presumptive Democrat nominee Hillary Clinton`
        if word in SAY_VERBS or _gap_breaks(
            text, toks[j][1], toks[j + 1][0] if j + 1 < len(toks) else toks[j][1]
        ):
            return 0
        j += 1
    return j if j < len(toks) and is_name_word(toks[j][2]) and j > i else 0


# `"…," Bennett shot back.`: verbs that report only with `back`.
_BACK_VERBS = frozenset({"shot", "fired", "hit", "pushed", "snapped", "struck"})


def after_quote(text: str, start: int, end: int) -> Mention | None:
    """Attribution in the words right after a closing mark: `, she said` / `, said X`."""
    toks = tokens(text, start, end)[: _MAX_NP + _MAX_APPOSITIVE]
    if not toks:
        return None
    if fold(toks[0][2]) in INVERTED:
        return noun_phrase_after(text, toks, _past_modifiers(text, toks, 1), toks[0][2], loose=True)
    if len(toks) > 2 and fold(toks[0][2]) == "according" and fold(toks[1][2]) == "to":
        return noun_phrase_after(text, toks, 2, "according to")  # `"…" according to X.`
    passive = len(toks) > 3 and fold(toks[0][2]) in _PASSIVE and toks[1][2] in SAY_VERBS
    if passive and fold(toks[2][2]) == "by":  # `"…," was said by Jane Doe`: its agent speaks
        return noun_phrase_after(text, toks, 3, toks[1][2], loose=True)
    for v in range(1, min(len(toks), _MAX_NP + 2)):
        f = toks[v][2]
        if fold(toks[v - 1][2]) in DETERMINERS:
            continue  # `the release said`, `the note says`: a noun, not the verb
        shot_back = f in _BACK_VERBS and v + 1 < len(toks) and toks[v + 1][2] == "back"
        if (f in SAY_VERBS or shot_back) and not f.endswith("ing"):
            found = noun_phrase_before(text, toks, v)
            first = _past_modifiers(text, toks, int(_as_reporting(text, start, toks)))
            if found and found.start <= toks[first][0]:
                return found
            return _premodified(text, toks, found)
        if _gap_breaks(text, toks[v - 1][1], toks[v][0]):
            return _appositive(text, toks, v)
    return None


def _as_reporting(text: str, start: int, toks: list[tuple[int, int, str]]) -> bool:
    """`"…," as Cruz said on Monday`: after a comma, `as` opens the reporting clause; not a
    comparison (`as "dramatic" as Mr Renner believed`) nor a reason (`," as it suggests`)."""
    if len(toks) < 2 or fold(toks[0][2]) != "as" or "," not in text[max(start - 3, 0) : toks[0][0]]:
        return False
    return PRONOUNS.get(fold(toks[1][2]), "m") in "mf"


def _premodified(
    text: str, toks: list[tuple[int, int, str]], found: Mention | None
) -> Mention | None:
    """`"...," Republican candidate Donald Trump said`: the words before the name describe it.

    Between the closing mark and the name only capitalised or lower-case words,
    no punctuation, at most `_MAX_MODIFIERS` + 2 of them; the mention then runs
    from the first (the name is what `canonical_speaker` keeps).
    """
    if found is None or not any(is_name_word(w) for w in found.text.split()):
        return None
    before = [t for t in toks if t[1] <= found.start]
    if len(before) > _MAX_MODIFIERS + 2 or not before:
        return None
    nexts = [t[0] for t in before[1:]] + [found.start]
    for i, ((_, end, word), nxt) in enumerate(zip(before, nexts, strict=True)):
        if _gap_breaks(text, end, nxt):
            return None
        f = fold(word)
        if f in DETERMINERS and i == 0:
            continue  # `one senior Democrat said`
        if f in _LINKS_IN_NP and i > 0 and fold(before[i - 1][2]) in ROLE_NOUNS:
            continue  # `a spokesman for committee Democrats said`
        if f in _FUNCTION_OR_DETERMINERS:
            return None
        if i == 0 and word != strip_possessive(word) and is_name_word(word):
            continue  # `Trump's senior communications adviser Jason Miller said`
        if not (word.isalpha() or "-" in word):
            return None
        if word in SAY_VERBS and not _before_title(toks, toks.index(before[i])):
            return None
    return Mention(text[before[0][0] : found.end], before[0][0], found.end, found.cue)


def _before_title(toks: list[tuple[int, int, str]], j: int) -> bool:
    """`state Sen. Jason Holsman`: a word that could report (`state`) modifying a title."""
    return j + 1 < len(toks) and fold(toks[j + 1][2]) in TITLES


def _past_modifiers(text: str, toks: list[tuple[int, int, str]], i: int) -> int:
    """Index of the name after lower-case role words: `entrepreneur Drayton Valentine`.

    `mobile analyst Carolina Milanesi told`, `said entrepreneur X`: up to three
    lower-case content words before a capitalised name; `i` itself otherwise.
    """
    j = i
    titled_of = 0  # `former secretary of state X`: `of` inside a title, two words more
    while (
        j < len(toks)
        and j - i < _MAX_MODIFIERS + titled_of
        and toks[j][2].replace("-", "").isalnum()
        and toks[j][2].islower()
        and (
            fold(toks[j][2]) not in _FUNCTION_OR_DETERMINERS
            or (_of_in_title(toks, j) and not titled_of and (titled_of := 2))
        )
        and (toks[j][2] not in SAY_VERBS or _before_title(toks, j) or _of_in_title(toks, j - 1))
    ):
        if j + 1 >= len(toks) or _gap_breaks(text, toks[j][1], toks[j + 1][0]):
            return i
        j += 1
    return j if j > i and j < len(toks) and is_name_word(toks[j][2]) else i


def _of_in_title(toks: list[tuple[int, int, str]], j: int) -> bool:
    """`secretary of state`, `director of communications`: `of` between a lower-case title
    and the lower-case word it takes."""
    return (
        fold(toks[j][2]) == "of"
        and j > 0
        and fold(toks[j - 1][2]) in TITLES
        and j + 1 < len(toks)
        and toks[j + 1][2].isalpha()
        and toks[j + 1][2].islower()
        and fold(toks[j + 1][2]) not in _FUNCTION_OR_DETERMINERS
    )


def name_in_commas(
    text: str, toks: list[tuple[int, int, str]], v: int, strict: bool = False
) -> Mention | None:
    """`The head of the unit, Chief Superintendent Mick Deats, said:` -> the name in commas.

    `strict`: every word a name (not `a former official at the IMF`, the appositive of
    `Mr. Prasad, a former official at the IMF, said`).
    """
    verb = toks[v][2] if v < len(toks) else ""
    while (
        v > 2
        and fold(toks[v - 1][2]) in _AUXILIARIES
        and not _gap_breaks(text, toks[v - 1][1], toks[v][0])
    ):
        v -= 1  # `The new President, Viktor Yushchenko, has said`
    if v < 2 or text[toks[v - 1][1] : toks[v][0]].strip() != ",":
        return None
    j = _after_a_comma(text, toks, v - 1)
    if j is None:
        return None
    names = _name_before_its_place(text, toks, j, v) or toks[j:v]
    if not is_capitalised(names[0][2]) or fold(names[0][2]) in DETERMINERS:
        return None  # `James Lewis, a former official at the IMF, said`: the name is before
    # the surname may be a word that is not a name elsewhere (`Theresa May`)
    if len(names) < 2 or not is_name_word(names[-2][2]) or not is_capitalised(names[-1][2]):
        return None
    if strict and not all(is_capitalised(w) for *_, w in names):
        return None
    if all(fold(w) in NOT_SPEAKERS for *_, w in names):
        return None  # `Dean Johnson, a salesman from Sumter, South Carolina, says`: a place
    link = next((k for k, (*_, w) in enumerate(names) if fold(w) in _LINKS_IN_NP), None)
    if link is not None and any(_title_word(w) for *_, w in names[:link]):
        return None  # `David Rose, Chief Executive of Hereford Hospitals NHS Trust, said`: a
        # role, the name is before it (not `Richard Cohen at Brown Baldwin Nisker Ltd`)
    return _mention(text, names, verb)


def _after_a_comma(text: str, toks: list[tuple[int, int, str]], j: int) -> int | None:
    """The first of the unbroken words ending at `toks[j]` when a comma is before them
    (`, Mick Deats,` of `The head of the unit, Mick Deats, said`), else None."""
    while j > 0 and not _gap_breaks(text, toks[j - 1][1], toks[j][0]):
        j -= 1
    return j if j > 0 and text[toks[j - 1][1] : toks[j][0]].strip() == "," else None


_STATE = re.compile(r"(?:[A-Z][a-z]{0,4}\.){1,2}")  # `D.C.`, `Ill.`, `N.Y.`, `Calif.`


def _name_before_its_place(
    text: str, toks: list[tuple[int, int, str]], j: int, v: int
) -> list[tuple[int, int, str]] | None:
    """`Another superdelegate, Michael Brown of Washington, D.C., explained`: when the words
    in commas before the verb are a state, the name is the one before `of` its city."""
    state = toks[j:v]
    if len(state) > 2 or not all(_STATE.fullmatch(w) or fold(w) in PLACES for *_, w in state):
        return None
    k = _after_a_comma(text, toks, j - 1)
    if k is None:
        return None
    named = toks[k:j]
    link = next((i for i, (*_, w) in enumerate(named) if fold(w) in {"of", "from"}), 0)
    return named[:link] if link >= 2 and fold(named[-1][2]) in PLACES else None


def _title_word(word: str) -> bool:
    """`Chief`, `Professor`, `Vice-President`: a capitalised word naming a role, not a first
    name (`Peter`, `Connor`)."""
    f = fold(word)
    return f in _TITLES_OR_ROLES or (agent_noun(f) and not first_name_gender(word))


def _appositive(text: str, toks: list[tuple[int, int, str]], v: int) -> Mention | None:
    """`"...," Andrew Pendleton, Christian Aid's head of policy, said.`: the name before."""
    if text[toks[v - 1][1] : toks[v][0]].strip() != ",":
        return None
    head = toks[:v]
    named_last = len(head) >= 2 and all(is_name_word(w) for *_, w in head[-2:])
    described = (
        fold(head[0][2]) in DETERMINERS
        and all(  # `the White House press secretary`
            _np_word(w) or w.islower() for *_, w in head[1:]
        )
    )
    if not all(_np_word(w) or fold(w) in DETERMINERS for *_, w in head) and not (
        (named_last or described) and len(head) <= _MAX_MODIFIERS + 3
    ):
        return None
    for w in range(v + 1, min(len(toks), v + _MAX_APPOSITIVE)):
        verb = toks[w][2]
        if verb in SAY_VERBS and named_last and _role_then_verb(text, toks[v:w]):
            return _mention(text, head, verb)  # `X, president and chief operating officer said`
        k = w
        while k > v + 1 and fold(toks[k - 1][2]) in _AUXILIARIES:
            k -= 1  # `the mayor, Tom Reyes, has said`
        if text[toks[k - 1][1] : toks[k][0]].strip() == "," and verb in SAY_VERBS:
            if verb.endswith("ing"):
                return None
            named = toks[v:k]  # `the mayor, Tom Reyes, said`: the name is who the role is
            if 2 <= len(named) <= _MAX_MODIFIERS + 1 and all(is_name_word(x) for *_, x in named):
                return _mention(text, named, verb)
            return _mention(text, head, verb)
    return None


def _role_then_verb(text: str, words: list[tuple[int, int, str]]) -> bool:
    """`president and chief operating officer` before `said`, its closing comma left out:
    a few unbroken lower-case words ending on one person's noun; not `the newsletter`,
    `officials` (the verb's own subject), nor a clause (`which provides …, a spokesman`)."""
    if not words or len(words) > _MAX_MODIFIERS + 2 or fold(words[0][2]) in DETERMINERS:
        return False
    unbroken = not any(_gap_breaks(text, a[1], b[0]) for a, b in pairwise(words))
    last = words[-1][2]
    return (
        unbroken
        and all(w.islower() for *_, w in words)
        and agent_noun(last)
        and not last.endswith("s")
    )


def appositive_subject(text: str, toks: list[tuple[int, int, str]], verb: int) -> Mention | None:
    """`Lesley Deutch, a senior vice president of X, said`: the name opening the sentence,
    not the organisation just before the verb."""
    if verb < 3 or text[toks[verb - 1][1] : toks[verb][0]].strip() != ",":
        return None
    found = sentence_subject(text, toks[:verb], "")
    if found is None or not is_name_word(found.text.split()[-1]) or found.end >= toks[verb - 1][0]:
        return None
    return found if text[found.end : found.end + 2].startswith(",") else None


def before_quote(text: str, start: int, end: int) -> Mention | None:
    """Attribution in the sentence before an opening mark: `X said:`, `according to X,`."""
    toks = tokens(text, start, end)
    folded = [fold(w) for *_, w in toks]
    for i in range(len(toks) - 2):
        if folded[i] == "according" and folded[i + 1] == "to":
            found = noun_phrase_after(text, toks, i + 2, "according to")
            if found:
                return found
    cues = [
        v for v, (*_, w) in enumerate(toks) if w in SAY_VERBS or (v == 0 and fold(w) in INVERTED)
    ]
    labelled = text[start:end].rstrip().endswith(":")
    if labelled and (named := _name_before_colon(text, toks, set_off=bool(cues))):
        return named
    for v in reversed(cues):
        found = (
            noun_phrase_before(text, toks, v)
            or name_in_commas(text, toks, v)
            or appositive_subject(text, toks, v)
            or _relative_subject(text, toks, v)
        )
        if found:
            return found
        opens_clause = v == 0 or _gap_breaks(text, toks[v - 1][1], toks[v][0])
        if folded[v] in INVERTED and opens_clause and v + 1 < len(toks):
            found = noun_phrase_after(text, toks, v + 1, toks[v][2])
            if found and not found.text[:1].islower():
                return found
    if cues and (joined := _coordinate_subject(text, toks, cues[-1])):
        return joined
    reporting = [v for v in cues if not _reported(toks, v)]
    if reporting or labelled:
        found = sentence_subject(text, toks, toks[reporting[0]][2] if reporting else ":")
        if found and any(c in _QUOTE_MARKS for c in text[start : found.start]):
            return None  # `"It's a difficult issue," said X, "because …"`: words of a quote
        return found
    return None


def _relative_subject(text: str, toks: list[tuple[int, int, str]], v: int) -> Mention | None:
    """`… pre-empted by French President Jacques Chirac, who announced his attendance … a
    "special message"`: the name a `, who` clause before the verb describes speaks, not the
    sentence's subject (Mr Blair); no name right before the comma, or one after `of` (`Michael
    of Romania, who`: which of the two the clause means is a guess) or a company's, no one."""
    if v < 2 or fold(toks[v - 1][2]) != "who":
        return None
    if text[toks[v - 2][1] : toks[v - 1][0]].strip() != ",":
        return None
    i = v - 1
    while (
        i > 0
        and is_name_word(toks[i - 1][2])
        and (i == v - 1 or not _gap_breaks(text, toks[i - 1][1], toks[i][0]))
    ):
        i -= 1
    if i == v - 1 or (i > 0 and fold(toks[i - 1][2]) == "of"):
        return None
    if fold(toks[v - 2][2]) in ORG_WORDS:
        return None  # `David Lomax, Group Economics Adviser at X Bank Plc, who`: him, not X
    return _mention(text, toks[i : v - 1], toks[v][2])


# `They have signed a motion, and Tony Lloyd, …, has pledged to take the matter "…"`
_COORDINATE = re.compile(r"(?:,\s+(?:and|but)|;)\s+")


def _coordinate_subject(text: str, toks: list[tuple[int, int, str]], v: int) -> Mention | None:
    """The subject opening the last clause joined by `, and`, `, but` or `;` before the
    reporting verb `toks[v]`, when it is a name or a pronoun: that clause's speaker, not the
    sentence's first subject."""
    joins = list(_COORDINATE.finditer(text, toks[0][0], toks[v][0]))
    if not joins:
        return None
    clause = [t for t in toks[:v] if t[0] >= joins[-1].end()]
    if not clause or not (is_name_word(clause[0][2]) or fold(clause[0][2]) in PRONOUNS):
        return None
    found = sentence_subject(text, clause + toks[v : v + 1], toks[v][2])
    return found if found is not None and found.start == clause[0][0] else None


def _name_before_colon(
    text: str, toks: list[tuple[int, int, str]], set_off: bool
) -> Mention | None:
    """`More from Blumenthal and Cohen: "…"`, `Pollsters agree - Carl Bialik: "…"`: a name
    of two or more words (or names joined by `and`) right before the colon labels the quote;
    after a reporting verb (`told Fox News:`) only when `set_off` from it by a dash."""
    i = len(toks)
    while i > 0 and is_name_word(toks[i - 1][2]) and len(toks) - i < _MAX_MODIFIERS + 1:
        if i < len(toks) and _gap_breaks(text, toks[i - 1][1], toks[i][0]):
            break
        i -= 1
    if i == len(toks):
        return None
    run = _joined_names(text, toks, toks[i:])
    if len(run) < 2 or fold(run[0][2]) in _NOT_SPEAKERS_TITLES:
        return None
    at = toks.index(run[0])
    gap = text[toks[at - 1][1] : run[0][0]].strip() if at else ""
    if set_off and (not gap or gap not in "-—–"):
        return None
    return _mention(text, run, ":")


def _adverb_opening(toks: list[tuple[int, int, str]]) -> bool:
    """`Privately ministers believe`: a sentence opening on an adverb, not on a name (`Kelly
    has said`: a first name, then a verb)."""
    if len(toks) < 2 or not toks[0][2].endswith("ly") or first_name_gender(toks[0][2]):
        return False
    nxt = toks[1][2]
    return nxt[:1].islower() and nxt not in SAY_VERBS and fold(nxt) not in _SKIPPED_OR_FUNCTION


def _participle_opening(toks: list[tuple[int, int, str]]) -> bool:
    """`Holding signs, the protesters chanted`, `Preceded at the lectern by X, Trump
    launched`: a sentence opening on a participle phrase."""
    if len(toks) < 2:
        return False
    if toks[0][2].endswith("ed") and not first_name_gender(toks[0][2]):
        return fold(toks[1][2]) in _PARTICIPLE_LINKS and toks[1][2].islower()
    if not toks[0][2].endswith("ing"):
        return False
    # `Addressing Chicago economists, Duncan said`; not `Sterling Brown said`
    return toks[1][2][:1].islower() or not first_name_gender(toks[0][2])


# openings set aside before the subject: `Of Carson, Levine said`, `Like her heroine, Ms. X`
_ASIDE_LINKS = frozenset({"of", "like", "unlike"})
_PARTICIPLE_LINKS = frozenset({"by", "at", "in", "on", "with", "from", "after", "during", "for"})


def sentence_subject(text: str, toks: list[tuple[int, int, str]], cue: str) -> Mention | None:
    """The noun phrase a sentence opens with (`Foreign Secretary Jack Straw, touring ...`).

    Leading connectives and a short opening phrase closed by a comma
    (`But`, `On Wednesday,`, `In a statement,`) are skipped.
    """
    first = 0
    while first < len(toks) and (
        fold(toks[first][2]) in _OPENING_SKIPS
        or (first == 0 and (_participle_opening(toks) or _adverb_opening(toks)))
        or (first == 0 and fold(toks[0][2]) in _ASIDE_LINKS)
    ):
        first += 1
    if 0 < first < len(toks) and fold(toks[first][2]) not in PRONOUNS:  # `And he sounded …,`
        for j in range(first, min(first + _MAX_NAMED_OPENING, len(toks) - 1)):
            if _gap_breaks(text, toks[j][1], toks[j + 1][0]):
                gap = text[toks[j][1] : toks[j + 1][0]]
                if j - first >= _MAX_OPENING and not is_name_word(toks[j + 1][2]):
                    break
                named = all(is_name_word(w) for *_, w in toks[first : j + 1])
                # `On Wednesday,` is skipped; `But Parry, speaking to ...,` is the subject
                # `In California, Gov. X`, `Reached by POLITICO, Bennett denied`, `For
                # African-Americans, on the other hand, "…"`: a name in an opening phrase
                linked = fold(toks[first - 1][2])
                placed = linked in _PLACE_LINKS | _PARTICIPLE_LINKS
                if gap.strip() == "," and linked in _ASIDE_LINKS:
                    first = j + 1  # `Of Carson, Levine, who …, said`: Levine
                elif gap.strip() == "," and (placed or not named):
                    first = _past_places(text, toks, j + 1)
                break
    first = _past_the_object(text, toks, first)
    if first >= len(toks):
        return None
    if fold(toks[first][2]) in PRONOUNS:
        return _mention(text, [toks[first]], cue)
    return noun_phrase_after(text, toks, first, cue)


def _past_the_object(text: str, toks: list[tuple[int, int, str]], first: int) -> int:
    """`In the paper Bangemann wrote`: an opening preposition's object written without its
    comma, a determiner and lower-case words, ends where a name follows; the name is the
    subject (was `the paper Bangemann`)."""
    if not 0 < first < len(toks) - 1 or fold(toks[first - 1][2]) not in _PREPOSITIONS:
        return first
    if fold(toks[first][2]) not in DETERMINERS:
        return first
    j = first + 1
    while j < len(toks) and toks[j][2].islower() and toks[j][2] not in _PREPOSITIONS_OR_RELATIVES:
        j += 1
    if j == first + 1 or j >= len(toks) or _gap_breaks(text, toks[first][1], toks[j][0]):
        return first
    return j if is_name_word(toks[j][2]) else first


_MAX_PLACE_WORDS = 3


def _past_places(text: str, toks: list[tuple[int, int, str]], first: int) -> int:
    """`At an event in Ames, Iowa, on Sunday, Mrs. Clinton said`: after an opening phrase that
    ends in a place, its state (`Iowa,`) and a time (`on Sunday,`) open the sentence too."""
    for _ in range(2):
        j = first
        while j < len(toks) - 1 and j - first < _MAX_PLACE_WORDS:
            if _gap_breaks(text, toks[j][1], toks[j + 1][0]):
                break
            j += 1
        if j >= len(toks) - 1 or text[toks[j][1] : toks[j + 1][0]].strip() != ",":
            return first
        words = [w for *_, w in toks[first : j + 1]]
        place = all(is_name_word(w) for w in words) and is_name_word(toks[first - 1][2])
        timed = fold(words[0]) in _TIME_LINKS
        if not (place or timed) or any(w in SAY_VERBS for w in words):
            return first
        first = j + 1
    return first


_PLACE_LINKS = frozenset({"in", "at", "from", "across", "outside", "inside", "near", "throughout"})
_TIME_LINKS = frozenset({"on", "in", "at", "during", "after", "before", "last", "this", "earlier"})


def has_cue(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds a reporting verb or `according to`."""
    words = _TOKEN.findall(text, start, end)  # the words of `tokens`, without their offsets
    return not SAY_VERBS.isdisjoint(words) or any(fold(w) == "according" for w in words)


@lru_cache(maxsize=16384)  # asked of every agent an article names: its phrases repeat
def is_group(phrase: str) -> bool:
    """Whether a speaker phrase names people together: `the protesters`, `two senior aides`."""
    toks = tokens(phrase, 0, len(phrase))
    return _group(toks, [fold(w) for *_, w in toks])
