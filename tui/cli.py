"""The `sourcedesk` command: open the reader, index a corpus, search it, list quotations.

Results go to stdout (tables for people, JSON lines for scripts); progress,
summaries and errors go to stderr, so `sourcedesk search --format jsonl ... > out`
captures only results. Article text is always printed literally: Rich `Text`,
never markup, and control characters never reach the terminal.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table
from rich.text import Text

from index import (
    Corpus,
    IndexUnavailable,
    QueryError,
    Quote,
    SearchResults,
    UpdateReport,
    describe_skipped,
    open_corpus,
    quotes_to_csv,
    quotes_to_json,
    quotes_to_jsonl,
    quotes_to_markdown,
)
from index import Progress as IndexProgress
from tui.literal import literal, one_line, with_spans

COMMANDS = ("open", "index", "search", "quotes", "speakers")
HIGHLIGHT = "bold reverse"
EXIT_OK, EXIT_UNAVAILABLE, EXIT_USAGE = 0, 1, 2

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
    with_corpus = argparse.ArgumentParser(add_help=False)
    with_corpus.add_argument(
        "--corpus", type=Path, metavar="DIR", help="folder of articles (default: bundled seeds)"
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

    opener = commands.add_parser("open", parents=[common], help="open the reader (default)")
    opener.add_argument("corpus", nargs="?", type=Path, metavar="CORPUS")

    indexer = commands.add_parser("index", parents=[common], help="build or update the index")
    indexer.add_argument("corpus", nargs="?", type=Path, metavar="CORPUS")

    search = commands.add_parser(
        "search",
        parents=[common, with_corpus],
        help="search articles (or quotations)",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    search.add_argument("query", metavar="QUERY", help="a query; see the syntax below")
    search.add_argument("--limit", type=positive_int, default=20, metavar="N")
    search.add_argument("--format", choices=("table", "jsonl"), default="table")
    search.add_argument("--quotes", action="store_true", help="search quotations, not articles")

    quotes = commands.add_parser("quotes", parents=[common, with_corpus], help="list quotations")
    quotes.add_argument("--speaker", metavar="NAME", help="only quotations by this speaker")
    quotes.add_argument("--query", metavar="Q", help="only quotations matching this query")
    quotes.add_argument(
        "--include-scare",
        action="store_true",
        help="also list scare quotes and titles (“Cuties,”), which quote nobody",
    )
    quotes.add_argument(
        "--format", choices=("table", "jsonl", "csv", "markdown", "json"), default="table"
    )
    quotes.add_argument("--output", type=Path, metavar="FILE", help="write to FILE, not stdout")

    speakers = commands.add_parser(
        "speakers",
        parents=[common, with_corpus],
        help="list speakers and how often they are quoted",
    )
    speakers.add_argument("--sort", choices=("quotes", "sources"), default="quotes")
    speakers.add_argument("--format", choices=("table", "jsonl"), default="table")
    return parser


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
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


class ProgressView:
    """Index progress on stderr: a Rich bar on a terminal, a few plain lines otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.bar: Progress | None = None
        self.task = None
        self.last_tenth = -1

    def __call__(self, update: IndexProgress) -> None:
        if update.phase == "index" and update.total:
            self._index(update)
        elif update.phase in ("quotes", "commit") and update.done == 0:
            self._finish_bar()
            if not self.live and update.phase == "quotes" and update.total:
                print(f"linking {update.total:,} quotations", file=self.stream)

    def _index(self, update: IndexProgress) -> None:
        if self.live:
            if self.bar is None:
                self.bar = Progress(
                    TextColumn("indexing"),
                    BarColumn(),
                    TextColumn("{task.fields[files]} files"),
                    DownloadColumn(),
                    TransferSpeedColumn(),
                    TaskProgressColumn(),
                    TimeRemainingColumn(),
                    console=Console(file=self.stream),
                    transient=True,
                )
                self.bar.start()
                self.task = self.bar.add_task("index", total=update.bytes_total, files="")
            files = f"{update.done:,}/{update.total:,}"
            self.bar.update(self.task, completed=update.bytes_done, files=files)
            return
        tenth = update.done * 10 // update.total
        if update.done == 0:
            megabytes = update.bytes_total / 1e6
            print(f"indexing {update.total:,} files ({megabytes:.1f} MB)", file=self.stream)
        elif tenth != self.last_tenth and tenth < 10:
            print(f"  {update.done:,}/{update.total:,} files", file=self.stream)
        self.last_tenth = tenth

    def _finish_bar(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def close(self) -> None:
        self._finish_bar()


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


def load(corpus_dir: Path | None, index_dir: Path | None, err: TextIO) -> Corpus:
    """Open and update the corpus, reporting progress and what was skipped on stderr."""
    view = ProgressView(err)
    try:
        corpus = open_corpus(corpus_dir or default_corpus(), index_dir, progress=view)
    finally:
        view.close()
    report = corpus.last_report
    if report is not None:
        for line in (summary(report), describe_skipped(report.skipped)):
            if line:
                print(line, file=err)
    return corpus


# --- results (stdout) ------------------------------------------------------------


def hit_records(results: SearchResults) -> list[dict]:
    """The JSON objects `--format jsonl` prints, one per hit."""
    records = []
    for hit in results.hits:
        record = {
            "source": hit.path,
            "id": hit.id,
            "title": hit.title,
            "score": round(hit.score, 4),
            "matches": [list(span) for span in hit.matches],
            "fragments": [
                {
                    "text": f.text,
                    "start": f.start,
                    "end": f.end,
                    "highlights": [list(span) for span in f.highlights],
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
        source = literal(one_line(hit.title, 90), "bold")
        if hit.quote is not None:
            who = hit.quote.speaker or hit.quote.speaker_mention or "unattributed"
            source.append(literal(f"\n{one_line(who, 60)} ({hit.quote.kind})"))
        source.append(literal(f"\n{one_line(hit.path)}", "dim"))
        passages = Text("\n…\n").join(
            with_spans(one_line(f.text), f.highlights, HIGHLIGHT) for f in hit.fragments
        )
        table.add_row(str(rank), source, str(len(hit.matches)), passages)
    return table


def quotes_table(quotes: Sequence[Quote]) -> Table:
    table = Table(title=f"{len(quotes):,} quotations", show_lines=True, expand=True)
    for name, ratio in (("speaker", 2), ("kind", 1), ("quotation", 6), ("source", 2)):
        table.add_column(name, ratio=ratio)
    for quote in quotes:
        speaker = literal(one_line(quote.speaker or "—"), "bold")
        if quote.speaker_mention and quote.speaker_mention != quote.speaker:
            speaker.append(literal(f"\n{one_line(quote.speaker_mention, 60)}", "dim"))
        source = literal(one_line(quote.path))
        if quote.also_in:
            source.append(literal(f"\nalso in {len(quote.also_in)}", "dim"))
        table.add_row(speaker, quote.kind, literal(one_line(quote.text)), source)
    return table


def write_text(text: str, output: Path | None, out: TextIO, err: TextIO, count: int) -> None:
    """Write to `output` atomically (temporary file, then rename), or to stdout."""
    if output is None:
        out.write(text)
        return
    output = output.expanduser()
    handle, temporary = tempfile.mkstemp(dir=output.parent or ".", prefix=f".{output.name}.")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as target:
        target.write(text)
    os.replace(temporary, output)
    print(f"wrote {count:,} quotations to {output}", file=err)


# --- commands ---------------------------------------------------------------------


def cmd_open(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    root = args.corpus or default_corpus()
    try:
        from tui.app import run_app
    except ImportError:
        load(root, args.index_dir, err)
        print(
            f"the reader is not available; try: sourcedesk search --corpus {root} QUERY", file=err
        )
        return EXIT_OK
    return run_app(root, args.index_dir) or EXIT_OK


def cmd_index(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    corpus = load(args.corpus, args.index_dir, err)
    report = corpus.last_report
    if report is not None and not summary(report):
        print(f"index up to date: {report.unchanged:,} files ({corpus.index_dir})", file=err)
    return EXIT_OK


def cmd_search(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    corpus = load(args.corpus, args.index_dir, err)
    scope = "quotes" if args.quotes else "articles"
    results = corpus.search(args.query, limit=args.limit, scope=scope)
    if args.format == "jsonl":
        print_jsonl(hit_records(results), out)
        if results.suggestion:
            print(f"did you mean: {results.suggestion}", file=err)
        return EXIT_OK
    console = Console(file=out, highlight=False, emoji=False)
    console.print(results_table(results) if results.hits else Text(results_heading(results)))
    if results.suggestion:
        console.print(Text("did you mean: ") + literal(results.suggestion, "bold"))
    return EXIT_OK


def cmd_quotes(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    corpus = load(args.corpus, args.index_dir, err)
    quotes = corpus.quotes(speaker=args.speaker, query=args.query, include_scare=args.include_scare)
    if args.format == "table":
        if args.output is None:
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
    write_text(render[args.format](quotes), args.output, out, err, len(quotes))
    return EXIT_OK


def cmd_speakers(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    corpus = load(args.corpus, args.index_dir, err)
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
            # `\udcXX` (valid UTF-8, and a valid escape inside JSON), never raw bytes.
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(with_default_command(sys.argv[1:] if argv is None else argv))
    args.index_dir = getattr(args, "index_dir", None)
    try:
        return HANDLERS[args.command](args, out, err)
    except QueryError as problem:
        print(f"sourcedesk: bad query: {problem}", file=err)
        return EXIT_USAGE
    except IndexUnavailable as problem:
        print(f"sourcedesk: {problem}", file=err)
        return EXIT_UNAVAILABLE
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


if __name__ == "__main__":
    sys.exit(main())
