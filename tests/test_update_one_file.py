"""One changed file costs that file: only its documents are written again, and every
other document, quotation link, cluster and verdict stays as it was (issue 13).

A real index of a small generated corpus (the seeds plus wire copies of one
statement), one line appended to one file, one `Corpus.update()`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from index import open_corpus
from index.integrity import latest_generation
from index.process_caches import forget_all
from index.state import read_state
from index.verdicts import DATA_DIR_ENV

STATEMENT = (
    '"The harbour will reopen on Monday once the divers have checked every mooring,"'
    " the mayor, Ana Lopes, said on {day}."
)
OTHER = '"We have never seen a storm like this one in forty years of fishing," said {name}.'


def _wire_copies(folder: Path) -> None:
    """Three outlets carrying the mayor's statement, each with a quotation of its own."""
    for n, (day, name) in enumerate(
        [("Friday", "Joana Reis"), ("Saturday", "Rui Costa"), ("Sunday", "Marta Sousa")]
    ):
        text = (
            f"Harbour to reopen after storm, report {n}\n\n"
            f"The storm closed the harbour for a week.\n\n{STATEMENT.format(day=day)}\n\n"
            f"{OTHER.format(name=name)}\n"
        )
        (folder / f"wire-{n}.txt").write_text(text, encoding="utf-8")


def _documents(corpus) -> dict[tuple[str, str], dict]:
    """Every live stored document, by (type, id); vocabulary documents by their words."""
    with corpus.ix.searcher() as searcher:
        return {
            (f["doctype"], f["id"] if "id" in f else " ".join(f["vocabulary"]["body_words"][0])): f
            for f in searcher.documents()
        }


def _segments(corpus) -> dict[str, list[dict]]:
    """Segment id -> the live documents it holds."""
    with corpus.ix.searcher() as searcher:
        found = {}
        for reader, _offset in searcher.reader().leaf_readers():
            live = [reader.stored_fields(n) for n in reader.all_doc_ids()]
            found[reader.segment().segment_id()] = live
        return found


def _links(corpus) -> list[tuple]:
    return [
        (q.id, q.speaker, q.cluster, q.also_in, q.verdict, q.note, q.corrected_speaker)
        for q in corpus.quotes(include_scare=True)
    ]


def test_one_changed_file_rewrites_that_file_only(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir, folder)
    _wire_copies(folder)
    corpus = open_corpus(folder, tmp_path / "index")
    target = "wire-1.txt"
    clusters = [(c.id, [v.quote.id for v in c.versions]) for c in corpus.clusters()]
    assert any(len(ids) == 3 for _cid, ids in clusters), "the wire copies share a statement"
    quotes = corpus.quotes()
    elsewhere = next(q for q in quotes if q.path == "wire-0.txt")
    here = next(q for q in quotes if q.path == target and q.cluster is None)
    corpus.verdicts.mark(elsewhere, "verified", "checked with the port authority")
    corpus.verdicts.correct_speaker(here, "Rui Costa, a fisherman")
    documents, segments, links = _documents(corpus), _segments(corpus), _links(corpus)
    parts = read_state(corpus.index_dir, latest_generation(corpus.index_dir))["parts"]

    with (folder / target).open("a", encoding="utf-8") as out:
        out.write("\nThe coastguard has lifted its warning.\n")
    report = corpus.update()

    assert (report.changed, report.added, report.removed) == (1, 0, 0)
    after = _documents(corpus)
    (vocabulary,) = after.keys() - documents.keys()  # the changed file's words, added
    assert vocabulary[0] == "vocabulary"
    assert "coastguard" in after[vocabulary]["vocabulary"]["body_words"][0]
    assert after.keys() - {vocabulary} == documents.keys()
    untouched = {key for key, fields in documents.items() if fields.get("path") not in (target, "")}
    assert {key: after[key] for key in untouched} == {key: documents[key] for key in untouched}
    assert "coastguard" in after[("article", target)]["text_display"]
    # The segments holding the other documents are the same; one new segment holds
    # the changed file's documents (and the index's version record), nothing else.
    now = _segments(corpus)
    assert segments.keys() <= now.keys()
    (new,) = now.keys() - segments.keys()
    assert {f.get("path") for f in now[new] if f["doctype"] != "vocabulary"} == {target, ""}
    assert {f["doctype"] for f in now[new] if f.get("path") == target} == {
        "article",
        "file",
        "quote",
    }
    # Links, clusters and verdicts as before; the clusters' sidecar part not rewritten.
    assert _links(corpus) == links
    assert [(c.id, [v.quote.id for v in c.versions]) for c in corpus.clusters()] == clusters
    kept = {q.id: q for q in corpus.quotes()}
    assert kept[elsewhere.id].verdict == "verified"
    assert kept[here.id].corrected_speaker == "Rui Costa, a fisherman"
    state = read_state(corpus.index_dir, latest_generation(corpus.index_dir))
    assert state["parts"]["clusters"] == parts["clusters"]
    assert len(state["parts"]["articles"]) == len(parts["articles"]) + 1  # a change appended
    articles = corpus.articles()
    corpus.close()

    forget_all()  # as a new process: the sidecar decoded from its parts
    listed = read_state(corpus.index_dir, latest_generation(corpus.index_dir))["articles"]
    assert sorted(listed, key=repr) == sorted(articles, key=repr)  # each once, as it is now
    reopened = open_corpus(folder, tmp_path / "index", update=False)
    assert reopened.articles() == articles
    assert _links(reopened) == links
    assert not reopened.needs_update()
    reopened.close()


