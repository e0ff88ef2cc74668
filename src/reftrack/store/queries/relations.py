"""Thank-yous, introductions given, shares and scorecards."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from reftrack.store.models import (
    Contact,
    GivenReferral,
    Score,
    Share,
    ThankYou,
)


def thank_you_days(session: Session, contact_ids: Sequence[int]) -> dict[int, list[date]]:
    """The days each of some contacts was thanked."""
    if not contact_ids:
        return {}
    query = select(col(ThankYou.contact_id), col(ThankYou.thanked_on)).where(
        col(ThankYou.contact_id).in_(set(contact_ids))
    )
    days: dict[int, list[date]] = {}
    for contact_id, day in session.exec(query).all():
        days.setdefault(contact_id, []).append(day)
    return days


def given_count(session: Session, contact_id: int) -> int:
    """How many introductions the rep has given to a contact."""
    query = (
        select(func.count())
        .select_from(GivenReferral)
        .where(col(GivenReferral.contact_id) == contact_id)
    )
    return session.exec(query).one()


def given_counts(session: Session, contact_ids: Sequence[int]) -> dict[int, int]:
    """How many introductions each of some contacts has received from the rep."""
    if not contact_ids:
        return {}
    query = (
        select(col(GivenReferral.contact_id), func.count())
        .where(col(GivenReferral.contact_id).in_(set(contact_ids)))
        .group_by(col(GivenReferral.contact_id))
    )
    return dict(session.exec(query).all())


def shares(session: Session, rep: str) -> Sequence[Share]:
    """Every share of the rep, newest first."""
    query = select(Share).where(col(Share.rep) == rep)
    return session.exec(query.order_by(col(Share.shared_on).desc(), col(Share.id).desc())).all()


def share_of(session: Session, contact_id: int, content: str | None) -> Share | None:
    """The latest share of this content (of anything, when None) with this contact."""
    query = select(Share).where(col(Share.contact_id) == contact_id)
    if content is not None:
        query = query.where(func.lower(col(Share.content)) == content.lower())
    query = query.order_by(col(Share.shared_on).desc(), col(Share.id).desc())
    return session.exec(query).first()


def latest_score(session: Session, contact_id: int) -> Score | None:
    """A contact's most recent scorecard."""
    query = (
        select(Score)
        .where(col(Score.contact_id) == contact_id)
        .order_by(col(Score.scored_on).desc(), col(Score.id).desc())
    )
    return session.exec(query).first()


def latest_scores(session: Session, rep: str) -> Sequence[Score]:
    """Each contact's most recent scorecard (active contacts only)."""
    latest = (
        select(col(Score.contact_id), func.max(col(Score.id)).label("id"))
        .where(col(Score.rep) == rep)
        .group_by(col(Score.contact_id))
        .subquery()
    )
    query = (
        select(Score)
        .join(latest, col(Score.id) == latest.c.id)
        .join(Contact, col(Contact.id) == col(Score.contact_id))
        .where(col(Contact.archived).is_(False))
    )
    return session.exec(query).all()


def scores_since(session: Session, rep: str, first: date) -> Sequence[Score]:
    """Scorecards dated on or after `first`, oldest first."""
    query = select(Score).where(col(Score.rep) == rep, col(Score.scored_on) >= first)
    return session.exec(query.order_by(col(Score.scored_on), col(Score.id))).all()
