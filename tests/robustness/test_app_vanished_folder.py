"""The reader when its corpus folder is moved away: an error to report, not 0 sources.

The app watches the folder and indexes changes in the background. A folder that
vanishes (moved, unmounted) must not read as a corpus whose files were all
deleted: the index keeps every article, and the user is told why nothing updates.
"""

from __future__ import annotations

from pathlib import Path

from tests.tui.test_live import wait_until  # bounded wait for the app (20 s)
from tui.app import SourcedeskApp

from .helpers import LiveCorpus
from .test_app_hostile import SIZE, noticed, notices


async def test_a_vanished_corpus_folder_is_reported_and_the_sources_stay(tmp_path: Path):
    corpus = LiveCorpus.generate(tmp_path / "corpus", 71, 4)
    app = SourcedeskApp(corpus.root, tmp_path / "index")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, lambda: len(app.article_infos()) == 4, "the four sources")
        listed = sorted(info.id for info in app.article_infos())
        corpus.root.rename(tmp_path / "moved")
        await wait_until(
            pilot, lambda: noticed(app, "cannot be read"), "a notice that the folder is gone"
        )
        assert sorted(info.id for info in app.article_infos()) == listed, notices(app)
        assert app.corpus is not None
        assert sorted(info.id for info in app.corpus.articles()) == listed
