"""Goals and days off."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from reftrack.store.models import (
    DayOff,
    Goal,
)


def goals(session: Session, rep: str) -> Sequence[Goal]:
    """Every goal the rep has set, oldest first."""
    query = select(Goal).where(col(Goal.rep) == rep)
    return session.exec(query.order_by(col(Goal.effective_from), col(Goal.id))).all()


def days_off(session: Session, rep: str, first: date, last: date) -> Sequence[DayOff]:
    """The rep's days off in [first, last]."""
    query = select(DayOff).where(
        col(DayOff.rep) == rep, col(DayOff.day) >= first, col(DayOff.day) <= last
    )
    return session.exec(query.order_by(col(DayOff.day), col(DayOff.id))).all()


def all_days_off(session: Session, rep: str, first: date | None = None) -> Sequence[DayOff]:
    """The rep's days off, from `first` on when given."""
    query = select(DayOff).where(col(DayOff.rep) == rep)
    if first is not None:
        query = query.where(col(DayOff.day) >= first)
    return session.exec(query.order_by(col(DayOff.day), col(DayOff.id))).all()
