"""Closes: deals won and lost."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from reftrack.store.models import (
    Ask,
    Close,
)


def latest_close_without_ask(session: Session, contact_id: int, on: date) -> Close | None:
    """The contact's latest close on or before `on` that no ask is tied to yet."""
    asked = select(col(Ask.close_id)).where(
        col(Ask.contact_id) == contact_id, col(Ask.close_id).isnot(None)
    )
    query = (
        select(Close)
        .where(col(Close.contact_id) == contact_id, col(Close.closed_on) <= on)
        .where(col(Close.id).not_in(asked))
        .order_by(col(Close.closed_on).desc(), col(Close.id).desc())
    )
    return session.exec(query).first()


def latest_close(session: Session, contact_id: int) -> Close | None:
    """The contact's most recent close."""
    query = (
        select(Close)
        .where(col(Close.contact_id) == contact_id)
        .order_by(col(Close.closed_on).desc(), col(Close.id).desc())
    )
    return session.exec(query).first()


def closes_between(session: Session, rep: str, first: date, last: date) -> Sequence[Close]:
    """Closes in [first, last], oldest first."""
    query = select(Close).where(
        col(Close.rep) == rep, col(Close.closed_on) >= first, col(Close.closed_on) <= last
    )
    return session.exec(query.order_by(col(Close.closed_on), col(Close.id))).all()
