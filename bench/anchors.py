"""The speed anchors our figures are quoted against, on the same documents.

- plain Whoosh: the stock writer (default and `procs=2, multisegment=True`) for
  index builds, and its stock highlighter on *our* index for search overhead;
- tantivy (Rust, via PyPI `tantivy`) with its SnippetGenerator;
- SQLite FTS5 with `snippet()`.

Every engine answers a `BenchQuery` with its top 20 hits and a highlighted
passage for each, the work our `Corpus.search` does with fragments and spans.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import tantivy
from whoosh import fields, index
from whoosh.analysis import StemmingAnalyzer
from whoosh.qparser import AndGroup, FuzzyTermPlugin, MultifieldParser

from bench.documents import Doc
from bench.queries import BenchQuery

TOP = 20
FRAGMENTS = 3


class Engine(Protocol):
    name: str

    def search(self, query: BenchQuery) -> int:
        """Run `query`, build the top hits' highlighted passages; return hits shown."""

    def close(self) -> None: ...


# --- plain Whoosh -----------------------------------------------------------------


def plain_whoosh_schema() -> fields.Schema:
    """Roughly the fields a plain Whoosh app would index: stemmed title and body."""
    return fields.Schema(
        path=fields.ID(stored=True, unique=True),
        title=fields.TEXT(stored=True, analyzer=StemmingAnalyzer()),
        body=fields.TEXT(stored=True, analyzer=StemmingAnalyzer()),
    )


def build_plain_whoosh(docs: Sequence[Doc], folder: Path, procs: int = 1) -> None:
    """Index `docs` with Whoosh's stock writer; `procs > 1` uses its multi-process writer."""
    folder.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(folder), plain_whoosh_schema())
    options = {"procs": procs, "multisegment": True} if procs > 1 else {}
    writer = ix.writer(**options)
    for doc in docs:
        writer.add_document(path=doc.path, title=doc.title, body=doc.body)
    writer.commit()
    ix.close()


def stored_text_field(schema: fields.Schema, analyzed: str) -> str | None:
    """The stored field holding the article text, if `analyzed` itself is not stored."""
    if schema[analyzed].stored:
        return None
    for name in ("text_display", "display_text", "content", "body_text", "stored_text"):
        if name in schema and schema[name].stored:
            return name
    raise LookupError(f"no stored article text next to {analyzed!r} in {schema.names()}")


class PlainWhoosh:
    """Whoosh as it comes: MultifieldParser (AND), search, `hit.highlights()`.

    Opened on our own index folder, so the only difference from `Corpus.search`
    is our query rewriting, span extraction and fragment building. One searcher
    kept open for all queries, as a long-running app would (opening one copies
    each segment's term file into memory: ~30 ms on the BBC index).
    """

    name = "plain whoosh"

    def __init__(self, index_dir: Path, body: str = "body", title: str = "title") -> None:
        self.ix = index.open_dir(str(index_dir))
        self.searcher = self.ix.searcher()
        self.body = body
        self.text_field = stored_text_field(self.ix.schema, body)
        self.parser = MultifieldParser([title, body], self.ix.schema, group=AndGroup)
        self.parser.add_plugin(FuzzyTermPlugin())

    def search(self, query: BenchQuery) -> int:
        parsed = self.parser.parse(query.whoosh())
        # terms=True lets the highlighter use the matched terms instead of expanding
        # prefix/fuzzy terms again for every hit (seconds per fuzzy query).
        results = self.searcher.search(parsed, limit=TOP, terms=True)
        for hit in results:
            text = hit.get(self.text_field) if self.text_field else None
            hit.highlights(self.body, text=text, top=FRAGMENTS)
        return results.scored_length()

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()


# --- tantivy ----------------------------------------------------------------------


class Tantivy:
    """tantivy with English stemming (plus an unstemmed body, as ours has); snippets
    from its SnippetGenerator."""

    name = "tantivy"

    def __init__(self, docs: Sequence[Doc], folder: Path) -> None:
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("path", stored=True, tokenizer_name="raw")
        builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
        builder.add_text_field("body", stored=True, tokenizer_name="en_stem")
        builder.add_text_field("body_exact", tokenizer_name="default")
        self.schema = builder.build()
        folder.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=str(folder), reuse=False)
        writer = self.index.writer(256_000_000, num_threads=2)
        for doc in docs:
            writer.add_document(
                tantivy.Document(path=doc.path, title=doc.title, body=doc.body, body_exact=doc.body)
            )
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def query(self, query: BenchQuery) -> tantivy.Query:
        """The same question in tantivy terms; prefix and fuzzy on the unstemmed body."""
        w = query.words
        both = ["title", "body"]
        if query.kind in ("prefix", "fuzzy"):
            both = ["title", "body_exact"]
            make = (
                (lambda f: tantivy.Query.regex_query(self.schema, f, f"{w[0]}.*"))
                if query.kind == "prefix"
                else (lambda f: tantivy.Query.fuzzy_term_query(self.schema, f, w[0], distance=1))
            )
            return tantivy.Query.boolean_query([(tantivy.Occur.Should, make(f)) for f in both])
        text = {"term": w[0], "and": f"{w[0]} AND {w[-1]}", "phrase": f'"{" ".join(w)}"'}
        if query.kind == "field":
            return self.index.parse_query(w[0], ["title"])
        return self.index.parse_query(text[query.kind], both)

    def search(self, query: BenchQuery) -> int:
        parsed = self.query(query)
        hits = self.searcher.search(parsed, TOP).hits
        snippets = tantivy.SnippetGenerator.create(self.searcher, parsed, self.schema, "body")
        for _score, address in hits:
            snippet = snippets.snippet_from_doc(self.searcher.doc(address))
            snippet.fragment()
            snippet.highlighted()
        return len(hits)

    def close(self) -> None:
        pass


# --- SQLite FTS5 ------------------------------------------------------------------


class Fts5:
    """SQLite FTS5 (porter stemmer), ranked by bm25, one `snippet()` per hit."""

    name = "sqlite fts5"
    SQL = (
        "SELECT path, title, snippet(docs, 2, char(2), char(3), '…', 24) "
        "FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?"
    )

    def __init__(self, docs: Sequence[Doc], db_path: Path) -> None:
        db_path.unlink(missing_ok=True)
        self.db = sqlite3.connect(str(db_path))
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, title, body, "
            "tokenize='porter unicode61')"
        )
        with self.db:
            self.db.executemany(
                "INSERT INTO docs(path, title, body) VALUES (?, ?, ?)",
                ((d.path, d.title, d.body) for d in docs),
            )

    def search(self, query: BenchQuery) -> int:
        match = query.fts5()
        if match is None:
            return -1
        return len(self.db.execute(self.SQL, (match, TOP)).fetchall())

    def close(self) -> None:
        self.db.close()
