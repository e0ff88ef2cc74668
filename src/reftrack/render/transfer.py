"""Import reports in words and JSON; exports as a JSON document, CSV text or a zip of CSVs."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from enum import Enum
from typing import Any, Protocol

from rich.text import Text

from reftrack.domain.transfer import ImportItem, ImportReport
from reftrack.kinds import ExportKind, ImportAction
from reftrack.render.output import console, json_text, plural

# How many records a text report lists one by one; --json always lists them all.
LISTED = 20

_NOUNS = {
    ExportKind.contacts: ("contact", "contacts"),
    ExportKind.dates: ("date", "dates"),
    ExportKind.closes: ("close", "closes"),
    ExportKind.asks: ("ask", "asks"),
    ExportKind.referrals: ("referral", "referrals"),
    ExportKind.referral_events: ("referral event", "referral events"),
    ExportKind.thank_yous: ("thank-you", "thank-yous"),
    ExportKind.given: ("given referral", "given referrals"),
    ExportKind.shares: ("share", "shares"),
    ExportKind.scores: ("score", "scores"),
    ExportKind.goals: ("goal", "goals"),
    ExportKind.days_off: ("day off", "days off"),
    ExportKind.put_offs: ("item put off", "items put off"),
}


class Export(Protocol):
    """What an export holds (services.exports.ExportDocument)."""

    @property
    def rep(self) -> str: ...
    @property
    def exported_at(self) -> datetime: ...
    @property
    def records(self) -> dict[ExportKind, list[dict[str, Any]]]: ...
    @property
    def version(self) -> int: ...


def _counted(counts: dict[ExportKind, int]) -> str:
    parts = [plural(n, *_NOUNS[kind]) for kind, n in counts.items()]
    return ", ".join(parts) or "nothing"


def import_document(report: ImportReport) -> dict[str, Any]:
    """The report as values: counts by action and kind, and every record with its line."""
    return {
        "file": report.file,
        "source": report.source,
        "dry_run": report.dry_run,
        "added": {k.value: n for k, n in report.count(ImportAction.added).items()},
        "matched": {k.value: n for k, n in report.count(ImportAction.matched).items()},
        "skipped": report.rows(ImportAction.skipped),
        "bad": report.rows(ImportAction.bad),
        "items": [
            {
                "line": item.line,
                "action": item.action,
                "kind": item.kind,
                "label": item.label,
                "reason": item.reason,
            }
            for item in report.items
        ],
    }


def _item_line(item: ImportItem, dry_run: bool) -> Text:
    where = f"line {item.line}: " if item.line is not None else ""
    noun = _NOUNS[item.kind][0] if item.kind else "row"
    verb = "would add" if dry_run and item.action == ImportAction.added else item.action.value
    words = f"  {where}{verb} {noun}"
    text = Text(words)
    if item.label:
        text.append(" ")
        text.append(item.label)
    if item.reason:
        text.append(f" — {item.reason}")
    return text


def print_import(report: ImportReport) -> None:
    """What the import did, or would do in a dry run: counts first, then the records."""
    out = console()
    would = "would add" if report.dry_run else "added"
    head = Text(f"{'Dry run of' if report.dry_run else 'Imported'} ")
    head.append(report.file)
    head.append(f" ({report.source.value})")
    out.print(head)
    out.print(Text(f"  {would}: {_counted(report.count(ImportAction.added))}"))
    out.print(Text(f"  matched (already there): {_counted(report.count(ImportAction.matched))}"))
    skipped, bad = report.rows(ImportAction.skipped), report.rows(ImportAction.bad)
    if skipped:
        out.print(Text(f"  skipped: {plural(skipped, 'row')}"))
    if bad:
        out.print(Text(f"  bad, left out: {plural(bad, 'row')}"))
    shown = [i for i in report.items if i.action != ImportAction.matched]
    for item in shown[:LISTED]:
        out.print(_item_line(item, report.dry_run))
    if len(shown) > LISTED:
        out.print(Text(f"  … and {len(shown) - LISTED} more (--json lists them all)"))
    if report.dry_run:
        out.print(Text("Nothing was written: run it again without --dry-run to import."))


def _plain(value: Any) -> Any:
    """A field as the export writes it: dates in ISO 8601, choices as their words."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def export_json(export: Export) -> str:
    """The export as the versioned JSON document of docs/import-export.md."""
    document: dict[str, Any] = {
        "reftrack_export": export.version,
        "exported_at": export.exported_at.isoformat(),
        "rep": export.rep,
    }
    for kind, rows in export.records.items():
        document[kind.value] = [{k: _plain(v) for k, v in row.items()} for row in rows]
    return json_text(document)


def export_csv(rows: list[dict[str, Any]], fields: list[str]) -> str:
    """One kind's records as CSV text with a header row; true/false for yes-or-no fields."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        cells = [_plain(row[f]) for f in fields]
        writer.writerow(
            ["" if c is None else str(c).lower() if isinstance(c, bool) else c for c in cells]
        )
    return buffer.getvalue()


def export_zip(export: Export, fields: dict[ExportKind, list[str]]) -> bytes:
    """A zip holding one CSV file per kind (`contacts.csv`, `closes.csv`, …)."""
    buffer = io.BytesIO()
    stamp = export.exported_at.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind, rows in export.records.items():
            entry = zipfile.ZipInfo(f"{kind.value}.csv", date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            archive.writestr(entry, export_csv(rows, fields[kind]).encode("utf-8"))
    return buffer.getvalue()


def print_export_written(export: Export, output: str) -> None:
    """Say what went into the file the export was written to."""
    counts = {k: len(rows) for k, rows in export.records.items() if rows}
    line = Text("Exported ")
    line.append(_counted(counts))
    line.append(" to ")
    line.append(output)
    console().print(line)
