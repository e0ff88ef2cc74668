"""The program's entry: `reftrack --help` and `--version` answered before Typer is imported.

Both are asked of a tool more than anything but its work, and Typer alone costs more
than the answer (issue 12). `--version` is one line; the root `--help` is Typer's own
text, rendered ahead into reftrack.help_text by scripts/reference.py (a test fails when
it is stale, and another compares both ways byte for byte). Only that exact text is
served: any other command line, a terminal narrower than Typer's 80 columns (where it
wraps otherwise), or a shell asking for completions goes to the Typer app.
"""

from __future__ import annotations

import os
import sys

from reftrack import __version__

# Typer wraps help to min(terminal columns, 80) - 2: from 80 columns on, one text.
HELP_COLUMNS = 80


def columns() -> int:
    """The terminal's width as the standard library's `shutil.get_terminal_size` finds it
    (COLUMNS, else stdout's terminal, else 80), without importing shutil."""
    try:
        width = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        width = 0
    if width <= 0:
        try:
            width = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            width = 0
    return width if width > 0 else HELP_COLUMNS


def answer(words: list[str]) -> str | None:
    """What to print for a command line served without Typer, or None for the app."""
    if os.environ.get("_REFTRACK_COMPLETE"):
        return None
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8":
        # Click mends a stdout that cannot take the help's "—" and "…"; leave it to the app.
        return None
    if words == ["--version"]:
        return f"reftrack {__version__}\n"
    if words in (["--help"], ["-h"]) and columns() >= HELP_COLUMNS:
        from reftrack.help_text import ROOT_HELP

        return ROOT_HELP
    return None


def main() -> None:
    """Run reftrack as a program."""
    if sys.stdout is None:
        # Started with stdout closed (`>&-`): refused before anything is read or written,
        # as `ls` and `git` refuse it, rather than writing and not being able to say so.
        sys.stderr.write("reftrack: could not write the output: stdout is closed\n")
        raise SystemExit(1)
    text = answer(sys.argv[1:])
    if text is None:
        from reftrack.cli import main as run

        run()
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as the app does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except OSError as error:
        # A full disk, a terminal gone: one line, exit 1, as the app says it.
        sys.stderr.write(f"reftrack: could not write the output: {error.strerror}\n")
        raise SystemExit(1) from None
