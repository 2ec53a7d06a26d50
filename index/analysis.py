"""How article text and queries become index terms: the one analyzer used on both sides.

A reader types `Doucoure`, `paedophilia`, `#CancelNetflix` or `apologised` and
expects the articles that say `Doucouré`, `pedophilia`, `CancelNetflix` and
`apologize`. So every token is folded (Unicode compatibility forms, case,
accents, British -> American spelling) and then stemmed with Porter2. Stop words
are kept so that phrases such as "it was not OK" match exactly.

The analyzer is pickled into the Whoosh schema, so the filter classes below must
stay importable under these names.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate, count

import Stemmer
from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS
from whoosh.analysis import CompositeAnalyzer, Filter, Token, Tokenizer
from whoosh.lang.porter2 import stem as porter2_stem

from index.textnorm import fold_text

# Characters that may continue a word: combining marks (decomposed accents), the
# soft hyphen and zero-width (non-)joiners. `\w` alone would split on them.
_WORD_CONTINUES = (
    "\\w\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u00ad\u200c\u200d"
)
# A word starts with a letter or digit and may hold inner apostrophes (don't,
# O'Brien, Netflix’s). `#` and `@` are not word characters, so `#CancelNetflix`
# and `@netflix` are found with or without their sign, and hyphens split
# `award-winning` into two consecutive positions.
WORD_PATTERN = re.compile(f"\\w[{_WORD_CONTINUES}]*(?:['’ʼ][{_WORD_CONTINUES}]+)*")

# Tokens longer than this are not words (base64, URLs glued together): dropped.
MAX_TOKEN_CHARS = 120

# --- British -> American spelling ---------------------------------------------------

# Spelling families the maintained list (breame) misses, as general rules. Each
# rule names the word stems it must leave alone (whole stem, or after a common
# prefix), so that `promise`, `precise`, `four` or `detour` keep their meaning.
# fmt: off
_PREFIXES = (
    "", "un", "up", "re", "pre", "mis", "dis", "over", "under", "out", "non", "self", "super",
    "sub", "counter", "co", "de", "sun", "down", "fore", "in", "inter", "multi",
)
_ISE_RULE = re.compile(r"([a-z]*[b-df-hj-np-tv-xz])is(e|ed|es|ing|ation|ations|er|ers)")
# Stems of -ise words that are spelled -ise in American English too.
_ISE_KEEP = frozenset({
    "r", "ar", "pr", "appr", "repr", "surpr", "compr", "enterpr", "prec", "conc", "exerc",
    "exc", "inc", "circumc", "prom", "comprom", "expert", "parad", "advert", "franch",
    "merchand", "superv", "telev", "rev", "dev", "adv", "desp", "chast", "improv", "surm",
    "dem", "prem", "treat", "mort", "cer", "an", "val", "chem", "den", "el", "m", "v",
})
_LYSE_RULE = re.compile(r"([a-z]{2,})lys(e|ed|es|ing|er|ers)")
_OUR_RULE = re.compile(
    r"([a-z]{2,})our(s|ed|ing|ite|ites|itism|able|ably|ful|fully|less|er|ers|hood|hoods"
    r"|al|ally|ist|ists|ism|y|ies)?"
)
# Stems of -our words that are spelled -our in American English too.
_OUR_KEEP = frozenset({
    "fl", "sc", "det", "cont", "dev", "am", "param", "troubad", "vel", "p", "tamb", "bonj", "h",
})
# fmt: on
# Greek/Latin digraphs British spelling keeps at the start (or inside) of a word.
_DIGRAPH_RULES = (
    (re.compile("paed"), "ped"),
    (re.compile("^haem"), "hem"),
    (re.compile("^anaesth"), "anesth"),
    (re.compile("^oesoph"), "esoph"),
    (re.compile("aemi(a|as|c)$"), r"emi\1"),
)


def _kept(stem: str, keep: frozenset[str]) -> bool:
    """True when `stem` is a listed exception, alone or after a common prefix."""
    return any(stem.startswith(p) and stem[len(p) :] in keep for p in _PREFIXES)


def americanize(word: str) -> str:
    """American spelling of a folded (lower-case, unaccented) British word.

    breame's list first (about 1,700 words); then general rules for families it
    misses: `-ise/-ised/-ising/-isation/-iser` -> `-iz-` after a consonant (not
    `-wise` words, and not the listed `-ise` words like promise or surprise),
    `-lyse` -> `-lyze`, `-our` -> `-or` (not four, your, hour, detour, ...), and
    `paed-`, `haem-`, `anaesth-`, `oesoph-`, `-aemia` lose their digraph. There
    is deliberately no general `oe` -> `e` (shoe, she) or `-tre` -> `-ter` rule.
    """
    listed = BRITISH_ENGLISH_SPELLINGS.get(word)
    if listed is not None:
        return listed
    # Each rule's pattern runs only on words holding its letters: most words hold
    # none, and every new word of a build passes here once.
    match = _ISE_RULE.fullmatch(word) if "is" in word else None
    if match and len(match[1]) >= 3 and not match[1].endswith("w"):
        if not _kept(match[1], _ISE_KEEP):
            return f"{match[1]}iz{match[2]}"
        return word
    match = _LYSE_RULE.fullmatch(word) if "lys" in word else None
    if match:
        return f"{match[1]}lyz{match[2]}"
    match = _OUR_RULE.fullmatch(word) if "our" in word else None
    if match and not _kept(match[1], _OUR_KEEP):
        return f"{match[1]}or{match[2] or ''}"
    if "ae" in word or "oe" in word:  # every digraph rule's pattern holds one
        for pattern, replacement in _DIGRAPH_RULES:
            word = pattern.sub(replacement, word)
    return word


# --- per-token folding and stemming ---------------------------------------------


def fold_word(word: str) -> str:
    """One token as an index term before stemming: NFKC, case-folded, accents
    stripped, possessive `'s` dropped, apostrophes made straight, American spelling.

    `Doucouré`, `DOUCOURE` and `doucoure` fold alike, as do `paedophilia` and
    `pedophilia`; other modules (speaker grouping, did-you-mean) use this too.
    """
    return _FOLDS[word]


def _fold(word: str) -> str:
    """`fold_word` uncached."""
    folded = fold_text(word)
    if folded.endswith("'s"):
        folded = folded[:-2]
    return americanize(folded) if folded.isalpha() else folded


_MAX_CACHED = 1 << 18


class _Folds(dict):
    """Word -> `_fold(word)`, the first `_MAX_CACHED` words kept: a hit is one dict
    lookup in C (`map(_FOLDS.__getitem__, words)`), ~35% less than `lru_cache`'s."""

    def __missing__(self, word: str) -> str:
        folded = _fold(word)
        if len(self) < _MAX_CACHED:
            self[word] = folded
        return folded


