"""Shared helpers for the robustness suite: real files, real indexes, real processes.

Every bad input is made on disk under `tmp_path`; anything that could hang (a
FIFO, a symlink loop, a killed writer) runs in a subprocess with a timeout so a
regression fails the test instead of freezing the run.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import random
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
CONSONANTS = "bdfgklmnprstvz"
VOWELS = "aiou"
# The start of a real PNG followed by noise: what a mis-named image looks like.
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(8).randbytes(4000)
SPEAKERS = ["Ana Pereira", "the minister", "Tom Okafor", "a spokesperson"]


def write_file(root: Path, name: str | bytes, data: bytes | str) -> Path:
    """Write `data` at `root/name`; `name` may be raw bytes (a non-UTF-8 file name)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(os.fsdecode(os.path.join(os.fsencode(root), os.fsencode(name))))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return path


def pseudo_words(rng: random.Random, count: int) -> list[str]:
    """Distinct made-up words (consonant-vowel pairs) no stemmer or spelling rule alters.

    They give each file a term that occurs nowhere else, so a search for it says
    exactly which files the index holds.
    """
    words: set[str] = set()
    while len(words) < count:
        syllables = rng.randint(4, 5)
        words.add("".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(syllables)))
    return sorted(words, key=lambda _: rng.random())


def article_text(
    marker: str, body_words: list[str], rng: random.Random, paragraphs: int = 3
) -> str:
    """A plain news-like article whose headline and body carry `marker`."""
    lines = [f"Council report on {marker} published", ""]
    for _ in range(paragraphs):
        words = rng.choices(body_words, k=40)
        lines.append(f"The {marker} inquiry heard that " + " ".join(words) + ".")
        lines.append("")
    return "\n".join(lines)


def file_digests(root: Path) -> dict[bytes, str]:
    """SHA-256 of every file under `root` (by raw path), to prove nothing wrote to it."""
    digests: dict[bytes, str] = {}
    for dirpath, _dirs, files in os.walk(os.fsencode(root)):
        for name in files:
            path = os.path.join(dirpath, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            with open(path, "rb") as handle:
                digests[path] = hashlib.sha256(handle.read()).hexdigest()
    return digests


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a child sourcedesk: this checkout importable, no colour forcing."""
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "NO_COLOR", "COLUMNS"}}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env.update(extra)
    return env


def sourcedesk_command() -> list[str]:
    """The installed `sourcedesk` script, or its entry point when not installed."""
    script = Path(sys.executable).with_name("sourcedesk")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from tui.entry import main; sys.exit(main())"]


def run_sourcedesk(
    args: list[str], *, timeout: float = 90, **env: str
) -> subprocess.CompletedProcess[bytes]:
    """Run the command line as a user would, capturing the raw bytes it writes."""
    return subprocess.run(
        [*sourcedesk_command(), *args],
        capture_output=True,
        timeout=timeout,
        cwd=REPO,
        env=subprocess_env(**env),
        check=False,
    )


def run_here(args: list[str], **env: str) -> subprocess.CompletedProcess[bytes]:
    """`run_sourcedesk` without the child process: the command line's `main` in this
    one, with the child's environment, working folder and byte streams.

    A child costs about a second of imports (more on a busy machine) and the
    command-line tests run dozens; each module keeps its real-process runs where the
    process itself is under test (a lock held by another process, a hang, a signal).
    An exception escaping `main` fails the test (a child would print a traceback).
    """
    from index.process_caches import forget_all
    from tui.cli import main

    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", write_through=True)
    forget_all()  # nothing kept from earlier runs, as in a new process
    with pytest.MonkeyPatch.context() as patch:
        for name in ("FORCE_COLOR", "NO_COLOR", "COLUMNS"):
            patch.delenv(name, raising=False)
        for name, value in env.items():
            patch.setenv(name, value)
        patch.chdir(REPO)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(args)
            except SystemExit as exit_:  # argparse: --help, a bad option
                code = exit_.code
                status = code if isinstance(code, int) else (0 if code is None else 1)
    out.flush()
    err.flush()
    return subprocess.CompletedProcess(args, status, out_bytes.getvalue(), err_bytes.getvalue())


UPDATE_SCRIPT = """
import json, sys
from index import open_corpus
corpus = open_corpus(sys.argv[1], sys.argv[2])
report = corpus.last_report
corpus.close()
print(json.dumps({
    "added": report.added, "changed": report.changed, "removed": report.removed,
    "unchanged": report.unchanged, "rebuilt": report.rebuilt, "reason": report.reason,
    "skipped": [[s.path, s.reason] for s in report.skipped],
}))
"""


def run_python(script: str, *args: str, timeout: float) -> list[dict]:
    """Run `script` in a child interpreter (a hang fails, not freezes); its JSON output lines."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        timeout=timeout,
        cwd=REPO,
        env=subprocess_env(),
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines() if line]


