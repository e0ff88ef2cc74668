"""From stored rows to domain values: the one place a row becomes a view.

Every service hands back these values, never rows, so nothing outside a service
touches a row after its session closes (ARCHITECTURE: one home per concept).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from reftrack.domain.contacts import ContactCard, ContactRef, ImportantDay
from reftrack.domain.records import (
    AskView,
    CloseView,
    GivenView,
    ReferralEventView,
    ReferralView,
    ScoreView,
    ShareView,
    ThankYouView,
    first_ask_since,
)
from reftrack.store.reads import queries

if TYPE_CHECKING:
    from sqlmodel import Session

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


def refs_by_id(session: Session, ids: Sequence[int]) -> dict[int, ContactRef]:
    """Contact references by id (archived ones marked), each contact read once per session."""
    known: dict[int, ContactRef] = session.info.setdefault("contact_refs", {})
    missing = {id for id in ids if id not in known}
    for id, (name, company, archived) in queries.contact_refs(session, list(missing)).items():
        known[id] = ContactRef(id, name, company, archived)
    return {id: known[id] for id in ids if id in known}


def important_day(row: ImportantDate) -> ImportantDay:
    """A stored important date as a domain value."""
    return ImportantDay(row.label, row.month, row.day, row.year, row.id)


def contact_cards(session: Session, rows: Sequence[Contact]) -> list[ContactCard]:
    """Stored contacts as domain values, each with its important dates."""
    by_contact: dict[int, list[ImportantDay]] = {}
    for d in queries.important_dates(session, [c.id for c in rows if c.id is not None]):
        by_contact.setdefault(d.contact_id, []).append(important_day(d))
    return [
        ContactCard(
            id=c.id or 0,
            name=c.name,
            company=c.company,
            email=c.email,
            phone=c.phone,
            kind=c.kind,
            note=c.note,
            archived=c.archived,
            dates=tuple(by_contact.get(c.id or 0, ())),
        )
        for c in rows
    ]


def contact_card(session: Session, row: Contact) -> ContactCard:
    """A stored contact as a domain value, with its important dates."""
    return contact_cards(session, [row])[0]


def close_view(row: Close, contact: ContactRef) -> CloseView:
    """A stored close as a domain value."""
    return CloseView(
        row.id or 0,
        contact,
        row.closed_on,
        row.result,
        row.title,
        row.value_cents,
        row.crm_id,
    )


def ask_view(
    row: Ask,
    contact: ContactRef,
    close: CloseView | None = None,
    referrals: Sequence[ReferralView] = (),
) -> AskView:
    """A stored ask as a domain value, with the close it followed and the names it brought."""
    return AskView(
        id=row.id or 0,
        contact=contact,
        asked_on=row.asked_on,
        outcome=row.outcome,
        channel=row.channel,
        follow_up_on=row.follow_up_on,
        note=row.note,
        close=close,
        referrals=tuple(referrals),
    )


def event_view(row: ReferralEvent) -> ReferralEventView:
    """One stored step of a referral's history as a domain value."""
    return ReferralEventView(row.happened_on, row.kind, row.status, row.note)


def referral_views(
    session: Session,
    rows: Sequence[Referral],
    with_history: bool = True,
    with_thanks: bool = True,
) -> list[ReferralView]:
    """Stored referrals as domain values, with their history and whether they were thanked.

    `today` leaves out what a rule does not need, so it reads no more than it shows.
    """
    ids = [r.id for r in rows if r.id is not None]
    refs = refs_by_id(session, [r.referrer_id for r in rows] + [r.prospect_id for r in rows])
    history: dict[int, list[ReferralEventView]] = {}
    if with_history:
        for event in queries.referral_events(session, ids):
            history.setdefault(event.referral_id, []).append(event_view(event))
    thanked = queries.thank_you_days(session, [r.referrer_id for r in rows]) if with_thanks else {}
    return [
        ReferralView(
            id=r.id or 0,
            referrer=refs[r.referrer_id],
            prospect=refs[r.prospect_id],
            received_on=r.received_on,
            status=r.status,
            status_changed_on=r.status_changed_on,
            informed_on=r.informed_on,
            value_cents=r.value_cents,
            note=r.note,
            thanked=any(day >= r.received_on for day in thanked.get(r.referrer_id, [])),
            history=tuple(history.get(r.id or 0, ())),
        )
        for r in rows
    ]


def thank_you_view(
    row: ThankYou,
    contact: ContactRef,
    prospect: ContactRef | None = None,
    covers: Sequence[ContactRef] = (),
) -> ThankYouView:
    """A stored thank-you as a domain value: for one referral's prospect, or covering some."""
    return ThankYouView(
        row.id or 0, contact, row.thanked_on, row.kind, row.gift, row.note, prospect, tuple(covers)
    )


def given_view(row: GivenReferral, contact: ContactRef) -> GivenView:
    """A stored introduction given as a domain value."""
    return GivenView(row.id or 0, contact, row.prospect, row.company, row.given_on, row.note)


def share_view(row: Share, contact: ContactRef) -> ShareView:
    """A stored share as a domain value."""
    return ShareView(row.id or 0, contact, row.shared_on, row.content, row.url, row.forwarded)


def score_view(row: Score, contact: ContactRef, ask_days: Sequence[date] = ()) -> ScoreView:
    """A stored scorecard as a domain value; `ask_days` are the contact's asks since it."""
    return ScoreView(
        contact,
        row.scored_on,
        row.liking,
        row.reciprocity,
        row.credibility,
        row.commitment,
        row.note,
        first_ask_since(row.scored_on, ask_days),
    )


def score_views(session: Session, rows: Sequence[Score]) -> list[ScoreView]:
    """Stored scorecards as domain values, each knowing whether an ask has followed it."""
    refs = refs_by_id(session, [r.contact_id for r in rows])
    first = min((r.scored_on for r in rows), default=None)
    asked = queries.ask_days_of(session, list(refs), first) if first else {}
    return [score_view(r, refs[r.contact_id], asked.get(r.contact_id, ())) for r in rows]
