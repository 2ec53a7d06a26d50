"""`Corpus`: the one object callers use to update, search and read a corpus's index."""

from __future__ import annotations

from pathlib import Path

from whoosh.index import FileIndex

from .analysis import fold_word
from .corpus import scan
from .documents import (
    article_from_stored,
    doc_key,
    info_from_stored,
    quote_from_stored,
    term,
)
from .location import index_dir_for
from .models import (
    Article,
    ArticleInfo,
    Cluster,
    IndexUnavailable,
    Quote,
    SearchResults,
    Speaker,
    UpdateReport,
)
from .planning import Fingerprint, differs_cheaply, load_fingerprints
from .quotes import cluster_quotes, summarize_speakers
from .reading import SearcherCache, SharedExclusiveLock, reads, writes
from .refresh import update_index
from .search import search_index
from .state import articles_from_state, cluster_from_data, read_state
from .store import open_checked
from .suggest import suggest_query
from .updater import ProgressFn


class Corpus:
    """A corpus folder and its index; made by `open_corpus`.

    Safe to call from several threads: reads run side by side, each on its own
    searcher; `update` and `close` wait for them and run alone. Callers hold no lock.
    """

    def __init__(self, root: Path, index_dir: Path) -> None:
        self.root = root
        self.index_dir = index_dir
        self._ix: FileIndex | None = None
        self._reading: SearcherCache | None = None
        self._prints: dict[str, Fingerprint] | None = None
        self._cached_state: tuple[int, dict | None] | None = None
        self.last_report: UpdateReport | None = None
        self._lock = SharedExclusiveLock()

    # --- updating -----------------------------------------------------------------

    @writes
    def update(self, progress: ProgressFn | None = None) -> UpdateReport:
        """Bring the index up to date with the folder (incremental; rebuilds if unusable)."""
        ix, report, self._prints = update_index(self.root, self.index_dir, progress)
        self._use(ix)
        self.last_report = report
        return report

    @reads
    def needs_update(self) -> bool:
        """Whether files were added, removed or touched since the last update (stat only)."""
        if self._ix is None:
            return True
        if self._prints is None:  # opened without an update: read the stored fingerprints
            with self._searcher() as searcher:
                self._prints = load_fingerprints(searcher)
        entries, _skipped = scan(self.root)
        return differs_cheaply(entries, self._prints)

    def _use(self, ix: FileIndex) -> None:
        if self._reading is not None:
            self._reading.close()
        self._ix, self._reading, self._cached_state = ix, SearcherCache(ix), None

    @property
    def ix(self) -> FileIndex:
        if self._ix is None:
            raise IndexUnavailable(f"the index of {self.root} is not open; call update() first")
        return self._ix

    def _searcher(self):
        """A searcher of its own for this caller (see `reading`)."""
        if self._reading is None:
            raise IndexUnavailable(f"the index of {self.root} is not open; call update() first")
        return self._reading.searcher()

    # --- reading ------------------------------------------------------------------

    @reads
    def articles(self) -> list[ArticleInfo]:
        """Every article, sorted by id (from the generation's sidecar when there is one)."""
        infos = articles_from_state(self._state())
        if infos is None:
            with self._searcher() as searcher:
                infos = [info_from_stored(f) for f in searcher.documents(doctype="article")]
        return sorted(infos, key=lambda info: info.id)

    @reads
    def article(self, article_id: str) -> Article:
        """The article with this id, from the stored text; KeyError when absent."""
        with self._searcher() as searcher:
            fields = searcher.document(key=doc_key("article", article_id))
        if fields is None:
            raise KeyError(article_id)
        return article_from_stored(fields)

    @reads
    def search(
        self,
        query: str,
        limit: int = 20,
        offset: int = 0,
        *,
        scope: str = "articles",
        fragments: int = 3,
    ) -> SearchResults:
        """One page of hits; a malformed query raises `QueryError`."""
        with self._searcher() as searcher:
            return search_index(searcher, query, limit, offset, scope=scope, fragments=fragments)

    @reads
    def suggest(self, query: str) -> str | None:
        """The whole query with unknown words corrected from the corpus, or None."""
        with self._searcher() as searcher:
            return suggest_query(searcher.reader(), query)

    @reads
    def quotes(
        self,
        *,
        article_id: str | None = None,
        speaker: str | None = None,
        query: str | None = None,
        include_scare: bool = False,
    ) -> list[Quote]:
        """Quotations in text order, narrowed by article, speaker (folded) and/or a query.

        Scare quotes and titles (`“Cuties,”`) quote nobody: left out unless asked for.
        """
        if query:
            hits = self.search(query, limit=10_000, scope="quotes", fragments=0).hits
            found = [hit.quote for hit in hits if hit.quote is not None]
        else:
            with self._searcher() as searcher:
                terms = {"doctype": "quote"}
                if article_id is not None:
                    terms["article_id"] = term(article_id)
                found = [quote_from_stored(f["quote"]) for f in searcher.documents(**terms)]
        if article_id is not None:
            found = [q for q in found if q.article_id == article_id]
        if not include_scare:
            found = [q for q in found if q.kind != "scare"]
        if speaker:
            found = [q for q in found if speaker_matches(speaker, q)]
        return sorted(found, key=lambda q: (q.path, q.article_id, q.start))

    @reads
    def clusters(self) -> list[Cluster]:
        """Statements carried by two or more sources."""
        state = self._state()
        if state is not None:
            return [cluster_from_data(c) for c in state.get("clusters") or ()]
        return cluster_quotes(self.quotes())

    def _state(self) -> dict | None:
        """The sidecar of the current generation, read once per generation."""
        generation = self.ix.latest_generation()
        if self._cached_state is None or self._cached_state[0] != generation:
            self._cached_state = (generation, read_state(self.index_dir, generation))
        return self._cached_state[1]

    @reads
    def cluster(self, cluster_id: str) -> Cluster:
        """One cluster by id; KeyError when absent."""
        for cluster in self.clusters():
            if cluster.id == cluster_id:
                return cluster
        raise KeyError(cluster_id)

    @reads
    def speakers(self) -> list[Speaker]:
        """Canonical speakers, most quoted first."""
        return summarize_speakers(self.quotes())

    @writes
    def close(self) -> None:
        """Close the searcher (and its open files); the Corpus must be updated to be used again."""
        if self._reading is not None:
            self._reading.close()
        self._ix = self._reading = None


