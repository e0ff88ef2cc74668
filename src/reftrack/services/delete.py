"""`delete ID` and `goal rm`: take back one recorded entry, and what hangs on it if asked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlmodel import Session

from reftrack.domain.edits import Deleted, EntrySummary
from reftrack.domain.entries import EntryRef, parse_entry_id
from reftrack.domain.goals import goal_in_force
from reftrack.errors import ReftrackError, UsageProblem
from reftrack.invocation import reftrack
from reftrack.kinds import EntryKind
from reftrack.services.entries import (
    history_of,
    is_arrival,
    load_entry,
    resync_referral,
    summarize,
)
from reftrack.services.runtime import Runtime
from reftrack.store import queries
from reftrack.store.models import Goal, Referral, ReferralEvent


class HasDependants(ReftrackError):
    """An entry others hang on, deleted without `--cascade`."""


def delete_entry(rt: Runtime, typed: str, cascade: bool = False) -> Deleted:
    """Delete the entry `typed` names; with `cascade`, what hangs on it too."""
    ref = parse_entry_id(typed)
    with rt.transaction() as session:
        _delete(session, rt, ref, typed, cascade, write=False)
    with rt.transaction(write=True) as session:
        # Again under the write lock: something may have been hung on it meanwhile.
        return _delete(session, rt, ref, typed, cascade, write=True)


def preview_delete(rt: Runtime, typed: str, cascade: bool = False) -> Deleted:
    """What `delete_entry` would delete, deleting nothing: for the confirmation."""
    ref = parse_entry_id(typed)
    with rt.transaction() as session:
        return _delete(session, rt, ref, typed, cascade, write=False)


def _delete(
    session: Session, rt: Runtime, ref: EntryRef, typed: str, cascade: bool, write: bool
) -> Deleted:
    row = load_entry(session, rt, ref, typed)
    referral: Referral | None = None
    history: list[ReferralEvent] = []
    if ref.kind == EntryKind.event:
        referral = session.get(Referral, row.referral_id)
        assert referral is not None
        history = history_of(session, referral)
        if is_arrival(row, history):
            raise ReftrackError(
                f"{ref} is referral r{referral.id} arriving", f"delete r{referral.id}"
            )
    entry = summarize(session, ref.kind, row)
    doomed = _dependants(session, ref.kind, row)
    shown = [summarize(session, kind, r) for kind, r in doomed if _is_shown(session, kind, r)]
    if shown and not cascade:
        listed = ", ".join(str(s.ref) for s in shown)
        raise HasDependants(
            f"{ref} has entries that hang on it: {listed}",
            f"delete them with it: {reftrack()} delete {ref} --cascade",
        )
    if write:
        # The deepest first, so nothing is left pointing at a row that is gone.
        # No relationships are mapped, so the unit of work cannot order the deletes itself.
        for _kind, dependant in reversed(doomed):
            session.delete(dependant)
            session.flush()
        session.delete(row)
        session.flush()
        if referral is not None:
            left = [e for e in history if e.id != row.id]
            resync_referral(referral, left)
            session.add(referral)
    return Deleted(entry, tuple(shown))


def _dependants(session: Session, kind: EntryKind, row: Any) -> list[tuple[EntryKind, Any]]:
    """What hangs on an entry, each before what hangs on it in turn."""
    found: list[tuple[EntryKind, Any]] = []
    if kind == EntryKind.close:
        for ask in queries.asks_of_close(session, row.id):
            found += [(EntryKind.ask, ask), *_dependants(session, EntryKind.ask, ask)]
    elif kind == EntryKind.ask:
        for referral in queries.referrals_of_ask(session, row.id):
            found += [
                (EntryKind.referral, referral),
                *_dependants(session, EntryKind.referral, referral),
            ]
    elif kind == EntryKind.referral:
        found += [(EntryKind.event, e) for e in history_of(session, row)]
        found += [(EntryKind.thank, t) for t in queries.thanks_for_referral(session, row.id)]
    return found


def _is_shown(session: Session, kind: EntryKind, row: Any) -> bool:
    """Whether a dependant counts as one: a referral's arrival is the referral itself."""
    if kind != EntryKind.event:
        return True
    assert isinstance(row, ReferralEvent)
    referral = session.get(Referral, row.referral_id)
    return referral is None or not is_arrival(row, history_of(session, referral))


def remove_goals(rt: Runtime, which: Sequence[str]) -> list[EntrySummary]:
    """Remove goals, each named by its id (`g2`) or a day (the goal in force that day)."""
    with rt.transaction() as session:
        _goals_named(session, rt, which)
    with rt.transaction(write=True) as session:
        rows = _goals_named(session, rt, which)
        removed = [summarize(session, EntryKind.goal, row) for row in rows]
        for row in rows:
            session.delete(row)
        return removed


def _goals_named(session: Session, rt: Runtime, which: Sequence[str]) -> list[Goal]:
    goals = list(queries.goals(session, rt.rep))
    found: dict[int, Goal] = {}
    for typed in which:
        row = _goal_named(session, rt, goals, typed)
        found.setdefault(row.id or 0, row)
    return list(found.values())


def _goal_named(session: Session, rt: Runtime, goals: list[Goal], typed: str) -> Goal:
    text = typed.strip()
    if text[:1].lower() == "g" and text[1:].lstrip("#").isdigit():
        ref = parse_entry_id(text)
        row: Goal = load_entry(session, rt, ref, typed)
        return row
    try:
        day: date = rt.date(text, "goal rm")
    except UsageProblem as problem:
        raise UsageProblem(
            f"'{text}' is neither a goal id nor a date",
            "name a goal by its id (g2, as `goal show` prints it) or by a day it is in force",
        ) from problem
    from reftrack.domain.goals import GoalSpec

    specs = [GoalSpec(g.target, g.period, g.rate, g.effective_from, g.id) for g in goals]
    spec = goal_in_force(specs, day)
    if spec is None:
        raise ReftrackError(f"no goal is in force on {day}", f"see `{reftrack()} goal show`")
    return next(g for g in goals if g.id == spec.id)
