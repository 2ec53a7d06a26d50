"""The console script's first step, kept free of heavy imports.

Importing the command line pulls in Whoosh, Rich and Textual, which takes a
moment; a Ctrl-C in that moment, or before the command's own handler is in
place, must end quietly like one pressed later, not with a traceback.
"""

from __future__ import annotations

import sys


def main() -> int:
    try:
        from tui.cli import main as run_command_line

        return run_command_line()
    except KeyboardInterrupt:
        print("sourcedesk: interrupted", file=sys.stderr)
        return 130
