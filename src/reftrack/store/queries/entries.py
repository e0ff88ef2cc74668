"""What hangs on an entry: the rows `delete` must take with it, or refuse for."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from reftrack.store.models import Ask, Referral, ThankYou


def asks_of_close(session: Session, close_id: int) -> Sequence[Ask]:
    """The asks that followed a close, oldest first."""
    query = select(Ask).where(col(Ask.close_id) == close_id)
    return session.exec(query.order_by(col(Ask.asked_on), col(Ask.id))).all()


def referrals_of_ask(session: Session, ask_id: int) -> Sequence[Referral]:
    """The referrals an ask brought, oldest first."""
    query = select(Referral).where(col(Referral.ask_id) == ask_id)
    return session.exec(query.order_by(col(Referral.id))).all()


def thanks_for_referral(session: Session, referral_id: int) -> Sequence[ThankYou]:
    """The thank-yous given for one referral, oldest first."""
    query = select(ThankYou).where(col(ThankYou.referral_id) == referral_id)
    return session.exec(query.order_by(col(ThankYou.thanked_on), col(ThankYou.id))).all()
