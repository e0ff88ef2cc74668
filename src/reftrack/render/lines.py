"""A few lines of output, written by Rich only where Rich would write something else.

A write (`ask`, `close`, `thank`) answers in two or three lines. Where no terminal codes
go out (NO_COLOR, or stdout is no terminal, as Rich itself decides), Rich would write
each line's text exactly as it is, so importing it would be most of the cost of the
answer (issue 12). Such lines go out as they are here; anything else — a terminal, or
text Rich or rule 11 would change (a control or bidi character, a tab) — goes through
`render.output.console` as before.
"""

from __future__ import annotations

import builtins
import os
import sys
from collections.abc import Sequence

# A piece of a line: text, or (text, style) for text in a style of its own.
Part = str | tuple[str, str]
# A line: its own style ("" for none) and its pieces, as Rich's `Text.assemble` takes them.
Line = tuple[str, tuple[Part, ...]]


def line(*parts: Part, style: str = "") -> Line:
    """One line of output from its pieces, in a style of its own if given."""
    return style, parts


def _text(line: Line) -> str:
    return "".join(part if isinstance(part, str) else part[0] for part in line[1])


def styles_off() -> bool:
    """Whether Rich would write no terminal code to stdout (see `rich.Console.is_terminal`).

    NO_COLOR takes every colour system away (`render.output.console`); otherwise a
    console that is not a terminal has none. Jupyter, which Rich colours, is left to Rich.
    """
    if os.environ.get("NO_COLOR", ""):
        return True
    if hasattr(builtins, "get_ipython"):
        return False
    if getattr(sys.stdin, "__module__", "").startswith("idlelib"):
        return True
    tty_compatible = os.environ.get("TTY_COMPATIBLE", "")
    if tty_compatible in ("0", "1"):
        return tty_compatible == "0"
    force_color = os.environ.get("FORCE_COLOR")
    if force_color is not None:
        return force_color == ""
    isatty = getattr(sys.stdout, "isatty", None)
    try:
        return isatty is None or not isatty()
    except ValueError:
        return True


def print_lines(lines: Sequence[Line]) -> None:
    """Print lines on stdout: as they are when Rich would print them so, else through Rich."""
    texts = [_text(line) for line in lines]
    # Printable text (no control, bidi, tab or other non-printing character) is what Rich,
    # soft-wrapping and styleless, writes unchanged, and what rule 11 leaves alone.
    if styles_off() and all(text.isprintable() for text in texts):
        sys.stdout.write("".join(text + "\n" for text in texts))
        sys.stdout.flush()  # as Rich does after each print
        return
    from rich.text import Text

    from reftrack.render.output import console

    out = console()
    for style, parts in lines:
        out.print(Text.assemble(*parts, style=style))
