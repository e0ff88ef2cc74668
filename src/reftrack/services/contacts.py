"""Adding, finding, showing, editing and archiving contacts."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session

from reftrack.domain import dates
from reftrack.domain.contacts import (
    BIRTHDAY,
    ContactCard,
    ContactRef,
    clean_email,
    clean_name,
    clean_optional,
    parse_labelled_date,
)
from reftrack.errors import ReftrackError
from reftrack.invocation import reftrack
from reftrack.kinds import ContactKind
from reftrack.services.names import resolve_contact
from reftrack.services.runtime import Runtime
from reftrack.services.views import contact_card, contact_cards
from reftrack.store import queries
from reftrack.store.db import inserted
from reftrack.store.models import Contact, ImportantDate


@dataclass
class ContactDraft:
    """What the rep typed to add or change a contact; None leaves a field as it is."""

    name: str | None = None
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    kind: ContactKind | None = None
    birthday: str | None = None
    dates: list[str] = field(default_factory=list)
    remove_dates: list[str] = field(default_factory=list)
    note: str | None = None


def _refuse_duplicate(
    session: Session, rt: Runtime, name: str, company: str | None, except_id: int | None
) -> None:
    """Two contacts may share a name only when their companies differ."""
    wanted = (name.casefold(), (company or "").casefold())
    for id, other_name, other_company in queries.contact_names(session, rt.rep, True):
        if id != except_id and (other_name.casefold(), (other_company or "").casefold()) == wanted:
            label = ContactRef(id, other_name, other_company).label
            raise ReftrackError(
                f"there is already a contact '{label}'",
                f"give a --company to tell them apart, or use `{reftrack()} contact edit`",
            )


def _set_dates(session: Session, rt: Runtime, contact_id: int, draft: ContactDraft) -> None:
    """Add, replace or remove the contact's important dates as the draft says."""
    wanted: dict[str, dates.MonthDay] = {}
    if draft.birthday is not None:
        wanted[BIRTHDAY] = dates.parse_month_day(draft.birthday, "--birthday")
    for text in draft.dates:
        label, value = parse_labelled_date(text)
        wanted[label] = dates.parse_month_day(value, "--date")
    removed = {" ".join(label.split()).casefold() for label in draft.remove_dates}
    existing = {d.label: d for d in queries.important_dates(session, [contact_id])}
    for label in removed:
        if label not in existing:
            raise ReftrackError(f"no date labelled '{label}' to remove")
        session.delete(existing.pop(label))
    session.flush()
    for label, month_day in wanted.items():
        row = existing.get(label) or ImportantDate(
            rep=rt.rep, contact_id=contact_id, label=label, month=0, day=0
        )
        row.month, row.day, row.year = month_day.month, month_day.day, month_day.year
        session.add(row)


def add_contact(rt: Runtime, draft: ContactDraft) -> ContactCard:
    """Record a new contact."""
    name = clean_name(draft.name or "")
    company = clean_optional(draft.company)
    email = clean_email(draft.email)
    with rt.transaction() as session:
        _refuse_duplicate(session, rt, name, company, None)
    with rt.transaction(write=True) as session:
        # Again under the write lock: the same contact may have been added meanwhile.
        _refuse_duplicate(session, rt, name, company, None)
        contact = Contact(
            rep=rt.rep,
            name=name,
            company=company,
            email=email,
            phone=clean_optional(draft.phone),
            kind=draft.kind or ContactKind.customer,
            note=clean_optional(draft.note),
            recorded_at=rt.now,
        )
        if not inserted(session, contact):
            # The database's own unique index: another writer added this contact meanwhile.
            _refuse_duplicate(session, rt, name, company, None)
            raise ReftrackError(f"there is already a contact named '{name}'")
        assert contact.id is not None
        _set_dates(session, rt, contact.id, draft)
        session.flush()
        return contact_card(session, contact)


def list_contacts(
    rt: Runtime, kind: ContactKind | None = None, include_archived: bool = False
) -> list[ContactCard]:
    """The rep's contacts by name, maybe of one kind."""
    with rt.transaction() as session:
        rows = queries.contacts(session, rt.rep, kind, include_archived)
        return contact_cards(session, rows)


def edit_contact(rt: Runtime, query: str, draft: ContactDraft) -> ContactCard:
    """Change what the draft names, leave the rest."""
    with rt.transaction() as session:
        ref = resolve_contact(session, rt, query, include_archived=True)
    with rt.transaction(write=True) as session:
        contact = session.get(Contact, ref.id)
        assert contact is not None and contact.id is not None
        if draft.name is not None:
            contact.name = clean_name(draft.name)
        if draft.company is not None:
            contact.company = clean_optional(draft.company)
        if draft.email is not None:
            contact.email = clean_email(draft.email)
        if draft.phone is not None:
            contact.phone = clean_optional(draft.phone)
        if draft.kind is not None:
            contact.kind = draft.kind
        if draft.note is not None:
            contact.note = clean_optional(draft.note)
        _refuse_duplicate(session, rt, contact.name, contact.company, contact.id)
        session.add(contact)
        _set_dates(session, rt, contact.id, draft)
        session.flush()
        return contact_card(session, contact)


def archive_contact(rt: Runtime, query: str, restore: bool = False) -> ContactCard:
    """Put a contact out of sight (its history stays), or bring it back."""
    with rt.transaction() as session:
        ref = resolve_contact(session, rt, query, include_archived=True)
    with rt.transaction(write=True) as session:
        contact = session.get(Contact, ref.id)
        assert contact is not None
        if contact.archived != (not restore):
            contact.archived = not restore
            session.add(contact)
            session.flush()
        return contact_card(session, contact)


def count_contacts(rt: Runtime) -> int:
    """How many contacts the rep has, archived ones included."""
    with rt.transaction() as session:
        return queries.count_contacts(session, rt.rep)
