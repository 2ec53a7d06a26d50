"""Who a quotation is by, as every view shows it.

The extractor keeps the words an article uses for a speaker (`speaker_mention`)
even when it finds no one behind them: an unresolved `They`, `he` or `Number`.
Shown bare, those words read as a speaker the tool vouches for; marked, the user
sees both what the article wrote and that no one was identified.
"""

from __future__ import annotations

from index import Quote

UNATTRIBUTED = "unattributed"


def machine_speaker(quote: Quote) -> str:
    """Who the extractor says spoke: the speaker it found, else the article's own words
    marked as unidentified, else "unattributed"."""
    if quote.speaker:
        return quote.speaker
    if quote.speaker_mention:
        return f"{quote.speaker_mention} (unidentified)"
    return UNATTRIBUTED


def shown_speaker(quote: Quote) -> str:
    """Who a view names: the researcher's correction first, then the machine's."""
    return quote.corrected_speaker or machine_speaker(quote)
