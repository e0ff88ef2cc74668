"""Entries by id: finding one of the rep's rows, naming it, and keeping a referral consistent.

Shared by `edit` and `delete` (services/edit.py, services/delete.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlmodel import Session, SQLModel

from reftrack.domain.edits import EntrySummary
from reftrack.domain.entries import EntryRef, no_such_entry
from reftrack.kinds import EntryKind, ReferralEventKind, ReferralStatus
from reftrack.services.runtime import Runtime
from reftrack.services.views import refs_by_id
from reftrack.store import queries
from reftrack.store.models import (
    Ask,
    Close,
    DayOff,
    GivenReferral,
    Goal,
    Referral,
    ReferralEvent,
    Score,
    Share,
    ThankYou,
)

MODELS: dict[EntryKind, type[SQLModel]] = {
    EntryKind.close: Close,
    EntryKind.ask: Ask,
    EntryKind.referral: Referral,
    EntryKind.event: ReferralEvent,
    EntryKind.thank: ThankYou,
    EntryKind.give: GivenReferral,
    EntryKind.share: Share,
    EntryKind.score: Score,
    EntryKind.day_off: DayOff,
    EntryKind.goal: Goal,
}
# The column holding the day an entry is about.
DAY_COLUMN: dict[EntryKind, str] = {
    EntryKind.close: "closed_on",
    EntryKind.ask: "asked_on",
    EntryKind.referral: "received_on",
    EntryKind.event: "happened_on",
    EntryKind.thank: "thanked_on",
    EntryKind.give: "given_on",
    EntryKind.share: "shared_on",
    EntryKind.score: "scored_on",
    EntryKind.day_off: "day",
    EntryKind.goal: "effective_from",
}


def load_entry(session: Session, rt: Runtime, ref: EntryRef, typed: str) -> Any:
    """The rep's row an id names; another rep's row, or none, is "no such entry"."""
    row = session.get(MODELS[ref.kind], ref.number)
    if row is None or getattr(row, "rep", None) != rt.rep:
        raise no_such_entry(typed)
    return row


def ref_of(kind: EntryKind, row: Any) -> EntryRef:
    """The id of a row of a known kind."""
    return EntryRef(kind, int(row.id or 0))


def summarize(session: Session, kind: EntryKind, row: Any) -> EntrySummary:
    """An entry as one line names it: its id, day, and the contact it is about."""
    contact_id: int | None = getattr(row, "contact_id", None)
    if kind == EntryKind.referral:
        contact_id = row.prospect_id
    elif kind == EntryKind.event:
        referral = session.get(Referral, row.referral_id)
        contact_id = referral.prospect_id if referral else None
    about = refs_by_id(session, [contact_id])[contact_id].label if contact_id else None
    day: date = getattr(row, DAY_COLUMN[kind])
    return EntrySummary(ref_of(kind, row), day, about)


def is_arrival(event: ReferralEvent, history: Sequence[ReferralEvent]) -> bool:
    """Whether a step is its referral's arrival: the first one, at status new."""
    return bool(history) and history[0].id == event.id


def history_of(session: Session, referral: Referral) -> list[ReferralEvent]:
    """A referral's steps, oldest first (its arrival first)."""
    steps = list(queries.referral_events(session, [referral.id or 0]))
    # The arrival comes first even when a later step was dated back before it by mistake.
    steps.sort(key=lambda e: (not _arrives(e), e.happened_on, e.id or 0))
    return steps


def _arrives(event: ReferralEvent) -> bool:
    return event.kind == ReferralEventKind.status and event.status == ReferralStatus.new


def resync_referral(referral: Referral, history: Sequence[ReferralEvent]) -> None:
    """Set a referral's status, status day and last report from the steps it has left."""
    moves = [e for e in history if e.kind == ReferralEventKind.status and e.status is not None]
    if moves:
        # The latest move recorded is where it stands, as `referral update` left it.
        latest = max(moves, key=lambda e: (not _arrives(e), e.id or 0))
        if latest.status is not None:
            referral.status = latest.status
        referral.status_changed_on = latest.happened_on
    reports = [e.happened_on for e in history if e.kind == ReferralEventKind.inform]
    referral.informed_on = max(reports) if reports else None
