"""Where and when a statement was published, as the screens name it (no Textual here).

`source_name` names a source and `source_heading` one version (`Variety · 10 Sep 2020 · Title`);
`first_carried_line` says which source carried a statement first. The version
cards, the versions heading and the timeline all use these, so they agree.
"""

from __future__ import annotations

from index import Cluster, Quote, display_date

from .literal import one_line


def first_carried_quote(cluster: Cluster) -> Quote | None:
    """The earliest version whose article is dated (a tweet's own date says when it
    was said, not who carried it first), or None."""
    from index import first_carried  # not needed for the first screen

    first = first_carried(cluster)
    return first if first is not None and first.published else None


def first_carried_line(cluster: Cluster) -> str | None:
    """ "first carried by Variety, 10 Sep 2020", or None when no article is dated."""
    first = first_carried_quote(cluster)
    if first is None:
        return None
    name = first.outlet or first.title or first.path
    return f"first carried by {one_line(name, 60)}, {display_date(first.published)}"


def source_name(
    outlet: str | None, date: str | None, title: str | None, limit: int | None = None
) -> str:
    """`Variety · 10 Sep 2020 · Title`: how a source is named everywhere (lists, cards,
    the matrix, the command line), with the parts known, each cut at `limit`."""
    parts = (outlet, display_date(date), title)
    return " · ".join(one_line(part, limit) for part in parts if part)


def source_heading(quote: Quote, title: str | None = None) -> str:
    """A quotation's source by `source_name` (the title falls back to the path)."""
    return source_name(quote.outlet, quote.published, title or quote.title or quote.path, 120)
