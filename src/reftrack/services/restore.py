"""Importing reftrack's own export: into an empty database, an exact restore with the same ids;
into one with data, a merge that adds only what is not there yet.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, SQLModel

from reftrack.domain.contacts import ContactRef
from reftrack.domain.matching import KnownContacts, close_key, fold
from reftrack.domain.put_off import rekeyed
from reftrack.domain.transfer import EXPORT_VERSION, ImportItem, ImportReport, record_problem
from reftrack.errors import ReftrackError
from reftrack.kinds import ExportKind, ImportAction, ImportField, ImportFormat
from reftrack.services.exports import TABLES, columns
from reftrack.services.runtime import Runtime
from reftrack.store import queries
from reftrack.store.models import EnumText

# The contact's e-mail column: the first thing a contact is matched by.
EMAIL = ImportField.email.value
# Columns a match ignores: who wrote the row, and when.
_NOT_COMPARED = {"id", "rep", "recorded_at"}


def _document(text: str, file: str) -> dict[str, Any]:
    """The export's JSON, checked to be a reftrack export of a version this reftrack reads."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReftrackError(
            f"{file}: line {error.lineno}: not valid JSON ({error.msg})",
            "give a file written by `reftrack export`",
        ) from None
    version = document.get("reftrack_export") if isinstance(document, dict) else None
    if not isinstance(version, int) or isinstance(version, bool):
        raise ReftrackError(
            f'{file} is not a reftrack export (no "reftrack_export" version)',
            "give a file written by `reftrack export`, or --from with the CRM it came from",
        )
    if version > EXPORT_VERSION:
        raise ReftrackError(
            f"{file} was written by a newer reftrack (export version {version})",
            "upgrade reftrack to import it",
        )
    return dict(document)


def _value(kind: ExportKind, number: int, name: str, column: Any, value: Any) -> Any:
    """One field of one record as the column stores it; ReftrackError when it cannot be."""
    where = f"{kind.value} #{number}: {name}"
    if value is None:
        if not column.nullable and name != "id":
            raise ReftrackError(f"{where} is missing")
        return None
    kind_of = column.type
    wanted = getattr(kind_of, "impl_instance", kind_of).python_type
    try:
        if isinstance(kind_of, EnumText):
            return kind_of.enum(value)
        if wanted is datetime:
            return datetime.fromisoformat(value)
        if wanted is date:
            return date.fromisoformat(value)
        if wanted is float and isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if wanted is int and isinstance(value, bool):
            raise TypeError(value)
        if isinstance(value, wanted):
            return value
    except (ValueError, TypeError):
        pass
    raise ReftrackError(f"{where}: {json.dumps(value, ensure_ascii=False)[:60]} is not valid")


def _records(document: dict[str, Any]) -> dict[ExportKind, list[dict[str, Any]]]:
    """Each kind's records, every field checked and turned into what the table stores."""
    found: dict[ExportKind, list[dict[str, Any]]] = {}
    for kind, (model, _) in TABLES.items():
        rows = document.get(kind.value, [])
        if not isinstance(rows, list):
            raise ReftrackError(f'"{kind.value}" is not a list of records')
        table: Any = getattr(model, "__table__")  # noqa: B009
        found[kind] = []
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict) or not isinstance(row.get("id"), int):
                raise ReftrackError(f"{kind.value} #{number} is not a record with an id")
            values = {
                name: _value(kind, number, name, table.columns[name], row.get(name))
                for name in columns(kind)
            }
            problem = record_problem(kind, values)
            if problem is not None:
                raise ReftrackError(f"{kind.value} #{number}: {problem}")
            found[kind].append(values)
    return found


def _fold(value: Any) -> Any:
    return fold(value) if isinstance(value, str) else value


