"""The reads services need, each selecting only what it uses, each backed by an index."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from reftrack.store.models import (
    Ask,
    Close,
    Contact,
    DayOff,
    GivenReferral,
    Goal,
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


def contact_refs(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, str | None, bool]]:
    """Name, company and whether archived, of some contacts, by id."""
    if not ids:
        return {}
    query = select(Contact.id, Contact.name, Contact.company, Contact.archived).where(
        col(Contact.id).in_(set(ids))
    )
    return {id: (name, company, archived) for id, name, company, archived in session.exec(query)}


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


def share_of(session: Session, contact_id: int, content: str | None) -> Share | None:
    """The latest share of this content (of anything, when None) with this contact."""
    query = select(Share).where(Share.contact_id == contact_id)
    if content is not None:
        query = query.where(func.lower(Share.content) == content.lower())
    query = query.order_by(col(Share.shared_on).desc(), col(Share.id).desc())
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


def goals(session: Session, rep: str) -> Sequence[Goal]:
    """Every goal the rep has set, oldest first."""
    query = select(Goal).where(Goal.rep == rep)
    return session.exec(query.order_by(Goal.effective_from, Goal.id)).all()


def days_off(session: Session, rep: str, first: date, last: date) -> Sequence[DayOff]:
    """The rep's days off in [first, last]."""
    query = select(DayOff).where(DayOff.rep == rep, DayOff.day >= first, DayOff.day <= last)
    return session.exec(query.order_by(DayOff.day)).all()


def all_days_off(session: Session, rep: str, first: date | None = None) -> Sequence[DayOff]:
    """The rep's days off, from `first` on when given."""
    query = select(DayOff).where(DayOff.rep == rep)
    if first is not None:
        query = query.where(DayOff.day >= first)
    return session.exec(query.order_by(DayOff.day)).all()


def count_referrals(session: Session, rep: str, first: date, last: date) -> int:
    """Referrals received in [first, last]."""
    query = (
        select(func.count())
        .select_from(Referral)
        .where(Referral.rep == rep, Referral.received_on >= first, Referral.received_on <= last)
    )
    return session.exec(query).one()


def count_asks(session: Session, rep: str, first: date, last: date) -> int:
    """Asks made in [first, last]."""
    query = (
        select(func.count())
        .select_from(Ask)
        .where(Ask.rep == rep, Ask.asked_on >= first, Ask.asked_on <= last)
    )
    return session.exec(query).one()


def ask_days(session: Session, rep: str, first: date, last: date) -> set[date]:
    """The days in [first, last] with at least one ask."""
    query = (
        select(Ask.asked_on)
        .where(Ask.rep == rep, Ask.asked_on >= first, Ask.asked_on <= last)
        .distinct()
    )
    return set(session.exec(query).all())


def closes_between(session: Session, rep: str, first: date, last: date) -> Sequence[Close]:
    """Closes in [first, last], oldest first."""
    query = select(Close).where(Close.rep == rep, Close.closed_on >= first, Close.closed_on <= last)
    return session.exec(query.order_by(Close.closed_on, Close.id)).all()


def ask_days_of(session: Session, contact_ids: Sequence[int], first: date) -> dict[int, list[date]]:
    """For some contacts, the days they were asked on or after `first`."""
    if not contact_ids:
        return {}
    query = select(Ask.contact_id, Ask.asked_on).where(
        col(Ask.contact_id).in_(set(contact_ids)), Ask.asked_on >= first
    )
    days: dict[int, list[date]] = {}
    for contact_id, day in session.exec(query).all():
        days.setdefault(contact_id, []).append(day)
    return days


def waiting_asks(session: Session, rep: str, first: date, today: date) -> Sequence[Ask]:
    """Promised or pending asks whose follow-up day fell in [first, today]."""
    query = select(Ask).where(
        Ask.rep == rep,
        col(Ask.outcome).in_(("promised", "pending")),
        Ask.follow_up_on >= first,
        Ask.follow_up_on <= today,
    )
    return session.exec(query).all()


def latest_ask_ids(session: Session, contact_ids: Sequence[int]) -> dict[int, int]:
    """For some contacts, the id of the latest ask made of them (latest day, then entry)."""
    if not contact_ids:
        return {}
    query = select(Ask.contact_id, Ask.asked_on, Ask.id).where(
        col(Ask.contact_id).in_(set(contact_ids))
    )
    latest: dict[int, tuple[date, int]] = {}
    for contact_id, day, id in session.exec(query).all():
        if contact_id not in latest or (day, id) > latest[contact_id]:
            latest[contact_id] = (day, id)
    return {contact_id: id for contact_id, (_day, id) in latest.items()}


