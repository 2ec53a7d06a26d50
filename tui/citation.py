"""A quotation as a researcher pastes it: the words, who said them, where."""

from __future__ import annotations

from index import Quote, display_name

from .literal import one_line


def citation(quote: Quote, title: str | None = None) -> str:
    """`“words” — Speaker (@handle), “Title”, path, date` with the parts that are known.

    Everything in it is cleaned, the file name too (`display_name`): the citation is
    pasted into terminals and documents and sent to the clipboard by OSC 52.
    """
    who = quote.speaker or quote.speaker_mention or "unattributed"
    if quote.handle and quote.handle.lstrip("@").lower() not in who.lower():
        who = f"{who} (@{quote.handle.lstrip('@')})"
    parts = [f"“{one_line(quote.text)}” — {one_line(who)}"]
    if title:
        parts.append(f"“{one_line(title)}”")
    parts.append(display_name(quote.path))
    if quote.date:
        parts.append(one_line(quote.date))
    return ", ".join(parts)
