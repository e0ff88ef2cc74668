"""The reads services need, each selecting only what it uses, each backed by an index."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from reftrack.store.models import (
    Ask,
    Close,
    Contact,
    GivenReferral,
    ImportantDate,
    Referral,
    ReferralEvent,
    Score,
    Share,
    ThankYou,
)


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


def contact_refs(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, str | None]]:
    """Name and company of some contacts, by id."""
    if not ids:
        return {}
    query = select(Contact.id, Contact.name, Contact.company).where(col(Contact.id).in_(set(ids)))
    return {id: (name, company) for id, name, company in session.exec(query).all()}


def latest_close_without_ask(session: Session, contact_id: int, on: date) -> Close | None:
    """The contact's latest close on or before `on` that no ask is tied to yet."""
    asked = select(Ask.close_id).where(Ask.contact_id == contact_id, col(Ask.close_id).isnot(None))
    query = (
        select(Close)
        .where(Close.contact_id == contact_id, Close.closed_on <= on)
        .where(col(Close.id).not_in(asked))
        .order_by(col(Close.closed_on).desc(), col(Close.id).desc())
    )
    return session.exec(query).first()


def latest_close(session: Session, contact_id: int) -> Close | None:
    """The contact's most recent close."""
    query = (
        select(Close)
        .where(Close.contact_id == contact_id)
        .order_by(col(Close.closed_on).desc(), col(Close.id).desc())
    )
    return session.exec(query).first()


def asks_on(session: Session, rep: str, day: date) -> int:
    """How many asks the rep logged on one day."""
    query = select(func.count()).select_from(Ask).where(Ask.rep == rep, Ask.asked_on == day)
    return session.exec(query).one()


def contacts_named(session: Session, rep: str, name: str) -> Sequence[Contact]:
    """The rep's contacts (archived too) whose name is exactly this, ignoring ASCII case."""
    query = select(Contact).where(Contact.rep == rep, func.lower(Contact.name) == name.lower())
    return session.exec(query.order_by(Contact.id)).all()


def referrals(
    session: Session,
    rep: str,
    status: str | None = None,
    referrer_id: int | None = None,
    prospect_id: int | None = None,
    open_only: bool = False,
) -> Sequence[Referral]:
    """The rep's referrals, newest first, narrowed as asked."""
    query = select(Referral).where(Referral.rep == rep)
    if status:
        query = query.where(Referral.status == status)
    if open_only:
        query = query.where(col(Referral.status).not_in(("won", "lost")))
    if referrer_id is not None:
        query = query.where(Referral.referrer_id == referrer_id)
    if prospect_id is not None:
        query = query.where(Referral.prospect_id == prospect_id)
    return session.exec(
        query.order_by(col(Referral.received_on).desc(), col(Referral.id).desc())
    ).all()


def referral_events(session: Session, referral_ids: Sequence[int]) -> Sequence[ReferralEvent]:
    """The history of some referrals, oldest first."""
    if not referral_ids:
        return []
    query = select(ReferralEvent).where(col(ReferralEvent.referral_id).in_(set(referral_ids)))
    return session.exec(query.order_by(ReferralEvent.happened_on, ReferralEvent.id)).all()


def thank_you_days(session: Session, contact_ids: Sequence[int]) -> dict[int, list[date]]:
    """The days each of some contacts was thanked."""
    if not contact_ids:
        return {}
    query = select(ThankYou.contact_id, ThankYou.thanked_on).where(
        col(ThankYou.contact_id).in_(set(contact_ids))
    )
    days: dict[int, list[date]] = {}
    for contact_id, day in session.exec(query).all():
        days.setdefault(contact_id, []).append(day)
    return days


def rows_of_contact(session: Session, model: type, contact_id: int, order: str) -> Sequence:
    """All rows of one kind recorded with a contact, newest first."""
    query = select(model).where(model.contact_id == contact_id)
    return session.exec(
        query.order_by(col(getattr(model, order)).desc(), col(model.id).desc())
    ).all()


def asks_of_contact(session: Session, contact_id: int) -> Sequence[Ask]:
    """The asks made of a contact, newest first."""
    return rows_of_contact(session, Ask, contact_id, "asked_on")


def latest_score(session: Session, contact_id: int) -> Score | None:
    """A contact's most recent scorecard."""
    query = (
        select(Score)
        .where(Score.contact_id == contact_id)
        .order_by(col(Score.scored_on).desc(), col(Score.id).desc())
    )
    return session.exec(query).first()


def latest_scores(session: Session, rep: str) -> Sequence[Score]:
    """Each contact's most recent scorecard (active contacts only)."""
    latest = (
        select(Score.contact_id, func.max(Score.id).label("id"))
        .where(Score.rep == rep)
        .group_by(Score.contact_id)
        .subquery()
    )
    query = (
        select(Score)
        .join(latest, Score.id == latest.c.id)
        .join(Contact, Contact.id == Score.contact_id)
        .where(col(Contact.archived).is_(False))
    )
    return session.exec(query).all()


def shares(session: Session, rep: str) -> Sequence[Share]:
    """Every share of the rep, newest first."""
    query = select(Share).where(Share.rep == rep)
    return session.exec(query.order_by(col(Share.shared_on).desc(), col(Share.id).desc())).all()


def share_of(session: Session, contact_id: int, content: str) -> Share | None:
    """The latest share of this content with this contact, if any."""
    query = (
        select(Share)
        .where(Share.contact_id == contact_id, func.lower(Share.content) == content.lower())
        .order_by(col(Share.id).desc())
    )
    return session.exec(query).first()


def given_count(session: Session, contact_id: int) -> int:
    """How many introductions the rep has given to a contact."""
    query = (
        select(func.count())
        .select_from(GivenReferral)
        .where(GivenReferral.contact_id == contact_id)
    )
    return session.exec(query).one()


def since(session: Session, model: type, rep: str, day_field: str, first: date | None) -> Sequence:
    """A rep's rows of one kind dated on or after `first` (all of them when None)."""
    day = getattr(model, day_field)
    query = select(model).where(model.rep == rep)
    if first is not None:
        query = query.where(day >= first)
    return session.exec(query).all()
