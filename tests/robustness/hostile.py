"""A corpus of hostile articles: escape sequences, Rich markup, hard scripts, hostile names.

Shared by the command-line and the app tests, which both assert that every
payload is shown literally and that no escape sequence reaches the terminal.
"""

from __future__ import annotations

import re
from pathlib import Path

from .helpers import write_file

SHARED = "vokitamu"  # a made-up word every hostile article carries
CLIPBOARD = "ZWNobyBvd25lZA=="  # base64 a clipboard write would plant

ESCAPES = (
    f"{SHARED} clear \x1b[2J\x1b[H {SHARED} red \x1b[31mRED\x1b[0m {SHARED} "
    f"clip \x1b]52;c;{CLIPBOARD}\x07 {SHARED} title \x1b]0;owned\x07 {SHARED} "
    f"link \x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\ {SHARED} "
    f"bell \x07\x07 {SHARED} c1 \u009b2J \u009d0;x\u009c {SHARED} "
    f"back abc\x08\x08\x08xyz {SHARED} del \x7f {SHARED} vt \x0b ff \x0c {SHARED}"
)
MARKUP = (
    f"{SHARED} [bold]as typed[/bold] {SHARED} [link=file:///etc/passwd]click me[/link] "
    f"{SHARED} [/] {SHARED} [red on white]loud[/] {SHARED} :warning: {SHARED}"
)
RTL = "مرحبا بالعالم"
HEBREW = "שלום עולם"
FAMILY = "\U0001f469\u200d\U0001f469\u200d\U0001f467"
FLAG = "\U0001f1eb\U0001f1f7"
MATH = "\U0001d407\U0001d41e\U0001d425\U0001d425\U0001d428"  # bold "Hello"
SCRIPTS = (
    f"{SHARED} {RTL} {SHARED} {HEBREW} {SHARED} cafe\u0301 Z\u0351\u0364\u036b "
    f"{SHARED} {FAMILY} {FLAG} \U0001f44d\U0001f3fd {SHARED} {MATH} {SHARED} "
    f"\u202eevil\u202c {SHARED}"
)

# A quotation whose words and speaker carry markup and escapes (for quote views).
QUOTE_WORDS = "[bold]We[/bold] will fight [link=file:///etc/passwd]on[/link]"
QUOTE = (
    f"Quotation in the text {SHARED}\n\n"
    f"\u201c{QUOTE_WORDS} \x1b]52;c;{CLIPBOARD}\x07 and on,\u201d said Jane "
    f"[red]Doe[/red]\x1b[2J, the {SHARED} minister.\n"
)

ARTICLES: dict[str | bytes, str] = {
    "quote.txt": QUOTE,
    "escapes.txt": f"Escapes in the text {SHARED}\n\n{ESCAPES}\n",
    "markup.txt": f"Markup in the text {SHARED}\n\n{MARKUP}\n",
    "scripts.txt": f"Scripts in the text {SHARED}\n\n{SCRIPTS}\n",
    "title.txt": (
        f"[bold]Breaking[/bold] \x1b]52;c;{CLIPBOARD}\x07 {SHARED} \x1b[2J headline\n\n"
        f"The body of the {SHARED} article with a hostile headline.\n"
    ),
    f"\x1b]52;c;{CLIPBOARD}\x07 \x1b[2Jnamed.txt": (
        f"Hostile file name {SHARED}\n\nThis {SHARED} article has a hostile file name.\n"
    ),
    b"caf\xe9 latin1 name.txt": (
        f"Latin-1 file name {SHARED}\n\nThis {SHARED} article's name is not UTF-8.\n"
    ),
}
# Files that are skipped, so their hostile names reach only the skipped summary.
SKIPPED: dict[str, bytes] = {
    f"\x1b]52;c;{CLIPBOARD}\x07 \x1b[2Jempty.txt": b"",
    "\x1b]0;owned\x07binary.txt": b"\x00\x01\x02\x03" * 64,
}
# What must be on screen exactly as typed.
LITERALS = (
    "[bold]as typed[/bold]",
    "[link=file:///etc/passwd]click me[/link]",
    "[/]",
    "[red on white]loud[/]",
    ":warning:",
    RTL,
    HEBREW,
    FAMILY,
    FLAG,
    MATH,
    "Z\u0351\u0364\u036b",
    "[bold]Breaking[/bold]",
)

# Any C0 control but newline, DEL, and the C1 controls (U+0080-U+009F).
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
SGR = re.compile(r"\x1b\[[0-9;]*m")
# Sequences that change the terminal rather than style text: OSC (clipboard,
# title, hyperlinks), clearing the screen, and the bell.
TERMINAL_TAKEOVER = re.compile(r"\x1b\]|\x1b\[[0-9;]*J|\x07|\x9b|\x9d")


def write_hostile_corpus(root: Path) -> None:
    for name, text in [*ARTICLES.items(), *SKIPPED.items()]:
        write_file(root, name, text)


def squeeze(text: str) -> str:
    """`text` without whitespace and table borders, so wrapped cells still read as typed."""
    return re.sub(r"[\s│┃║|─━═┆┊]+", "", text)


def missing_literals(text: str) -> list[str]:
    """Which hostile payloads do not appear as typed in `text`."""
    flat = squeeze(text)
    return [literal for literal in LITERALS if squeeze(literal) not in flat]
