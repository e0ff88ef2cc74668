"""Rows of a CRM export or a vCard file as contacts and closes to import: pure reading rules.

Each CRM names its columns its own way; here they become `ImportField`s. A row that cannot
be read (an impossible date, an unknown stage, an amount that is no amount) is a `BadRow`
with its line number in the file, never a half-read contact.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from reftrack.domain.contacts import clean_email, clean_name, clean_optional
from reftrack.domain.dates import MonthDay, parse_month_day
from reftrack.domain.records import MAXIMUM_CENTS
from reftrack.errors import ReftrackError, UsageProblem
from reftrack.kinds import CloseResult, ContactKind, ImportField, ImportFormat

F = ImportField


class RowProblem(Exception):
    """What is wrong with one row, in words for the rep."""


@dataclass(frozen=True)
class DealDraft:
    """A closed deal read from a row."""

    closed_on: date
    result: CloseResult
    title: str | None = None
    value_cents: int | None = None
    crm_id: str | None = None


@dataclass(frozen=True)
class PersonDraft:
    """A contact read from a row or a card."""

    name: str
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    kind: ContactKind = ContactKind.customer
    note: str | None = None
    dates: tuple[tuple[str, MonthDay], ...] = ()


@dataclass(frozen=True)
class ImportRow:
    """One readable row: a contact, maybe a closed deal, maybe a deal still open (not a close)."""

    line: int
    person: PersonDraft
    deal: DealDraft | None = None
    open_stage: str | None = None


@dataclass(frozen=True)
class BadRow:
    """A row that cannot be imported, and why."""

    line: int
    problem: str


def _key(header: str) -> str:
    """A header as compared: case, spacing and a BOM do not matter."""
    return " ".join(header.replace("\ufeff", "").split()).casefold()


# The columns each CRM's CSV export names, as the fields they hold.
COLUMNS: dict[ImportFormat, dict[str, ImportField]] = {
    ImportFormat.hubspot: {
        "first name": F.first_name,
        "last name": F.last_name,
        "email": F.email,
        "phone number": F.phone,
        "mobile phone number": F.phone,
        "company name": F.company,
        "associated company": F.company,
        "date of birth": F.birthday,
        "deal name": F.deal,
        "close date": F.closed_on,
        "amount": F.value,
        "deal stage": F.stage,
        "record id": F.crm_id,
    },
    ImportFormat.salesforce: {
        "opportunity name": F.deal,
        "account name": F.company,
        "close date": F.closed_on,
        "amount": F.value,
        "stage": F.stage,
        "opportunity id": F.crm_id,
        "first name": F.first_name,
        "last name": F.last_name,
        "full name": F.name,
        "contact: full name": F.name,
        "primary contact": F.name,
        "email": F.email,
        "phone": F.phone,
        "birthdate": F.birthday,
    },
    ImportFormat.pipedrive: {
        "deal - title": F.deal,
        "deal - value": F.value,
        "deal - status": F.stage,
        "deal - won time": F.closed_on,
        "deal - lost time": F.closed_on,
        "deal - deal closed on": F.closed_on,
        "deal - id": F.crm_id,
        "person - name": F.name,
        "person - first name": F.first_name,
        "person - last name": F.last_name,
        "person - email": F.email,
        "person - email - work": F.email,
        "person - phone": F.phone,
        "person - phone - work": F.phone,
        "organization - name": F.company,
    },
    # Any other CSV: columns named as the fields are, or told with --map.
    ImportFormat.csv: {
        **{field.value: field for field in ImportField},
        **{field.value.replace("_", " "): field for field in ImportField},
    },
}


def detect_format(headers: Iterable[str]) -> ImportFormat:
    """The CRM a header row comes from; plain `csv` when it names none."""
    keys = {_key(h) for h in headers}
    if any(k.startswith(("deal - ", "person - ", "organization - ")) for k in keys):
        return ImportFormat.pipedrive
    if keys & {"opportunity name", "account name", "opportunity id"}:
        return ImportFormat.salesforce
    if keys & {"deal name", "deal stage", "company name", "record id"}:
        return ImportFormat.hubspot
    return ImportFormat.csv


def parse_maps(maps: Iterable[str]) -> dict[str, ImportField]:
    """`--map COLUMN=FIELD` options as header key → field; refused when malformed."""
    told: dict[str, ImportField] = {}
    fields = ", ".join(f.value for f in ImportField)
    for text in maps:
        column, equals, field = text.rpartition("=")
        if not equals or not column.strip():
            raise UsageProblem(f"--map: '{text}' is not COLUMN=FIELD", f"fields: {fields}")
        try:
            told[_key(column)] = ImportField(field.strip().casefold())
        except ValueError:
            raise UsageProblem(
                f"--map: '{field.strip()}' is not a field", f"fields: {fields}"
            ) from None
    return told


def column_fields(
    headers: list[str], source: ImportFormat, told: Mapping[str, ImportField]
) -> dict[int, ImportField]:
    """Which field each column holds (by position): --map first, then the format's names."""
    known = COLUMNS[source]
    keys = [_key(h) for h in headers]
    missing = [column for column in told if column not in keys]
    if missing:
        raise UsageProblem(
            f"--map: the file has no column '{missing[0]}'",
            f"its columns are {', '.join(repr(h) for h in headers)}",
        )
    fields = {
        i: told[k] if k in told else known[k] for i, k in enumerate(keys) if k in told or k in known
    }
    found = set(fields.values())
    if not found & {F.name, F.first_name, F.last_name, F.company, F.email}:
        raise ReftrackError(
            f"no column names the contact (read as {source.value})",
            "tell reftrack which column holds what with --map, e.g. --map 'Full name=name'",
        )
    return fields


