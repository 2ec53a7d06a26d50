"""The timeline: its numbers (a pure function), and the view as a user drives it:
bars per outlet, a selected statement's versions marked and listed, enter opens
one in the reader; on the undated seeds, the plain note and corpus order."""

from __future__ import annotations

from dataclasses import replace

from textual.widget import Widget

from index import Corpus
from tui.app import SourcedeskApp
from tui.screens.help import HelpScreen
from tui.screens.timeline import TimelineScreen
from tui.timeline_data import NO_DATES, build_timeline, grouped
from tui.widgets import ArticleView
from tui.widgets.timeline_chart import MARKER, TimelineChart
from tui.widgets.timeline_lists import AppearanceList, StatementList

from . import dated
from .helpers import (
    emphasised,
    flat,
    lines,
    list_texts,
    open_from_reader,
    pick_in_palette,
    reader,
    running,
    settle,
    shown,
    wait_until,
)

dated_index, dated_corpus, dated_app = dated.dated_index, dated.dated_corpus, dated.dated_app


def test_articles_per_day_per_outlet_and_where_each_statement_appeared(
    dated_corpus: Corpus,
) -> None:
    infos, clusters = dated_corpus.articles(), dated_corpus.clusters()
    timeline = build_timeline(infos, clusters)
    assert (timeline.dated, timeline.unit, timeline.span) == (
        True,
        "day",
        "10 Sep 2020 – 24 Sep 2020",
    )
    assert len(timeline.buckets) == 15 and timeline.buckets[0].label == "10 Sep"
    counts = {row.outlet: row.counts for row in timeline.rows}
    assert set(counts) == {"Variety", "Reuters", "The Guardian", "BBC News"}
    assert [i for i, n in enumerate(counts["Variety"]) if n] == [0, 14]  # 10 and 24 Sep
    assert [i for i, n in enumerate(counts["Reuters"]) if n] == [1, 8]  # the two .jsonl lines
    assert (timeline.articles, timeline.undated) == (6, 1)  # local-notes.txt has no date
    ruiz, berg = timeline.statements  # earliest first
    assert [(a.outlet, a.when, a.first) for a in ruiz.appearances] == [
        ("Variety", "10 Sep 2020", True),
        ("Reuters", "11 Sep 2020", False),
        ("The Guardian", "12 Sep 2020", False),
        ("BBC News", "14 Sep 2020", False),
    ]
    assert timeline.marks(berg) == {("The Guardian", 2), ("Reuters", 8), ("Variety", 14)}

    # Past the weekly threshold: weeks from their Monday (7 Sep 2020).
    weekly = build_timeline(infos, clusters, weekly_after=7)
    assert weekly.unit == "week"
    assert [b.label for b in weekly.buckets] == ["7 Sep", "14 Sep", "21 Sep"]
    assert {row.outlet: row.counts for row in weekly.rows}["Variety"] == (1, 0, 1)
    # Too many columns for the terminal: neighbours are added up, marks follow.
    wide = grouped(timeline, 5)
    assert {row.outlet: row.counts for row in wide.rows}["Reuters"] == (1, 1, 0)
    assert wide.marks(wide.statements[1]) == {("The Guardian", 0), ("Reuters", 1), ("Variety", 2)}

    # No dates at all: corpus order, one column per article.
    undated = build_timeline([replace(i, date=None) for i in infos], clusters)
    assert (undated.dated, undated.unit, len(undated.buckets)) == (False, "article", len(infos))
    assert undated.articles == len(infos)


def marked_rows(chart: TimelineChart) -> dict[str, str]:
    """Chart row label -> the text drawn in the marked style on that row."""
    colour = chart.get_component_rich_style("timeline-chart--marked").color
    rows = {}
    for y in range(chart.size.height):
        strip = chart.render_line(y)
        text = strip.text
        label = text.split("│")[0].strip() if "│" in text else text.strip().split("  ")[0]
        marked = "".join(s.text for s in strip if s.style is not None and s.style.color == colour)
        if marked.strip():
            rows[label] = marked.strip()
    return rows


def column_of(line: str, text: str) -> int:
    return line.index(text)


