"""A quotation as a researcher pastes it: the words, who said them, where and when."""

from __future__ import annotations

from index import Quote, display_date

from .literal import one_line
from .who_spoke import shown_speaker


def citation(quote: Quote, title: str | None = None) -> str:
    """`“words” — Speaker (@handle), Outlet, 10 Sep 2020, “Title”, URL` with the parts
    that are known; the file name stands in for the URL when there is none, so the
    reference still leads somewhere.

    `title` overrides the article title the quote carries. Everything in it is
    cleaned, the file name too (`display_name`): the citation is pasted into
    terminals and documents and sent to the clipboard by OSC 52.
    """
    from index import display_name  # not needed for the first screen

    who = shown_speaker(quote)
    if quote.handle and quote.handle.lstrip("@").lower() not in who.lower():
        who = f"{who} (@{quote.handle.lstrip('@')})"
    parts = [f"“{one_line(quote.text)}” — {one_line(who)}"]
    if quote.outlet:
        parts.append(one_line(quote.outlet))
    when = display_date(quote.date or quote.published)
    if when:
        parts.append(one_line(when))
    title = title or quote.title
    if title:
        parts.append(f"“{one_line(title)}”")
    parts.append(one_line(quote.url) if quote.url else display_name(quote.path))
    return ", ".join(parts)
