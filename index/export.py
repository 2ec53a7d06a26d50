"""Quotations out of sourcedesk: JSON lines, JSON, CSV, and citation-ready Markdown.

Every format carries the same fields (`EXPORT_FIELDS`), so a researcher can move
between a spreadsheet, a script and a draft without losing where a quote came from.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence

from index.models import Cluster, Quote

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
)


def quote_record(quote: Quote) -> dict[str, object]:
    """One quotation as a plain dict; `source` is the article's path."""
    return {
        "source": quote.path,
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "kind": quote.kind,
        "speaker": quote.speaker,
        "speaker_mention": quote.speaker_mention,
        "handle": quote.handle,
        "date": quote.date,
        "cluster": quote.cluster,
        "also_in": list(quote.also_in),
        "id": quote.id,
        "article_id": quote.article_id,
    }


def quotes_to_jsonl(quotes: Sequence[Quote]) -> str:
    """One JSON object per line (UTF-8 text kept as is), newline-terminated."""
    return "".join(json.dumps(quote_record(q), ensure_ascii=False) + "\n" for q in quotes)


def quotes_to_json(quotes: Sequence[Quote]) -> str:
    """A JSON array of the same objects as `quotes_to_jsonl`."""
    return json.dumps([quote_record(q) for q in quotes], ensure_ascii=False, indent=2) + "\n"


def quotes_to_csv(quotes: Sequence[Quote]) -> str:
    """CSV with a header row; `also_in` joined with `; `."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for q in quotes:
        row = quote_record(q)
        row["also_in"] = "; ".join(q.also_in)
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def citation(quote: Quote, titles: Callable[[Quote], str | None] | None = None) -> str:
    """`— Speaker (@handle, date), *title or path*`: the line under a quoted passage."""
    who = quote.speaker or quote.speaker_mention or "Unattributed"
    details = ", ".join(x for x in (quote.handle, quote.date) if x)
    source = (titles(quote) if titles else None) or quote.path
    line = f"— {who}" + (f" ({details})" if details else "") + f", *{_md_escape(source)}*"
    if quote.also_in:
        line += "; also in " + ", ".join(f"*{_md_escape(p)}*" for p in quote.also_in)
    return line


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
