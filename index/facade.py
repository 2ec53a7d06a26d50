"""`Corpus`: the one object callers use to update, search and read a corpus's index."""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .corpus import CorpusMissing, scan, scan_some
from .documents import (
    article_from_stored,
    doc_key,
    info_from_stored,
    quote_from_stored,
    term,
)
from .integrity import (
    IndexDamaged,
    damaged_files,
    describe_decode_error,
    is_damage_shaped,
    is_decode_error,
    latest_generation,
    mark_damaged,
    mark_latest_damaged,
)
from .location import index_dir_for, resolve_user_path
from .locking import DEFAULT_WAIT, IndexBusy, write_lock
from .metadata import EMPTY_MANIFEST, Manifest, manifest_stamp, read_manifest
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
from .planning import Fingerprint, differs_cheaply, found_differs, load_fingerprints
from .reading import SearcherCache, SharedExclusiveLock, reads, writes
from .sources import (
    SourceFields,
    article_with_manifest,
    clusters_with_sources,
    hit_with_source,
    quote_source_fields,
    widen_with_manifest,
    with_manifest,
    with_source_fields,
)
from .state import (
    articles_from_state,
    cluster_from_data,
    clusters_from_state,
    prints_from_state,
    read_state,
    write_state,
)
from .verdicts import VerdictStore, regroup, relink, with_verdicts

if TYPE_CHECKING:
    from whoosh.index import FileIndex
    from whoosh.searching import Searcher

    from .updater import ProgressFn

# Whoosh itself, searching (numpy, rapidfuzz, the query parser), updating (quotation
# extraction, Whoosh's writer, multiprocessing) and clustering are imported when first
# used: importing `index` is on the path to the app's first screen, which needs none.

# Index files up to this size are verified before every update (see `_check_small_files`).
SMALL_FILE_BYTES = 4 << 20


