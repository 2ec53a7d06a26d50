"""Whole after damage: garbled index bytes, bad sidecars, a vanished folder, `cp -p`.

Garbage of the same size as what it replaces changes no file size, so only the
checksums recorded at commit can tell; reading it either decodes wrongly in
silence or raises deep inside Whoosh. Each case is made on disk, then checked
through the API and the command line as a user meets it.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
from pathlib import Path

import pytest

from index import CorpusMissing, IndexDamaged, IndexUnavailable, open_corpus
from index.process_caches import forget_all
from index.state import read_state
from tui.cli import main

from .helpers import SEEDS, file_digests, run_sourcedesk, write_file

FRACTIONS = (0.1, 0.3, 0.7, 0.9)
QUERIES = ("netflix", "cuties", "sorry apology", '"death threats"', "poster*")


@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of the seeds and its index, built once; tests garble copies of it."""
    root = tmp_path_factory.mktemp("seeds") / "seeds"
    shutil.copytree(SEEDS, root)
    index_dir = tmp_path_factory.mktemp("seeds-index")
    open_corpus(root, index_dir).close()
    return root, index_dir


def copy_index(seeds_index: tuple[Path, Path], tmp_path: Path) -> Path:
    target = tmp_path / "ix"
    shutil.copytree(seeds_index[1], target)
    return target


def garble(index_dir: Path, fraction: float, seed: int = 1) -> Path:
    """Overwrite 64 bytes at `fraction` of the largest segment: same size, same mtime."""
    segment = max(index_dir.glob("*.seg"), key=lambda p: p.stat().st_size)
    before = segment.stat()
    with open(segment, "r+b") as handle:
        handle.seek(int(before.st_size * fraction))
        handle.write(random.Random(seed).randbytes(64))
    os.utime(segment, ns=(before.st_atime_ns, before.st_mtime_ns))
    return segment


def command_line(*argv: str) -> tuple[int, str]:
    """The command line run in this process (a fresh process's caches: none decoded),
    its status and stderr: the damage cases below run many commands, and a child
    process each cost a second of imports; the real command runs in
    `test_an_undamaged_index_checks_whole` and `test_damage_checks_never_write_to_the_corpus`."""
    forget_all()
    err = io.StringIO()
    status = main(list(argv), io.StringIO(), err)
    return status, err.getvalue()


def read_everything(corpus) -> None:
    for query in QUERIES:
        for hit in corpus.search(query).hits:
            corpus.article(hit.id)
    corpus.quotes()
    corpus.clusters()
    corpus.speakers()
    for info in corpus.articles():
        corpus.article(info.id)


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_index_check_reports_same_size_garbling(seeds_index, tmp_path, fraction):
    root, _ = seeds_index
    index_dir = copy_index(seeds_index, tmp_path)
    segment = garble(index_dir, fraction)
    where = [str(root), "--index-dir", str(index_dir)]
    status, stderr = command_line("index", "--check", *where)
    assert status == 1, stderr
    assert f"damaged: {segment.name} does not match its checksum" in stderr
    # The damage is marked: the next search rebuilds before answering.
    status, stderr = command_line(
        "search", "--corpus", str(root), "--index-dir", str(index_dir), "x"
    )
    assert status == 0 and "index rebuilt (the index is damaged" in stderr, stderr
    assert command_line("index", "--check", *where)[0] == 0


def test_an_undamaged_index_checks_whole(seeds_index):
    root, index_dir = seeds_index
    done = run_sourcedesk(["index", "--check", str(root), "--index-dir", str(index_dir)])
    assert done.returncode == 0, done.stderr
    assert b"index whole" in done.stderr


def test_garbling_anywhere_is_damage_and_never_an_unexpected_error(seeds_index, tmp_path):
    """Garble every 4 % of the segment: each read succeeds or says the index is damaged;
    `verify` finds every one; a reported decode error is rebuilt by the next update."""
    root, _ = seeds_index
    decode_errors = 0
    for percent in range(0, 100, 4):
        index_dir = tmp_path / f"ix{percent}"
        shutil.copytree(seeds_index[1], index_dir)
        garble(index_dir, percent / 100)
        try:
            corpus = open_corpus(root, index_dir, update=False)
        except IndexUnavailable as problem:
            assert "damaged" in str(problem)
            continue
        try:
            read_everything(corpus)
        except IndexDamaged:
            decode_errors += 1
            corpus.close()
            report = open_corpus(root, index_dir).last_report
            assert report.rebuilt and "damaged" in report.reason
            continue
        assert corpus.verify(), f"garbling at {percent} % went unnoticed"
        corpus.close()
    assert decode_errors, "no garbling hit compressed data: move the offsets"


def pickle_headers(segment: Path) -> list[int]:
    """Where a pickle may start in `segment`: a PROTO opcode and protocols 2 to 5."""
    return [found.start() for found in re.finditer(rb"\x80[\x02-\x05]", segment.read_bytes())]


