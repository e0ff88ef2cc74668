"""The reads services need, each selecting only what it uses, each backed by an index."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from reftrack.store.models import Contact, ImportantDate


def contact_names(
    session: Session, rep: str, include_archived: bool = False
) -> Sequence[tuple[int, str, str | None]]:
    """(id, name, company) of the rep's contacts, for resolving a typed name."""
    query = select(Contact.id, Contact.name, Contact.company).where(Contact.rep == rep)
    if not include_archived:
        query = query.where(col(Contact.archived).is_(False))
    return session.exec(query.order_by(Contact.name, Contact.id)).all()


def contacts(
    session: Session, rep: str, kind: str | None = None, include_archived: bool = False
) -> Sequence[Contact]:
    """The rep's contacts, by name, maybe of one kind."""
    query = select(Contact).where(Contact.rep == rep)
    if kind:
        query = query.where(Contact.kind == kind)
    if not include_archived:
        query = query.where(col(Contact.archived).is_(False))
    return session.exec(query.order_by(Contact.name, Contact.id)).all()


def important_dates(session: Session, contact_ids: Sequence[int]) -> Sequence[ImportantDate]:
    """The important dates of some contacts."""
    if not contact_ids:
        return []
    query = select(ImportantDate).where(col(ImportantDate.contact_id).in_(contact_ids))
    return session.exec(query.order_by(ImportantDate.month, ImportantDate.day)).all()
