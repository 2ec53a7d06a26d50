"""The researcher's own decisions about quotations: kept apart from the corpus and index.

The machine proposes a speaker and a grouping; the researcher corrects a speaker,
marks a quotation verified or disputed with a note, or splits and joins groups of
"the same statement". Those decisions live in one JSON file per corpus in the
user's data folder (never in the corpus folder, which may be read-only or shared),
written atomically, and are keyed by what survives re-indexing: the article's id
(its corpus path) and a hash of the quotation's words, not the index's own ids.
A verdict whose quotation vanished from the corpus is kept and listed as orphaned.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TypedDict, Unpack

from platformdirs import user_data_dir

from .atomic_write import write_atomically
from .corpus import display_text
from .models import Cluster, Quote, Version

DATA_DIR_ENV = "SOURCEDESK_DATA_DIR"
VERDICTS = ("verified", "disputed")
_FORMAT = 1
NOTE_MAX_CHARS = 500


class VerdictsUnreadable(ValueError):
    """The verdicts file exists but cannot be read; it is left as it is, never overwritten."""


def quote_key(quote: Quote) -> str:
    """`article id` + a hash of the words (NFC, case-folded, spaces collapsed): stable
    across re-indexing and edits elsewhere in the corpus (or in the same article
    outside the quotation). Deliberately not the search analyzer's folding, which
    may change between versions: a changed key would orphan a researcher's work."""
    words = " ".join(unicodedata.normalize("NFC", quote.text).casefold().split())
    digest = hashlib.sha256(words.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{quote.article_id}#{digest}"


@dataclass(frozen=True, slots=True)
class Verdict:
    """One quotation's decisions; `text` and `article_id` say which, even once it is gone.

    `group` is a researcher's grouping: quotations sharing a group are the same
    statement; a group of one is a quotation split off its machine cluster.
    """

    key: str
    article_id: str
    text: str
    verdict: str | None = None
    note: str | None = None
    corrected_speaker: str | None = None
    group: str | None = None
    updated: str = ""

    @property
    def empty(self) -> bool:
        return not (self.verdict or self.note or self.corrected_speaker or self.group)


def data_dir(override: Path | str | None = None) -> Path:
    """Where verdicts are kept: `override`, else $SOURCEDESK_DATA_DIR, else the user data dir."""
    if override is not None:
        return Path(override)
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env) if env else Path(user_data_dir("sourcedesk", appauthor=False))


def verdicts_path(corpus_root: Path, override: Path | str | None = None) -> Path:
    """The verdicts file of one corpus folder (named by a hash of its resolved path)."""
    name = hashlib.sha256(os.fsencode(Path(corpus_root).resolve())).hexdigest()[:16]
    return data_dir(override) / "verdicts" / f"{name}.json"


def _one_line(text: str | None) -> str:
    """Typed text as one clean line: it is shown in terminals and exported."""
    return " ".join(display_text(text or "").split())


class _Changes(TypedDict, total=False):
    """The `Verdict` fields a researcher's action may set."""

    verdict: str | None
    note: str | None
    corrected_speaker: str | None
    group: str | None


class VerdictStore:
    """The verdicts of one corpus. Every change re-reads the file first and writes it
    whole atomically, so a reader app and a command line never lose each other's work."""

    def __init__(
        self, corpus_root: Path, data_folder: Path | str | None = None, *, tolerant: bool = False
    ) -> None:
        """`tolerant`: while the file cannot be read, reading the corpus goes on without
        the verdicts (`problem` says why) instead of failing; changes are refused either
        way. The reader is tolerant (it must still show articles); the command line is not."""
        self.corpus_root = Path(corpus_root)
        self.tolerant = tolerant
        self.problem: str | None = None
        self.revision = 0  # counts the changes read or made: what was derived from them is stale
        self.path = verdicts_path(self.corpus_root, data_folder)
        self._stamp: tuple[int, int] | None = None
        self._items: dict[str, Verdict] = {}

    # --- reading ----------------------------------------------------------------

    def all(self) -> dict[str, Verdict]:
        """Every verdict by key, read again when the file changed."""
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            if self._items:
                self.revision += 1
            self._stamp, self._items = None, {}
            return {}
        stamp = (info.st_mtime_ns, info.st_size)
        if stamp != self._stamp:
            self._items = _load(self.path)
            self._stamp = stamp
            self.revision += 1
        return self._items

    def current(self) -> dict[str, Verdict]:
        """`all()`; when `tolerant`, none while the file cannot be read (`problem` says why)."""
        try:
            items = self.all()
        except VerdictsUnreadable as error:
            if not self.tolerant:
                raise
            self.problem = str(error)
            return {}
        self.problem = None
        return items

    def grouped(self) -> bool:
        """Whether the researcher split or joined any quotation."""
        return any(v.group for v in self.current().values())

    def get(self, quote: Quote) -> Verdict | None:
        return self.all().get(quote_key(quote))

    def apply(self, quotes: Iterable[Quote]) -> list[Quote]:
        """The quotations with their verdict, note and corrected speaker filled in."""
        items = self.current()
        out = []
        for quote in quotes:
            found = items.get(quote_key(quote)) if items else None
            if found is None:
                out.append(quote)
            else:
                out.append(
                    replace(
                        quote,
                        verdict=found.verdict,
                        note=found.note,
                        corrected_speaker=found.corrected_speaker,
                    )
                )
        return out

    def orphans(self, quotes: Iterable[Quote]) -> list[Verdict]:
        """Verdicts whose quotation is no longer in the corpus (kept, never dropped)."""
        present = {quote_key(q) for q in quotes}
        return [v for k, v in sorted(self.all().items()) if k not in present]

    # --- deciding ---------------------------------------------------------------

    def correct_speaker(self, quote: Quote, speaker: str | None) -> Verdict:
        """Record who really said it (None or "" takes the correction back)."""
        name = _one_line(speaker) or None
        return self._change(quote, corrected_speaker=name)

    def mark(self, quote: Quote, verdict: str | None, note: str | None = None) -> Verdict:
        """Mark the quotation verified or disputed (None clears it), with a short note."""
        if verdict is not None and verdict not in VERDICTS:
            raise ValueError(f"a verdict is one of {', '.join(VERDICTS)}, not {verdict!r}")
        text = _one_line(note)[:NOTE_MAX_CHARS] or None
        return self._change(quote, verdict=verdict, note=text)

    def split(self, quote: Quote) -> Verdict:
        """Take the quotation out of its "same statement" group: a group of its own."""
        return self._change(quote, group=f"own:{quote_key(quote)}")

    def join(self, quote: Quote, other: Quote) -> Verdict:
        """Put `other` in the same group as `quote` (the researcher's grouping wins)."""
        found = self.get(quote)
        group = found.group if found is not None and found.group else quote.cluster
        group = group or f"own:{quote_key(quote)}"
        self._change(quote, group=group)
        return self._change(other, group=group)

    def _change(self, quote: Quote, **values: Unpack[_Changes]) -> Verdict:
        items = dict(self.all())
        key = quote_key(quote)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        old = items.get(key) or Verdict(key, quote.article_id, quote.text)
        new = replace(old, **values, updated=now)
        if new.empty:
            items.pop(key, None)
        else:
            items[key] = new
        self._save(items)
        return new

    def _save(self, items: dict[str, Verdict]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "format": _FORMAT,
            "corpus": os.fsdecode(self.corpus_root),
            "verdicts": [asdict(v) for _, v in sorted(items.items())],
        }
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        self._items, self._stamp = items, None
        self.revision += 1