@pytest.mark.parametrize(
    "third", [0, pytest.param(1, marks=pytest.mark.slow), pytest.param(2, marks=pytest.mark.slow)]
)
def test_a_pickle_garbled_to_an_unknown_protocol_is_damage(seeds_index, tmp_path, third):
    """A stored pickle's protocol byte garbled (`unsupported pickle protocol: 9`, a
    ValueError, no decode error): every read succeeds or says the index is damaged,
    never an unexpected error. Every third place a pickle may start, a third a run."""
    root, base = seeds_index
    segment = max(base.glob("*.seg"), key=lambda p: p.stat().st_size)
    damaged = []
    for offset in pickle_headers(segment)[third::3]:
        index_dir = tmp_path / f"ix{offset}"
        shutil.copytree(base, index_dir)
        garbled = index_dir / segment.name
        data = bytearray(garbled.read_bytes())
        data[offset + 1] = 9
        garbled.write_bytes(bytes(data))
        try:
            corpus = open_corpus(root, index_dir, update=False)
        except IndexUnavailable as problem:
            assert "damaged" in str(problem)
        else:
            try:
                read_everything(corpus)
            except IndexDamaged as problem:
                damaged.append(str(problem))
            finally:
                corpus.close()
        shutil.rmtree(index_dir)
    assert any("pickle protocol" in problem for problem in damaged), damaged[:3]


# Every 10 % of the segment in `make test`; the other even percentages (a rebuild
# each) in the slow run, so `make test-all` garbles every 2 % as before.
EVERY_TENTH = list(range(0, 100, 10))
THE_OTHER_EVEN = [percent for percent in range(0, 100, 2) if percent % 10]


@pytest.mark.parametrize(
    "offsets",
    [EVERY_TENTH, pytest.param(THE_OTHER_EVEN, marks=pytest.mark.slow)],
    ids=["every-10-percent", "the-other-even-percents"],
)
def test_an_update_over_garbage_anywhere_rebuilds_and_never_launders_it(
    seeds_index, tmp_path, offsets
):
    """Planning reads every stored fingerprint and relinking every stored quotation:
    garbage there is damage too, so the update rebuilds instead of raising. And an
    update merges small segments into new ones with fresh checksums, so small
    files are verified first: garbage never survives an update unseen."""
    root, _ = seeds_index
    touched = sorted(root.iterdir())[0]
    rebuilt = 0
    for percent in offsets:
        index_dir = tmp_path / f"ix{percent}"
        shutil.copytree(seeds_index[1], index_dir)
        garble(index_dir, percent / 100)
        os.utime(touched)  # a touched file: the update relinks every stored quotation
        corpus = open_corpus(root, index_dir)
        rebuilt += corpus.last_report.rebuilt
        assert len(corpus.articles()) == len(list(root.iterdir()))
        assert corpus.verify() == []
        corpus.close()
        shutil.rmtree(index_dir)
    assert rebuilt == len(offsets), f"only {rebuilt} of {len(offsets)} garbled indexes rebuilt"


def test_command_line_search_on_a_decode_error_rebuilds_and_answers(seeds_index, tmp_path):
    root, _ = seeds_index
    for percent in range(0, 100, 4):
        index_dir = tmp_path / f"ix{percent}"
        shutil.copytree(seeds_index[1], index_dir)
        garble(index_dir, percent / 100)
        try:
            corpus = open_corpus(root, index_dir, update=False)
        except IndexUnavailable:  # found on opening: not the case under test
            continue
        try:
            read_everything(corpus)
        except IndexDamaged:
            break
        finally:
            corpus.close()
    else:
        pytest.fail("no garbling raised a decode error")
    (index_dir / "sourcedesk.damaged.json").unlink()  # as if found by this search, not before
    args = ["--corpus", str(root), "--index-dir", str(index_dir), "--format", "jsonl"]
    for query in QUERIES:
        status, stderr = command_line("search", *args, query)
        assert status == 0 and "unexpected error" not in stderr, stderr
    for listing in (["quotes", *args], ["speakers", *args]):
        status, stderr = command_line(*listing)
        assert status == 0 and "unexpected error" not in stderr, stderr
    status, stderr = command_line("index", "--check", str(root), "--index-dir", str(index_dir))
    assert status in (0, 1) and "unexpected" not in stderr


def _rewrite_state(change):
    """A case that replaces the state file with `change(its data)`, without its checksum line."""

    def damage(index_dir: Path) -> None:
        path, data = sidecar(index_dir)
        path.write_text(change(data), encoding="utf-8")

    return damage


def _articles_part(index_dir: Path) -> Path:
    _path, data = sidecar(index_dir)
    (digest,) = data["parts"]["articles"]
    return index_dir / f"part-{digest}.json"


