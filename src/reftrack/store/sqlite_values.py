"""Values across the stdlib sqlite3 module as SQLAlchemy would pass them, for the fast path.

Bound as SQLAlchemy's SQLite dialect binds them (`stored`), read back as the full path's
column types read them (`run_sql`): the fast reads (reftrack.store.fast) and writes
(reftrack.store.fast_writes) and the full path agree on every byte stored (issue 12).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from reftrack import kinds
from reftrack.errors import DatabaseProblem
from reftrack.store.schema import in_words


class FastSession:
    """One read transaction on a sqlite3 connection; `info` as on a SQLModel Session."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.info: dict[str, Any] = {}

    def close(self) -> None:
        """End the read transaction and let go of the file."""
        self.connection.close()


# How SQLAlchemy's SQLite dialect stores an instant (its DATETIME storage format), in UTC.
STORED_INSTANT = "%Y-%m-%d %H:%M:%S.%f"


def stored(value: Any) -> Any:
    """A Python value as SQLAlchemy binds it for SQLite: enums by value, dates as ISO text,
    instants in UTC in the dialect's storage format, truth as 1 or 0."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise ValueError("an instant to store must carry its time zone")
        return value.astimezone(UTC).strftime(STORED_INSTANT)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _reader(how: str | None) -> Any:
    if how is None:
        return None
    if how == "date":
        return date.fromisoformat
    if how == "datetime":
        return datetime.fromisoformat
    if how == "utc":
        return _utc
    if how == "bool":
        return bool
    if how == "float":
        return float
    return getattr(kinds, how.removeprefix("enum:"))


def _utc(text: str) -> datetime:
    """A stored instant in UTC: naive text is UTC already; an offset is converted, as the
    full path's column type does."""
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.utcoffset() is None else moment.astimezone(UTC)


def unusable(error: sqlite3.Error) -> DatabaseProblem:
    """A driver error (locked, damaged, full, a constraint) as the one line the full path
    gives for it too."""
    return DatabaseProblem(f"the database could not be used: {in_words(str(error))}")


def run_sql(
    session: FastSession,
    sql: str,
    columns: Sequence[tuple[str, str | None]],
    params: dict[str, Any],
) -> list[tuple[Any, ...]]:
    """Run one statement: its rows, each column read back as `columns` says."""
    readers = [_reader(how) for _name, how in columns]
    try:
        rows = session.connection.execute(sql, params).fetchall()
    except sqlite3.DatabaseError as error:
        # Locked, damaged ("disk image is malformed"): one line, as on the full path.
        raise unusable(error) from None
    try:
        return [
            tuple(v if r is None or v is None else r(v) for r, v in zip(readers, row, strict=True))
            for row in rows
        ]
    except ValueError as error:
        # A value no reader takes (an outcome spelled by hand, a date that is no date).
        raise DatabaseProblem(
            f"the database holds a value this reftrack cannot read: {error}"
        ) from None