class Corpus:
    """A corpus folder and its index; made by `open_corpus`.

    Safe to call from several threads: reads run side by side, each on its own
    searcher; `update` and `close` wait for them and run alone. Callers hold no lock.
    """

    def __init__(self, root: Path, index_dir: Path, *, follow_links: bool = False) -> None:
        self.root = root
        self.index_dir = index_dir
        self.follow_links = follow_links
        self._ix: FileIndex | None = None
        self._reading: SearcherCache | None = None
        self._prints: dict[str, Fingerprint] | None = None
        self._cached_state: tuple[int, dict | None] | None = None
        self._cached_groups: tuple[tuple[int, int], list[Cluster]] | None = None
        self._manifest: tuple[object, Manifest] = (None, EMPTY_MANIFEST)
        self._infos: tuple[object, dict[str, ArticleInfo]] | None = None
        self._quote_fields: tuple[dict, dict[str, SourceFields]] | None = None
        # The researcher's verdicts (user data folder; $SOURCEDESK_DATA_DIR in tests).
        self.verdicts = VerdictStore(root)
        self.last_report: UpdateReport | None = None
        # Why the index in use was not brought up to date (another process was
        # indexing, the index folder cannot be written), or "" when it was or no
        # update was asked for.
        self.stale = ""
        self._lock = SharedExclusiveLock()

    # --- updating -----------------------------------------------------------------

    @writes
    def update(
        self,
        progress: ProgressFn | None = None,
        *,
        lock_wait: float = DEFAULT_WAIT,
        changed: Collection[str] | None = None,
    ) -> UpdateReport:
        """Bring the index up to date with the folder (incremental; rebuilds if unusable).

        `changed`: relative POSIX paths that are all that can have changed since the
        last update, when the caller knows (the folder watcher): only they are
        stat'ed, not every file (1 s at 100k). A folder, a link or an unreadable
        path among them, or no full scan yet in this process, scans the folder whole.

        Raises `IndexUnavailable`: `CorpusMissing` when the folder is gone (the index
        keeps what it had), `IndexBusy` when another process keeps the lock past
        `lock_wait`, or the reason the index folder could not be written (partial
        files of the failed write are removed).
        """
        from .leftovers import remove_partial_files

        self._check_small_files()
        try:
            ix, report, self._prints = self._update_once(progress, lock_wait, changed)
        except IndexBusy:
            raise
        except IndexUnavailable:
            remove_partial_files(self.index_dir)
            raise
        except Exception as err:  # garbage read while planning or relinking: rebuild once
            if not self._is_damage(err):
                raise
            remove_partial_files(self.index_dir)
            mark_latest_damaged(self.index_dir, describe_decode_error(err))
            ix, report, self._prints = self._update_once(progress, lock_wait, None)
        self._use(ix)
        manifest = self.manifest()
        warnings = manifest.warnings
        if manifest.entries:
            paths = {info.path for info in self._sources().values()}
            warnings += manifest.unknown_paths(paths)
        if warnings:
            report = replace(report, warnings=report.warnings + warnings)
        self.last_report, self.stale = report, ""
        if self._state() is None:
            self._rewrite_state()
        return report

    def _check_small_files(self) -> None:
        """Verify the small index files before an update may merge them.

        An update merges small segments into a new one, which gets fresh checksums:
        garbage in them would be laundered. They are few megabytes, so checking them
        costs milliseconds; large segments are left to `verify`. Damage found is
        marked, so this update rebuilds.
        """
        generation = latest_generation(self.index_dir)
        if generation is None:
            return
        if self._ix is not None and self._ix.latest_generation() == generation:
            state = self._state()  # read once per generation
        else:
            state = read_state(self.index_dir, generation)
        if state is None:
            return
        sizes = state["files"]
        small = {
            name: sum_
            for name, sum_ in state["sums"].items()
            if sizes.get(name, SMALL_FILE_BYTES + 1) <= SMALL_FILE_BYTES
        }
        problems = damaged_files(self.index_dir, small)
        if problems:
            mark_damaged(self.index_dir, generation, "; ".join(problems)[:300])

    def _update_once(
        self, progress: ProgressFn | None, lock_wait: float, changed: Collection[str] | None
    ) -> tuple[FileIndex, UpdateReport, dict[str, Fingerprint]]:
        from .refresh import update_index

        return update_index(
            self.root,
            self.index_dir,
            progress,
            lock_wait=lock_wait,
            follow_links=self.follow_links,
            changed=changed,
        )

    @reads
    def needs_update(self, changed: Collection[str] | None = None) -> bool:
        """Whether files were added, removed or touched since the last update (stat only;
        of only the `changed` paths when the caller knows them, as in `update`)."""
        if self._ix is None:
            return True
        if self._prints is None:  # opened without an update: the sidecar's, else the index's
            self._prints = prints_from_state(self._state())
        if self._prints is None:
            with self._searcher() as searcher:
                self._prints = load_fingerprints(searcher)
        found = scan_some(self.root, changed) if changed is not None else None
        if found is not None:
            return found_differs(found, self._prints)
        from .collector import collector_paused

        with collector_paused():
            entries, _skipped = scan(self.root, follow_links=self.follow_links)
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

    def _is_damage(self, err: BaseException) -> bool:
        """Whether `err` is garbage read from the index: a decode error, or an error that
        garbage can raise too (a garbled pickle's `ValueError`) while the latest
        generation's files fail their recorded checksums (read only on this error path)."""
        if is_decode_error(err):
            return True
        generation = latest_generation(self.index_dir)
        if not is_damage_shaped(err) or generation is None:
            return False
        state = read_state(self.index_dir, generation)
        return bool(state and state["sums"] and damaged_files(self.index_dir, state["sums"]))

    @contextlib.contextmanager
    def _searcher(self) -> Iterator[Searcher]:
        """A searcher of its own for this caller (see `reading`).

        Garbage read from an index file (a decode error, also when a search wrapped
        it in a `QueryError`) marks the generation damaged and raises `IndexDamaged`.
        """
        if self._reading is None:
            raise IndexUnavailable(f"the index of {self.root} is not open; call update() first")
        try:
            with self._reading.searcher() as searcher:
                yield searcher
        except Exception as err:
            if not self._is_damage(err):
                raise
            reason = describe_decode_error(err)
            generation = self.ix.latest_generation()
            mark_damaged(self.index_dir, generation, reason)
            raise IndexDamaged(
                f"the index is damaged ({reason}); it is rebuilt on the next update"
            ) from err

    @reads
    def verify(self) -> list[str]:
        """Check every index file against the checksums recorded at commit: one line per
        damaged file, [] when whole. Damage is marked, so the next update rebuilds.

        Reads the whole index (about a second per few hundred megabytes): the reader
        calls it in the background after opening, `sourcedesk index --check` in front.
        Without recorded checksums (an index from an older sourcedesk) every stored
        document and posting is read instead.
        """
        generation = self.ix.latest_generation()
        state = read_state(self.index_dir, generation)
        if state is not None and state["sums"]:
            problems = damaged_files(self.index_dir, state["sums"])
        else:
            problems = self._read_everything()
        if problems:
            mark_damaged(self.index_dir, generation, "; ".join(problems)[:300])
        return problems

    def _read_everything(self) -> list[str]:
        """Decode every stored document and posting list; the first failure, if any."""
        try:
            with self._searcher() as searcher:
                reader = searcher.reader()
                for _fields in reader.all_stored_fields():
                    pass
                for fieldname, text in reader.all_terms():
                    reader.postings(fieldname, text).all_ids()
        except IndexDamaged as err:
            return [str(err)]
        return []

    def _rewrite_state(self) -> None:
        """Rebuild a missing or invalid sidecar from the index, if the lock is free now.

        The same article list and clusters `articles()` and `clusters()` compute
        without a sidecar, read here directly (this runs inside `update`).
        """
        with contextlib.suppress(IndexUnavailable, OSError), write_lock(self.index_dir, wait=0):
            generation = self.ix.latest_generation()  # on disk, so the searcher's too
            with self._searcher() as searcher:
                infos = [info_from_stored(f) for f in searcher.documents(doctype="article")]
                stored = [
                    quote_from_stored(f["quote"]) for f in searcher.documents(doctype="quote")
                ]
            quotes = sorted(
                (q for q in stored if q.kind != "scare"),
                key=lambda q: (q.path, q.article_id, q.start),
            )
            infos.sort(key=lambda info: info.id)
            from .quotes import cluster_quotes

            write_state(
                self.index_dir,
                generation,
                clusters=cluster_quotes(quotes),
                articles=infos,
                prints=self._prints,
            )
            self._cached_state = None

    # --- reading ------------------------------------------------------------------

    def manifest(self) -> Manifest:
        """The corpus's `sources.csv`, read again whenever the file changes."""
        stamp = manifest_stamp(self.root)
        if stamp != self._manifest[0]:
            self._manifest = (stamp, read_manifest(self.root) if stamp else EMPTY_MANIFEST)
        return self._manifest[1]

    @reads
    def articles(self) -> list[ArticleInfo]:
        """Every article, sorted by id, with its metadata (`sources.csv` applied)."""
        return list(self._sources().values())

    def _sources(self) -> dict[str, ArticleInfo]:
        """Article id -> list entry, once per generation and manifest version."""
        key = (self.ix.latest_generation(), self._manifest_key())
        if self._infos is None or self._infos[0] != key:
            infos = articles_from_state(self._state())
            if infos is None:
                with self._searcher() as searcher:
                    infos = [info_from_stored(f) for f in searcher.documents(doctype="article")]
            infos = with_manifest(sorted(infos, key=lambda info: info.id), self.manifest())
            self._infos = (key, {info.id: info for info in infos})
        return self._infos[1]

    def _quote_sources(self) -> dict[str, SourceFields]:
        """Article id -> the `Quote` fields of its source, once per `_sources` version."""
        infos = self._sources()
        if self._quote_fields is None or self._quote_fields[0] is not infos:
            self._quote_fields = (infos, {k: quote_source_fields(i) for k, i in infos.items()})
        return self._quote_fields[1]

    def _manifest_key(self) -> object:
        self.manifest()
        return self._manifest[0]

    @reads
    def article(self, article_id: str) -> Article:
        """The article with this id, from the stored text; KeyError when absent."""
        with self._searcher() as searcher:
            fields = searcher.document(key=doc_key("article", article_id))
        if fields is None:
            raise KeyError(article_id)
        return article_with_manifest(article_from_stored(fields), self.manifest())

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
        from .search import search_index

        manifest = self.manifest()
        with self._searcher() as searcher:
            widen = None
            if manifest.entries:
                widen = widen_with_manifest(manifest, searcher.schema["outlet"].analyzer)
            results = search_index(
                searcher, query, limit, offset, scope=scope, fragments=fragments, widen=widen
            )
        infos = self._sources()
        return replace(results, hits=tuple(hit_with_source(h, infos) for h in results.hits))

    @reads
    def suggest(self, query: str) -> str | None:
        """The whole query with unknown words corrected from the corpus, or None."""
        from .suggest import suggest_query

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
        The researcher's verdicts are filled in, and splits and joins relink them.
        """
        found = self._quotes_with_verdicts(article_id, query, include_scare)
        if self.verdicts.grouped():  # splits and joins: `cluster` and `also_in` as regrouped
            found = relink(found, self._regrouped(), self.verdicts)
        if speaker:
            found = [q for q in found if speaker_matches(speaker, q)]
        return found

    def _quotes_with_verdicts(
        self, article_id: str | None, query: str | None, include_scare: bool
    ) -> list[Quote]:
        """Quotations in text order with the verdicts filled in (the machine's clusters)."""
        if query:  # the hits' quotations carry their sources already
            hits = self.search(query, limit=10_000, scope="quotes", fragments=0).hits
            found = [hit.quote for hit in hits if hit.quote is not None]
        else:
            sources = self._quote_sources()
            with self._searcher() as searcher:
                terms = {"doctype": "quote"}
                if article_id is not None:
                    terms["article_id"] = term(article_id)
                found = [
                    quote_from_stored(with_source_fields(f["quote"], sources))
                    for f in searcher.documents(**terms)
                ]
        if article_id is not None:
            found = [q for q in found if q.article_id == article_id]
        if not include_scare:
            found = [q for q in found if q.kind != "scare"]
        found = self.verdicts.apply(found)
        return sorted(found, key=lambda q: (q.path, q.article_id, q.start))

    @reads
    def clusters(self) -> list[Cluster]:
        """Statements carried by two or more sources, with the researcher's splits and
        joins applied; each cluster's versions earliest first (by date, undated last,
        then corpus order), see `sources.first_carried`."""
        return self._finished(self._regrouped())

    def _finished(self, clusters: list[Cluster]) -> list[Cluster]:
        """Clusters as callers see them: each version with its verdict and its source."""
        if self.verdicts.current():
            clusters = [with_verdicts(c, self.verdicts) for c in clusters]
        return clusters_with_sources(clusters, self._sources())

    def _regrouped(self) -> list[Cluster]:
        """The machine's clusters with the researcher's splits and joins: all that
        `relink` needs (the sources' metadata costs more than the grouping). Kept
        until the index or the verdicts change: every article opened asks for it."""
        self.verdicts.current()  # read first: a changed file bumps the revision
        key = (self.ix.latest_generation(), self.verdicts.revision)
        if self._cached_groups is None or self._cached_groups[0] != key:
            self._cached_groups = (key, self._regroup())
        return self._cached_groups[1]

    def _regroup(self) -> list[Cluster]:
        state = self._state()
        stored = clusters_from_state(self.index_dir, state) if state is not None else None
        if stored is not None:
            found = [cluster_from_data(c) for c in stored]
        else:
            from .quotes import cluster_quotes

            found = cluster_quotes(self._quotes_with_verdicts(None, None, False))
        if self.verdicts.grouped():
            found = regroup(found, self._grouped_quotes(), self.verdicts)
        return found

    def _grouped_quotes(self) -> list[Quote]:
        """The quotations of the articles holding a split or joined one: all `regroup`
        needs (reading every quotation of a large corpus takes seconds)."""
        articles = {v.article_id for v in self.verdicts.current().values() if v.group}
        return [q for a in sorted(articles) for q in self._quotes_with_verdicts(a, None, False)]

    def _state(self) -> dict | None:
        """The sidecar of the current generation, read once per generation."""
        generation = self.ix.latest_generation()
        if self._cached_state is None or self._cached_state[0] != generation:
            self._cached_state = (generation, read_state(self.index_dir, generation))
        return self._cached_state[1]

    @reads
    def cluster(self, cluster_id: str) -> Cluster:
        """One cluster by id; KeyError when absent (only that one gets its sources)."""
        for cluster in self._regrouped():
            if cluster.id == cluster_id:
                return self._finished([cluster])[0]
        raise KeyError(cluster_id)

    @reads
    def speakers(self) -> list[Speaker]:
        """Canonical speakers, most quoted first; a researcher's correction counts as said
        by the corrected speaker."""
        from .quotes import summarize_speakers

        quotes = [
            replace(q, speaker=q.corrected_speaker) if q.corrected_speaker else q
            for q in self.quotes()
        ]
        return summarize_speakers(quotes)

    @writes
    def close(self) -> None:
        """Close the searcher (and its open files); the Corpus must be updated to be used again."""
        if self._reading is not None:
            self._reading.close()
        self._ix = self._reading = None


def speaker_matches(wanted: str, quote: Quote) -> bool:
    """Whether every folded word of `wanted` is in the quote's speaker or mention; a
    researcher's correction replaces them (as `speakers()` counts it)."""
    from .analysis import fold_word

    words = [fold_word(w) for w in wanted.split()]
    names = (
        (quote.corrected_speaker,)
        if quote.corrected_speaker
        else (quote.speaker, quote.speaker_mention, quote.handle)
    )
    have = {fold_word(w) for name in names if name for w in name.replace("@", " ").split()}
    return bool(words) and all(w in have for w in words)


def open_corpus(
    root: Path | str,
    index_dir: Path | str | None = None,
    *,
    update: bool = True,
    progress: ProgressFn | None = None,
    stale_ok: bool = False,
    follow_links: bool = False,
) -> Corpus:
    """The corpus at `root` with its index, updated unless `update=False`.

    `stale_ok` is for readers, which must never wait for or fail on a writer: when
    another process is indexing, or the index folder cannot be written (a read-only
    mount, a full disk), the last committed index is opened at once and
    `Corpus.stale` says why it was not updated. Without an index to fall back on,
    the update is waited for as usual. Symbolic links leading outside `root` are
    left out (and reported as skipped) unless `follow_links`.

    Raises `IndexUnavailable` when the folder is missing or the index is locked
    by another process past the wait.
    """
    folder = resolve_user_path(root)
    if not folder.is_dir():
        raise IndexUnavailable(f"no such folder: {folder}")
    folder = folder.resolve()
    corpus = Corpus(folder, index_dir_for(folder, index_dir), follow_links=follow_links)
    if not update:
        corpus._use(_open_existing(corpus.index_dir, folder))
    elif not stale_ok:
        corpus.update(progress)
    else:
        _update_or_read_last(corpus, progress)
    return corpus


def _update_or_read_last(corpus: Corpus, progress: ProgressFn | None) -> None:
    """Update without waiting; when that cannot be done now, read the last committed index."""
    try:
        corpus.update(progress, lock_wait=0)
        return
    except (IndexDamaged, CorpusMissing):
        raise
    except IndexUnavailable as problem:
        try:
            corpus._use(_open_existing(corpus.index_dir, corpus.root))
        except IndexUnavailable:
            if not isinstance(problem, IndexBusy):
                raise problem from None
            corpus.update(progress)  # nothing committed yet: wait for the first build
            return
        corpus.stale = str(problem)


def _open_existing(index_dir: Path, root: Path) -> FileIndex:
    from .store import open_checked

    ix, reason = open_checked(index_dir, root)
    if ix is None:
        raise IndexUnavailable(f"the index cannot be used without an update: {reason}")
    return ix


__all__ = ["Corpus", "open_corpus"]
