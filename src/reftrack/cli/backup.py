"""`reftrack backup` and `reftrack restore`: a copy of the database, and putting one back."""

from __future__ import annotations

from typing import Annotated

import typer

from reftrack.cli.context import runtime
from reftrack.cli.options import Json, emit

Force = Annotated[bool, typer.Option("--force", help="Replace what is there.")]


def backup(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            help="Where to write the copy: a file, or a folder to put it in (default: "
            "backups/reftrack-YYYYMMDD-HHMMSS.db beside the database).",
            show_default=False,
        ),
    ] = None,
    force: Force = False,
    json: Json = False,
) -> None:
    """Copy the database to a private file, consistently even while reftrack writes.

    On PostgreSQL it says how to use pg_dump instead.
    """
    from reftrack.render.backup import backup_document, print_backup
    from reftrack.services.backup import back_up

    with runtime(ctx, must_exist=True) as rt:
        done = back_up(rt, path, force)
    emit(json, lambda: backup_document(done), lambda: print_backup(done))


def restore(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(help="The backup to restore (from `reftrack backup`).")],
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace a database that holds data (it is kept aside first)."
        ),
    ] = False,
    json: Json = False,
) -> None:
    """Put a backup in place of the database; the replaced file is kept aside.

    A backup from an older reftrack is upgraded; one from a newer reftrack is refused.
    """
    from reftrack.render.backup import print_restore, restore_document
    from reftrack.services.backup import restore as put_back

    with runtime(ctx) as rt:
        done = put_back(rt, path, force)
    emit(json, lambda: restore_document(done), lambda: print_restore(done))
