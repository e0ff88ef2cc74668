"""Reads that work the same on any table of the record."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select


def rows_of_contact(session: Session, model: type, contact_id: int, order: str) -> Sequence:
    """All rows of one kind recorded with a contact, newest first."""
    query = select(model).where(model.contact_id == contact_id)
    return session.exec(
        query.order_by(col(getattr(model, order)).desc(), col(model.id).desc())
    ).all()


def since(session: Session, model: type, rep: str, day_field: str, first: date | None) -> Sequence:
    """A rep's rows of one kind dated on or after `first` (all of them when None)."""
    day = getattr(model, day_field)
    query = select(model).where(model.rep == rep)
    if first is not None:
        query = query.where(day >= first)
    return session.exec(query).all()
