"""A rep's name: the same rule for `--rep`, `team add` and the `rep` setting.

On PostgreSQL a rep is a database role, whose name holds at most 63 bytes; a name
one place accepts must be one every other place accepts too.
"""

from __future__ import annotations

# PostgreSQL's NAMEDATALEN - 1: the longest role name the server keeps whole.
REP_BYTES = 63
REP_RULE = "a rep's name is 1 to 63 bytes of text, without control characters"


def rep_problem(name: str) -> str | None:
    """Why `name` cannot be a rep's name, or None when it can."""
    if not name.strip():
        return "it is empty"
    if len(name.encode("utf-8", "surrogatepass")) > REP_BYTES:
        return f"it is longer than {REP_BYTES} bytes"
    if any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in name):
        return "it holds a control character"
    return None
