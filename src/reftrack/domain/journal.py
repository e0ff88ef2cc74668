"""The rules of `undo`: what an operation changed, in sum, and whether it can be taken back.

An operation is undone by putting every row it touched back as it was before the operation
(the earliest `before`), provided each row still is as the operation left it (the latest
`after`); a row changed, deleted or re-created since is a conflict.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reftrack.kinds import ChangeKind

Values = dict[str, Any]
RowKey = tuple[str, int]


@dataclass(frozen=True)
class RowChange:
    """One row an operation inserted, updated or deleted, and the columns that moved."""

    table: str
    row_id: int
    kind: ChangeKind
    before: Values | None
    after: Values | None

    @property
    def key(self) -> RowKey:
        """The table and id of the row."""
        return (self.table, self.row_id)

    @property
    def fields(self) -> tuple[str, ...]:
        """The columns whose value moved (every column for an insert or a delete)."""
        before, after = self.before or {}, self.after or {}
        return tuple(
            sorted(name for name in {*before, *after} if before.get(name) != after.get(name))
        )


@dataclass(frozen=True)
class OperationView:
    """One command that wrote: when, what was typed, and the rows it changed."""

    id: int
    command: str
    recorded_at: datetime
    undone_at: datetime | None
    changes: tuple[RowChange, ...]

    @property
    def counts(self) -> list[tuple[str, ChangeKind, int]]:
        """How many rows of each table it inserted, updated, deleted, in a stable order."""
        counted = Counter((change.table, change.kind) for change in self.changes)
        order = list(ChangeKind)
        return [
            (table, kind, count)
            for (table, kind), count in sorted(
                counted.items(), key=lambda item: (order.index(item[0][1]), item[0][0])
            )
        ]


@dataclass(frozen=True)
class Conflict:
    """A row the operation touched that has changed since: how, and which columns."""

    table: str
    row_id: int
    how: str
    fields: tuple[str, ...] = ()


CHANGED, DELETED, RECREATED = "changed", "deleted", "re-created"


def left_as(changes: tuple[RowChange, ...]) -> dict[RowKey, Values | None]:
    """Each row as the operation left it: its latest `after`."""
    final: dict[RowKey, Values | None] = {}
    for change in changes:
        final[change.key] = change.after
    return final


def found_as(changes: tuple[RowChange, ...]) -> dict[RowKey, Values | None]:
    """Each row as the operation found it: its earliest `before` (None: it did not exist)."""
    first: dict[RowKey, Values | None] = {}
    for change in changes:
        first.setdefault(change.key, change.before)
    return first


def conflicts(
    changes: tuple[RowChange, ...], current: dict[RowKey, Values | None]
) -> list[Conflict]:
    """The rows that are no longer as the operation left them, in the order it touched them."""
    found: list[Conflict] = []
    for (table, row_id), expected in left_as(changes).items():
        now = current.get((table, row_id))
        if now == expected:
            continue
        if now is None:
            found.append(Conflict(table, row_id, DELETED))
        elif expected is None:
            found.append(Conflict(table, row_id, RECREATED))
        else:
            moved = sorted(
                name for name in {*now, *expected} if now.get(name) != expected.get(name)
            )
            found.append(Conflict(table, row_id, CHANGED, tuple(moved)))
    return found


def conflict_message(operation: OperationView, found: list[Conflict]) -> str:
    """One line naming what changed since the operation, for the refusal."""
    first = found[0]
    what = f"{first.table.replace('_', ' ')} {first.row_id} was {first.how} since"
    if first.fields:
        what += f" ({', '.join(first.fields)})"
    more = f", and {len(found) - 1} more row{'s' * (len(found) > 2)}" if len(found) > 1 else ""
    return f"cannot undo `{operation.command}`: {what}{more}"
