"""Items of `today` put off: snoozed or dismissed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, or_, select

from reftrack.store.models import PutOff


def put_offs(session: Session, rep: str, today: date) -> Sequence[PutOff]:
    """The rep's items still put off on `today`: dismissed, or snoozed until a later day."""
    query = select(PutOff).where(
        col(PutOff.rep) == rep, or_(col(PutOff.until).is_(None), col(PutOff.until) > today)
    )
    return session.exec(query.order_by(col(PutOff.key), col(PutOff.id))).all()


def put_off(session: Session, rep: str, key: str) -> PutOff | None:
    """The rep's row for one item key, if it was ever put off."""
    query = select(PutOff).where(col(PutOff.rep) == rep, col(PutOff.key) == key)
    return session.exec(query).first()