def _cut_articles_part(index_dir: Path) -> None:
    part = _articles_part(index_dir)
    part.write_bytes(part.read_bytes()[: part.stat().st_size // 2])


SIDECARS = {
    "valid JSON of the wrong shape": _rewrite_state(lambda data: json.dumps(["not", "a", "state"])),
    "files as a list": _rewrite_state(lambda data: json.dumps({**data, "files": [1, 2]})),
    "parts without clusters": _rewrite_state(
        lambda data: json.dumps({**data, "parts": {"articles": data["parts"]["articles"]}})
    ),
    "article list cut short": _cut_articles_part,
    "article list missing": lambda index_dir: _articles_part(index_dir).unlink(),
}


def sidecar(index_dir: Path) -> tuple[Path, dict]:
    (path,) = index_dir.glob("state-*.json")
    _header, body = path.read_bytes().split(b"\n", 1)
    return path, json.loads(body)


@pytest.mark.parametrize("case", sorted(SIDECARS))
def test_a_bad_sidecar_is_not_trusted_and_is_rebuilt_from_the_index(seeds_index, tmp_path, case):
    root, _ = seeds_index
    index_dir = copy_index(seeds_index, tmp_path)
    good = open_corpus(root, index_dir, update=False)
    articles, clusters = good.articles(), good.clusters()
    good.close()
    SIDECARS[case](index_dir)
    forget_all()
    corpus = open_corpus(root, index_dir, update=False)
    assert corpus.articles() == articles
    assert sorted(c.id for c in corpus.clusters()) == sorted(c.id for c in clusters)
    corpus.close()
    corpus = open_corpus(root, index_dir)  # an update: rewrites the sidecar
    assert corpus.articles() == articles and not corpus.last_report.rebuilt
    corpus.close()
    forget_all()
    corpus = open_corpus(root, index_dir, update=False)  # read from the rewritten sidecar
    assert corpus.articles() == articles
    assert sorted(c.id for c in corpus.clusters()) == sorted(c.id for c in clusters)
    corpus.close()
    (state,) = index_dir.glob("state-*.json")
    generation = int(state.stem.split("-")[1])
    forget_all()
    rewritten = read_state(index_dir, generation)
    assert rewritten is not None and len(rewritten["articles"]) == len(articles)


def test_a_vanished_corpus_folder_is_an_error_and_the_index_keeps_its_articles(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root)
    index_dir = tmp_path / "ix"
    corpus = open_corpus(root, index_dir)
    listed = corpus.articles()
    root.rename(tmp_path / "moved")
    with pytest.raises(CorpusMissing, match="cannot be read"):
        corpus.update()
    assert corpus.articles() == listed
    corpus.close()
    (tmp_path / "moved").rename(root)
    assert open_corpus(root, index_dir, update=False).articles() == listed


def test_a_rewrite_keeping_size_and_mtime_is_seen(tmp_path):
    """`cp -p` or rsync: new bytes, the same size and the same mtime to the nanosecond."""
    root, index_dir = tmp_path / "c", tmp_path / "ix"
    story = write_file(root, "story.txt", "The council met on Tuesday about bakunimo.\n")
    write_file(root, "other.txt", "Another article about the harbour.\n")
    corpus = open_corpus(root, index_dir)
    before = story.stat()
    story.write_text("The council met on Tuesday about zelikota.\n", encoding="utf-8")
    os.utime(story, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = story.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert corpus.needs_update()
    report = corpus.update()
    assert (report.changed, report.unchanged) == (1, 1)
    assert [h.id for h in corpus.search("zelikota").hits] == ["story.txt"]
    assert corpus.search("bakunimo").hits == ()
    os.utime(story)  # a touch alone re-reads nothing
    assert corpus.update().changed == 0
    corpus.close()


def test_index_dir_under_an_unknown_user_gets_a_clear_message(tmp_path):
    done = run_sourcedesk(
        ["search", "--corpus", str(SEEDS), "x"], SOURCEDESK_INDEX_DIR="~nosuchuser/x"
    )
    stderr = done.stderr.decode("utf-8", "replace").strip()
    assert done.returncode == 1 and done.stdout == b""
    assert stderr.splitlines() == [
        "sourcedesk: cannot expand ~nosuchuser in ~nosuchuser/x (from SOURCEDESK_INDEX_DIR): "
        "no such user or home folder"
    ]


def test_damage_checks_never_write_to_the_corpus(seeds_index, tmp_path):
    root, _ = seeds_index
    before = file_digests(root)
    index_dir = copy_index(seeds_index, tmp_path)
    garble(index_dir, 0.5)
    run_sourcedesk(["index", "--check", str(root), "--index-dir", str(index_dir)])
    run_sourcedesk(["search", "--corpus", str(root), "--index-dir", str(index_dir), "netflix"])
    assert file_digests(root) == before


def test_a_garbled_block_header_counts_as_damage():
    from index.integrity import is_decode_error

    try:
        try:
            raise Exception("Block tag error b'\\xc4'")  # as whoosh.codec.whoosh3 raises it
        except Exception as err:
            raise ValueError("the query could not be run") from err
    except ValueError as wrapped:
        assert is_decode_error(wrapped)
    assert not is_decode_error(Exception("something else"))
