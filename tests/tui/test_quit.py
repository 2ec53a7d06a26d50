"""Quitting never waits for a search still running (issue 15: slow queries)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from index import Corpus

from .helpers import SEEDS, WAIT

# The app, headless, with every read of the index held back (as a very slow query
# would be): it types a query, and once the search is under way, quits.
SCRIPT = textwrap.dedent(
    """
    import sys, threading
    from pathlib import Path
    from index import open_corpus
    from tui.app import SourcedeskApp

    corpus = open_corpus(Path(sys.argv[1]), Path(sys.argv[2]), update=False)
    held = threading.Event()

    def hold_the_index():
        with corpus._lock.exclusive():
            held.set()
            threading.Event().wait()  # forever

    HERE = Path(sys.modules[SourcedeskApp.__module__].__file__).parent

    class Quitter(SourcedeskApp):
        CSS_PATH = [str(HERE / name) for name in SourcedeskApp.CSS_PATH]

        def on_ready(self):
            self.set_interval(0.05, self.check)

        def check(self):
            reader = self.reader
            if not reader.sources.items or self.workers:
                return  # still opening
            if not held.is_set():
                threading.Thread(target=hold_the_index, daemon=True).start()
            elif not reader.search_bar.value:
                reader.search_bar.input.value = "netflix"
                reader.search_bar.action_submit()
            elif reader.searching:
                print("searching", flush=True)
                self.exit()

    Quitter(Path(sys.argv[1]), Path(sys.argv[2]), corpus=corpus).run(headless=True)
    print("exited", flush=True)
    """
)


def test_quit_during_a_search_that_never_ends_exits_at_once(seeds_corpus: Corpus) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(SEEDS), str(seeds_corpus.index_dir)],
        capture_output=True,
        text=True,
        timeout=WAIT,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.stdout.split() == ["searching", "exited"], done.stderr[-2000:]
    assert done.returncode == 0
