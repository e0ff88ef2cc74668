"""Data in and out: `import` (CRM exports, vCards, reftrack exports) and `export`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from reftrack.cli.context import runtime
from reftrack.cli.options import Json, emit
from reftrack.kinds import ExportFormat, ExportKind, ImportFormat


def import_file(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="The file: a CRM's CSV export, a .vcf, or a reftrack export.")
    ],
    source: Annotated[
        ImportFormat | None,
        typer.Option(
            "--from",
            help="Where the file comes from (default: told by its content and header row).",
        ),
    ] = None,
    maps: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="COLUMN=FIELD: the column holding a field (name, first_name, last_name, "
            "email, company, phone, kind, note, birthday, deal, closed_on, value, stage, "
            "crm_id). Repeat it for each column.",
            metavar="COLUMN=FIELD",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be added and matched; write nothing.")
    ] = False,
    skip_bad: Annotated[
        bool,
        typer.Option("--skip-bad", help="Import the good rows and list the bad ones, left out."),
    ] = False,
    json: Json = False,
) -> None:
    """Import contacts and closed deals: HubSpot, Salesforce, Pipedrive, any CSV, vCards.

    Importing the same file twice adds nothing: a contact is matched by e-mail, then by name
    and company; a close by contact, date and deal name. A bad row stops the import (nothing
    is written) unless --skip-bad. A reftrack export restores the record it holds.
    """
    from reftrack.render.transfer import import_document, print_import
    from reftrack.services.imports import ImportRequest
    from reftrack.services.imports import import_file as run_import

    request = ImportRequest(file, source, list(maps or []), dry_run, skip_bad)
    with runtime(ctx) as rt:
        report = run_import(rt, request)
    emit(json, lambda: import_document(report), lambda: print_import(report))


def export(
    ctx: typer.Context,
    format_: Annotated[
        ExportFormat, typer.Option("--format", help="json (one document) or csv.")
    ] = ExportFormat.json,
    output: Annotated[
        Path | None,
        typer.Option(help="Write to this file (made private) instead of stdout.", metavar="FILE"),
    ] = None,
    kind: Annotated[
        ExportKind | None, typer.Option(help="Only this kind of record (one CSV file).")
    ] = None,
) -> None:
    """Export everything you recorded: JSON (restored by `reftrack import`) or CSV.

    CSV is one file per kind in a zip (needs --output), or one kind's CSV with --kind.
    """
    from reftrack.render.output import write_private
    from reftrack.render.transfer import export_csv, export_json, export_zip, print_export_written
    from reftrack.services.exports import columns, export_record

    if format_ == ExportFormat.csv and kind is None and output is None:
        raise typer.BadParameter(
            "a CSV export of every kind is a zip: give --output FILE.zip, or one --kind",
            param_hint="--output",
        )
    with runtime(ctx, must_exist=True) as rt:
        document = export_record(rt, [kind] if kind else None)
    data: str | bytes
    if format_ == ExportFormat.json:
        data = export_json(document)
    elif kind is not None:
        data = export_csv(document.records[kind], columns(kind))
    else:
        data = export_zip(document, {k: columns(k) for k in document.records})
    if output is None:
        assert isinstance(data, str)
        sys.stdout.write(data)
        return
    write_private(output, data)
    print_export_written(document, str(output))
