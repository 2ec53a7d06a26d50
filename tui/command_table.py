"""Every key of the app in one table: it feeds the key bindings, the ctrl+p palette
and the `?` help, so the three never disagree (in the style of peplum's commands).

A `Command` says which key runs which action, what it does (short, for the footer
and the palette; long, for help and tooltips), and where it applies: `bound_by`
names the class whose `BINDINGS` it joins (none: a key Textual handles itself,
listed in help only), `section` the help table it appears in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from textual.binding import Binding, BindingType

SEARCHING = "Searching"
MOVING = "Moving around"
READING = "Reading an article"
APP = "App"
COVERAGE = "Coverage matrix (c)"
SPEAKERS = "Speakers (s)"
VERSIONS = "A statement's versions (v)"
TIMELINE = "Timeline (t)"
VERDICTS = "Your verdicts (on the selected quotation)"
SECTIONS = (
    SEARCHING,
    MOVING,
    READING,
    APP,
    COVERAGE,
    SPEAKERS,
    VERSIONS,
    VERDICTS,
    TIMELINE,
)


@dataclass(frozen=True, slots=True)
class Command:
    key: str  # Textual key names, comma-separated
    action: str  # "" for keys Textual handles itself (help only)
    description: str  # short: the footer and the palette ("" binds the key silently)
    section: str
    bound_by: str | None = None  # class name whose BINDINGS hold it
    help: str = ""  # long: help and tooltips (defaults to the description)
    show: bool = True  # in the footer
    priority: bool = False
    key_display: str | None = None
    palette: str = ""  # offered in ctrl+p under this name (from the screen it binds)

    @property
    def explained(self) -> str:
        return self.help or self.description

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            self.description,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            tooltip=self.help,
        )


def _reader(key: str, action: str, description: str, help: str, **kw: object) -> Command:
    return Command(key, action, description, MOVING, "ReaderScreen", help, **kw)  # type: ignore[arg-type]


COMMANDS: tuple[Command, ...] = (
    # -- the search box
    Command("enter", "", "", SEARCHING, help="go to the matches"),
    Command(
        "down", "submit", "To the results", SEARCHING, "SearchBar", "go to the matches", show=False
    ),
    # Priority: the focus leaves the box before the next key of a burst is routed
    # (as a binding of the box, "escape s" typed the "s" into it).
    Command(
        "escape",
        "leave_search",
        "Leave search",
        SEARCHING,
        "ReaderScreen",
        "leave the search box",
        show=False,
        priority=True,
    ),
    Command(
        "ctrl+d",
        "accept_suggestion",
        "Accept suggestion",
        SEARCHING,
        "SearchBar",
        "accept the “did you mean” suggestion",
        # Not in the footer: the hint line offers it ("… ? ctrl+d accepts"), and the
        # footer would be rebuilt (every key mounted again) whenever a search's
        # suggestion came or went: the slowest keystrokes were those.
        show=False,
        priority=True,
    ),
    # -- the reader's panes
    Command("up,down,j,k", "", "", MOVING, help="move in a list, scroll the article"),
    Command("g,G", "", "", MOVING, help="first, last in a list"),
    Command("enter", "", "", MOVING, help="open the selected source, match or quotation"),
    # enter in the Matches pane before the typed query's results came: open the first.
    Command("enter", "open_first_match", "", MOVING, "ReaderScreen", show=False, priority=True),
    _reader(
        "tab", "cycle_pane(1)", "Next pane", "the next pane (the search box is one)", show=False
    ),
    _reader("shift+tab", "cycle_pane(-1)", "Previous pane", "the previous pane", show=False),
    _reader("n", "step_match(1)", "Next match", "next match, on into the next source"),
    _reader(
        "N",
        "step_match(-1)",
        "Prev match",
        "previous match, back into the previous source",
        show=False,
    ),
    _reader(
        "right_square_bracket",
        "step_source(1)",
        "Next source",
        "next source in the Articles list",
        key_display="]",
    ),
    _reader(
        "left_square_bracket",
        "step_source(-1)",
        "Prev source",
        "previous source in the Articles list",
        key_display="[",
        show=False,
    ),
    _reader(
        "o",
        "other_source",
        "Other source",
        "the selected quotation in the next source that carries it (cycles)",
    ),
    _reader(
        "v", "versions", "Versions", "a quotation's versions side by side, differing words marked"
    ),
    _reader("y", "copy_quote", "Copy quote", "copy the quotation with speaker and source"),
    _reader(
        "a",
        "toggle_quotes",
        "All/article quotes",
        "Quotes pane: this article's, or all matching the query",
        show=False,
        palette="Quotes: this article's or all matching",
    ),
    _reader(
        "b,alt+left",
        "back",
        "Back",
        "back to the previous place",
        key_display="b",
        palette="Back",
    ),
    _reader(
        "f,alt+right",
        "forward",
        "Forward",
        "forward again",
        key_display="f",
        palette="Forward",
    ),
    # -- the researcher's verdicts (tui/screens/verdict_flow.py)
    *(
        Command(
            key, action, description, VERDICTS, "ReaderScreen", help, show=False, palette=palette
        )
        for key, action, description, help, palette in (
            (
                "r",
                "correct_speaker",
                "Correct speaker",
                "correct who said it (saved at once)",
                "Verdict: correct the speaker…",
            ),
            (
                "m",
                "mark_verified",
                "Mark verified",
                "mark it verified, with a short note",
                "Verdict: mark verified…",
            ),
            (
                "d",
                "mark_disputed",
                "Mark disputed",
                "mark it disputed, with a short note",
                "Verdict: mark disputed…",
            ),
            (
                "u",
                "clear_verdict",
                "Clear verdict",
                "take back a verified/disputed mark and its note",
                "Verdict: clear",
            ),
            (
                "x",
                "split_quote",
                "Split off",
                "take it out of its “same statement” group",
                "Verdict: split off its statement",
            ),
            (
                "J",
                "join_quote",
                "Join statement",
                "put it in another “same statement” group",
                "Verdict: join to a statement…",
            ),
        )
    ),
    # -- the article
    *(
        Command(key, action, description, READING, "ArticleView", help, show=False)
        for key, action, description, help in (
            ("j,down", "scroll_down", "Down", "scroll down a line"),
            ("k,up", "scroll_up", "Up", "scroll up a line"),
            ("space,pagedown", "page_down", "Page down", "a page down"),
            ("pageup", "page_up", "Page up", "a page up"),
            ("g,home", "scroll_home", "Top", "to the top"),
            ("G,end", "scroll_end", "Bottom", "to the end"),
        )
    ),
    # -- the app, from any screen it allows
    Command("ctrl+p", "", "", APP, help="command palette"),
    Command(
        "c",
        "coverage",
        "Coverage",
        APP,
        "SourcedeskApp",
        "which source carries which statement",
        palette="Coverage matrix",
    ),
    Command(
        "s",
        "speakers",
        "Speakers",
        APP,
        "SourcedeskApp",
        "who is quoted, how often, by how many sources",
        palette="Speakers",
    ),
    Command(
        "t",
        "timeline",
        "Timeline",
        APP,
        "SourcedeskApp",
        "coverage over time per outlet; where and when a statement appeared",
        show=False,  # the footer is full at 160 columns: `?` help and the palette list it
        palette="Timeline",
    ),
    # Priority, so it also reaches the (modal) versions screen; never typed-over text.
    Command(
        "e",
        "export",
        "Export",
        APP,
        "SourcedeskApp",
        "the quotations in view, or a statement's versions, to Markdown, CSV or JSON",
        priority=True,
        palette="Export quotes…",
    ),
    # (the app's keys in footer order: c s t e / ? q)
    Command(
        "slash",
        "focus_search",
        "Search",
        SEARCHING,
        "SourcedeskApp",
        "search from anywhere (typing searches as you go)",
        priority=True,
        key_display="/",
    ),
    Command(
        "question_mark",
        "help",
        "Help",
        APP,
        "SourcedeskApp",
        "all keys and the query syntax",
        key_display="?",
        palette="Help",
    ),
    Command(
        "O",
        "orphans",
        "Orphaned verdicts",
        VERDICTS,
        "SourcedeskApp",
        "verdicts whose quotation is no longer in the corpus (kept)",
        show=False,
        palette="Verdicts: orphaned (quotation gone)",
    ),
    Command("q", "quit", "Quit", APP, "SourcedeskApp", "quit", show=False),
    # -- the coverage matrix
    Command("left,right,up,down", "", "", COVERAGE, help="move between statements and sources"),
    Command(
        "",
        "",
        "",
        COVERAGE,
        help="columns are outlets (else short titles); Variety², Variety³: later articles of "
        "one outlet, by date; ✓ verified, ✗ disputed by you",
    ),
    Command(
        "enter",
        "",
        "",
        COVERAGE,
        help="open the quotation in that source (or, on the statement, v)",
    ),
    Command("escape,q", "close", "Close", COVERAGE, "CoverageScreen", "close the matrix"),
    Command(
        "v",
        "versions",
        "Versions",
        COVERAGE,
        "CoverageScreen",
        "the statement's versions side by side",
    ),
    Command(
        "right_square_bracket",
        "page(1)",
        "Next rows",
        COVERAGE,
        "CoverageScreen",
        "the next page of statements",
        key_display="]",
    ),
    Command(
        "left_square_bracket",
        "page(-1)",
        "Previous rows",
        COVERAGE,
        "CoverageScreen",
        "the previous page of statements",
        key_display="[",
    ),
    # -- the speakers
    Command(
        "enter", "", "", SPEAKERS, help="that speaker's quotations in the Quotes pane (a clears)"
    ),
    Command("escape,q", "close", "Close", SPEAKERS, "SpeakersScreen", "close the list"),
    Command(
        "t",
        "toggle_sort",
        "Sort by quotes/sources",
        SPEAKERS,
        "SpeakersScreen",
        "sort by quotations or sources",
    ),
    # -- a statement's versions
    Command(
        "left,h",
        "move(-1)",
        "Previous version",
        VERSIONS,
        "VersionsView",
        "the previous version",
        key_display="←",
    ),
    Command(
        "right,l",
        "move(1)",
        "Next version",
        VERSIONS,
        "VersionsView",
        "the next version",
        key_display="→",
    ),
    Command(
        "enter", "choose", "Open this version", VERSIONS, "VersionsView", "open it in the reader"
    ),
    # The app's own `e` (priority) runs it; bound here too so the footer shows it.
    Command("e", "app.export", "Export", VERSIONS, "VersionsScreen", "export them"),
    # A modal screen takes no app key but its priority ones (`?` is typed in a query).
    Command(
        "question_mark",
        "app.help",
        "Help",
        VERSIONS,
        "VersionsScreen",
        "all keys, this view's first",
        key_display="?",
    ),
    *(
        Command(key, f"verdict('{action}')", "", VERSIONS, "VersionsScreen", show=False)
        for key, action in (
            ("r", "correct_speaker"),
            ("m", "mark_verified"),
            ("d", "mark_disputed"),
            ("u", "clear_verdict"),
            ("x", "split_quote"),
            ("J", "join_quote"),
        )
    ),
    Command("r,m,d,u,x,J", "", "", VERSIONS, help="your verdict on the chosen version"),
    # -- the timeline
    Command(
        "up,down",
        "",
        "",
        TIMELINE,
        help="choose a statement: its versions marked on the chart (▲) and listed",
    ),
    Command(
        "tab",
        "other_list",
        "Other list",
        TIMELINE,
        "TimelineScreen",
        "between the statements and where they appeared",
    ),
    Command("enter", "", "", TIMELINE, help="on a version: open it in the reader"),
    Command("escape,q", "close", "Close", TIMELINE, "TimelineScreen", "close the timeline"),
)


def bindings(owner: str) -> list[BindingType]:
    """The `BINDINGS` of the class named `owner` (typed as Textual declares `BINDINGS`)."""
    return [command.binding() for command in COMMANDS if command.bound_by == owner]


def help_sections(
    describe_key: Callable[[str], str], first: str | None = None
) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section, [(keys, what they do)]) for `?`; keys doing the same thing share a row.
    The section of the view the user is in (`first`) comes first: what they asked about."""
    sections = []
    for section in sorted(SECTIONS, key=lambda s: s != first):
        rows: dict[str, list[str]] = {}
        for command in COMMANDS:
            if command.section != section or not command.explained:
                continue
            keys = rows.setdefault(command.explained, [])
            names = filter(None, command.key.split(","))  # "": a note with no key
            keys.extend(k for k in map(describe_key, names) if k not in keys)
        sections.append((section, [(" ".join(keys), what) for what, keys in rows.items()]))
    return sections


def palette_entries(owners: set[str]) -> Iterator[Command]:
    """The commands offered in ctrl+p when the classes named `owners` are active."""
    for command in COMMANDS:
        if command.palette and command.bound_by in owners:
            yield command
