"""User text made safe to show: control and bidi characters become visible escapes.

A name, note or label is stored exactly as typed and comes back exact in JSON; only when it
is shown as text (a terminal, a cron mail, an error line) does a character that a terminal
would act on (ESC starting a sequence that clears the screen or retitles the window, BEL,
backspace, carriage return, DEL, the C1 controls) or that reorders what is read (bidi
overrides, isolates and marks) become its escape, `\\x1b` or `\\u202e`, in plain ASCII.

No Rich here: the error boundary imports this before anything heavy is loaded.
"""

from __future__ import annotations

# Bidi controls: embeddings and overrides, isolates, and the invisible direction marks.
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_ESCAPES: dict[int, str] = {code: _escape(code) for code in [*_CONTROLS, *_BIDI]}

# What a view of several lines may keep: a newline starts a line and a tab is spaces; neither
# can move the cursor back, clear or retitle anything.
LINES = "\n\t"


def _table(keep: str) -> dict[int, str]:
    return {code: escape for code, escape in _ESCAPES.items() if chr(code) not in keep}


_TABLES: dict[str, dict[int, str]] = {keep: _table(keep) for keep in ("", LINES)}


def visible(text: str, keep: str = LINES) -> str:
    """`text` with every control and bidi character shown as its escape, except `keep`.

    The default keeps newlines and tabs (a multi-line note stays multi-line); an error line
    passes `keep=""` so it stays one line whatever the user typed.
    """
    table = _TABLES.get(keep) or _table(keep)
    return text.translate(table)


def is_safe(text: str, keep: str = LINES) -> bool:
    """True when `text` holds no control or bidi character other than `keep`."""
    return visible(text, keep) == text


def unsafe_characters(text: str, keep: str = "") -> list[str]:
    """The control and bidi characters in `text` (other than `keep`), as escapes, in order."""
    return [_ESCAPES[ord(c)] for c in text if ord(c) in _ESCAPES and c not in keep]


def error_line(message: str) -> str:
    """An error as the one line on stderr: `reftrack: …`, user text in it shown safely."""
    return f"reftrack: {visible(message, keep='')}"


def print_plain(text: object) -> None:
    """Print one value as plain text on stdout (for scripts: no Rich), shown safely."""
    print(visible(str(text)))