def speaker_matches(wanted: str, quote: Quote) -> bool:
    """Whether every folded word of `wanted` is in the quote's speaker or mention."""
    words = [fold_word(w) for w in wanted.split()]
    have = {
        fold_word(w)
        for name in (quote.speaker, quote.speaker_mention, quote.handle)
        if name
        for w in name.replace("@", " ").split()
    }
    return bool(words) and all(w in have for w in words)


def open_corpus(
    root: Path | str,
    index_dir: Path | str | None = None,
    *,
    update: bool = True,
    progress: ProgressFn | None = None,
) -> Corpus:
    """The corpus at `root` with its index, updated unless `update=False`.

    Raises `IndexUnavailable` when the folder is missing or the index is locked
    by another process past the wait.
    """
    folder = Path(root).expanduser()
    if not folder.is_dir():
        raise IndexUnavailable(f"no such folder: {folder}")
    folder = folder.resolve()
    corpus = Corpus(folder, index_dir_for(folder, index_dir))
    if update:
        corpus.update(progress)
    else:
        corpus._use(_open_existing(corpus.index_dir, folder))
    return corpus


def _open_existing(index_dir: Path, root: Path) -> FileIndex:
    ix, reason = open_checked(index_dir, root)
    if ix is None:
        raise IndexUnavailable(f"the index cannot be used without an update: {reason}")
    return ix


__all__ = ["Corpus", "open_corpus"]