_STAGES: dict[str, CloseResult | None] = {
    **{result.value: result for result in CloseResult},
    "closed won": CloseResult.won,
    "closedwon": CloseResult.won,
    "closed lost": CloseResult.lost,
    "closedlost": CloseResult.lost,
    # Stages of a deal still open: the contact is imported, the deal is not a close yet.
    **dict.fromkeys(
        [
            "open",
            "appointment scheduled",
            "appointmentscheduled",
            "qualified to buy",
            "qualifiedtobuy",
            "presentation scheduled",
            "presentationscheduled",
            "decision maker bought-in",
            "decisionmakerboughtin",
            "contract sent",
            "contractsent",
            "prospecting",
            "qualification",
            "needs analysis",
            "value proposition",
            "id. decision makers",
            "perception analysis",
            "proposal/price quote",
            "negotiation/review",
        ]
    ),
}


def stage_result(text: str) -> CloseResult | None:
    """How a deal stage ended the deal: won, lost, or None while it is still open."""
    key = _key(text)
    if key not in _STAGES:
        raise RowProblem(f"unknown deal stage '{text}' (closed won, closed lost or an open stage)")
    return _STAGES[key]


_DATES = (
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), "ymd"),
    (re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"), "ymd"),
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})"), "mdy"),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"), "dmy"),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), "ymd"),
)
_TIME = re.compile(
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?"
)


def parse_crm_date(text: str) -> date:
    """A date as CRMs write it: 2026-11-20, 2026-11-20 14:03, 11/20/2026, 20.11.2026."""
    typed = text.strip()
    for pattern, order in _DATES:
        found = pattern.match(typed)
        if not found or not _TIME.fullmatch(typed[found.end() :]):
            continue
        a, b, c = (int(part) for part in found.groups())
        if order == "ymd":
            year, month, day = a, b, c
        elif order == "dmy" or a > 12:
            day, month, year = a, b, c
        else:
            month, day, year = a, b, c
        if not 1 <= month <= 12:
            raise RowProblem(f"'{typed}' is not a date (there is no month {month})")
        most = calendar.monthrange(year, month)[1]
        if not 1 <= day <= most:
            name = calendar.month_name[month]
            raise RowProblem(f"'{typed}' is not a date ({name} {year} has {most} days)")
        return date(year, month, day)
    raise RowProblem(f"'{typed}' is not a date (use e.g. 2026-11-20 or 11/20/2026)")


_AMOUNT = re.compile(
    r"(?:[A-Z]{3}\s*)?[$€£¥₹]?\s*(?P<number>[0-9][0-9.,'\s\u00a0\u202f]*)\s*[$€£¥₹]?(?:\s*[A-Z]{3})?"
)


