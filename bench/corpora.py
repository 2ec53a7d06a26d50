"""The benchmark corpora: the shared BBC and Reuters folders, and a 100k-article corpus.

The shared corpora live beside the repo (`../shared/corpora`) and are never copied
into it. The large corpus is built from the Reuters stories into a temporary
folder: every copy gets a distinct path and lightly varied text (paragraphs
shuffled, some words swapped for others from the corpus vocabulary, a few
misspelt) so the index really grows in terms and postings instead of
deduplicating 19k stories five times over.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.harness import REPO, print_rows, run_script

SHARED_CORPORA = REPO.parent / "shared" / "corpora"
LARGE_SIZE = 100_000
QUICK_LARGE_SIZE = 5_000
SWAP_RATE = 0.05  # share of words replaced by a word drawn from the vocabulary
TYPO_RATE = 0.005  # share of words misspelt, i.e. brand-new terms
WORD = re.compile(r"[A-Za-z]{3,15}")
COLUMNS = (
    "name",
    "articles",
    "mb",
    "source_articles",
    "source_vocabulary",
    "new_terms",
    "build_seconds",
)


class CorpusMissing(RuntimeError):
    """A shared corpus folder is absent: the benchmark that needs it is skipped."""


def shared_corpus(name: str) -> Path:
    """`../shared/corpora/NAME`, or CorpusMissing saying where it was looked for."""
    path = SHARED_CORPORA / name
    if not path.is_dir():
        raise CorpusMissing(f"corpus {name!r} not found at {path}: skipped")
    return path


def bbc_dir() -> Path:
    return shared_corpus("bbc")


def reuters_dir() -> Path:
    return shared_corpus("reuters21578")


def bench_dir() -> Path:
    """Where built corpora and reusable indexes go (never inside the repo)."""
    configured = os.environ.get("SOURCEDESK_BENCH_DIR")
    path = Path(configured) if configured else Path(tempfile.gettempdir()) / "sourcedesk-bench"
    path.mkdir(parents=True, exist_ok=True)
    return path


def text_files(root: Path) -> list[Path]:
    """The `.txt` articles under `root`, in a stable order."""
    return sorted(p for p in root.rglob("*.txt") if p.is_file())


@dataclass(frozen=True)
class BuiltCorpus:
    """A generated corpus on disk and what went into it."""

    path: str
    articles: int
    bytes: int
    source_articles: int
    source_vocabulary: int
    new_terms: int
    build_seconds: float
    seed: int


def read_stories(root: Path) -> list[tuple[str, str, list[str]]]:
    """(file name, title, paragraphs) for every story under `root`."""
    stories = []
    for path in text_files(root):
        raw = path.read_text(encoding="utf-8", errors="replace")
        blocks = [b.strip() for b in raw.split("\n\n") if b.strip()]
        if blocks:
            stories.append((str(path.relative_to(root)), blocks[0], blocks[1:]))
    return stories


def misspell(word: str, rng: random.Random) -> str:
    """One random edit (swap, drop or double a letter): a plausible new term."""
    i = rng.randrange(1, len(word) - 1)
    edit = rng.randrange(3)
    if edit == 0:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if edit == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def vary(paragraph: str, vocabulary: Sequence[str], rng: random.Random, new: set[str]) -> str:
    """Swap and misspell a few words of `paragraph`, keeping its punctuation."""
    words = paragraph.split(" ")
    for i in range(len(words)):
        roll = rng.random()
        if roll >= SWAP_RATE + TYPO_RATE or not WORD.fullmatch(words[i]):
            continue
        if roll < TYPO_RATE:
            words[i] = misspell(words[i], rng)
            new.add(words[i].lower())
        else:
            words[i] = rng.choice(vocabulary)
    return " ".join(words)


def build_large_corpus(dest: Path, count: int, source: Path, seed: int = 0) -> BuiltCorpus:
    """Write `count` articles under `dest` from the stories in `source`.

    Copy 0 of each story is the original; later copies (`copyNN/`) shuffle the
    paragraphs and vary words, drawing replacements uniformly from the distinct
    words of the source so rare terms gain postings too. A smaller `count` uses
    a proportional share of the stories, so it has as many copies per story as
    the full 100k corpus.
    """
    start = time.perf_counter()
    rng = random.Random(seed)
    stories = read_stories(source)
    if not stories:
        raise CorpusMissing(f"no .txt stories under {source}")
    if count < LARGE_SIZE:
        stories = stories[: max(1, count * len(stories) // LARGE_SIZE)]
    vocabulary = sorted(
        {w.lower() for _, title, paras in stories for w in WORD.findall(" ".join([title, *paras]))}
    )
    new_terms: set[str] = set()
    written = 0
    size = 0
    for n in range(count):
        copy, index = divmod(n, len(stories))
        name, title, paragraphs = stories[index]
        if copy:
            paragraphs = [vary(p, vocabulary, rng, new_terms) for p in paragraphs]
            rng.shuffle(paragraphs)
            title = vary(title, vocabulary, rng, new_terms)
        text = "\n\n".join([title, *paragraphs]) + "\n"
        path = dest / f"copy{copy:02d}" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        written += 1
        size += len(data)
    return BuiltCorpus(
        path=str(dest),
        articles=written,
        bytes=size,
        source_articles=len(stories),
        source_vocabulary=len(vocabulary),
        new_terms=len(new_terms - set(vocabulary)),
        build_seconds=round(time.perf_counter() - start, 2),
        seed=seed,
    )


def large_corpus(count: int = LARGE_SIZE, seed: int = 0) -> BuiltCorpus:
    """The generated corpus of `count` articles, built once and reused (marker file)."""
    source = reuters_dir()
    dest = bench_dir() / f"reuters-x{count}-seed{seed}"
    marker = dest.with_name(dest.name + ".complete.json")
    if marker.is_file():
        return BuiltCorpus(**json.loads(marker.read_text(encoding="utf-8")))
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    built = build_large_corpus(dest, count, source, seed)
    marker.write_text(json.dumps(asdict(built)), encoding="utf-8")
    return built


def working_copy(source: Path, name: str) -> Path:
    """A private copy of a shared corpus we may edit (the shared folder never is)."""
    dest = bench_dir() / f"{name}-copy"
    marker = dest.with_name(dest.name + ".complete.json")
    if not marker.is_file():
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(source, dest)
        marker.write_text(json.dumps({"source": str(source)}), encoding="utf-8")
    return dest


def cached_index_dir(root: Path) -> Path:
    """The reusable index of a benchmark corpus (built once, updated incrementally)."""
    return bench_dir() / f"index-{root.name}"


def measure(quick: bool) -> dict[str, Any]:
    """Build (or reuse) the large corpus and report its size and variety."""
    count = QUICK_LARGE_SIZE if quick else LARGE_SIZE
    try:
        built = large_corpus(count)
    except CorpusMissing as missing:
        return {"rows": [], "skipped": [str(missing)]}
    row = asdict(built)
    row["name"] = f"reuters x{count}"
    row["mb"] = round(built.bytes / 2**20, 1)
    return {"rows": [row], "skipped": []}


def show(payload: dict[str, Any]) -> None:
    print_rows(
        "Generated corpus",
        payload["rows"],
        COLUMNS,
    )


def main(argv: Sequence[str] | None = None) -> int:
    return run_script("corpora", __doc__.splitlines()[0], measure, show, argv)


if __name__ == "__main__":
    sys.exit(main())
