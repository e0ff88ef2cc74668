"""Contacts and their important dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from reftrack.kinds import ContactKind
from reftrack.store.models import (
    Ask,
    Contact,
    GivenReferral,
    ImportantDate,
    Referral,
    Share,
    ThankYou,
    folded,
)
from reftrack.store.shaping import name_order, named_in_order


def contact_names(
    session: Session, rep: str, include_archived: bool = False
) -> Sequence[tuple[int, str, str | None]]:
    """(id, name, company) of the rep's contacts, for resolving a typed name."""
    query = select(col(Contact.id), col(Contact.name), col(Contact.company)).where(
        col(Contact.rep) == rep
    )
    if not include_archived:
        query = query.where(col(Contact.archived).is_(False))
    return named_in_order(session.exec(query).all())


def count_contacts(session: Session, rep: str) -> int:
    """How many contacts the rep has, archived ones included."""
    query = select(func.count()).select_from(Contact).where(col(Contact.rep) == rep)
    return session.exec(query).one()


def contacts(
    session: Session,
    rep: str,
    kind: ContactKind | None = None,
    include_archived: bool = False,
) -> Sequence[Contact]:
    """The rep's contacts, by name, maybe of one kind."""
    query = select(Contact).where(col(Contact.rep) == rep)
    if kind:
        query = query.where(col(Contact.kind) == kind)
    if not include_archived:
        query = query.where(col(Contact.archived).is_(False))
    found = session.exec(query).all()
    return sorted(found, key=lambda contact: name_order(contact.name, contact.id or 0))


def contact_refs(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, str | None, bool]]:
    """Name, company and whether archived, of some contacts, by id."""
    if not ids:
        return {}
    query = select(
        col(Contact.id), col(Contact.name), col(Contact.company), col(Contact.archived)
    ).where(col(Contact.id).in_(set(ids)))
    return {
        id: (name, company, archived)
        for id, name, company, archived in session.exec(query)
        if id is not None
    }


def contacts_named(session: Session, rep: str, name: str) -> Sequence[Contact]:
    """The rep's contacts (archived too) whose name is exactly this, ignoring case.

    Compared on the stored fold (Python's casefold), so "ÉMILE" finds "Émile" on SQLite
    and PostgreSQL alike, whatever SQL's lower() would say.
    """
    query = select(Contact).where(col(Contact.rep) == rep, col(Contact.folded_name) == folded(name))
    return session.exec(query.order_by(col(Contact.id))).all()


def important_dates(session: Session, contact_ids: Sequence[int]) -> Sequence[ImportantDate]:
    """The important dates of some contacts."""
    if not contact_ids:
        return []
    query = select(ImportantDate).where(col(ImportantDate.contact_id).in_(contact_ids))
    order = col(ImportantDate.month), col(ImportantDate.day), col(ImportantDate.id)
    return session.exec(query.order_by(*order)).all()


def dates_on(
    session: Session, rep: str, month_days: Sequence[tuple[int, int]]
) -> Sequence[ImportantDate]:
    """Important dates falling on any of these (month, day) pairs."""
    if not month_days:
        return []
    months = sorted({month for month, _day in month_days})
    wanted = set(month_days)
    query = select(ImportantDate).where(
        col(ImportantDate.rep) == rep, col(ImportantDate.month).in_(months)
    )
    order = col(ImportantDate.month), col(ImportantDate.day), col(ImportantDate.id)
    return [d for d in session.exec(query.order_by(*order)).all() if (d.month, d.day) in wanted]


def last_touches(session: Session, contact_ids: Sequence[int]) -> dict[int, date]:
    """For some contacts, the latest ask, thank-you, introduction, share or report to them."""
    if not contact_ids:
        return {}
    wanted = set(contact_ids)
    latest: dict[int, date] = {}
    for model, day in (
        (Ask, col(Ask.asked_on)),
        (ThankYou, col(ThankYou.thanked_on)),
        (GivenReferral, col(GivenReferral.given_on)),
        (Share, col(Share.shared_on)),
    ):
        query = (
            select(col(model.contact_id), func.max(day))
            .where(col(model.contact_id).in_(wanted))
            .group_by(col(model.contact_id))
        )
        for contact_id, last in session.exec(query).all():
            if last and (contact_id not in latest or last > latest[contact_id]):
                latest[contact_id] = last
    informed = (
        select(col(Referral.referrer_id), func.max(col(Referral.informed_on)))
        .where(col(Referral.referrer_id).in_(wanted))
        .group_by(col(Referral.referrer_id))
    )
    for contact_id, told in session.exec(informed).all():
        if told and (contact_id not in latest or told > latest[contact_id]):
            latest[contact_id] = told
    return latest
