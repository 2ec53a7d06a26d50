"""The Whoosh schema: article, quote, file and meta documents in one index.

Bump `SCHEMA_VERSION` whenever a field, an analyzer rule or the stored layout
changes: an index with another version is rebuilt on open, so users never search
an index that analyses differently from their queries.
"""

from __future__ import annotations

from whoosh import fields

from .analysis import make_analyzer

SCHEMA_VERSION = 6

ARTICLE_FIELDS = ("title", "body")
QUOTE_FIELDS = ("speaker", "kind", "text", "handle")
# Where an article came from (`outlet:variety`, `author:smith`, `date:2020-09`).
SOURCE_FIELDS = ("outlet", "author", "date")


def build_schema() -> fields.Schema:
    """One schema for every document type, told apart by `doctype`.

    `body` is stemmed with positions and character offsets (phrases, highlight
    spans without re-analysing text), and indexed once: prefix, wildcard and
    fuzzy terms, which must not see stems, expand over the whole words of the
    vocabulary documents (`index.vocabulary`) and run on `body` through their
    stems.
    """
    stemmed = make_analyzer(stem=True)
    exact = make_analyzer(stem=False)
    return fields.Schema(
        doctype=fields.ID(stored=True),
        key=fields.ID(unique=True),
        id=fields.ID(stored=True),
        path=fields.ID(stored=True),
        # article documents
        title=fields.TEXT(analyzer=stemmed, stored=True, field_boost=2.0),
        body=fields.TEXT(analyzer=stemmed, chars=True),
        # vocabulary documents: one an update (`index.vocabulary`)
        # prefix, wildcard and fuzzy terms of `body` (no postings: `index.vocabulary`)
        body_words=fields.TEXT(analyzer=exact, phrase=False),
        # vocabulary documents, one an update: the words they added
        vocabulary=fields.STORED(),
        text_display=fields.STORED(),
        paragraphs=fields.STORED(),
        url=fields.STORED(),
        # An ISO day: `date:2020-09` is a prefix, `date:[2020-09-01 TO 2020-09-15]` a range.
        date=fields.ID(stored=True),
        source=fields.STORED(),
        outlet=fields.TEXT(analyzer=exact, phrase=False),
        author=fields.TEXT(analyzer=exact, stored=True, phrase=False),
        quotes=fields.STORED(),
        # quote documents
        speaker=fields.TEXT(analyzer=exact),
        kind=fields.ID(),
        text=fields.TEXT(analyzer=stemmed, chars=True),
        handle=fields.TEXT(analyzer=exact),
        article_id=fields.ID(),
        quote=fields.STORED(),
        raw_quote=fields.STORED(),
        # file documents: fingerprints for incremental updates
        size=fields.STORED(),
        mtime_ns=fields.STORED(),
        ctime_ns=fields.STORED(),
        inode=fields.STORED(),
        sha=fields.STORED(),
        skipped=fields.STORED(),
        # the meta document
        schema_version=fields.STORED(),
        root=fields.STORED(),
    )
