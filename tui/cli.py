"""The `sourcedesk` command: open the reader, index a corpus, search it, list quotations.

Results go to stdout (tables for people, JSON lines for scripts); progress,
summaries and errors go to stderr, so `sourcedesk search --format jsonl ... > out`
captures only results. Article text is always printed literally: Rich `Text`,
never markup, and control characters never reach the terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from index import (
    Corpus,
    IndexDamaged,
    IndexUnavailable,
    QueryError,
    Quote,
    SearchResults,
    Skipped,
    UpdateReport,
    VerdictsUnreadable,
    describe_skipped,
    display_name,
    open_corpus,
    quotes_to_csv,
    quotes_to_json,
    quotes_to_jsonl,
    quotes_to_markdown,
    write_atomically,
)
from index import Progress as IndexProgress
from tui.literal import literal, one_line, passage
from tui.provenance import source_name
from tui.who_spoke import machine_speaker

COMMANDS = ("open", "index", "search", "quotes", "speakers")
HIGHLIGHT = "bold reverse"
EXIT_OK, EXIT_UNAVAILABLE, EXIT_USAGE, EXIT_TERMINATED = 0, 1, 2, 143
SKIPPED_NAMED = 10  # skipped files named one per line on stderr; the rest are counted
PAGE = 1000  # hits fetched per search call when more (or all) are asked for

EXAMPLES = """\
examples:
  sourcedesk                                  open the reader on the bundled articles
  sourcedesk ~/articles                       open the reader on your own folder
  sourcedesk index ~/articles                 build or update the index, with progress
  sourcedesk search --corpus ~/articles 'netflix AND "death threats"'
  sourcedesk search --format jsonl 'hypersexual*' > hits.jsonl
  sourcedesk search --quotes 'speaker:doucoure'
  sourcedesk quotes --speaker netflix --format markdown --output netflix.md
  sourcedesk speakers --sort sources

query syntax (AND is implied between words):
  cuties netflix            both words          cuties OR mignonnes   either word
  sundance NOT mignonnes    exclude a word      "death threats"       exact phrase
  hypersexual*              prefix              netflx~  netflx~2     1 or 2 typos
  title:cuties  body:poster                     search one field of articles
  outlet:variety  author:smith                  articles by outlet or author
  date:2020-09  date:[2020-09-01 TO 2020-09-15] articles by publication date
  speaker:doucoure  kind:tweet  text:apology   search quotations

the index lives in the user cache (one per corpus folder); --index-dir or the
SOURCEDESK_INDEX_DIR environment variable put it elsewhere.
"""


# --- arguments --------------------------------------------------------------------


def default_corpus() -> Path:
    """The bundled seed articles: inside the installed package, else the checkout's seeds/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    return here.parent / "seeds"


def version() -> str:
    try:
        return metadata.version("sourcedesk")
    except metadata.PackageNotFoundError:
        return "unknown"


INDEX_EXAMPLES = """\
examples:
  sourcedesk index ~/articles                 build or update the index, with progress
  sourcedesk index --check ~/articles         verify the index files against their checksums
  sourcedesk index --follow-links ~/articles  also read links leading outside the folder
"""

QUOTES_EXAMPLES = """\
examples:
  sourcedesk quotes --speaker netflix
  sourcedesk quotes --format jsonl ~/articles > quotes.jsonl
  sourcedesk quotes --query 'kind:tweet' --format jsonl > tweets.jsonl
  sourcedesk quotes --speaker netflix --format markdown --output netflix.md
  sourcedesk quotes --format csv --output quotes.csv --include-scare
"""

SPEAKERS_EXAMPLES = """\
examples:
  sourcedesk speakers
  sourcedesk speakers --sort sources --format jsonl > speakers.jsonl
"""

OPEN_EXAMPLES = """\
examples:
  sourcedesk open                             the reader on the bundled articles
  sourcedesk open ~/articles                  the reader on your own folder (same as
                                              sourcedesk ~/articles)
"""

