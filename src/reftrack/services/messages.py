"""Ready-to-send messages, filled in from the record and the settings."""

from __future__ import annotations

from reftrack.domain.messages import Message, given_intro, intro_email, thank_you_note
from reftrack.domain.records import parse_person
from reftrack.kinds import MessageKind
from reftrack.services.names import resolve_contact
from reftrack.services.referrals import referral_from
from reftrack.services.runtime import Runtime
from reftrack.services.views import referral_views, refs_by_id
from reftrack.store import queries


def compose(
    rt: Runtime, kind: MessageKind, name: str, for_: str | None = None, company: str | None = None
) -> Message:
    """An intro email (`email`), a thank-you note (`thanks`) or an introduction (`intro`)."""
    settings = rt.settings
    with rt.transaction() as session:
        contact = resolve_contact(session, rt, name)
        if kind == MessageKind.email:
            # The rep's name as people know it: the signature, else a chosen rep name.
            return intro_email(contact.name, settings.ideal_customer, settings.signature_text)
        if kind == MessageKind.thanks:
            names: list[str] = []
            if for_:
                referral = referral_from(session, rt, contact, for_)
                names = [refs_by_id(session, [referral.prospect_id])[referral.prospect_id].name]
            else:
                views = referral_views(
                    session,
                    queries.referrals(session, rt.rep, referrer_id=contact.id),
                    with_history=False,
                )
                unthanked = [v for v in views if not v.thanked] or views[:1]
                names = [v.prospect.name for v in reversed(unthanked)]
            return thank_you_note(contact.name, names, settings.signature_text)
        person, person_company = parse_person(for_ or "", "--for")
        return given_intro(contact.name, person, company or person_company, settings.signature_text)