def _key(kind: ExportKind, values: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two records the same one: a close by contact, day and deal name, etc."""
    if kind == ExportKind.closes:
        return close_key(values["contact_id"], values["closed_on"], values["title"])
    if kind == ExportKind.dates:
        return (values["contact_id"], values["label"])
    if kind == ExportKind.days_off:
        return (values["day"],)
    if kind == ExportKind.put_offs:
        # One per item: an item put off already stays as the rep left it.
        return (values["key"],)
    return tuple(_fold(v) for k, v in values.items() if k not in _NOT_COMPARED)


class _Existing:
    """The records the rep already has, by what makes them the same (domain/matching.py)."""

    def __init__(self, session: Session, rep: str, kind: ExportKind, model: type[SQLModel]):
        self.kind = kind
        self.keys: dict[tuple[Any, ...], int] = {}
        self.contacts: KnownContacts[int] = KnownContacts()
        names = ["id", *columns(kind)]
        for row in queries.rows_of_rep(session, model, rep):
            values = {name: getattr(row, name) for name in names}
            if kind == ExportKind.contacts:
                self.contacts.remember(
                    int(values["id"]), values["name"], values["company"], values.get(EMAIL)
                )
            else:
                self.keys.setdefault(_key(kind, values), int(values["id"]))

    def find(self, values: dict[str, Any]) -> int | None:
        """The same record already stored, if there is one."""
        if self.kind == ExportKind.contacts:
            return self.contacts.find(values["name"], values["company"], values.get(EMAIL))
        return self.keys.get(_key(self.kind, values))


def restore(rt: Runtime, text: str, file: str, dry_run: bool) -> ImportReport:
    """Import a reftrack export: exact (same ids) into an empty database, else merged."""
    records = _records(_document(text, file))
    report = ImportReport(file, ImportFormat.reftrack, dry_run)
    with rt.transaction(write=not dry_run) as session:
        models = [model for model, _ in TABLES.values()]
        # The file's own ids only into a database empty for everyone, which a rep guarded
        # on PostgreSQL cannot tell (it sees its own rows alone): such a rep merges.
        keep_ids = rt.sees_every_rep() and not queries.holds_rows(session, models)
        ids: dict[ExportKind, dict[int, int]] = {}
        for kind, (model, pointers) in TABLES.items():
            existing = None if keep_ids else _Existing(session, rt.rep, kind, model)
            ids[kind] = {}
            added: list[tuple[int, SQLModel]] = []
            for values in records[kind]:
                old = int(values["id"])
                for name, target in pointers.items():
                    if values[name] is not None:
                        if values[name] not in ids[target]:
                            raise ReftrackError(
                                f"{file}: {kind.value} #{old}: {name} {values[name]} "
                                f"is no record of {target.value} in the file"
                            )
                        values[name] = ids[target][values[name]]
                if kind == ExportKind.put_offs:
                    _rekey(values, ids, f"{file}: {kind.value} #{old}")
                label = _label(kind, values, old)
                found = existing.find(values) if existing else None
                if found is not None:
                    ids[kind][old] = found
                    report.items.append(ImportItem(ImportAction.matched, kind, label))
                    continue
                row = model(**{**values, "id": old if keep_ids else None, "rep": rt.rep})
                added.append((old, row))
                # In a dry run nothing gets an id: a stand-in no stored row has.
                ids[kind][old] = old if keep_ids else -len(ids[kind]) - 1
                report.items.append(ImportItem(ImportAction.added, kind, label))
            if not dry_run and added:
                session.add_all([row for _, row in added])
                session.flush()
                for old, row in added:
                    ids[kind][old] = int(getattr(row, "id"))  # noqa: B009
        if keep_ids and not dry_run:
            queries.follow_ids(session, models)
    return report


def _rekey(values: dict[str, Any], ids: dict[ExportKind, dict[int, int]], where: str) -> None:
    """Point a put-off's key (and state) at the records as they are numbered here."""
    found = rekeyed(values["key"], values["state"], lambda kind, n: ids[kind].get(n))
    if found is None:
        raise ReftrackError(f"{where}: key {values['key']!r} names no item of a record in the file")
    values["key"], values["state"] = found


def _label(kind: ExportKind, values: dict[str, Any], old: int) -> str:
    if kind == ExportKind.put_offs:
        return str(values["key"])
    if kind == ExportKind.contacts:
        return ContactRef(0, str(values["name"]), values["company"]).label
    return f"#{old}"
