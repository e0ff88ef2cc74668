"""Reads that work the same on any table of the record."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from sqlalchemy import inspect
from sqlmodel import Session, SQLModel, select

Row = TypeVar("Row", bound=SQLModel)


def rows_of_contact(
    session: Session, model: type[Row], contact_id: int, order: str
) -> Sequence[Row]:
    """All rows of one kind recorded with a contact, newest first."""
    columns = inspect(model).columns
    query = select(model).where(columns.contact_id == contact_id)
    return session.exec(query.order_by(columns[order].desc(), columns.id.desc())).all()


def since(
    session: Session, model: type[Row], rep: str, day_field: str, first: date | None
) -> Sequence[Row]:
    """A rep's rows of one kind dated on or after `first` (all of them when None)."""
    columns = inspect(model).columns
    query = select(model).where(columns.rep == rep)
    if first is not None:
        query = query.where(columns[day_field] >= first)
    return session.exec(query).all()
