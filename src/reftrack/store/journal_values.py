"""The operation journal's values, free of database imports: both write paths keep them alike.

A row is journaled as its columns in JSON, as the database holds them: instants in UTC,
dates as ISO text, enums as their values. The full path (reftrack.store.journal, on
SQLAlchemy) and the fast one (reftrack.store.fast_writes, on the stdlib sqlite3 module)
both encode with `encode`, so `undo` reads the same journal whichever path wrote it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

# A row as the journal keeps it: column name to a JSON value.
Values = dict[str, Any]


@dataclass
class JournalEntry:
    """The command whose writes are being journaled: one operation, however many transactions."""

    rep: str
    command: str
    recorded_at: datetime
    operation_id: int | None = None


def plain(value: Any) -> Any:
    """A column value as JSON can hold it; instants in UTC when they carry a zone."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def encode(row: Mapping[Any, Any]) -> Values:
    """A row's columns as the journal keeps them."""
    return {name: plain(value) for name, value in row.items()}


def dumped(values: Values | None) -> str | None:
    """A row's journaled values as stored in `operation_change` (None: no row)."""
    return None if values is None else json.dumps(values, sort_keys=True)
