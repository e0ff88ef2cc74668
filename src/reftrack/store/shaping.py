"""How rows are shaped after a read, shared by both read paths (SQLModel and stdlib sqlite3).

Free of database imports, so reftrack.store.fast and reftrack.store.queries use the same
code and give the same answers (issue 12).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def name_order(name: str, id: int) -> tuple[str, str, int]:
    """Sort key for names, the same on every database whatever its collation.

    Letters first, compared without case or accents ("émile" beside "Emma"), then the name
    itself by code point (so "Ann" and "ann" keep one order), then the id.
    """
    if name.isascii():
        # No accents to take off, and casefold is lower: the same key, without the walk
        # over every character that made sorting 3,000 names cost 8 ms of each write.
        return name.lower(), name, id
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain.casefold(), name, id


def named_in_order(
    rows: Iterable[tuple[int | None, str, str | None]],
) -> list[tuple[int, str, str | None]]:
    """(id, name, company) rows with an id, in name order."""
    named = [(id, name, company) for id, name, company in rows if id is not None]
    return sorted(named, key=lambda row: name_order(row[1], row[0]))
