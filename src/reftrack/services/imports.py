"""`import`: contacts and closed deals from a CRM export, vCards, or a reftrack export.

The file is read and checked whole before the database is touched; then every record is
matched (a contact by e-mail, then by name and company; a close by contact, date and deal
name) or added, in one write transaction. A dry run plans the same and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlmodel import Session

from reftrack.domain.contacts import ContactRef
from reftrack.domain.imports import DealDraft, ImportRow, PersonDraft, parse_maps
from reftrack.domain.matching import KnownContacts, close_key
from reftrack.domain.sources import read_text
from reftrack.domain.transfer import ImportItem, ImportReport, refuse_bad_rows
from reftrack.errors import ReftrackError, UsageProblem
from reftrack.kinds import ExportKind, ImportAction, ImportFormat
from reftrack.services.runtime import Runtime
from reftrack.store import queries
from reftrack.store.models import Close, Contact, ImportantDate

# A file larger than this is not a CRM export a rep means to import.
MAXIMUM_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class ImportRequest:
    """What the rep asked of `import`."""

    path: Path
    source: ImportFormat | None = None
    maps: list[str] = field(default_factory=list)
    dry_run: bool = False
    skip_bad: bool = False


def read_file(path: Path) -> str:
    """A file's text (UTF-8, with or without a BOM), or a clear refusal."""
    shown = str(path)
    path = path.expanduser()
    try:
        if path.is_dir():
            raise ReftrackError(f"{shown} is a directory, not a file to import")
        if path.stat().st_size > MAXIMUM_BYTES:
            raise ReftrackError(f"{shown} is larger than 200 MB", "split it into smaller files")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReftrackError(f"there is no file {shown}", "check the path") from None
    except OSError as error:
        raise ReftrackError(f"cannot read {shown}: {error.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReftrackError(
            f"{shown} is not UTF-8 text (byte {error.start + 1})",
            "export it again as UTF-8 (CSV UTF-8 in Excel)",
        ) from None


def import_file(rt: Runtime, request: ImportRequest) -> ImportReport:
    """Import a file as the request says; the report of what was (or would be) done."""
    text = read_file(request.path)
    told = parse_maps(request.maps)
    read = read_text(text, request.source, told)
    if read is None:
        if told:
            raise UsageProblem("--map is for CSV files; a reftrack export needs none")
        if request.skip_bad:
            raise UsageProblem(
                "--skip-bad is for CSV and vCard files; a reftrack export is imported whole "
                "or not at all",
                "leave --skip-bad out",
            )
        from reftrack.services.restore import restore

        return restore(rt, text, str(request.path), request.dry_run)
    if not request.skip_bad:
        refuse_bad_rows(list(read.bad), str(request.path))
    report = ImportReport(str(request.path), read.source, request.dry_run)
    if request.dry_run:
        with rt.transaction() as session:
            _plan(session, rt, list(read.rows), report, write=False)
    else:
        with rt.transaction(write=True) as session:
            _plan(session, rt, list(read.rows), report, write=True)
    for bad in read.bad:
        report.items.append(ImportItem(ImportAction.bad, None, "", bad.line, bad.problem))
    report.items.sort(key=lambda item: item.line or 0)
    return report


class _Contacts(KnownContacts[Contact]):
    """The rep's contacts, found by the one matching rule, new ones included."""

    def __init__(self, session: Session, rt: Runtime) -> None:
        super().__init__()
        for contact in queries.rows_of_rep(session, Contact, rt.rep):
            self.add(contact)

    def add(self, contact: Contact) -> None:
        """Know a contact from now on."""
        self.remember(contact, contact.name, contact.company, contact.email)


def _plan(
    session: Session, rt: Runtime, rows: list[ImportRow], report: ImportReport, write: bool
) -> None:
    """Match or add each row's contact and deal, adding only when `write`."""
    contacts = _Contacts(session, rt)
    closes: set[tuple[int, date, str]] = {
        close_key(c.contact_id, c.closed_on, c.title)
        for c in queries.rows_of_rep(session, Close, rt.rep)
    }
    known_dates = {
        (d.contact_id, d.label) for d in queries.rows_of_rep(session, ImportantDate, rt.rep)
    }
    # A contact planned in a dry run has no id: it stands in by its position.
    planned: dict[int, int] = {}
    for row in rows:
        person = row.person
        contact = contacts.find(person.name, person.company, person.email)
        label = ContactRef(0, person.name, person.company).label
        if contact is None:
            contact = _new_contact(session, rt, person, write)
            contacts.add(contact)
            planned[id(contact)] = -len(planned) - 1
            report.items.append(
                ImportItem(ImportAction.added, ExportKind.contacts, label, row.line)
            )
        else:
            label = ContactRef(0, contact.name, contact.company).label
            report.items.append(
                ImportItem(ImportAction.matched, ExportKind.contacts, label, row.line)
            )
        contact_key = contact.id if contact.id is not None else planned[id(contact)]
        # A date the contact has no date of that label for yet; one it has is left as it is.
        for date_label, day in person.dates:
            if (contact_key, date_label) in known_dates:
                continue
            known_dates.add((contact_key, date_label))
            if write:
                assert contact.id is not None
                session.add(
                    ImportantDate(
                        rep=rt.rep,
                        contact_id=contact.id,
                        label=date_label,
                        month=day.month,
                        day=day.day,
                        year=day.year,
                    )
                )
            what = f"{label}: {date_label}"
            report.items.append(ImportItem(ImportAction.added, ExportKind.dates, what, row.line))
        if row.deal is not None:
            key = close_key(contact_key, row.deal.closed_on, row.deal.title)
            what = _deal_label(label, row.deal)
            action = ImportAction.matched if key in closes else ImportAction.added
            if action == ImportAction.added:
                closes.add(key)
                if write:
                    _add_close(session, rt, contact, row.deal)
            report.items.append(ImportItem(action, ExportKind.closes, what, row.line))
        elif row.open_stage:
            report.items.append(
                ImportItem(
                    ImportAction.skipped,
                    None,
                    label,
                    row.line,
                    f"the deal is still open ({row.open_stage}): not a close",
                )
            )


def _deal_label(contact: str, deal: DealDraft) -> str:
    title = f" “{deal.title}”" if deal.title else ""
    return f"{contact}: {deal.result.value}{title} on {deal.closed_on.isoformat()}"


def _new_contact(session: Session, rt: Runtime, person: PersonDraft, write: bool) -> Contact:
    """A contact for the person (written when `write`)."""
    contact = Contact(
        rep=rt.rep,
        name=person.name,
        company=person.company,
        email=person.email,
        phone=person.phone,
        kind=person.kind,
        note=person.note,
        recorded_at=rt.now,
    )
    if write:
        session.add(contact)
        session.flush()
    return contact


def _add_close(session: Session, rt: Runtime, contact: Contact, deal: DealDraft) -> None:
    assert contact.id is not None
    session.add(
        Close(
            rep=rt.rep,
            contact_id=contact.id,
            closed_on=deal.closed_on,
            result=deal.result,
            title=deal.title,
            value_cents=deal.value_cents,
            crm_id=deal.crm_id,
            recorded_at=rt.now,
        )
    )