def test_an_update_told_what_changed_stats_only_that(tmp_path: Path, seeds_dir: Path) -> None:
    """The folder watcher names the changed paths; a named folder, or a change it did
    not name, is found by a full scan when the update cannot tell from the names."""
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir, folder)
    corpus = open_corpus(folder, tmp_path / "index")
    first, second = sorted(p.name for p in folder.iterdir())[:2]
    with (folder / first).open("a", encoding="utf-8") as out:
        out.write("\nThe coastguard has lifted its warning.\n")
    (folder / "late.txt").write_text("Late news\n\nThe ferry sails again on Tuesday.\n")
    assert not corpus.needs_update(changed={second})  # a named file that did not change
    assert corpus.needs_update(changed={first})
    report = corpus.update(changed={first, "late.txt", ".hidden.txt"})
    assert (report.changed, report.added, report.removed) == (1, 1, 0)
    assert [h.path for h in corpus.search("coastguard").hits] == [first]
    assert not corpus.needs_update()

    (folder / second).unlink()
    (folder / "desk").mkdir()
    (folder / "desk" / "wire.txt").write_text("Wire\n\nThe harbour reopened on Friday.\n")
    report = corpus.update(changed={"desk"})  # a folder: scanned whole, the removal too
    assert (report.changed, report.added, report.removed) == (0, 1, 1)
    assert [h.path for h in corpus.search("harbour reopened").hits] == ["desk/wire.txt"]
    assert corpus.search("ferry").total == 1
    corpus.close()


def test_every_eighth_update_merges_only_the_update_sized_segments(
    tmp_path: Path, seeds_dir: Path
) -> None:
    """Each one-file update adds a segment; once eight of one size have piled up they
    are merged into one, while a larger segment (here the build's, at 100k the one
    holding the build's vocabulary documents) is not rewritten with them."""
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir, folder)
    corpus = open_corpus(folder, tmp_path / "index")
    (built,) = _segments(corpus)
    target = sorted(p.name for p in folder.iterdir())[0]
    for n in range(9):
        with (folder / target).open("a", encoding="utf-8") as out:
            out.write(f"\nThe coastguard lifted warning number{n}.\n")
        assert corpus.update().changed == 1
        assert built in _segments(corpus)
    assert len(_segments(corpus)) == 2  # the build's, and the eight updates' merged
    assert [h.path for h in corpus.search("number8").hits] == [target]
    assert corpus.search("number7").total == 1
    corpus.close()


def test_plain_updates_find_what_changed_in_every_folder(tmp_path: Path, seeds_dir: Path) -> None:
    """A plain `update()` walks the folder and compares each folder's stats with the
    last walk's: changes in subfolders, new and removed folders, a touched file
    with the same bytes, and a link (judged by the full scan) are all seen."""
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir, folder / "desk")
    (folder / "wire").mkdir()
    (folder / "wire" / "a.txt").write_text("Wire A\n\nThe ferry sails on Monday.\n")
    (folder / "wire" / "b.txt").write_text("Wire B\n\nThe bridge opens on Friday.\n")
    corpus = open_corpus(folder, tmp_path / "index")
    first = sorted(p.name for p in (folder / "desk").iterdir())[0]
    assert corpus.update().unchanged == 7  # nothing changed: nothing read

    with (folder / "desk" / first).open("a", encoding="utf-8") as out:
        out.write("\nThe coastguard has lifted its warning.\n")
    (folder / "late" / "news").mkdir(parents=True)
    (folder / "late" / "news" / "c.txt").write_text("Late\n\nThe tunnel closes on Sunday.\n")
    shutil.rmtree(folder / "wire")
    report = corpus.update()
    assert (report.changed, report.added, report.removed, report.unchanged) == (1, 1, 2, 4)
    assert [h.path for h in corpus.search("coastguard").hits] == [f"desk/{first}"]
    assert [h.path for h in corpus.search("tunnel").hits] == ["late/news/c.txt"]
    assert corpus.search("ferry").total == 0

    os.utime(folder / "late" / "news" / "c.txt")  # the same bytes: hashed, not re-read
    report = corpus.update()
    assert (report.changed, report.added, report.removed, report.unchanged) == (0, 0, 0, 6)
    (folder / "late" / "link.txt").symlink_to(folder / "late" / "news" / "c.txt")
    report = corpus.update()  # a link: the full scan reads it once, by its own name
    assert (report.changed, report.added, report.removed) == (0, 0, 0)
    assert [s.path for s in report.skipped] == ["late/link.txt"]
    (folder / "late" / "link.txt").unlink()
    (folder / "desk" / first).unlink()
    assert corpus.update().removed == 1
    assert corpus.search("coastguard").total == 0
    with (folder / "late" / "news" / "c.txt").open("a", encoding="utf-8") as out:
        out.write("\nThe tunnel reopens on Monday.\n")
    assert corpus.update(changed={"late/news/c.txt"}).changed == 1  # named, as the watcher does
    (folder / "late" / "news" / "c.txt").unlink()
    assert corpus.update().removed == 1  # then a plain one compares with the named one's
    assert corpus.search("tunnel").total == 0
    assert not corpus.needs_update()
    corpus.close()
