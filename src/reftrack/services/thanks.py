"""Thanking a referrer: the thank-you, and the referrals it covers."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from reftrack.domain.contacts import clean_optional
from reftrack.domain.records import ThankYouView
from reftrack.kinds import ThankKind
from reftrack.services.names import resolve_contact
from reftrack.services.runtime import Runtime
from reftrack.services.views import referral_views, refs_by_id, thank_you_view
from reftrack.store import fast_writes, reads

if TYPE_CHECKING:
    from reftrack.store.models import Referral, ThankYou


def record_thanks(
    rt: Runtime,
    name: str,
    on: date,
    for_prospect: str | None = None,
    kind: ThankKind = ThankKind.note,
    gift: str | None = None,
    note: str | None = None,
) -> ThankYouView:
    """Record a thank-you; without a prospect it covers every referral not yet thanked."""
    # Without --for, every read is on the fast path, and so is the write (issue 12).
    with rt.transaction() if for_prospect else rt.read(before_write=True) as session:
        contact = resolve_contact(session, rt, name)
        referral: Referral | None = None
        if for_prospect:
            from reftrack.services.referrals import referral_from

            referral = referral_from(session, rt, contact, for_prospect)
        earlier = reads.queries.referrals(session, rt.rep, referrer_id=contact.id)
        covered = [
            v for v in referral_views(session, earlier) if not v.thanked and v.received_on <= on
        ]
        if referral is not None:
            covered = [v for v in covered if v.id == referral.id]
        prospect_ref = (
            refs_by_id(session, [referral.prospect_id])[referral.prospect_id] if referral else None
        )
    with rt.write(full=bool(for_prospect)) as session:
        row: ThankYou = fast_writes.insert(
            session,
            "thank_you",
            rep=rt.rep,
            contact_id=contact.id,
            referral_id=referral.id if referral else None,
            thanked_on=on,
            kind=kind,
            gift=clean_optional(gift),
            note=clean_optional(note),
            recorded_at=rt.now,
        )
    return thank_you_view(row, contact, prospect_ref, [v.prospect for v in covered])
