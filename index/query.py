"""Turning what a person typed into a Whoosh query, or a `QueryError` that says what is wrong.

Whoosh's parser is lenient: it silently reads `(a OR`, a lone `AND` or an
unknown `foo:bar` as ordinary words, which then find nothing (or the wrong
thing) without telling anyone why. Those mistakes are caught here first, on a
copy of the query with the phrases blanked out, so a message can name them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh import qparser
from whoosh import query as wq
from whoosh.fields import Schema

from .fuzzy import cached_fuzzy
from .models import QueryError
from .schema import ARTICLE_FIELDS, QUOTE_FIELDS, SOURCE_FIELDS
from .vocabulary import WORDS_FIELD

MAX_QUERY_CHARS = 1000
MAX_FUZZY_EDITS = 2
BINARY_OPERATORS = frozenset({"AND", "OR", "ANDNOT", "ANDMAYBE"})
UNARY_OPERATORS = frozenset({"NOT"})
# Quote fields: `body:` is accepted as the quotation's text when searching quotes.
QUOTE_ALIASES = {"text": ["body"]}
KNOWN_FIELDS = frozenset(ARTICLE_FIELDS) | frozenset(QUOTE_FIELDS) | frozenset(SOURCE_FIELDS)
FIELD_HELP = "use title:, body:, outlet:, author:, date:, speaker:, kind: or text:"
# What a field's refusal suggests typing: a value of the field's own kind.
FIELD_EXAMPLES = {"date": "2020-09", "kind": "partial", "author": "smith"}
# `date:` takes a year, a month or a day, written as in ISO 8601.
_DATE_PART = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?\Z")
DATE_HELP = "write date: as 2020, 2020-09 or 2020-09-10, or a range [2020-09-01 TO 2020-09-15]"

_CURLY_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_PHRASE = re.compile(r'"[^"]*"')
_FIELD = re.compile(r"(?<![\w\\])([A-Za-z_]\w*):")
_TOKEN = re.compile(r"[()]|[^\s()]+")
_FUZZY_EDITS = re.compile(r"(?<![\s~])~(\d+)")
_LEADING_WILDCARD = re.compile(r"(?:^|[\s(:])[*?]")


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A checked query ready to run; `scope` is where it searches (articles or quotes)."""

    text: str
    query: wq.Query
    scope: str


class _ExactAffixParser(qparser.QueryParser):
    """Sends prefix, wildcard and fuzzy terms on `body` to its whole words (`body_words`).

    A stem is not a word: `hypersexual*` stemmed is `hypersexu*`, and fuzzy
    distances between stems are meaningless, so these expand over whole words
    (and then run on `body` through their stems: `expansion`).
    """

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        if fieldname == "body" and termclass in (wq.Prefix, wq.Wildcard, wq.FuzzyTerm):
            fieldname = WORDS_FIELD
        return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)


def describe(err: Exception) -> str:
    """An exception from Whoosh as a short single line for a `QueryError` message."""
    return " ".join(str(err).split())[:200] or type(err).__name__


def normalize_query(text: str) -> str:
    """The query as parsed: curly double quotes made straight, outer space trimmed."""
    return text.translate(_CURLY_QUOTES).strip()


def check_syntax(text: str, original: str) -> list[str]:
    """Raise `QueryError` for mistakes Whoosh would silently misread; return the fields named.

    `text` is the normalized query; errors carry the `original` as typed.
    """
    if not text:
        raise QueryError("the query is empty: type one or more words to search for", original)
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is too long ({len(text):,} characters; at most {MAX_QUERY_CHARS:,})",
            original,
        )
    if text.count('"') % 2:
        raise QueryError('unbalanced quotation marks: a phrase needs a closing "', original)
    masked = _PHRASE.sub(lambda m: '"' + "x" * (len(m.group()) - 2) + '"', text)
    _check_parentheses(masked, original)
    fields = _check_fields(masked, original)
    _check_operators(masked, original)
    if _LEADING_WILDCARD.search(masked):
        raise QueryError("a wildcard needs at least one letter before it (e.g. report*)", original)
    for edits in _FUZZY_EDITS.findall(masked):
        if int(edits) > MAX_FUZZY_EDITS:
            raise QueryError(
                f"fuzzy search allows at most {MAX_FUZZY_EDITS} edits (e.g. netflx~2)", original
            )
    return fields


def _check_parentheses(masked: str, text: str) -> None:
    depth = 0
    for char in masked:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                raise QueryError("unbalanced parentheses: a ) has no matching (", text)
    if depth:
        raise QueryError("unbalanced parentheses: a ( is never closed", text)
    if re.search(r"\(\s*\)", masked):
        raise QueryError("empty parentheses: put search words inside ( )", text)


def _check_fields(masked: str, text: str) -> list[str]:
    fields = []
    for match in _FIELD.finditer(masked):
        name = match.group(1)
        if name not in KNOWN_FIELDS:
            raise QueryError(f"unknown field {name}: ({FIELD_HELP})", text)
        following = masked[match.end() : match.end() + 1]
        if not following or following.isspace() or following == ")":
            example = FIELD_EXAMPLES.get(name, "netflix")
            raise QueryError(f"{name}: needs a word after it (e.g. {name}:{example})", text)
        fields.append(name)
    return fields