def update_in_subprocess(root: Path, index_dir: Path, timeout: float = 120) -> dict:
    """`open_corpus` in a child process; its update report as a dict."""
    args = (os.fsdecode(root), os.fsdecode(index_dir))
    return run_python(UPDATE_SCRIPT, *args, timeout=timeout)[-1]


def hit_ids(corpus, query: str, limit: int = 50) -> list[str]:
    """The ids of the articles a search returns."""
    return [hit.id for hit in corpus.search(query, limit=limit).hits]


@dataclass
class LiveCorpus:
    """The corpus on disk and the exact text each of its files holds now."""

    root: Path
    rng: random.Random
    words: list[str]
    spare_markers: list[str]
    texts: dict[str, str] = field(default_factory=dict)
    markers: dict[str, str] = field(default_factory=dict)
    versions: int = 0

    @classmethod
    def generate(cls, root: Path, seed: int, files: int) -> LiveCorpus:
        """A corpus of `files` articles, reproducible from `seed`."""
        rng = random.Random(seed)
        words = pseudo_words(rng, files * 2 + 600)
        corpus = cls(root, rng, words[:400], words[400:])
        for number in range(files):
            corpus.write(f"desk{number % 7}/story{number:05}.txt")
        return corpus

    def write(self, rel: str, *, atomic: bool = False) -> None:
        """Write a new version of `rel`; each file keeps one marker word no other file has.

        In place by default (a reader may catch the file empty or half-written);
        `atomic` saves to a hidden file and renames it over `rel`, as careful tools do.
        """
        self.versions += 1
        if rel not in self.markers:
            self.markers[rel] = self.spare_markers.pop()
        marker = self.markers[rel]
        version = self.words[self.versions % len(self.words)]
        body = " ".join(self.rng.choices(self.words, k=60))
        speaker = self.rng.choice(SPEAKERS)
        text = (
            f"Inquiry into {marker} reports\n\n"
            f"The {marker} inquiry, revision {version}, heard evidence. {body}.\n\n"
            f'"We will publish the {marker} findings in full," said {speaker}.\n'
        )
        if atomic:
            target = self.root / rel
            os.replace(write_file(target.parent, f".{target.name}.saving", text), target)
        else:
            write_file(self.root, rel, text)
        self.texts[rel] = text.rstrip()

    def delete(self, rel: str) -> None:
        (self.root / rel).unlink()
        del self.texts[rel]

    def churn(self, changes: int) -> set[str]:
        """Add, change and delete files; returns every path touched."""
        touched = set(self.rng.sample(sorted(self.texts), changes))
        for rel in sorted(touched)[: changes // 4]:
            self.delete(rel)
        for rel in sorted(touched)[changes // 4 :]:
            self.write(rel)
        for _ in range(changes // 4):
            rel = f"late/{self.versions:05}.txt"
            self.write(rel)
            touched.add(rel)
        return touched