async def timeline_shown(pilot) -> TimelineScreen:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    assert isinstance(screen, TimelineScreen)
    await wait_until(pilot, lambda: screen.timeline is not None, "the timeline")
    return screen


async def test_timeline_marks_a_statement_and_opens_a_version(dated_app: SourcedeskApp) -> None:
    async with running(dated_app, (160, 45)) as pilot:
        await open_from_reader(pilot, "t", TimelineScreen)
        screen = await timeline_shown(pilot)
        title = flat(screen.query_one("#timeline-title"))
        assert "6 articles from 4 outlets, 10 Sep 2020 – 24 Sep 2020, per day" in title
        assert "1 article without a date not on the chart" in flat(
            screen.query_one("#timeline-note")
        )
        chart = screen.query_one(TimelineChart)
        drawn = lines(chart)
        bars = {line.split("│")[0].strip(): line for line in drawn if "│" in line}
        assert set(bars) == {"Variety", "Reuters", "The Guardian", "BBC News"}
        assert all("█" in line for line in bars.values())
        assert bars["Variety"].rstrip().endswith("2")  # its total
        axis = next(line for line in drawn if "10 Sep 2020" in line)
        assert "24 Sep" in axis
        # The first statement is selected: its four versions marked, ▲ under each day.
        assert set(marked_rows(chart)) == {
            "Variety",
            "Reuters",
            "The Guardian",
            "BBC News",
            "this statement",
        }
        marker = next(line for line in drawn if line.strip().startswith("this statement"))
        assert marker.count(MARKER) == 4
        assert column_of(marker, MARKER) == column_of(bars["Variety"], "█")  # 10 Sep
        appearances = screen.query_one(AppearanceList)
        listed = list_texts(appearances)
        assert listed[0].startswith("★ Variety · 10 Sep 2020 · Quay bridge closed")
        assert "first carried" in listed[0]
        assert [row.split(" · ")[0].strip() for row in listed[1:]] == [
            "Reuters",
            "The Guardian",
            "BBC News",
        ]
        assert "first carried by Variety, 10 Sep 2020" in str(appearances.border_title)

        # The next statement: its three versions marked, the Guardian first.
        await pilot.press("down")
        await pilot.pause()
        assert set(marked_rows(chart)) == {"Variety", "Reuters", "The Guardian", "this statement"}
        listed = list_texts(appearances)
        assert listed[0].startswith("★ The Guardian · 12 Sep 2020")
        assert listed[2].startswith("  Variety · 24 Sep 2020 · Shops on the quay")

        # enter goes to the versions; enter on one opens it in the reader, there.
        await pilot.press("enter")
        assert pilot.app.focused is appearances
        await pilot.press("tab")  # tab goes back and forth between the lists
        assert pilot.app.focused is screen.query_one(StatementList)
        await pilot.press("tab")
        assert pilot.app.focused is appearances
        await pilot.press("down", "enter")
        await settle(pilot)
        assert pilot.app.screen is reader(pilot)
        view = reader(pilot).query_one(ArticleView)
        await wait_until(pilot, lambda: "wire.jsonl" in str(view.border_subtitle), "wire.jsonl:2")
        assert any("never told" in run for run in emphasised(view))


async def test_undated_seeds_say_so_at_80_columns(app: SourcedeskApp) -> None:
    async with running(app, (80, 24)) as pilot:
        await pilot.press("ctrl+p")  # the palette opens it too
        await pick_in_palette(pilot, "Timeline", "Timeline")
        screen = await timeline_shown(pilot)
        assert "5 articles in corpus order" in flat(screen.query_one("#timeline-title"))
        assert flat(screen.query_one("#timeline-note")) == NO_DATES
        drawn = lines(screen.query_one(TimelineChart))
        assert drawn[0].split("│")[0].strip() == "(no outlet)"
        assert drawn[0].count("█") >= 5
        assert "#1" in drawn[2]
        statements = list_texts(screen.query_one(StatementList))
        assert any("We’re deeply sorry" in row for row in statements)
        assert all(len(line.rstrip()) <= 80 for line in drawn)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HelpScreen)
        helped = " ".join(shown(w) for w in pilot.app.screen.query(".help-table").results(Widget))
        assert "Timeline (t)" in helped and "coverage over time per outlet" in helped