_FOLDS = _Folds()

# Snowball's C English stemmer, as of Snowball 2.2 (PyStemmer 2.2): the stems of
# whoosh's pure-Python Porter2 (`tests/test_analysis.py` compares them), 5x faster
# on a build's new words. Snowball 3 changed some (`added` -> `add`, not `ad`), so
# the pin must not move without that comparison. Not thread-safe: one a thread.
_SNOWBALL = threading.local()


@lru_cache(maxsize=_MAX_CACHED)
def stem_word(term: str) -> str:
    """Porter2 (Snowball English) stem of a folded term; whoosh's old Porter is not used.
    Non-ASCII terms (rare once folded) go to whoosh's Porter2, whose stems define them."""
    if not term.isascii():
        return porter2_stem(term)
    stemmer = getattr(_SNOWBALL, "english", None)
    if stemmer is None:
        stemmer = _SNOWBALL.english = Stemmer.Stemmer("english", 0)
    return stemmer.stemWord(term)


class FoldFilter(Filter):
    """Replaces each token's text with `fold_word(text)`; drops over-long tokens.

    Kept importable: indexes of schema 1 pickled it, and must unpickle to be
    recognised as old and rebuilt (`FoldingTokenizer` does its work now).
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            if len(token.text) > MAX_TOKEN_CHARS:
                continue
            folded = fold_word(token.text)
            if folded:
                token.text = folded
                yield token


class Porter2Filter(Filter):
    """Replaces each (folded) token's text with its Porter2 stem."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = stem_word(token.text)
            yield token


# The last texts tokenized and folded, and their tokens: (folded, position, start, end).
_LAST = threading.local()
_REMEMBERED = 3


class FoldingTokenizer(Tokenizer):
    """`RegexTokenizer(WORD_PATTERN) | FoldFilter()` in one step, remembering the last text.

    An article's body is read twice, for its stemmed postings (`body`) and for
    the vocabulary of whole words (`index.vocabulary`), from the same string:
    the second pass replays the folded words of the first instead of matching
    and folding the text again. Positions count every word, dropped ones too, as
    Whoosh's tokenizer does.
    """

    def __eq__(self, other) -> bool:
        return type(other) is type(self)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            words = [(fold_word(value), 0, 0, len(value))] if len(value) <= MAX_TOKEN_CHARS else []
        else:
            words = folded_words(value)
        for folded, pos, start, end in words:
            if not folded:
                continue
            token.text = folded
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


def folded_words(value: str) -> list[tuple[str, int, int, int]]:
    """The folded words of `value` as (folded, position, start, end), computed once for
    the same string object among the last few (also used by `segment_writer` and
    `vocabulary`: an article's author and outlet come between its body's two reads)."""
    recent = getattr(_LAST, "recent", None)
    if recent is None:
        recent = _LAST.recent = []
    for text, words in recent:
        if text is value:
            return words
    words = _scan(value)
    recent.insert(0, (value, words))
    del recent[_REMEMBERED:]
    return words


# `WORD_PATTERN` as one group: `split` then gives the text between words and the
# words in turn, so every offset is a running sum of lengths (no match objects).
_WORD_SPLIT = re.compile(f"({WORD_PATTERN.pattern})")
# The same on ASCII text, where `\w` is these characters and the other apostrophes and
# joiners cannot occur: about 20% faster than matching Unicode classes.
_ASCII_WORD_SPLIT = re.compile("([A-Za-z0-9_]+(?:'[A-Za-z0-9_]+)*)")


def _scan(value: str) -> list[tuple[str, int, int, int]]:
    """`[(fold_word(m.group()), pos, m.start(), m.end()) for m in WORD_PATTERN.finditer]`
    less over-long words, in C loops: a token costs no Python bytecode."""
    parts = (_ASCII_WORD_SPLIT if value.isascii() else _WORD_SPLIT).split(value)
    words = parts[1::2]
    if not words:
        return []
    bounds = list(accumulate(map(len, parts)))
    found = list(zip(map(_FOLDS.__getitem__, words), count(), bounds[0::2], bounds[1::2]))
    if max(map(len, words)) <= MAX_TOKEN_CHARS:
        return found
    return [item for item, word in zip(found, words, strict=True) if len(word) <= MAX_TOKEN_CHARS]


def make_analyzer(stem: bool = True) -> CompositeAnalyzer:
    """The analyzer for article text and queries alike; `stem=False` for the field that
    serves prefix, wildcard and fuzzy queries (`hypersexual*` must see whole words)."""
    tokenizer = FoldingTokenizer()
    return tokenizer | Porter2Filter() if stem else CompositeAnalyzer(tokenizer)