def _check_operators(masked: str, text: str) -> None:
    tokens = _TOKEN.findall(masked)
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if token in BINARY_OPERATORS and (
            before is None or before == "(" or before in BINARY_OPERATORS | UNARY_OPERATORS
        ):
            raise QueryError(
                f"{token} needs a search word before it (e.g. cuties {token} netflix)", text
            )
        if token in BINARY_OPERATORS | UNARY_OPERATORS and (
            after is None or after == ")" or after in BINARY_OPERATORS
        ):
            raise QueryError(
                f"{token} needs a search word after it (e.g. cuties {token} netflix)", text
            )


def parse_query(text: str, schema: Schema, scope: str = "articles") -> ParsedQuery:
    """Check and parse `text`; naming a quote field (speaker:, kind:, text:) searches quotes."""
    if scope not in ("articles", "quotes"):
        raise QueryError(f"unknown scope {scope!r}: use articles or quotes", text)
    cleaned = normalize_query(text)
    fields = check_syntax(cleaned, text)
    if any(name in QUOTE_FIELDS for name in fields):
        scope = "quotes"
    if scope == "quotes" and "title" in fields:
        raise QueryError("title: searches articles; it cannot be combined with quote fields", text)
    named_sources = [name for name in SOURCE_FIELDS if name in fields]
    if scope == "quotes" and named_sources:
        raise QueryError(
            f"{named_sources[0]}: searches articles; it cannot be used in a search of quotations",
            text,
        )
    parser = _make_parser(schema, scope)
    try:
        parsed = parser.parse(cleaned)
    except Exception as err:  # Whoosh raises assorted types for odd input
        raise QueryError(f"the query could not be read ({describe(err)})", text) from err
    if parsed is wq.NullQuery or not _has_terms(parsed):
        raise QueryError("the query has no words to search for", text)
    parsed = _check_dates(parsed, text)
    if any(isinstance(leaf, wq.TermRange) and leaf.fieldname != "date" for leaf in parsed.leaves()):
        raise QueryError(
            "ranges of words ([a TO b]) are not supported: search for the words themselves, "
            "or for a prefix such as kuch*",
            text,
        )
    return ParsedQuery(cleaned, parsed.accept(_limit_fuzzy), scope)


def _make_parser(schema: Schema, scope: str) -> qparser.QueryParser:
    parser = _ExactAffixParser(None, schema, group=qparser.AndGroup)
    if scope == "quotes":
        parser.add_plugin(qparser.MultifieldPlugin(["text", "speaker"]))
        parser.add_plugin(qparser.FieldAliasPlugin(QUOTE_ALIASES))
    else:
        parser.add_plugin(qparser.MultifieldPlugin(list(ARTICLE_FIELDS), {"title": 2.0}))
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.remove_plugin_class(qparser.SingleQuotePlugin)
    parser.remove_plugin_class(qparser.EveryPlugin)
    return parser


def _check_dates(parsed: wq.Query, text: str) -> wq.Query:
    """`date:` terms as ranges of ISO days (`2020-09` is all of September), ranges with
    both ends checked and the end taking in all of its month or year; anything else on
    `date:` raises a `QueryError` saying how to write one."""

    def checked(part: str | None) -> str | None:
        if part is None:
            return None
        if not _DATE_PART.match(part) or not _real_date(part):
            raise QueryError(f"{part!r} is not a date: {DATE_HELP}", text)
        return part

    def rewrite(node: wq.Query) -> wq.Query:
        if getattr(node, "fieldname", None) != "date":
            return node
        if isinstance(node, wq.TermRange):
            start, end = checked(node.start), checked(node.end)
            if start is None and end is None:
                raise QueryError(f"a date range needs at least one end: {DATE_HELP}", text)
            if start and end and start > end and not start.startswith(end):
                raise QueryError(f"the date range ends before it starts ({start} > {end})", text)
            wide_end = end + "\uffff" if end else None
            return wq.TermRange("date", start, wide_end, startexcl=node.startexcl, endexcl=False)
        if type(node) is wq.Term:  # a range, not a Prefix: ranges are run as ranges here
            day = checked(node.text) or ""
            return wq.TermRange("date", day, day + "\uffff")
        raise QueryError(f"date: takes no wildcards or typos: {DATE_HELP}", text)

    return parsed.accept(rewrite)


def _real_date(part: str) -> bool:
    """Whether `2020-02-30` or `2020-13` names a day or month that exists."""
    import datetime as dt

    pieces = [int(p) for p in part.split("-")] + [1, 1]
    try:
        dt.date(*pieces[:3])
    except ValueError:
        return False
    return True


def _has_terms(parsed: wq.Query) -> bool:
    return any(leaf is not wq.NullQuery for leaf in parsed.leaves()) or not parsed.is_leaf()


def _limit_fuzzy(node: wq.Query) -> wq.Query:
    """Fuzzy terms keep their first letter and at most two edits, to stay fast."""
    if isinstance(node, wq.FuzzyTerm):
        node.prefixlength = max(1, node.prefixlength)
        node.maxdist = min(MAX_FUZZY_EDITS, max(1, node.maxdist))
        return cached_fuzzy(node)
    return node
