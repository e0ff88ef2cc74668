"""Asks: who was asked when, and what came of it."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from reftrack.kinds import Outcome
from reftrack.store.models import (
    Ask,
)
from reftrack.store.queries.rows import rows_of_contact


def asks_on(session: Session, rep: str, day: date) -> int:
    """How many asks the rep logged on one day."""
    query = (
        select(func.count()).select_from(Ask).where(col(Ask.rep) == rep, col(Ask.asked_on) == day)
    )
    return session.exec(query).one()


def count_asks(session: Session, rep: str, first: date, last: date) -> int:
    """Asks made in [first, last]."""
    query = (
        select(func.count())
        .select_from(Ask)
        .where(col(Ask.rep) == rep, col(Ask.asked_on) >= first, col(Ask.asked_on) <= last)
    )
    return session.exec(query).one()


def ask_days(session: Session, rep: str, first: date, last: date) -> set[date]:
    """The days in [first, last] with at least one ask."""
    query = (
        select(col(Ask.asked_on))
        .where(col(Ask.rep) == rep, col(Ask.asked_on) >= first, col(Ask.asked_on) <= last)
        .distinct()
    )
    return set(session.exec(query).all())


def ask_days_of(session: Session, contact_ids: Sequence[int], first: date) -> dict[int, list[date]]:
    """For some contacts, the days they were asked on or after `first`."""
    if not contact_ids:
        return {}
    query = select(col(Ask.contact_id), col(Ask.asked_on)).where(
        col(Ask.contact_id).in_(set(contact_ids)), col(Ask.asked_on) >= first
    )
    days: dict[int, list[date]] = {}
    for contact_id, day in session.exec(query).all():
        days.setdefault(contact_id, []).append(day)
    return days


def asks_due(
    session: Session, rep: str, outcomes: Collection[Outcome], first: date, today: date
) -> Sequence[Ask]:
    """Asks with one of `outcomes` whose follow-up day fell in [first, today]."""
    query = select(Ask).where(
        col(Ask.rep) == rep,
        col(Ask.outcome).in_(list(outcomes)),
        col(Ask.follow_up_on) >= first,
        col(Ask.follow_up_on) <= today,
    )
    return session.exec(query).all()


def latest_ask_ids(session: Session, contact_ids: Sequence[int]) -> dict[int, int]:
    """For some contacts, the id of the latest ask made of them (latest day, then entry)."""
    if not contact_ids:
        return {}
    query = select(col(Ask.contact_id), col(Ask.asked_on), col(Ask.id)).where(
        col(Ask.contact_id).in_(set(contact_ids))
    )
    latest: dict[int, tuple[date, int]] = {}
    for contact_id, day, id in session.exec(query).all():
        if id is None:
            continue
        if contact_id not in latest or (day, id) > latest[contact_id]:
            latest[contact_id] = (day, id)
    return {contact_id: id for contact_id, (_day, id) in latest.items()}


def asks_per_day(session: Session, rep: str, first: date, last: date) -> dict[date, int]:
    """How many asks each day in [first, last] saw (days without asks left out)."""
    query = (
        select(col(Ask.asked_on), func.count())
        .where(col(Ask.rep) == rep, col(Ask.asked_on) >= first, col(Ask.asked_on) <= last)
        .group_by(col(Ask.asked_on))
    )
    return dict(session.exec(query).all())


def asks_of_contact(session: Session, contact_id: int) -> Sequence[Ask]:
    """The asks made of a contact, newest first."""
    return rows_of_contact(session, Ask, contact_id, "asked_on")