READ_NOTE = """
search, quotes and speakers update the index first, unless another sourcedesk is
indexing the corpus or the index cannot be written: then they read the index as
last committed, and say so on stderr. --no-update always reads it as it is.
"""


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: given before or after the command, the value survives either parser.
    common.add_argument(
        "--index-dir",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep the index in DIR instead of the user cache",
    )
    common.add_argument(
        "--follow-links",
        action="store_true",
        default=argparse.SUPPRESS,
        help="also read symbolic links that lead outside the corpus folder (left out otherwise)",
    )

    def add_folder(sub: argparse.ArgumentParser) -> None:
        """`sourcedesk quotes FOLDER` as well as `--corpus FOLDER` (scripts write either)."""
        sub.add_argument(
            "folder", nargs="?", type=Path, metavar="CORPUS", help="the same as --corpus CORPUS"
        )

    with_corpus = argparse.ArgumentParser(add_help=False)
    with_corpus.add_argument(
        "--corpus", type=Path, metavar="DIR", help="folder of articles (default: bundled seeds)"
    )
    with_corpus.add_argument(
        "--no-update",
        action="store_true",
        help="read the index as it is, without updating it first (for scripts)",
    )
    parser = argparse.ArgumentParser(
        prog="sourcedesk",
        description="A terminal reader for researching a corpus of news articles.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"sourcedesk {version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, purpose: str, examples: str, parents: list) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            parents=parents,
            help=purpose,
            epilog=examples,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    opener = command("open", "open the reader (default)", OPEN_EXAMPLES, [common])
    opener.add_argument("corpus", nargs="?", type=Path, metavar="CORPUS")

    indexer = command("index", "build or update the index", INDEX_EXAMPLES, [common])
    indexer.add_argument("corpus", nargs="?", type=Path, metavar="CORPUS")
    indexer.add_argument(
        "--check",
        action="store_true",
        help="check the index files against the checksums taken when they were written; "
        "report damage (exit 1) instead of updating",
    )

    search = command(
        "search", "search articles (or quotations)", EXAMPLES + READ_NOTE, [common, with_corpus]
    )
    search.add_argument("query", metavar="QUERY", help="a query; see the syntax below")
    search.add_argument(
        "--limit",
        type=limit_value,
        default=20,
        metavar="N",
        help="show at most N results, best first (default 20; 0 or 'all' for every result)",
    )
    search.add_argument(
        "--format",
        choices=("table", "jsonl"),
        default="table",
        help="table: for reading; jsonl: one JSON object per result, for scripts",
    )
    search.add_argument("--quotes", action="store_true", help="search quotations, not articles")

    quotes = command(
        "quotes", "list quotations", QUOTES_EXAMPLES + READ_NOTE, [common, with_corpus]
    )
    add_folder(quotes)
    quotes.add_argument("--speaker", metavar="NAME", help="only quotations by this speaker")
    quotes.add_argument("--query", metavar="Q", help="only quotations matching this query")
    quotes.add_argument(
        "--include-scare",
        action="store_true",
        help="also list scare quotes and titles (“Cuties,”), which quote nobody",
    )
    quotes.add_argument(
        "--format",
        choices=("table", "jsonl", "csv", "markdown", "json"),
        default="table",
        help="table: for reading (Markdown with --output); jsonl or json: for scripts; "
        "csv: for spreadsheets; markdown: citation-ready",
    )
    quotes.add_argument("--output", type=Path, metavar="FILE", help="write to FILE, not stdout")

    speakers = command(
        "speakers",
        "list speakers and how often they are quoted",
        SPEAKERS_EXAMPLES + READ_NOTE,
        [common, with_corpus],
    )
    add_folder(speakers)
    speakers.add_argument(
        "--sort",
        choices=("quotes", "sources"),
        default="quotes",
        help="most quoted first, or quoted by the most sources first",
    )
    speakers.add_argument(
        "--format",
        choices=("table", "jsonl"),
        default="table",
        help="table: for reading; jsonl: one JSON object per speaker, for scripts",
    )
    return parser


def limit_value(text: str) -> int:
    """`--limit`: a positive number, or 0 / `all` for every result (returned as 0)."""
    if text.strip().lower() == "all":
        return 0
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number or 'all': {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (all), 1 or more")
    return value


def with_default_command(argv: Sequence[str]) -> list[str]:
    """`sourcedesk [CORPUS]` means `sourcedesk open [CORPUS]`."""
    args = list(argv)
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in ("-h", "--help", "--version") or arg in COMMANDS:
            return args
        if arg == "--":
            break
        index += 2 if arg == "--index-dir" else 1
        if not arg.startswith("-"):
            break
    return ["open", *args]


# --- progress and summaries (stderr) ------------------------------------------------


PHASES = {
    "scan": "scanning the folder",
    "index": "indexing",
    "segments": "writing index segments",
    "quotes": "linking quotations",
    "commit": "committing",
}


class ProgressView:
    """Index progress on stderr, every phase named: a Rich bar on a terminal, a few
    plain lines otherwise. Between the last file read and the linking of
    quotations the workers still write their segments: that has a line of its own."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.bar: Progress | None = None
        self.task: TaskID | None = None  # set with `bar`: a bar always has its phase's task
        self.phase = ""
        self.last_tenth = -1

    def __call__(self, update: IndexProgress) -> None:
        phase = update.phase
        if phase == "index" and not update.total:
            return  # nothing to read (only removals)
        if phase == "index" and update.total and update.done == update.total:
            self._show(update, "index")
            phase = "segments"
        if phase != self.phase:
            self._enter(phase, update)
        self._show(update, phase)

    def _enter(self, phase: str, update: IndexProgress) -> None:
        self.phase, self.last_tenth = phase, -1
        label = PHASES.get(phase, phase)
        if not self.live:
            if phase == "scan":
                return  # every run scans; a log gets lines only when there is work
            what = {
                "index": f" {update.total:,} files ({update.bytes_total / 1e6:.1f} MB)",
                "quotes": f" ({update.total:,})" if update.total else "",
            }.get(phase, "")
            print(f"{label}{what}", file=self.stream)
            return
        if self.bar is None:
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.fields[detail]}"),
                TaskProgressColumn(),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self.bar.start()
        else:
            self.bar.refresh()  # the last state of the phase that ends, however short it was
            assert self.task is not None  # set with the bar
            self.bar.remove_task(self.task)
        # A task per phase: its total is unknown (a pulsing bar) until the phase reports one.
        self.task = self.bar.add_task(label, total=None, detail="")
        self.bar.refresh()

    def _show(self, update: IndexProgress, phase: str) -> None:
        if phase == "index" and update.total:
            done, total, detail = update.bytes_done, update.bytes_total, "files"
            count = (update.done, update.total)
        elif phase == "quotes" and update.total:
            done, total, detail = update.done, update.total, "quotations"
            count = (update.done, update.total)
        else:
            return
        if self.live and self.bar is not None:
            assert self.task is not None  # set with the bar
            shown = f"{count[0]:,}/{count[1]:,} {detail}"
            self.bar.update(self.task, completed=done, total=total or None, detail=shown)
            return
        tenth = count[0] * 10 // count[1]
        if 0 < tenth < 10 and tenth != self.last_tenth:
            print(f"  {count[0]:,}/{count[1]:,} {detail}", file=self.stream)
        self.last_tenth = tenth

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def summary(report: UpdateReport) -> str:
    """One line on what an update did, or "" when nothing changed."""
    if not (report.added or report.changed or report.removed or report.rebuilt):
        return ""
    why = f" ({report.reason})" if report.rebuilt else ""
    return (
        f"index {'rebuilt' if report.rebuilt else 'updated'}{why}: {report.added:,} added, "
        f"{report.changed:,} changed, {report.removed:,} removed, {report.unchanged:,} unchanged "
        f"in {report.seconds:.1f} s"
    )


def load(args: argparse.Namespace, err: TextIO, *, reader: bool = True) -> Corpus:
    """Open the corpus of `args`, reporting progress and what was skipped on stderr.

    A `reader` (search, quotes, speakers) never waits for or fails on a writer:
    when the index cannot be updated now it reads the last committed one and says
    why; with `--no-update` it reads the index as it is.
    """
    root = args.corpus or default_corpus()
    if getattr(args, "no_update", False):
        return open_corpus(root, args.index_dir, update=False, follow_links=args.follow_links)
    view = ProgressView(err)
    try:
        corpus = open_corpus(
            root,
            args.index_dir,
            progress=view,
            stale_ok=reader,
            follow_links=args.follow_links,
        )
    finally:
        view.close()
    if corpus.stale:
        print(
            f"sourcedesk: not updated ({corpus.stale}); reading the index as last committed",
            file=err,
        )
    report = corpus.last_report
    if report is not None:
        for line in (summary(report), *skipped_lines(report.skipped)):
            if line:
                print(line, file=err)
        for warning in report.warnings:
            print(f"warning: {one_line(warning)}", file=err)
    return corpus


def skipped_lines(
    skipped: list[Skipped] | tuple[Skipped, ...], named: int = SKIPPED_NAMED
) -> list[str]:
    """The summary of what was skipped, then the first `named` files with their reasons."""
    if not skipped:
        return []
    lines = [describe_skipped(skipped)]
    lines += [f"  {one_line(display_name(s.path))}: {one_line(s.reason)}" for s in skipped[:named]]
    if len(skipped) > named:
        lines.append(f"  … and {len(skipped) - named:,} more")
    return lines


# --- results (stdout) ------------------------------------------------------------


def hit_records(results: SearchResults) -> list[dict]:
    """The JSON objects `--format jsonl` prints, one per hit."""
    records = []
    for hit in results.hits:
        record = {
            "source": display_name(hit.path),
            "id": display_name(hit.id),
            "title": hit.title,
            "outlet": hit.outlet,
            "date": hit.date,
            "author": hit.author,
            "url": hit.url,
            "score": round(hit.score, 4),
            "matches": [list(span) for span in hit.matches],
            "fragments": [
                {
                    "text": f.text,
                    "start": f.start,
                    "end": f.end,
                    "highlights": [list(span) for span in f.highlights],
                    "cut_before": f.cut_before,
                    "cut_after": f.cut_after,
                }
                for f in hit.fragments
            ],
        }
        if hit.quote is not None:
            record["quote"] = json.loads(quotes_to_jsonl([hit.quote]))
        records.append(record)
    return records


def print_jsonl(records: Sequence[dict], out: TextIO) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def results_heading(results: SearchResults) -> str:
    """`3 articles match netflix`, `1 quotation matches sorry`."""
    what = "quotation" if results.scope == "quotes" else "article"
    if results.total == 1:
        return f"1 {what} matches {one_line(results.query, 80)}"
    return f"{results.total:,} {what}s match {one_line(results.query, 80)}"


def results_table(results: SearchResults) -> Table:
    table = Table(
        title=Text(results_heading(results)),
        show_lines=True,
        expand=True,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("source", ratio=2)
    table.add_column("matches", justify="right", no_wrap=True)
    table.add_column("best passages", ratio=5)
    for rank, hit in enumerate(results.hits, results.offset + 1):
        source = literal(source_name(hit.outlet, hit.date, one_line(hit.title, 90)), "bold")
        if hit.quote is not None:
            who = machine_speaker(hit.quote)
            source.append(literal(f"\n{one_line(who, 60)} ({hit.quote.kind})"))
        source.append(literal(f"\n{display_name(hit.path)}", "dim"))
        passages = Text("\n\n").join(passage(f, HIGHLIGHT) for f in hit.fragments)
        table.add_row(str(rank), source, str(len(hit.matches)), passages)
    return table


def quotes_table(quotes: Sequence[Quote]) -> Table:
    table = Table(title=f"{len(quotes):,} quotations", show_lines=True, expand=True)
    for name, ratio in (("speaker", 2), ("kind", 1), ("quotation", 6), ("source", 2)):
        table.add_column(name, ratio=ratio)
    for quote in quotes:
        speaker = literal(one_line(quote.corrected_speaker or quote.speaker or "—"), "bold")
        if quote.corrected_speaker:
            proposed = quote.speaker or "unattributed"
            speaker.append(literal(f"\ncorrected (proposed: {one_line(proposed, 60)})", "dim"))
        elif quote.speaker_mention and quote.speaker_mention != quote.speaker:
            speaker.append(literal(f"\n{one_line(quote.speaker_mention, 60)}", "dim"))
        kind = literal(quote.kind)
        if quote.verdict:
            kind.append(literal(f"\n{quote.verdict}", "bold"))
        if quote.note:
            kind.append(literal(f"\n{one_line(quote.note, 80)}", "dim"))
        named = source_name(quote.outlet, quote.published, quote.title)
        source = literal(named + "\n" if named else "")
        source.append(literal(display_name(quote.path), "dim" if named else ""))
        if quote.also_in:
            source.append(literal(f"\nalso in {len(quote.also_in)}", "dim"))
        table.add_row(speaker, kind, literal(one_line(quote.text)), source)
    return table


class UsageProblem(Exception):
    """Bad arguments found after parsing (exit 2); `str()` is the one-line message."""


class OutputFailed(Exception):
    """The results could not be written (a full disk, no permission): exit 1."""


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread so that the same cleanup as for Ctrl-C runs
    (helper processes stopped, their semaphores released: no "leaked semaphore")."""


def output_path(output: Path | None) -> Path | None:
    """`--output` checked before any work: its folder must exist, and it is no folder."""
    if output is None:
        return None
    path = output.expanduser()
    folder = path.parent
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise UsageProblem(f"cannot write {path}: the folder {folder} {what}")
    if path.is_dir():
        raise UsageProblem(f"cannot write {path}: it is a folder; add a file name")
    return path


def write_text(text: str, output: Path | None, out: TextIO, err: TextIO, count: int) -> None:
    """Write to `output` atomically (temporary file, then rename), or to stdout."""
    if output is None:
        out.write(text)
        return
    try:
        write_atomically(output, text)
    except OSError as problem:
        raise OutputFailed(
            f"cannot write {display_name(str(output))}: {problem.strerror or problem}"
        ) from None
    print(f"wrote {count:,} quotations to {display_name(str(output))}", file=err)


# --- commands ---------------------------------------------------------------------


def cmd_open(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.corpus is not None and not args.corpus.expanduser().is_dir():
        what = "is a file, not a folder" if args.corpus.exists() else "no such folder or command"
        raise UsageProblem(f"{display_name(str(args.corpus))}: {what} (see sourcedesk --help)")
    root = args.corpus or default_corpus()
    try:
        from tui.app import run_app
    except ImportError:
        args.corpus = root
        load(args, err, reader=False)
        print(
            f"the reader is not available; try: sourcedesk search --corpus {root} QUERY", file=err
        )
        return EXIT_OK
    run_app(root, args.index_dir, follow_links=args.follow_links)
    return EXIT_OK


def cmd_index(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.check:
        return check_index(args, err)
    corpus = load(args, err, reader=False)
    report = corpus.last_report
    if report is not None and not summary(report):
        print(f"index up to date: {report.unchanged:,} files ({corpus.index_dir})", file=err)
    return EXIT_OK


def check_index(args: argparse.Namespace, err: TextIO) -> int:
    """`index --check`: every index file against its checksum; damage is exit 1."""
    try:
        corpus = open_corpus(
            args.corpus or default_corpus(),
            args.index_dir,
            update=False,
            follow_links=args.follow_links,
        )
    except IndexUnavailable as problem:
        print(f"sourcedesk: {problem}", file=err)
        return EXIT_UNAVAILABLE
    problems = corpus.verify()
    corpus.close()
    if not problems:
        print(f"index whole: no damage found ({corpus.index_dir})", file=err)
        return EXIT_OK
    for line in problems:
        print(f"damaged: {line}", file=err)
    print(
        f"sourcedesk: the index is damaged ({len(problems)} file(s)); "
        "`sourcedesk index` rebuilds it",
        file=err,
    )
    return EXIT_UNAVAILABLE


def search_all(corpus: Corpus, query: str, limit: int, scope: str) -> SearchResults:
    """Up to `limit` hits (0: all of them), fetched a page at a time."""
    first = corpus.search(query, limit=min(limit, PAGE) if limit else PAGE, scope=scope)
    wanted = first.total if limit == 0 else min(limit, first.total)
    hits = list(first.hits)
    while len(hits) < wanted:
        size = min(PAGE, wanted - len(hits))
        page = corpus.search(query, limit=size, offset=len(hits), scope=scope)
        if not page.hits:
            break
        hits.extend(page.hits)
    return dataclasses.replace(first, hits=tuple(hits), limit=len(hits))


def cmd_search(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    corpus = load(args, err)
    scope = "quotes" if args.quotes else "articles"
    results = search_all(corpus, args.query, args.limit, scope)
    if args.format == "jsonl":
        print_jsonl(hit_records(results), out)
    else:
        console = Console(file=out, highlight=False, emoji=False)
        console.print(results_table(results) if results.hits else Text(results_heading(results)))
    if results.note:  # a capped expansion: the user should know the search was narrowed
        print(f"sourcedesk: {one_line(results.note)}", file=err)
    if results.suggestion:  # advice, not a result: never mixed into what a script reads
        print(f"did you mean: {one_line(results.suggestion)}", file=err)
    return EXIT_OK


def cmd_quotes(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    output = output_path(args.output)
    corpus = load(args, err)
    quotes = corpus.quotes(speaker=args.speaker, query=args.query, include_scare=args.include_scare)
    if args.format == "table":
        if output is None:
            Console(file=out, highlight=False, emoji=False).print(quotes_table(quotes))
            return EXIT_OK
        args.format = "markdown"
    titles = {info.id: info.title for info in corpus.articles()}
    render: dict[str, Callable[[Sequence[Quote]], str]] = {
        "jsonl": quotes_to_jsonl,
        "json": quotes_to_json,
        "csv": quotes_to_csv,
        "markdown": lambda qs: quotes_to_markdown(qs, lambda q: titles.get(q.article_id)),
    }
    write_text(render[args.format](quotes), output, out, err, len(quotes))
    return EXIT_OK


def cmd_speakers(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    corpus = load(args, err)
    speakers = corpus.speakers()
    if args.sort == "sources":
        speakers.sort(key=lambda s: (-s.sources, -s.quotes, s.name))
    if args.format == "jsonl":
        print_jsonl(
            [
                {
                    "name": s.name,
                    "quotes": s.quotes,
                    "sources": s.sources,
                    "mentions": list(s.mentions),
                }
                for s in speakers
            ],
            out,
        )
        return EXIT_OK
    table = Table(title=f"{len(speakers):,} speakers", expand=True)
    for name, justify in (
        ("speaker", "left"),
        ("quotes", "right"),
        ("sources", "right"),
        ("mentioned as", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for s in speakers:
        mentions = literal(one_line("; ".join(s.mentions), 120), "dim")
        table.add_row(literal(one_line(s.name), "bold"), str(s.quotes), str(s.sources), mentions)
    Console(file=out, highlight=False, emoji=False).print(table)
    return EXIT_OK


HANDLERS = {
    "open": cmd_open,
    "index": cmd_index,
    "search": cmd_search,
    "quotes": cmd_quotes,
    "speakers": cmd_speakers,
}


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status (0 ok, 1 index unavailable, 2 bad input)."""
    out = out or sys.stdout
    err = err or sys.stderr
    for stream in (out, err):
        if hasattr(stream, "reconfigure"):
            # A file name that is not UTF-8 carries lone surrogates: print them as
            # `\\udcXX` (valid UTF-8, and a valid escape inside JSON), never raw bytes.
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(with_default_command(sys.argv[1:] if argv is None else argv))
    folder = getattr(args, "folder", None)
    if folder is not None:
        if args.corpus is not None:
            parser.error("give the corpus folder once: as CORPUS or as --corpus")
        args.corpus = folder
    args.index_dir = getattr(args, "index_dir", None)
    args.follow_links = getattr(args, "follow_links", False)
    with terminate_as_interrupt():
        return run_command(args, out, err)


def run_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The command's handler, its failures turned into one line on stderr and a status."""
    handler = HANDLERS[args.command]
    try:
        try:
            return handler(args, out, err)
        except IndexDamaged as problem:
            if getattr(args, "no_update", False) or args.command not in READERS:
                raise
            print(f"sourcedesk: {problem}; rebuilding it now", file=err)
            return handler(args, out, err)  # the damage is marked: this update rebuilds
    except (QueryError, UsageProblem) as problem:
        prefix = "bad query: " if isinstance(problem, QueryError) else ""
        print(f"sourcedesk: {prefix}{problem}", file=err)
        return EXIT_USAGE
    except (IndexUnavailable, OutputFailed, VerdictsUnreadable) as problem:
        print(f"sourcedesk: {problem}", file=err)
        return EXIT_UNAVAILABLE
    except Terminated:
        print("sourcedesk: terminated", file=err)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print("sourcedesk: interrupted", file=err)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    except Exception as problem:  # a bug: one line for the user, the traceback on request
        if os.environ.get("SOURCEDESK_DEBUG"):
            raise
        print(
            f"sourcedesk: unexpected error ({type(problem).__name__}: {problem}); "
            "set SOURCEDESK_DEBUG=1 to see where",
            file=err,
        )
        return EXIT_UNAVAILABLE


READERS = ("search", "quotes", "speakers")


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """While a command runs in the main thread, SIGTERM raises `Terminated`."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum: int, _frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
