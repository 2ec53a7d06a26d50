"""The researcher's verdicts, from the reader: correct a speaker, mark verified or
disputed with a note, clear, split a quotation off its group or join it to another.

A mixin of the reader screen (the keys are its bindings, see command_table). Each
action asks in a dialog (verdict_dialogs), saves through the corpus's
`VerdictStore` in a thread worker (it rewrites a file; the quotations are then
read again), and tells the reader as a message: `VerdictSaved` with the open
article's quotations as they now are, or `VerdictFailed` with one line saying
why (an unreadable verdicts file is left untouched, so nothing is lost).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.screen import Screen

from index import Cluster, Quote

from ..literal import one_line

if TYPE_CHECKING:  # the dialogs are imported when first asked for: a faster first screen
    from index import Corpus, VerdictStore

    from .verdict_dialogs import JoinDialog, VerdictDialog

Change = Callable[["VerdictStore"], object]


class VerdictSaved(Message):
    """A verdict was saved; `article_quotes` are the open article's quotations read
    again (None when no article is open), so every pane can show it."""

    def __init__(self, done: str, article_id: str | None, article_quotes: Sequence[Quote]) -> None:
        super().__init__()
        self.done = done
        self.article_id = article_id
        self.article_quotes = tuple(article_quotes)


class VerdictAsked(Message):
    """Run a verdict action (`correct_speaker`, `mark_verified`, …) on `quote`, chosen
    elsewhere than the Quotes pane (a statement's versions)."""

    def __init__(self, action: str, quote: Quote) -> None:
        super().__init__()
        self.action = action
        self.quote = quote


VERDICT_ACTIONS = frozenset(
    (
        "correct_speaker",
        "mark_verified",
        "mark_disputed",
        "clear_verdict",
        "split_quote",
        "join_quote",
    )
)


class VerdictFailed(Message):
    """A verdict could not be saved (or the verdicts file cannot be read): why, one line."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class VerdictFlow(Screen[None]):
    """The verdict actions; the screen provides the corpus and the selected quotation."""

    corpus: Corpus | None
    _asked: Quote | None = None  # the quotation of a `VerdictAsked`, while it runs

    def _selected_quote(self) -> Quote | None:
        """The quotation the verdict is about (the reader's selection)."""
        raise NotImplementedError

    def _open_article_id(self) -> str | None:
        """The open article, whose quotations are read again after a change."""
        raise NotImplementedError

    def on_verdict_asked(self, message: VerdictAsked) -> None:
        message.stop()
        if message.action not in VERDICT_ACTIONS:
            return
        self._asked = message.quote
        try:
            getattr(self, f"action_{message.action}")()
        finally:
            self._asked = None

    def _verdict_target(self) -> Quote | None:
        quote = self._asked or self._selected_quote()
        if quote is None or self.corpus is None:
            self.notify("Select a quotation first (Quotes pane).")
            return None
        return quote

    # -- the actions (keys in command_table) -------------------------------------------

    def action_correct_speaker(self) -> None:
        """Who really said it: a dialog prefilled with the speaker, completing known names."""
        if (quote := self._verdict_target()) is None:
            return

        def save(name: str | None) -> None:
            if name is not None:
                done = f"Speaker corrected to {one_line(name, 40)}" if name.strip() else ""
                self._save(
                    lambda store: store.correct_speaker(quote, name),
                    done or "Speaker correction taken back",
                )

        from .verdict_dialogs import speaker_dialog

        dialog = speaker_dialog(quote)
        self.app.push_screen(dialog, save)
        self._offer_speakers(dialog)

    @work(thread=True, exclusive=True, group="verdict-ask", exit_on_error=False)
    def _offer_speakers(self, dialog: VerdictDialog) -> None:
        assert self.corpus is not None
        names = [speaker.name for speaker in self.corpus.speakers()]
        self.app.call_from_thread(dialog.offer, names)

    def action_mark_verified(self) -> None:
        self._ask_verdict("verified")

    def action_mark_disputed(self) -> None:
        self._ask_verdict("disputed")

    def _ask_verdict(self, verdict: str) -> None:
        """Verified or disputed, with a short note typed in a dialog."""
        if (quote := self._verdict_target()) is None:
            return

        def save(note: str | None) -> None:
            if note is not None:
                self._save(
                    lambda store: store.mark(quote, verdict, note),
                    f"Marked {verdict}: “{one_line(quote.text, 40)}”",
                )

        from .verdict_dialogs import note_dialog

        self.app.push_screen(note_dialog(quote, verdict), save)

    def action_clear_verdict(self) -> None:
        """Take back a verified/disputed mark and its note."""
        if (quote := self._verdict_target()) is None:
            return
        if not quote.verdict and not quote.note:
            self.notify("This quotation has no verdict to clear.")
            return
        self._save(lambda store: store.mark(quote, None), "Verdict cleared")

    def action_split_quote(self) -> None:
        """Take the quotation out of its “same statement” group."""
        if (quote := self._verdict_target()) is None:
            return
        if not quote.cluster:
            self.notify("This quotation is in no “same statement” group (J joins it to one).")
            return
        self._save(lambda store: store.split(quote), "Split off: now a statement of its own")

    def action_join_quote(self) -> None:
        """Put the quotation in another “same statement” group, picked from a list."""
        if (quote := self._verdict_target()) is None:
            return

        def save(cluster: Cluster | None) -> None:
            if cluster is not None:
                self._save(
                    lambda store: store.join(cluster.versions[0].quote, quote),
                    f"Joined: now one of {len(cluster.sources) + 1} sources' versions",
                )

        from .verdict_dialogs import JoinDialog

        dialog = JoinDialog(quote)
        self.app.push_screen(dialog, save)
        self._offer_statements(dialog, quote)

    @work(thread=True, exclusive=True, group="verdict-ask", exit_on_error=False)
    def _offer_statements(self, dialog: JoinDialog, quote: Quote) -> None:
        assert self.corpus is not None
        others = [c for c in self.corpus.clusters() if c.id != quote.cluster]
        self.app.call_from_thread(dialog.show_statements, others)

    # -- saving ----------------------------------------------------------------------

    def _save(self, change: Change, done: str) -> None:
        self._save_in_background(change, done, self._open_article_id())

    @work(thread=True, group="verdict-save", exit_on_error=False)
    def _save_in_background(self, change: Change, done: str, article_id: str | None) -> None:
        """Save (the store re-reads the file and writes it whole), then read the
        open article's quotations again so the panes show the change."""
        from index import VerdictsUnreadable

        assert self.corpus is not None
        try:
            change(self.corpus.verdicts)
            quotes = self.corpus.quotes(article_id=article_id) if article_id else []
        except VerdictsUnreadable as error:
            self.post_message(VerdictFailed(f"Verdict not saved: {error}"))
            return
        except OSError as error:
            reason = error.strerror or str(error)
            where = self.corpus.verdicts.path
            self.post_message(VerdictFailed(f"Verdict not saved: cannot write {where}: {reason}"))
            return
        self.post_message(VerdictSaved(done, article_id, quotes))
