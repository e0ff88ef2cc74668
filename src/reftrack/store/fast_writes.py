"""The hot writes on the stdlib sqlite3 module: `ask`, `close` and `thank` without SQLModel.

A rep records an ask right after a close and waits for it; importing SQLModel and
building its tables costs more than the write (issue 12). As for the hot reads
(reftrack.store.fast), the SQL is not written here: scripts/fastsql.py compiles each
table's INSERT and row read from reftrack.store.models into reftrack.store.fastrows.

A `FastWriteSession` is one write transaction (BEGIN IMMEDIATE: the write lock from its
start, as on the full path) on a SQLite file already at this reftrack's schema. It
journals what it inserted as the full path's journal does (`journal_values.encode` of
each row read back), so `undo` cannot tell which path wrote. `insert` is the one way a
service adds a row on either path.
"""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace
from typing import Any

from reftrack import kinds
from reftrack.kinds import ChangeKind
from reftrack.store.fast import open_connection
from reftrack.store.fastrows import ROWS
from reftrack.store.journal_values import JournalEntry, Values, dumped, encode
from reftrack.store.sqlite_values import FastSession, run_sql, stored, unusable


class FastWriteSession(FastSession):
    """One write transaction on a sqlite3 connection, journaled as one command's operation."""

    def __init__(self, connection: sqlite3.Connection, entry: JournalEntry) -> None:
        super().__init__(connection)
        self.entry = entry
        self.inserted: list[tuple[str, int]] = []

    def insert(self, table: str, values: dict[str, Any]) -> SimpleNamespace:
        """Add one row; the row as values with its new `id`."""
        adding, _reading, columns = ROWS[table]
        named = {name for name, _how in columns} - {"id"}
        if set(values) != named:
            # Every column given: the fast path knows no model defaults, and a name the
            # table lacks is refused as the model's constructor refuses it.
            wrong = sorted(set(values) ^ named)
            raise TypeError(f"{table}: give exactly its columns (not: {', '.join(wrong)})")
        for name, how in columns:
            if how and how.startswith("enum:") and values[name] is not None:
                # Only the enum's values reach the table, as EnumText sees to on the full path.
                getattr(kinds, how.removeprefix("enum:"))(values[name])
        bound = {name: stored(values[name]) for name in named}
        row_id = self._execute(adding, bound).lastrowid
        assert row_id is not None
        self.inserted.append((table, row_id))
        return SimpleNamespace(
            **{name: values.get(name) for name, _how in columns} | {"id": row_id}
        )

    def commit(self) -> None:
        """Journal every row inserted as this command's operation, then commit."""
        changes = [(table, id, self._read_back(table, id)) for table, id in self.inserted]
        operation_id = self.entry.operation_id
        if changes and operation_id is None:
            operation_id = self._add(
                "operation",
                rep=self.entry.rep,
                command=self.entry.command,
                recorded_at=stored(self.entry.recorded_at),
                undone_at=None,
            )
        for table, row_id, after in changes:
            self._add(
                "operation_change",
                operation_id=operation_id,
                rep=self.entry.rep,
                table_name=table,
                row_id=row_id,
                kind=ChangeKind.insert.value,
                before=None,
                after=dumped(after),
            )
        try:
            self.connection.commit()
        except sqlite3.DatabaseError as error:
            raise unusable(error) from None
        # Later write transactions of the same command add to this operation.
        self.entry.operation_id = operation_id

    def rollback(self) -> None:
        """Give up the transaction: nothing it wrote stays."""
        if self.connection.in_transaction:
            self.connection.rollback()

    def _add(self, table: str, **values: Any) -> int:
        row_id = self._execute(ROWS[table][0], values).lastrowid
        assert row_id is not None
        return row_id

    def _read_back(self, table: str, row_id: int) -> Values:
        """The row as the database holds it, as the journal keeps it."""
        _adding, reading, columns = ROWS[table]
        (row,) = run_sql(self, reading, columns, {"id": row_id})
        return encode(dict(zip((name for name, _how in columns), row, strict=True)))

    def _execute(self, sql: str, values: dict[str, Any]) -> sqlite3.Cursor:
        try:
            return self.connection.execute(sql, values)
        except sqlite3.DatabaseError as error:
            # Locked, full, a constraint: one line, as on the full path.
            raise unusable(error) from None


def open_write(location: str, entry: JournalEntry) -> FastWriteSession | None:
    """A write session on the fast path, or None when the full path must serve."""
    connection = open_connection(location, write=True)
    return None if connection is None else FastWriteSession(connection, entry)


def insert(session: Any, table: str, **values: Any) -> Any:
    """Add one row to `table` on whichever path `session` is: the row, with its id."""
    if isinstance(session, FastWriteSession):
        return session.insert(table, values)
    from reftrack.store.models import Table

    (model,) = (m for m in Table.__subclasses__() if getattr(m, "__tablename__", "") == table)
    row = model(**values)
    session.add(row)
    session.flush()
    return row
