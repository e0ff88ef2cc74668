"""Referrals and their dated history."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from reftrack.kinds import ReferralStatus
from reftrack.store.models import (
    Referral,
    ReferralEvent,
)


def referrals(
    session: Session,
    rep: str,
    statuses: Collection[ReferralStatus] | None = None,
    referrer_id: int | None = None,
    prospect_id: int | None = None,
) -> Sequence[Referral]:
    """The rep's referrals, newest first, narrowed as asked (to some statuses, say)."""
    query = select(Referral).where(col(Referral.rep) == rep)
    if statuses is not None:
        query = query.where(col(Referral.status).in_(list(statuses)))
    if referrer_id is not None:
        query = query.where(col(Referral.referrer_id) == referrer_id)
    if prospect_id is not None:
        query = query.where(col(Referral.prospect_id) == prospect_id)
    return session.exec(
        query.order_by(col(Referral.received_on).desc(), col(Referral.id).desc())
    ).all()


def referral_events(session: Session, referral_ids: Sequence[int]) -> Sequence[ReferralEvent]:
    """The history of some referrals, oldest first."""
    if not referral_ids:
        return []
    query = select(ReferralEvent).where(col(ReferralEvent.referral_id).in_(set(referral_ids)))
    return session.exec(query.order_by(col(ReferralEvent.happened_on), col(ReferralEvent.id))).all()


def count_referrals(session: Session, rep: str, first: date, last: date) -> int:
    """Referrals received in [first, last]."""
    query = (
        select(func.count())
        .select_from(Referral)
        .where(
            col(Referral.rep) == rep,
            col(Referral.received_on) >= first,
            col(Referral.received_on) <= last,
        )
    )
    return session.exec(query).one()


def referrals_in_status(
    session: Session, rep: str, statuses: Collection[ReferralStatus], first: date
) -> Sequence[Referral]:
    """The rep's referrals in one of some statuses, received on or after `first`."""
    query = select(Referral).where(
        col(Referral.rep) == rep,
        col(Referral.status).in_(list(statuses)),
        col(Referral.received_on) >= first,
    )
    return session.exec(query.order_by(col(Referral.received_on), col(Referral.id))).all()


def referrals_untold_since(
    session: Session, rep: str, statuses: Collection[ReferralStatus], first: date
) -> Sequence[Referral]:
    """Referrals in some statuses, changed on or after `first`, the referrer not told since."""
    query = select(Referral).where(
        col(Referral.rep) == rep,
        col(Referral.status_changed_on) >= first,
        col(Referral.status).in_(list(statuses)),
        or_(
            col(Referral.informed_on).is_(None),
            col(Referral.informed_on) < col(Referral.status_changed_on),
        ),
    )
    return session.exec(query.order_by(col(Referral.status_changed_on), col(Referral.id))).all()


def referrals_by_id(session: Session, ids: Collection[int]) -> dict[int, Referral]:
    """Some referrals, by id."""
    if not ids:
        return {}
    query = select(Referral).where(col(Referral.id).in_(set(ids)))
    return {row.id: row for row in session.exec(query).all() if row.id is not None}


def referrals_received_between(
    session: Session, rep: str, first: date, last: date
) -> Sequence[Referral]:
    """Referrals received in [first, last]."""
    query = select(Referral).where(
        col(Referral.rep) == rep,
        col(Referral.received_on) >= first,
        col(Referral.received_on) <= last,
    )
    return session.exec(query.order_by(col(Referral.received_on), col(Referral.id))).all()


def referral_counts_by_referrer(session: Session, contact_ids: Sequence[int]) -> dict[int, int]:
    """How many referrals each of some contacts has sent, all time."""
    if not contact_ids:
        return {}
    query = (
        select(col(Referral.referrer_id), func.count())
        .where(col(Referral.referrer_id).in_(set(contact_ids)))
        .group_by(col(Referral.referrer_id))
    )
    return dict(session.exec(query).all())


def statuses_reached(
    session: Session, referral_ids: Sequence[int]
) -> dict[int, set[ReferralStatus]]:
    """Every status each of some referrals was ever moved to, by referral id."""
    reached: dict[int, set[ReferralStatus]] = {id: set() for id in referral_ids}
    if not referral_ids:
        return reached
    query = select(col(ReferralEvent.referral_id), col(ReferralEvent.status)).where(
        col(ReferralEvent.referral_id).in_(set(referral_ids)),
        col(ReferralEvent.status).is_not(None),
    )
    for referral_id, status in session.exec(query).all():
        if status is not None:
            reached[referral_id].add(status)
    return reached
