"""Copy text so it can be pasted, whatever the terminal supports.

OSC 52 (through `App.copy_to_clipboard`) works in most terminals but silently
does nothing in some (macOS Terminal, tmux without set-clipboard). So the text
also goes to a system clipboard tool when one is usable, and always to a file
in the user cache directory, and the user is told where it went.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from platformdirs import user_cache_dir
from textual.app import App

_TOOLS: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("wl-copy", (), "WAYLAND_DISPLAY"),
    ("xclip", ("-selection", "clipboard"), "DISPLAY"),
    ("xsel", ("--clipboard", "--input"), "DISPLAY"),
    ("pbcopy", (), None if sys.platform == "darwin" else "__never__"),
    ("clip.exe", (), None if "microsoft" in os.uname().release.lower() else "__never__"),
)


def copy_file() -> Path:
    """Where the last copied text is kept (`~/.cache/sourcedesk/clipboard.txt` on Linux)."""
    return Path(user_cache_dir("sourcedesk")) / "clipboard.txt"


def system_tool() -> tuple[str, ...] | None:
    """The command line of a clipboard tool that can work in this session, if any."""
    for name, args, needs_env in _TOOLS:
        if needs_env is not None and not os.environ.get(needs_env):
            continue
        found = shutil.which(name)
        if found:
            return (found, *args)
    return None


def _run_tool(command: tuple[str, ...], text: str) -> bool:
    try:
        done = subprocess.run(command, input=text.encode(), timeout=2, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def copy_text(app: App, text: str) -> str:
    """Copy `text` everywhere that works and return a sentence saying where.

    The text is cleaned first (no escape sequence, no undecodable byte): it goes to
    the terminal inside OSC 52 and into a UTF-8 file.
    """
    from index import display_name, write_atomically  # not needed for the first screen

    text = "\n".join(display_name(line) for line in text.split("\n"))
    app.copy_to_clipboard(text)
    places = ["terminal clipboard"]
    tool = system_tool()
    if tool and _run_tool(tool, text):
        places.append(Path(tool[0]).name)
    path = copy_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text + "\n")
        places.append(str(path))
    except OSError:
        pass
    return "Copied to " + ", ".join(places)
