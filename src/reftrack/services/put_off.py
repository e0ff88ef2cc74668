"""`snooze`, `done` and `unsnooze`: put an item of `today` off, dismiss it, or bring it back."""

from __future__ import annotations

from datetime import date

from reftrack.domain.put_off import PutOffItem, PutOffRow, item_key, item_state, put_aside
from reftrack.domain.reminders import Reminder
from reftrack.errors import ReftrackError
from reftrack.invocation import reftrack
from reftrack.services.runtime import Runtime
from reftrack.services.today import reminders_on
from reftrack.store.reads import queries


def _due_today(rt: Runtime) -> dict[str, Reminder]:
    """Today's items, put off or not, by key."""
    with rt.transaction() as session:
        return {item_key(item): item for item in reminders_on(session, rt, rt.today)}


def _item(rt: Runtime, key: str) -> Reminder:
    item = _due_today(rt).get(key)
    if item is None:
        raise ReftrackError(
            f"no item '{key}' in today's list", f"see the keys in `{reftrack()} today --all`"
        )
    return item


def _put_off(rt: Runtime, key: str, until: date | None, state: str | None) -> None:
    """Write the item's one row: a new one, or the old one changed (the journal sees both)."""
    from reftrack.store.models import PutOff

    with rt.transaction(write=True) as session:
        row = queries.put_off(session, rt.rep, key)
        if row is None:
            row = PutOff(rep=rt.rep, key=key, put_off_on=rt.today, recorded_at=rt.now)
        row.until = until
        row.state = state
        row.put_off_on = rt.today
        row.recorded_at = rt.now
        session.add(row)


def snooze(rt: Runtime, key: str, until: date) -> PutOffItem:
    """Hide an item of today's list until a later day."""
    item = _item(rt, key)
    _put_off(rt, key, until, None)
    return PutOffItem(key, item, until, dismissed=False)


def dismiss(rt: Runtime, key: str) -> PutOffItem:
    """Dismiss an item of today's list until it changes (a birthday: until next year's)."""
    item = _item(rt, key)
    _put_off(rt, key, None, item_state(item))
    return PutOffItem(key, item, None, dismissed=True)


def bring_back(rt: Runtime, key: str) -> PutOffItem:
    """Undo a snooze or a dismissal: the item shows again while it is due."""
    with rt.transaction() as session:
        row = queries.put_off(session, rt.rep, key)
        if row is None or (row.until is not None and row.until <= rt.today):
            raise ReftrackError(
                f"'{key}' is neither snoozed nor dismissed", f"see `{reftrack()} snooze --list`"
            )
        was = PutOffItem(key, None, row.until, row.until is None)
    item = _due_today(rt).get(key)
    with rt.transaction(write=True) as session:
        row = queries.put_off(session, rt.rep, key)
        if row is not None:
            session.delete(row)
    return PutOffItem(key, item, was.until, was.dismissed)


def put_off_items(rt: Runtime) -> list[PutOffItem]:
    """What is put off now: snoozed items, then dismissed ones still as they were."""
    with rt.transaction() as session:
        rows = [
            PutOffRow(row.key, row.until, row.state)
            for row in queries.put_offs(session, rt.rep, rt.today)
        ]
        due = reminders_on(session, rt, rt.today)
    aside = put_aside(due, rows, rt.today)
    by_key = {row.key: row for row in rows}
    snoozed = [PutOffItem(item_key(i), i, by_key[item_key(i)].until, False) for i in aside.snoozed]
    # A snooze can outlive its item (the close was asked about): still listed, it still hides.
    snoozed_keys = {entry.key for entry in snoozed}
    snoozed += [
        PutOffItem(row.key, None, row.until, False)
        for row in rows
        if row.until is not None and row.key not in snoozed_keys
    ]
    snoozed.sort(key=lambda entry: (entry.until or rt.today, entry.key))
    dismissed = [PutOffItem(item_key(i), i, None, True) for i in aside.dismissed]
    return snoozed + sorted(dismissed, key=lambda entry: entry.key)


def complete_keys(rt: Runtime, typed: str, put_off: bool) -> list[str]:
    """Keys starting with what was typed: of today's items, or of those put off."""
    with rt.read() as session:
        rows = [
            PutOffRow(row.key, row.until, row.state)
            for row in queries.put_offs(session, rt.rep, rt.today)
        ]
        due = [] if put_off else reminders_on(session, rt, rt.today)
    keys = (
        [row.key for row in rows]
        if put_off
        else [item_key(item) for item in put_aside(due, rows, rt.today).shown]
    )
    wanted = typed.strip().lower()
    return sorted({key for key in keys if key.startswith(wanted)})
