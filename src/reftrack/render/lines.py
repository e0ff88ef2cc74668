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


# Select Graphic Rendition codes of the styles these lines use, as Rich writes them:
# attributes first, in Rich's order, then the foreground colour (a named colour is the
# same code in every colour system Rich picks).
_ATTRIBUTES = {"bold": "1", "dim": "2", "italic": "3", "underline": "4"}
_COLOURS = {
    "black": "30",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "white": "37",
}


def plain_terminal_codes() -> bool:
    """Whether stdout is a POSIX terminal on which Rich would write only SGR codes.

    Anything unusual (FORCE_COLOR, TTY_COMPATIBLE, Jupyter, a dumb terminal, Windows) is
    left to Rich, which knows its rules.
    """
    if os.name != "posix" or os.environ.get("NO_COLOR", ""):
        return False
    if any(name in os.environ for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")):
        return False
    if hasattr(builtins, "get_ipython") or os.environ.get("TERM", "").lower() in (
        "dumb",
        "unknown",
    ):
        return False
    isatty = getattr(sys.stdout, "isatty", None)
    try:
        return isatty is not None and bool(isatty())
    except ValueError:
        return False


def _codes(style: str) -> str | None:
    """The SGR codes of a style ("bold green"; a later colour wins), None if not known."""
    attributes: set[str] = set()
    colour = None
    for word in style.split():
        if word in _ATTRIBUTES:
            attributes.add(word)
        elif word in _COLOURS:
            colour = _COLOURS[word]
        else:
            return None
    codes = [code for name, code in _ATTRIBUTES.items() if name in attributes]
    return ";".join(codes + ([colour] if colour else []))


def _in_colour(line: Line) -> str | None:
    """One line with its styles as SGR codes, as Rich writes it; None where Rich must.

    Rich writes a segment per styled piece (two styled pieces side by side stay two) and
    one for each run of unstyled text between them, each in the line's style combined
    with the piece's, and each closed with a reset.
    """
    base, parts = line
    segments: list[tuple[str, str]] = []
    plain = ""
    for part in parts:
        text, style = (part, "") if isinstance(part, str) else part
        if not style:
            plain += text
        elif text:
            if plain:
                segments.append((plain, base))
                plain = ""
            segments.append((text, f"{base} {style}"))
    if plain:
        segments.append((plain, base))
    out: list[str] = []
    for text, style in segments:
        codes = _codes(style)
        if codes is None:
            return None
        out.append(f"\x1b[{codes}m{text}\x1b[0m" if codes else text)
    return "".join(out)


def print_lines(lines: Sequence[Line]) -> None:
    """Print lines on stdout: as they are when Rich would print them so, else through Rich."""
    texts = [_text(line) for line in lines]
    # Printable text (no control, bidi, tab or other non-printing character) is what Rich,
    # soft-wrapping and styleless, writes unchanged, and what rule 11 leaves alone.
    if all(text.isprintable() for text in texts):
        shown: Sequence[str | None] = texts
        if not styles_off():
            # At a terminal, the few styles these lines use are written as Rich would.
            shown = [_in_colour(line) for line in lines] if plain_terminal_codes() else [None]
        if all(text is not None for text in shown):
            sys.stdout.write("".join(f"{text}\n" for text in shown))
            sys.stdout.flush()  # as Rich does after each print
            return
    from rich.text import Text

    from reftrack.render.output import console

    out = console()
    for style, parts in lines:
        out.print(Text.assemble(*parts, style=style))
