"""Quotations out of sourcedesk: JSON lines, JSON, CSV, and citation-ready Markdown.

Every format carries the same fields (`EXPORT_FIELDS`), so a researcher can move
between a spreadsheet, a script and a draft without losing where a quote came from.
File names in them are cleaned as article text is (`display_name`): a name may
carry terminal escapes or bytes that are not UTF-8. CSV cells that a spreadsheet
would run as a formula are neutralised, and files are written by `write_atomically`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence

from index.corpus import display_name
from index.metadata import display_date
from index.models import Cluster, Quote
from index.sources import first_carried

# OWASP "CSV injection": a cell starting with one of these is run as a formula by
# Excel, LibreOffice and Google Sheets; a leading apostrophe makes it plain text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

EXPORT_FIELDS = (
    "source",
    "start",
    "end",
    "text",
    "kind",
    "speaker",
    "speaker_mention",
    "handle",
    "date",
    "cluster",
    "also_in",
    "id",
    "article_id",
    "outlet",
    "published",
    "author",
    "url",
    "title",
    "verdict",
    "note",
    "corrected_speaker",
    "evidence",
)


def quote_record(quote: Quote) -> dict[str, object]:
    """One quotation as a plain dict; `source` is the article's path (cleaned for display).

    `date` is when the words appeared: the quotation's own (a tweet's), else its
    article's; `published` is always the article's. Metadata unknown is null.
    """
    return {
        "source": display_name(quote.path),
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "kind": quote.kind,
        "speaker": quote.speaker,
        "speaker_mention": quote.speaker_mention,
        "handle": quote.handle,
        "date": quote.date or quote.published,
        "cluster": quote.cluster,
        "also_in": [display_name(p) for p in quote.also_in],
        "id": display_name(quote.id),
        "article_id": display_name(quote.article_id),
        "outlet": quote.outlet,
        "published": quote.published,
        "author": quote.author,
        "url": quote.url,
        "title": quote.title,
        "verdict": quote.verdict,
        "note": quote.note,
        "corrected_speaker": quote.corrected_speaker,
        "evidence": [[start, end] for start, end in quote.evidence],
    }


def quotes_to_jsonl(quotes: Sequence[Quote]) -> str:
    """One JSON object per line (UTF-8 text kept as is), newline-terminated."""
    return "".join(json.dumps(quote_record(q), ensure_ascii=False) + "\n" for q in quotes)


def quotes_to_json(quotes: Sequence[Quote]) -> str:
    """A JSON array of the same objects as `quotes_to_jsonl`."""
    return json.dumps([quote_record(q) for q in quotes], ensure_ascii=False, indent=2) + "\n"


def quotes_to_csv(quotes: Sequence[Quote]) -> str:
    """CSV with a header row; `also_in` joined with `; `, evidence spans as `start-end; …`;
    no cell can run as a formula."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for q in quotes:
        row = quote_record(q)
        row["also_in"] = "; ".join(row["also_in"])  # type: ignore[arg-type]
        row["evidence"] = "; ".join(f"{s}-{e}" for s, e in q.evidence)
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return out.getvalue()


def csv_cell(value: object) -> object:
    """A value as a safe CSV cell: text that a spreadsheet would evaluate gets a leading `'`."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def citation(quote: Quote, titles: Callable[[Quote], str | None] | None = None) -> str:
    """`— Speaker (@handle, date), Outlet, *title or path*, URL`: the line under a quoted
    passage, with the parts that are known, and the researcher's verdict (the corrected
    speaker named first, `**disputed**: note`)."""
    machine = quote.speaker or quote.speaker_mention or "Unattributed"
    who = quote.corrected_speaker or machine
    details = ", ".join(x for x in (quote.handle, quote.date or quote.published) if x)
    source = (titles(quote) if titles else None) or quote.title or display_name(quote.path)
    line = f"— {who}" + (f" ({details})" if details else "")
    if quote.outlet:
        line += f", {_md_escape(quote.outlet)}"
    line += f", *{_md_escape(source)}*"
    if quote.url:
        line += f", <{quote.url}>"
    if quote.also_in:
        names = (display_name(p) for p in quote.also_in)
        line += "; also in " + ", ".join(f"*{_md_escape(p)}*" for p in names)
    return line + _verdict_note(quote, machine)


def _verdict_note(quote: Quote, machine: str) -> str:
    """` · **disputed**: note · speaker corrected (proposed: Netflix)`, or ""."""
    parts = []
    if quote.verdict or quote.note:
        mark = f"**{quote.verdict}**" if quote.verdict else "note"
        parts.append(mark + (f": {_md_escape(quote.note)}" if quote.note else ""))
    if quote.corrected_speaker:
        parts.append(f"speaker corrected (proposed: {_md_escape(machine)})")
    return "".join(f" · {part}" for part in parts)


def _md_escape(text: str) -> str:
    return text.replace("*", r"\*").replace("_", r"\_")


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in f"“{text}”".splitlines())


def quotes_to_markdown(
    quotes: Sequence[Quote], titles: Callable[[Quote], str | None] | None = None
) -> str:
    """Citation-ready Markdown: `> “text”` then `— Speaker (@handle, date), *source*`.

    `titles` maps a quote to its article's title; the path is used without it.
    """
    return "\n\n".join(f"{_blockquote(q.text)}\n{citation(q, titles)}" for q in quotes) + (
        "\n" if quotes else ""
    )


def cluster_to_markdown(
    cluster: Cluster, titles: Callable[[Quote], str | None] | None = None
) -> str:
    """One statement across sources: each version, words that differ in **bold**."""
    lines = [f"## Statement carried by {len(cluster.sources)} sources ({cluster.id})", ""]
    first = first_carried(cluster)
    if first is not None and first.outlet:
        when = display_date(first.published or first.date)
        lines += [f"First carried by {_md_escape(first.outlet)}, {when}.", ""]
    for v in cluster.versions:
        text = "".join(
            f"**{p.text.strip()}**" + (" " if p.text.endswith(" ") else "")
            if p.changed and p.text.strip()
            else p.text
            for p in v.parts
        )
        body = text if v.parts else v.quote.text
        lines.append(f"{_blockquote(body)}\n{citation(v.quote, titles)}\n")
    return "\n".join(lines)
