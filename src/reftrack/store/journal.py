"""The operation journal: every row a command writes, kept in the same transaction, for `undo`.

A write transaction given a `JournalEntry` watches its session: before each flush it reads,
from the database, each row about to be updated or deleted (and the rows a database cascade
would take with it); after each flush it notes each row inserted. At commit it reads every
touched row once more and writes one `operation` (shared by all the write transactions of
one command) and one `operation_change` per row whose values moved, before and after as the
database holds them. No command needs code of its own: any SQLModel table is journaled,
except the journal's own. Rows written by Core statements (the demo's bulk insert) are not.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Table, event, insert, inspect, select, update
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel import Session, SQLModel

from reftrack.kinds import ChangeKind
from reftrack.store import models  # noqa: F401  (registers every table on the metadata)
from reftrack.store.journal_values import JournalEntry, Values, dumped, encode

JOURNAL_TABLES = frozenset({"operation", "operation_change"})
# Rows read back at once: well under every engine's limit on bound parameters.
BATCH = 500

RowKey = tuple[str, int]


@dataclass(frozen=True)
class JournaledChange:
    """One row an operation changed: its values before (None: it was new) and after."""

    table: str
    row_id: int
    kind: ChangeKind
    before: Values | None
    after: Values | None


@dataclass(frozen=True)
class JournaledOperation:
    """One command that wrote, with every row it changed, in the order they were recorded."""

    id: int
    command: str
    recorded_at: datetime
    undone_at: datetime | None
    changes: tuple[JournaledChange, ...] = field(default=())


def _tables() -> dict[str, Table]:
    return dict(SQLModel.metadata.tables)


def _python_type(column_type: TypeEngine[Any]) -> type | None:
    """The Python type a column holds (a decorated type's own), None where it has none."""
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    try:
        return column_type.python_type
    except NotImplementedError:
        return None


def _decode(table: Table, values: Values) -> dict[str, Any]:
    """Journal values as the table's columns take them back."""
    decoded: dict[str, Any] = {}
    for name, value in values.items():
        if name not in table.c:
            continue
        kind = _python_type(table.c[name].type)
        if value is not None and kind is datetime:
            value = datetime.fromisoformat(value)
        elif value is not None and kind is date:
            value = date.fromisoformat(value)
        decoded[name] = value
    return decoded


def read_rows(connection: Connection, keys: Iterable[RowKey]) -> dict[RowKey, Values | None]:
    """The current values of each row (None for a row that is not there), read in batches."""
    tables = _tables()
    wanted: dict[str, list[int]] = {}
    for table_name, row_id in keys:
        wanted.setdefault(table_name, []).append(row_id)
    found: dict[RowKey, Values | None] = {}
    for table_name, ids in wanted.items():
        table = tables[table_name]
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            found.update(dict.fromkeys(((table_name, i) for i in chunk), None))
            rows = connection.execute(select(table).where(table.c.id.in_(chunk))).mappings()
            for row in rows:
                found[(table_name, row["id"])] = encode(row)
    return found


class _Recorder:
    """Watches one write session and journals what it changed when it commits."""

    def __init__(self, entry: JournalEntry) -> None:
        self.entry = entry
        # Each row touched, with its values when first touched (None: it did not exist).
        self.before: dict[RowKey, Values | None] = {}
        self.operation_id: int | None = None

    def _key(self, instance: Any) -> RowKey | None:
        mapper = inspect(instance).mapper
        table = mapper.local_table
        if not isinstance(table, Table) or table.name in JOURNAL_TABLES:
            return None
        if table.name not in SQLModel.metadata.tables or "id" not in table.c:
            return None
        row_id = getattr(instance, "id", None)
        return (table.name, row_id) if isinstance(row_id, int) else None

    def _remember(self, connection: Connection, keys: list[RowKey]) -> None:
        fresh = [key for key in keys if key not in self.before]
        if fresh:
            self.before.update(read_rows(connection, fresh))

    def _cascades(self, connection: Connection, parent: RowKey) -> list[RowKey]:
        """The rows the database deletes with `parent` (ON DELETE CASCADE), deepest first."""
        found: list[RowKey] = []
        for table in SQLModel.metadata.sorted_tables:
            if table.name in JOURNAL_TABLES:
                continue
            for foreign in table.foreign_keys:
                cascades = (foreign.ondelete or "").upper() == "CASCADE"
                if not cascades or foreign.column.table.name != parent[0]:
                    continue
                ids = connection.execute(
                    select(table.c.id).where(foreign.parent == parent[1])
                ).scalars()
                for row_id in ids:
                    child = (table.name, int(row_id))
                    found += [*self._cascades(connection, child), child]
        return found

    def before_flush(self, session: Session, _context: Any, _instances: Any) -> None:
        """Read the rows this flush is about to change or delete, as they are now."""
        connection = session.connection()
        changing: list[RowKey] = []
        for instance in session.deleted:
            key = self._key(instance)
            if key is not None:
                changing += [*self._cascades(connection, key), key]
        for instance in [*session.dirty, *session.new]:
            key = self._key(instance)
            # A new row with an id of its own may replace one deleted earlier.
            if key is not None and (instance in session.new or session.is_modified(instance)):
                changing.append(key)
        self._remember(connection, changing)

    def after_flush(self, session: Session, _context: Any) -> None:
        """Note the rows this flush inserted: they did not exist before."""
        for instance in session.new:
            key = self._key(instance)
            if key is not None:
                self.before.setdefault(key, None)

    def before_commit(self, session: Session) -> None:
        """Write the operation and its changes, in the transaction about to commit.

        A SAVEPOINT's release (`db.inserted`) fires this event too: only the outer commit
        writes, or every change would be journaled once per savepoint.
        """
        if session.in_nested_transaction():
            return
        session.flush()
        if not self.before:
            return
        connection = session.connection()
        after = read_rows(connection, self.before)
        rows: list[dict[str, Any]] = []
        for (table_name, row_id), before in self.before.items():
            now = after[(table_name, row_id)]
            if before == now:
                continue
            kind = (
                ChangeKind.insert
                if before is None
                else ChangeKind.delete
                if now is None
                else ChangeKind.update
            )
            rows.append(
                {
                    "table_name": table_name,
                    "row_id": row_id,
                    "kind": kind,
                    "before": dumped(before),
                    "after": dumped(now),
                }
            )
        if not rows:
            return
        tables = _tables()
        operation_id = self.entry.operation_id
        if operation_id is None:
            operation = tables["operation"]
            operation_id = connection.execute(
                insert(operation)
                .values(
                    rep=self.entry.rep,
                    command=self.entry.command,
                    recorded_at=self.entry.recorded_at,
                )
                .returning(operation.c.id)
            ).scalar_one()
        self.operation_id = operation_id
        connection.execute(
            insert(tables["operation_change"]),
            [{**row, "operation_id": operation_id, "rep": self.entry.rep} for row in rows],
        )

    def after_commit(self, _session: Session) -> None:
        """The operation is stored: later write transactions of the command add to it."""
        if self.operation_id is not None:
            self.entry.operation_id = self.operation_id


def watch(session: Session, entry: JournalEntry) -> None:
    """Journal every change made through `session` as part of `entry`'s operation."""
    recorder = _Recorder(entry)
    session.info["reftrack_journal"] = recorder
    event.listen(session, "before_flush", recorder.before_flush)
    event.listen(session, "after_flush", recorder.after_flush)
    event.listen(session, "before_commit", recorder.before_commit)
    event.listen(session, "after_commit", recorder.after_commit)


def note_inserted(session: Session, table_name: str, row_id: int) -> None:
    """Tell the journal of a row a Core statement inserted (the ORM sees only its own)."""
    recorder = session.info.get("reftrack_journal")
    if isinstance(recorder, _Recorder):
        recorder.before.setdefault((table_name, row_id), None)


def _change(row: Mapping[Any, Any]) -> JournaledChange:
    return JournaledChange(
        table=row["table_name"],
        row_id=row["row_id"],
        kind=ChangeKind(row["kind"]),
        before=None if row["before"] is None else json.loads(row["before"]),
        after=None if row["after"] is None else json.loads(row["after"]),
    )


def operations(
    session: Session, rep: str, limit: int, pending_only: bool = False
) -> list[JournaledOperation]:
    """The rep's newest operations, newest first, each with its changes in recorded order."""
    tables = _tables()
    operation, change = tables["operation"], tables["operation_change"]
    query = select(operation).where(operation.c.rep == rep)
    if pending_only:
        query = query.where(operation.c.undone_at.is_(None))
    found = session.execute(query.order_by(operation.c.id.desc()).limit(limit)).mappings().all()
    changes: dict[int, list[JournaledChange]] = {row["id"]: [] for row in found}
    if changes:
        rows = session.execute(
            select(change)
            .where(change.c.operation_id.in_(list(changes)))
            .order_by(change.c.operation_id, change.c.id)
        ).mappings()
        for row in rows:
            changes[row["operation_id"]].append(_change(row))
    return [
        JournaledOperation(
            id=row["id"],
            command=row["command"],
            recorded_at=row["recorded_at"],
            undone_at=row["undone_at"],
            changes=tuple(changes[row["id"]]),
        )
        for row in found
    ]


def current_rows(session: Session, keys: Iterable[RowKey]) -> dict[RowKey, Values | None]:
    """The rows as they are now, in the journal's form (None for a row that is gone)."""
    return read_rows(session.connection(), keys)


def restore(session: Session, wanted: Mapping[RowKey, Values | None]) -> None:
    """Make each row what `wanted` says: re-insert, put back, or delete (None).

    Rows come back parents first and go children first, so no foreign key is broken on
    the way; what is there now decides between insert and update.
    """
    tables = _tables()
    order = {table.name: n for n, table in enumerate(SQLModel.metadata.sorted_tables)}
    now = current_rows(session, wanted)
    connection = session.connection()
    keys = sorted(wanted, key=lambda key: (order[key[0]], key[1]))
    for key in keys:
        values = wanted[key]
        table = tables[key[0]]
        if values is None:
            continue
        decoded = _decode(table, values)
        if now[key] is None:
            connection.execute(insert(table).values(**decoded))
        elif now[key] != values:
            statement = update(table).where(table.c.id == key[1]).values(**decoded)
            connection.execute(statement)
    for key in reversed(keys):
        table = tables[key[0]]
        if wanted[key] is None and now[key] is not None:
            connection.execute(table.delete().where(table.c.id == key[1]))


def mark_undone(session: Session, operation_id: int, at: datetime) -> None:
    """Record that an operation was undone, so the next undo walks further back."""
    operation = _tables()["operation"]
    session.execute(update(operation).where(operation.c.id == operation_id).values(undone_at=at))