def _load(path: Path) -> dict[str, Verdict]:
    """The verdicts in a file; raises `VerdictsUnreadable` (one line) when unreadable,
    since silently starting empty would overwrite a researcher's work on the next save."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = data["verdicts"]
        items = {row["key"]: Verdict(**row) for row in rows}
    except (OSError, ValueError, KeyError, TypeError) as err:
        reason = " ".join(str(err).split())[:200]
        raise VerdictsUnreadable(f"the verdicts file {path} cannot be read ({reason})") from err
    return items


def regroup(clusters: list[Cluster], quotes: list[Quote], store: VerdictStore) -> list[Cluster]:
    """The machine's clusters with the researcher's splits and joins applied.

    A quotation with a group leaves any other cluster; the quotations sharing a
    group form one cluster (the machine's of that id, grown, or a new one); a
    group of one (`split`) is in no cluster. Clusters left with one version go.
    """
    groups = {key: v.group for key, v in store.current().items() if v.group}
    if not groups:
        return clusters
    by_key = {quote_key(q): q for q in quotes}
    out: dict[str, list[Version]] = {}
    for cluster in clusters:
        kept = [
            v for v in cluster.versions if groups.get(quote_key(v.quote), cluster.id) == cluster.id
        ]
        out[cluster.id] = kept
    for key, group in sorted(groups.items()):
        quote = by_key.get(key)
        if quote is None:  # an orphan: listed by `orphans`, grouped with nothing
            continue
        members = out.setdefault(group, [])
        if all(quote_key(v.quote) != key for v in members):
            members.append(Version(quote=quote))
    return [Cluster(cid, tuple(versions)) for cid, versions in out.items() if len(versions) > 1]


def relink(quotes: list[Quote], clusters: list[Cluster], store: VerdictStore) -> list[Quote]:
    """The quotations' `cluster` and `also_in` as the researcher regrouped them
    (`clusters` from `regroup`): a quotation split off is in no cluster, one joined
    names its new group and the sources that carry it, so the reader follows them."""
    grouped = {key for key, v in store.current().items() if v.group}
    links: dict[str, tuple[str, tuple[str, ...]]] = {}
    for cluster in clusters:
        sources = list(dict.fromkeys(v.quote.article_id for v in cluster.versions))
        for version in cluster.versions:
            others = tuple(s for s in sources if s != version.quote.article_id)
            links[quote_key(version.quote)] = (cluster.id, others)
    alive = {cluster.id for cluster in clusters}
    out = []
    for quote in quotes:
        key = quote_key(quote)
        if key in links:
            cid, others = links[key]
            quote = replace(quote, cluster=cid, also_in=others)
        elif quote.cluster and (key in grouped or quote.cluster not in alive):
            quote = replace(quote, cluster=None, also_in=())
        out.append(quote)
    return out


def with_verdicts(cluster: Cluster, store: VerdictStore) -> Cluster:
    """The cluster with each version's verdict, note and corrected speaker filled in."""
    quotes = store.apply(v.quote for v in cluster.versions)
    versions = tuple(replace(v, quote=q) for v, q in zip(cluster.versions, quotes, strict=True))
    return replace(cluster, versions=versions)
