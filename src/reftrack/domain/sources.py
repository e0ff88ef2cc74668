"""A file's text as rows to import: CSV (any delimiter, quoted newlines) and vCard 3.0/4.0.

Each row keeps the line of the file it starts on, so a bad row is reported where the rep
can find it in an editor.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from reftrack.domain.contacts import BIRTHDAY
from reftrack.domain.imports import (
    BadRow,
    ImportRow,
    PersonDraft,
    RowProblem,
    column_fields,
    detect_format,
    full_name,
    parse_birthday,
    read_row,
)
from reftrack.errors import ReftrackError
from reftrack.kinds import ContactKind, ImportField, ImportFormat

ANNIVERSARY = "anniversary"


@dataclass(frozen=True)
class ReadFile:
    """What a file held: its format, the rows read and the rows that could not be."""

    source: ImportFormat
    rows: tuple[ImportRow, ...]
    bad: tuple[BadRow, ...]


def sniff_format(text: str) -> ImportFormat:
    """The format a file's content tells: a reftrack export, vCards, or a CSV's header row."""
    start = text.lstrip()
    if start.startswith("{"):
        return ImportFormat.reftrack
    if start[:11].upper() == "BEGIN:VCARD":
        return ImportFormat.vcard
    header = next(csv.reader([_first_line(text)], delimiter=_delimiter(text)), [])
    return detect_format(header)


def _first_line(text: str) -> str:
    return text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")


def _delimiter(text: str) -> str:
    """The delimiter of a CSV: the one its header row uses most (commas when none)."""
    header = _first_line(text)
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(
    text: str, source: ImportFormat, told: Mapping[str, ImportField], birthday: str = BIRTHDAY
) -> ReadFile:
    """The rows of a CSV export, by the columns its format (or --map) names."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=_delimiter(text))
    try:
        headers = next(reader)
    except StopIteration:
        raise ReftrackError("the file is empty", "export again from the CRM") from None
    except csv.Error as error:
        raise ReftrackError(f"line 1: the header row cannot be read ({error})") from None
    fields = column_fields(headers, source, told)
    rows: list[ImportRow] = []
    bad: list[BadRow] = []
    line = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            bad.append(BadRow(line, f"cannot be read as CSV ({error})"))
            break
        if any(cell.strip() for cell in record):
            values: dict[ImportField, str] = {}
            for index, field in fields.items():
                cell = record[index] if index < len(record) else ""
                if cell.strip() and not values.get(field, "").strip():
                    values[field] = cell
            try:
                rows.append(read_row(line, values, birthday))
            except RowProblem as problem:
                bad.append(BadRow(line, str(problem)))
        line = reader.line_num + 1
    return ReadFile(source, tuple(rows), tuple(bad))


_BEGIN = re.compile(r"BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"END:VCARD\s*$", re.IGNORECASE)


def _cards(text: str) -> Iterator[tuple[int, str]]:
    """Each card's text and the line its BEGIN is on."""
    start, lines = 0, []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if _BEGIN.match(line):
            start, lines = number, [line]
        elif lines:
            lines.append(line)
            if _END.match(line):
                yield start, "\r\n".join(lines) + "\r\n"
                lines = []
    if lines:
        yield start, "\n".join(lines)


# The vCard properties a contact is read from (RFC 6350 names), by the field each fills.
_PROPERTIES = {
    "FN": ImportField.name,
    "EMAIL": ImportField.email,
    "TEL": ImportField.phone,
    "ORG": ImportField.company,
    "BDAY": ImportField.birthday,
}


def _first(card: Any, name: str, tidy: bool = True) -> str | None:
    """The value of a card's first property called `name`, as text (spaces tidied)."""
    found = card.contents.get(name.lower()) or []
    if not found:
        return None
    value = found[0].value
    if isinstance(value, list):
        value = value[0] if value else ""
    text = " ".join(str(value).split()) if tidy else str(value).strip()
    return text or None


def _card_row(line: int, card: Any) -> ImportRow:
    """One parsed vCard as a contact (never a deal): a phone's contacts are the rep's network."""
    values = {field: text for prop, field in _PROPERTIES.items() if (text := _first(card, prop))}
    if ImportField.name not in values and card.contents.get("n"):
        parts = card.contents["n"][0].value
        given, family = (
            p if isinstance(p, str) else " ".join(p) for p in (parts.given, parts.family)
        )
        values[ImportField.name] = full_name(given, family)
    person = read_row(line, values, BIRTHDAY).person
    anniversary = _first(card, "ANNIVERSARY")
    dates = person.dates
    if anniversary:
        dates = (*dates, (ANNIVERSARY, parse_birthday(anniversary)))
    return ImportRow(
        line,
        PersonDraft(
            person.name,
            person.company,
            person.email,
            person.phone,
            ContactKind.network,
            _first(card, "NOTE", tidy=False),
            dates,
        ),
    )


def read_vcards(text: str) -> ReadFile:
    """The contacts of a vCard 3.0 or 4.0 file (several cards in one file)."""
    import vobject

    rows: list[ImportRow] = []
    bad: list[BadRow] = []
    for line, card_text in _cards(text):
        try:
            card = vobject.readOne(card_text)
            rows.append(_card_row(line, card))
        except RowProblem as problem:
            bad.append(BadRow(line, str(problem)))
        except Exception as error:
            # vobject raises its own ParseError and, on odd input, plain ValueErrors.
            bad.append(BadRow(line, f"the card cannot be read ({' '.join(str(error).split())})"))
    if not rows and not bad:
        raise ReftrackError("the file holds no vCard", "export the contacts as .vcf again")
    return ReadFile(ImportFormat.vcard, tuple(rows), tuple(bad))


def read_text(
    text: str, source: ImportFormat | None, told: Mapping[str, ImportField]
) -> ReadFile | None:
    """The rows of a CSV or vCard file; None for a reftrack export (restored, not read here)."""
    found = source or sniff_format(text)
    if found == ImportFormat.reftrack:
        return None
    if found == ImportFormat.vcard:
        return read_vcards(text)
    return read_csv(text, found, told)