def parse_crm_amount(text: str) -> int | None:
    """A deal amount in cents: 12500, 12,500.50, 12.500,50, $12,500, 12500 EUR; 0 is none."""
    typed = text.strip()
    found = _AMOUNT.fullmatch(typed)
    if not found:
        raise RowProblem(f"'{typed}' is not an amount (use e.g. 12500 or 12,500.50)")
    number = re.sub(r"[\s'\u00a0\u202f]", "", found["number"])
    if "," in number and "." in number:
        decimal_mark = "," if number.rfind(",") > number.rfind(".") else "."
    elif "," in number:
        decimal_mark = "." if re.fullmatch(r"\d{1,3}(,\d{3})+", number) else ","
    else:
        decimal_mark = "." if not re.fullmatch(r"\d{1,3}(\.\d{3}){2,}", number) else ","
    group = "," if decimal_mark == "." else "."
    plain = number.replace(group, "").replace(decimal_mark, ".")
    try:
        cents = int((Decimal(plain) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except InvalidOperation:
        raise RowProblem(f"'{typed}' is not an amount (use e.g. 12500 or 12,500.50)") from None
    if cents > MAXIMUM_CENTS:
        raise RowProblem(f"amount '{typed}' is out of range")
    return cents or None


def parse_birthday(text: str) -> MonthDay:
    """A birthday as a CRM or a card writes it: a full date, MM-DD, or vCard's --MMDD."""
    typed = text.strip()
    short = re.fullmatch(r"--(\d{2})-?(\d{2})", typed)
    if short:
        typed = f"{short[1]}-{short[2]}"
    try:
        return parse_month_day(typed, "birthday")
    except UsageProblem:
        day = parse_crm_date(typed)
        return MonthDay(day.month, day.day, day.year)


def _text(values: Mapping[ImportField, str], field: ImportField) -> str | None:
    return clean_optional(values.get(field))


# Han, kana and hangul: names written family name first, with no space between.
_FAMILY_FIRST = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def full_name(first: str | None, last: str | None) -> str:
    """First and last name as one: "Søren Ås", but "李雷" for 雷 of the 李 family."""
    if first and last and _FAMILY_FIRST.match(first) and _FAMILY_FIRST.match(last):
        return f"{last}{first}"
    return " ".join(part for part in (first, last) if part)


def read_row(line: int, values: Mapping[ImportField, str], birthday_label: str) -> ImportRow:
    """One row's fields as a contact and maybe a deal; RowProblem when it cannot be read."""
    first, last = _text(values, F.first_name), _text(values, F.last_name)
    name = _text(values, F.name) or full_name(first, last)
    company = _text(values, F.company)
    email = _text(values, F.email)
    if not name:
        name = company or (email.partition("@")[0] if email else "")
    if not name:
        raise RowProblem("no name, company or e-mail names the contact")
    try:
        name = clean_name(name)
        email = clean_email(email)
    except UsageProblem as error:
        raise RowProblem(error.message.removeprefix("--email: ")) from None
    stage = _text(values, F.stage)
    result = stage_result(stage) if stage else None
    closed_text, deal = _text(values, F.closed_on), _text(values, F.deal)
    if stage is None and closed_text:
        result = CloseResult.won
    value = _text(values, F.value)
    value_cents = parse_crm_amount(value) if value else None
    kind_text = _text(values, F.kind)
    kind = ContactKind.prospect if result == CloseResult.lost else ContactKind.customer
    if kind_text:
        try:
            kind = ContactKind(kind_text.casefold())
        except ValueError:
            kinds = ", ".join(k.value for k in ContactKind)
            raise RowProblem(f"unknown contact kind '{kind_text}' ({kinds})") from None
    birthday = _text(values, F.birthday)
    dates = ((birthday_label, parse_birthday(birthday)),) if birthday else ()
    person = PersonDraft(
        name, company, email, _text(values, F.phone), kind, _text(values, F.note), dates
    )
    if result is None:
        return ImportRow(line, person, open_stage=stage)
    if not closed_text:
        raise RowProblem(f"the {result.value} deal has no close date")
    closed = parse_crm_date(closed_text)
    return ImportRow(
        line, person, DealDraft(closed, result, deal, value_cents, _text(values, F.crm_id))
    )
