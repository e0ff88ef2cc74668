"""Bulk writes: many rows of a table in one statement, with ids no stored row holds.

Used by the demo, which writes a generated history whole: row by row through the ORM it
would take minutes, and the ids it sets itself must not collide with another rep's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, text
from sqlmodel import Session, SQLModel


def fresh_ids(session: Session, table: str, count: int) -> list[int]:
    """`count` ids for new rows of `table` that no stored row holds, rising.

    On SQLite they follow the highest one stored (the caller holds the write lock); on
    PostgreSQL they are drawn from the table's sequence, which a rep may use without
    seeing the other reps' rows, and which then stays ahead of the ids written.
    """
    if session.get_bind().dialect.name == "postgresql":
        drawn = session.execute(
            text(
                f"SELECT nextval(pg_get_serial_sequence('\"{table}\"', 'id')) "
                "FROM generate_series(1, :count)"
            ),
            {"count": count},
        )
        return sorted(drawn.scalars())
    highest = session.execute(text(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')).scalar_one()
    return list(range(highest + 1, highest + 1 + count))


def insert_rows(session: Session, model: type[SQLModel], rows: Sequence[dict[str, Any]]) -> None:
    """Insert every row of `rows` into `model`'s table in one executemany."""
    if rows:
        session.execute(insert(model), list(rows))
