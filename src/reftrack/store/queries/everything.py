"""Reads and upkeep for moving a whole record in and out: export, restore, import."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from sqlalchemy import func, inspect, text
from sqlmodel import Session, SQLModel, select

Row = TypeVar("Row", bound=SQLModel)


def rows_of_rep(session: Session, model: type[Row], rep: str) -> Sequence[Row]:
    """Every row of one kind the rep owns, oldest id first."""
    columns = inspect(model).columns
    return session.exec(select(model).where(columns.rep == rep).order_by(columns.id)).all()


def holds_rows(session: Session, models: Iterable[type[SQLModel]]) -> bool:
    """Whether any of these tables holds a row, of any rep."""
    for model in models:
        columns = inspect(model).columns
        if session.exec(select(func.count()).select_from(model).where(columns.id > 0)).one():
            return True
    return False


def follow_ids(session: Session, models: Iterable[type[SQLModel]]) -> None:
    """After rows were written with ids of their own: let PostgreSQL's sequences go on after them.

    SQLite hands out max(id) + 1 by itself; nothing to do there.
    """
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for model in models:
        table = str(getattr(model, "__tablename__", ""))
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)'
            )
        )