def referrals_with_status(
    session: Session, rep: str, status: str, first: date
) -> Sequence[Referral]:
    """The rep's referrals in one status, received on or after `first`."""
    query = select(Referral).where(
        Referral.rep == rep, Referral.status == status, Referral.received_on >= first
    )
    return session.exec(query.order_by(Referral.received_on, Referral.id)).all()


def referrals_untold_since(session: Session, rep: str, first: date) -> Sequence[Referral]:
    """Referrals whose status changed on or after `first` with the referrer not told since."""
    query = select(Referral).where(
        Referral.rep == rep,
        Referral.status_changed_on >= first,
        Referral.status != "new",
        or_(col(Referral.informed_on).is_(None), Referral.informed_on < Referral.status_changed_on),
    )
    return session.exec(query.order_by(Referral.status_changed_on, Referral.id)).all()


def referrals_received_between(
    session: Session, rep: str, first: date, last: date
) -> Sequence[Referral]:
    """Referrals received in [first, last]."""
    query = select(Referral).where(
        Referral.rep == rep, Referral.received_on >= first, Referral.received_on <= last
    )
    return session.exec(query.order_by(Referral.received_on, Referral.id)).all()


def dates_on(
    session: Session, rep: str, month_days: Sequence[tuple[int, int]]
) -> Sequence[ImportantDate]:
    """Important dates falling on any of these (month, day) pairs."""
    if not month_days:
        return []
    months = sorted({month for month, _day in month_days})
    wanted = set(month_days)
    query = select(ImportantDate).where(
        ImportantDate.rep == rep, col(ImportantDate.month).in_(months)
    )
    return [d for d in session.exec(query).all() if (d.month, d.day) in wanted]


def referral_counts_by_referrer(session: Session, contact_ids: Sequence[int]) -> dict[int, int]:
    """How many referrals each of some contacts has sent, all time."""
    if not contact_ids:
        return {}
    query = (
        select(Referral.referrer_id, func.count())
        .where(col(Referral.referrer_id).in_(set(contact_ids)))
        .group_by(Referral.referrer_id)
    )
    return dict(session.exec(query).all())


def given_counts(session: Session, contact_ids: Sequence[int]) -> dict[int, int]:
    """How many introductions each of some contacts has received from the rep."""
    if not contact_ids:
        return {}
    query = (
        select(GivenReferral.contact_id, func.count())
        .where(col(GivenReferral.contact_id).in_(set(contact_ids)))
        .group_by(GivenReferral.contact_id)
    )
    return dict(session.exec(query).all())


def last_touches(session: Session, contact_ids: Sequence[int]) -> dict[int, date]:
    """For some contacts, the latest ask, thank-you, introduction, share or report to them."""
    if not contact_ids:
        return {}
    wanted = set(contact_ids)
    latest: dict[int, date] = {}
    for model, day in (
        (Ask, Ask.asked_on),
        (ThankYou, ThankYou.thanked_on),
        (GivenReferral, GivenReferral.given_on),
        (Share, Share.shared_on),
    ):
        query = (
            select(model.contact_id, func.max(day))
            .where(col(model.contact_id).in_(wanted))
            .group_by(model.contact_id)
        )
        for contact_id, last in session.exec(query).all():
            if last and (contact_id not in latest or last > latest[contact_id]):
                latest[contact_id] = last
    informed = (
        select(Referral.referrer_id, func.max(Referral.informed_on))
        .where(col(Referral.referrer_id).in_(wanted))
        .group_by(Referral.referrer_id)
    )
    for contact_id, last in session.exec(informed).all():
        if last and (contact_id not in latest or last > latest[contact_id]):
            latest[contact_id] = last
    return latest


def scores_since(session: Session, rep: str, first: date) -> Sequence[Score]:
    """Scorecards dated on or after `first`, oldest first."""
    query = select(Score).where(Score.rep == rep, Score.scored_on >= first)
    return session.exec(query.order_by(Score.scored_on, Score.id)).all()


def asks_per_day(session: Session, rep: str, first: date, last: date) -> dict[date, int]:
    """How many asks each day in [first, last] saw (days without asks left out)."""
    query = (
        select(Ask.asked_on, func.count())
        .where(Ask.rep == rep, Ask.asked_on >= first, Ask.asked_on <= last)
        .group_by(Ask.asked_on)
    )
    return dict(session.exec(query).all())


def reached_status(session: Session, referral_ids: Sequence[int], status: str) -> set[int]:
    """Which of some referrals ever reached a status."""
    if not referral_ids:
        return set()
    query = select(ReferralEvent.referral_id).where(
        col(ReferralEvent.referral_id).in_(set(referral_ids)), ReferralEvent.status == status
    )
    return set(session.exec(query).all())
