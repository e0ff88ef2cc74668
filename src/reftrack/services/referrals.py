"""Referrals: received with an ask or without, found by number or name, moved along, reported."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session

from reftrack.domain.contacts import ContactRef, clean_name, clean_optional
from reftrack.domain.numbers import referral_number
from reftrack.domain.outcomes import kind_after
from reftrack.domain.records import ReferralView, parse_person
from reftrack.errors import AmbiguousContact, ReftrackError, UsageProblem
from reftrack.invocation import reftrack
from reftrack.kinds import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    ContactKind,
    ReferralEventKind,
    ReferralStatus,
)
from reftrack.services.names import resolve_contact
from reftrack.services.runtime import Runtime
from reftrack.services.views import referral_views, refs_by_id
from reftrack.store import queries
from reftrack.store.db import inserted
from reftrack.store.models import Contact, Referral, ReferralEvent


def prospect_named(
    session: Session, rt: Runtime, text: str, option: str
) -> tuple[str, str | None, ContactRef | None]:
    """The name and company a referral gives, and the contact of that exact name if any."""
    name, company = parse_person(text, option)
    name = clean_name(name)
    same = [
        c
        for c in queries.contacts_named(session, rt.rep, name)
        if company is None or (c.company or "").casefold() == company.casefold()
    ]
    if len(same) > 1:
        labels = [ContactRef(c.id or 0, c.name, c.company).label for c in same]
        raise AmbiguousContact(text, labels)
    found = same[0] if same else None
    return name, company, ContactRef(found.id or 0, found.name, found.company) if found else None


def new_prospect(session: Session, rt: Runtime, text: str, option: str) -> tuple[ContactRef, bool]:
    """The contact a referral names: an existing one by exact name, else a new prospect.

    Also says whether the contact was created now.
    """
    name, company, found = prospect_named(session, rt, text, option)
    if found is not None:
        return found, False
    contact = Contact(
        rep=rt.rep, name=name, company=company, kind=ContactKind.prospect, recorded_at=rt.now
    )
    return added_or_found(session, rt, contact, text, option)


def added_or_found(
    session: Session, rt: Runtime, contact: Contact, text: str, option: str
) -> tuple[ContactRef, bool]:
    """Insert a new contact, or, when the database already holds one of that name and
    company (written meanwhile by another writer), that one; and whether it is new."""
    if inserted(session, contact):
        return ContactRef(contact.id or 0, contact.name, contact.company), True
    found = prospect_named(session, rt, text, option)[2]
    if found is None:
        raise ReftrackError(f"could not add '{text}': the database refused it as a duplicate")
    return found, False


def add_referral_row(
    session: Session,
    rt: Runtime,
    referrer: ContactRef,
    prospect: ContactRef,
    on: date,
    ask_id: int | None = None,
    note: str | None = None,
) -> Referral:
    """Store a new referral and the first step of its history."""
    if referrer.id == prospect.id:
        raise ReftrackError(f"{referrer.label} cannot refer themselves")
    referral = Referral(
        rep=rt.rep,
        referrer_id=referrer.id,
        prospect_id=prospect.id,
        ask_id=ask_id,
        received_on=on,
        status=ReferralStatus.new,
        status_changed_on=on,
        note=clean_optional(note),
        recorded_at=rt.now,
    )
    session.add(referral)
    session.flush()
    _add_event(session, rt, referral, on, ReferralEventKind.status, ReferralStatus.new)
    return referral


def _add_event(
    session: Session,
    rt: Runtime,
    referral: Referral,
    on: date,
    kind: ReferralEventKind,
    status: ReferralStatus | None = None,
    note: str | None = None,
) -> None:
    """Add a dated step to a referral's history: a status it reached, or a report made."""
    assert referral.id is not None
    session.add(
        ReferralEvent(
            rep=rt.rep,
            referral_id=referral.id,
            happened_on=on,
            kind=kind,
            status=status,
            note=clean_optional(note),
            recorded_at=rt.now,
        )
    )


def open_before(session: Session, rt: Runtime, rows: Sequence[Referral]) -> list[ReferralView]:
    """The open referrals of the same prospects recorded before these new ones, oldest first."""
    earlier: dict[int, Referral] = {}
    for row in rows:
        for other in queries.referrals(session, rt.rep, OPEN_STATUSES, prospect_id=row.prospect_id):
            if other.id is not None and row.id is not None and other.id < row.id:
                earlier[other.id] = other
    return referral_views(
        session, [earlier[id] for id in sorted(earlier)], with_history=False, with_thanks=False
    )


def add_referral(
    rt: Runtime,
    referrer: str,
    prospect: str,
    on: date,
    company: str | None = None,
    note: str | None = None,
) -> tuple[ReferralView, bool, list[ReferralView]]:
    """Record a referral that came without an ask.

    Also says whether the prospect is a new contact, and which open referrals of the
    same prospect were there already.
    """
    typed = f"{prospect}@{company}" if company else prospect
    with rt.transaction() as session:
        source = resolve_contact(session, rt, referrer)
        _name, _company, known = prospect_named(session, rt, typed, "PROSPECT")
        if known is not None and known.id == source.id:
            raise ReftrackError(f"{source.label} cannot refer themselves")
    with rt.transaction(write=True) as session:
        # Again under the write lock: the prospect may have been added meanwhile.
        target, created = new_prospect(session, rt, typed, "PROSPECT")
        row = add_referral_row(session, rt, source, target, on, None, note)
    with rt.transaction() as session:
        return referral_views(session, [row])[0], created, open_before(session, rt, [row])


