"""`undo`: take back the rep's last command that wrote, and list what the journal holds."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pendulum
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from reftrack.domain.journal import (
    OperationView,
    RowChange,
    conflict_message,
    conflicts,
    found_as,
)
from reftrack.errors import ReftrackError
from reftrack.invocation import reftrack
from reftrack.services.runtime import Runtime
from reftrack.store import journal

# How far back `undo --list` looks unless told.
LIST_LIMIT = 10


def _local(rt: Runtime, at: datetime | None) -> datetime | None:
    """A journal instant in the rep's time zone."""
    if at is None:
        return None
    return pendulum.instance(at).in_timezone(rt.settings.timezone)


def _view(rt: Runtime, operation: journal.JournaledOperation) -> OperationView:
    recorded_at = _local(rt, operation.recorded_at)
    assert recorded_at is not None
    return OperationView(
        id=operation.id,
        command=operation.command,
        recorded_at=recorded_at,
        undone_at=_local(rt, operation.undone_at),
        changes=tuple(
            RowChange(c.table, c.row_id, c.kind, c.before, c.after) for c in operation.changes
        ),
    )


def journal_list(rt: Runtime, limit: int = LIST_LIMIT) -> list[OperationView]:
    """The rep's newest commands that wrote, newest first, undone ones marked."""
    with rt.transaction() as session:
        return [_view(rt, operation) for operation in journal.operations(session, rt.rep, limit)]


def more_to_undo(rt: Runtime) -> bool:
    """Whether a command that wrote is still left to undo."""
    with rt.transaction() as session:
        return bool(journal.operations(session, rt.rep, 1, pending_only=True))


def _last(session: Session, rt: Runtime) -> OperationView:
    found = journal.operations(session, rt.rep, 1, pending_only=True)
    if not found:
        raise ReftrackError(
            "nothing to undo: no command that wrote is left in the journal",
            f"see `{reftrack()} undo --list`",
        )
    return _view(rt, found[0])


def undo_last(rt: Runtime, force: bool = False) -> OperationView:
    """Take back the newest command not yet undone: every row put back as it was before it.

    A row changed since (outside the journal) makes it refuse, unless `force`. The undo
    itself is not journaled: run again, it walks further back.
    """
    with rt.transaction() as session:
        operation = _last(session, rt)
        _check(session, operation, force)
    with rt.transaction(write=True, journaled=False) as session:
        # Again under the write lock: another command may have written meanwhile.
        again = _last(session, rt)
        if again.id != operation.id:
            raise ReftrackError(
                "another command wrote while undo was starting; nothing was undone",
                f"run `{reftrack()} undo` again",
            )
        _check(session, again, force)
        try:
            journal.restore(session, found_as(again.changes))
            journal.mark_undone(session, again.id, rt.utc_now)
            session.flush()
        except IntegrityError:
            raise ReftrackError(
                f"cannot undo `{again.command}`: rows written since still depend on it",
                "undo or delete those first",
            ) from None
    return replace(again, undone_at=_local(rt, rt.utc_now))


def _check(session: Session, operation: OperationView, force: bool) -> None:
    """Refuse an operation whose rows have changed since, unless forced."""
    if force:
        return
    current = journal.current_rows(session, [change.key for change in operation.changes])
    found = conflicts(operation.changes, current)
    if found:
        raise ReftrackError(
            conflict_message(operation, found), f"`{reftrack()} undo --force` undoes it anyway"
        )