def list_referrals(
    rt: Runtime,
    status: ReferralStatus | None = None,
    referrer: str | None = None,
    open_only: bool = False,
) -> list[ReferralView]:
    """Referrals, newest first, maybe of one status, from one referrer, or still open."""
    with rt.transaction() as session:
        referrer_id = resolve_contact(session, rt, referrer).id if referrer else None
        statuses = {status} if status else OPEN_STATUSES if open_only else None
        if status and open_only:
            statuses = {status} & OPEN_STATUSES
        rows = queries.referrals(session, rt.rep, statuses, referrer_id)
        return referral_views(session, rows)


def open_referral_numbers(rt: Runtime) -> list[int]:
    """The numbers of the rep's open referrals, lowest first, for shell completion."""
    with rt.transaction() as session:
        return sorted(row.id for row in queries.referrals(session, rt.rep, OPEN_STATUSES) if row.id)


def find_referral(session: Session, rt: Runtime, which: str) -> Referral:
    """A referral by its number (`12`, `#12`) or by its prospect's name."""
    number = referral_number(which)
    if number is not None:
        row = session.get(Referral, number)
        if row is None or row.rep != rt.rep:
            raise ReftrackError(f"no referral #{number}", f"see `{reftrack()} referral list`")
        return row
    prospect = resolve_contact(session, rt, which, include_archived=True)
    rows = queries.referrals(session, rt.rep, prospect_id=prospect.id)
    if not rows:
        raise ReftrackError(
            f"{prospect.label} was never referred to you", f"see `{reftrack()} referral list`"
        )
    open_rows = [r for r in rows if r.status not in CLOSED_STATUSES]
    if len(open_rows) > 1:
        numbers = ", ".join(f"#{r.id}" for r in open_rows)
        raise ReftrackError(
            f"{prospect.label} has several open referrals ({numbers})", "name one by its number"
        )
    return (open_rows or rows)[0]


def referral_from(session: Session, rt: Runtime, referrer: ContactRef, which: str) -> Referral:
    """A referral (as `find_referral` finds it) that `referrer` made, or a ReftrackError."""
    referral = find_referral(session, rt, which)
    if referral.referrer_id != referrer.id:
        prospect = refs_by_id(session, [referral.prospect_id])[referral.prospect_id]
        raise ReftrackError(f"{prospect.label} was not referred by {referrer.label}")
    return referral


def update_referral(
    rt: Runtime,
    which: str,
    status: ReferralStatus,
    on: date,
    value_cents: int | None = None,
    note: str | None = None,
) -> ReferralView:
    """Move a referral along the pipeline, keeping the dated history."""
    if value_cents is not None and status != ReferralStatus.won:
        raise UsageProblem("--value goes with --status won", "record the deal value when won")
    with rt.transaction() as session:
        found = find_referral(session, rt, which)
        _check_update(found, status, on)
    with rt.transaction(write=True) as session:
        # Read again under the write lock: another command may have moved it meanwhile.
        row = _still_there(session, found)
        _check_update(row, status, on)
        row.status = status
        row.status_changed_on = on
        if value_cents is not None:
            row.value_cents = value_cents
        session.add(row)
        prospect = session.get(Contact, row.prospect_id)
        if prospect is not None and kind_after(status, prospect.kind) != prospect.kind:
            prospect.kind = kind_after(status, prospect.kind)
            session.add(prospect)
        _add_event(session, rt, row, on, ReferralEventKind.status, status, note)
    with rt.transaction() as session:
        return referral_views(session, [row])[0]


def _check_update(row: Referral, status: ReferralStatus, on: date) -> None:
    """Refuse a move to the status the referral has, or to a day before it arrived."""
    if row.status == status:
        raise ReftrackError(f"referral #{row.id} is already {status}")
    _check_day(row, on)


def _check_day(row: Referral, on: date) -> None:
    if on < row.received_on:
        raise UsageProblem(f"--on: {on} is before the referral arrived ({row.received_on})")


def _still_there(session: Session, found: Referral) -> Referral:
    """The referral found before the write lock, as it is now."""
    # Locked for the update: the status read here decides the event written (PostgreSQL).
    row = session.get(Referral, found.id, with_for_update=True, populate_existing=True)
    if row is None:
        raise ReftrackError(f"referral #{found.id} was deleted meanwhile")
    return row


def inform_referrer(
    rt: Runtime, which: Sequence[str], on: date, note: str | None = None
) -> list[ReferralView]:
    """Record that the referrers were told how their referrals are going: all, or none.

    Each referral is found (and checked) before any is written, so one unknown number
    refuses them all; one named twice is told once.
    """
    with rt.transaction() as session:
        found: dict[int, Referral] = {}
        for typed in which:
            row = find_referral(session, rt, typed)
            _check_day(row, on)
            found.setdefault(row.id or 0, row)
    with rt.transaction(write=True) as session:
        rows = []
        for earlier in found.values():
            row = _still_there(session, earlier)
            row.informed_on = max(on, row.informed_on) if row.informed_on else on
            session.add(row)
            _add_event(session, rt, row, on, ReferralEventKind.inform, note=note)
            rows.append(row)
    with rt.transaction() as session:
        return referral_views(session, rows)
