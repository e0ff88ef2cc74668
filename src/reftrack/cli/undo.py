"""`undo`: take back the last command that wrote, or list what the journal holds."""

from __future__ import annotations

from typing import Annotated

import typer

from reftrack.cli.context import runtime
from reftrack.cli.options import Json, emit


def again_command(ctx: typer.Context) -> str:
    """`reftrack undo` with the --db and --rep typed for this run, so that run again it
    takes back the same database's and rep's next command."""
    import shlex

    from reftrack.cli.context import typed_root_options

    return shlex.join(["reftrack", *typed_root_options(ctx), "undo"])


def undo(
    ctx: typer.Context,
    list_: Annotated[
        bool,
        typer.Option("--list", help="List the last commands that wrote, newest first."),
    ] = False,
    limit: Annotated[
        str, typer.Option(help="How many commands --list shows (default 10).", metavar="N")
    ] = "10",
    force: Annotated[
        bool,
        typer.Option("--force", help="Undo even where a row has changed since."),
    ] = False,
    json: Json = False,
) -> None:
    """Take back the whole of the last command that wrote; again, and it walks further back."""
    from reftrack.domain.numbers import UNDO_LIST, whole_number
    from reftrack.render.undo import (
        journal_document,
        operation_document,
        print_journal,
        print_undone,
    )
    from reftrack.services.undo import journal_list, more_to_undo, undo_last

    if list_ and force:
        raise typer.BadParameter(
            "--list shows the journal; it undoes nothing", param_hint="--force"
        )
    shown = whole_number(limit, "--limit", UNDO_LIST)
    if list_:
        with runtime(ctx, must_exist=True) as rt:
            operations = journal_list(rt, shown)
        emit(json, lambda: journal_document(operations), lambda: print_journal(operations))
        return
    with runtime(ctx) as rt:
        undone = undo_last(rt, force)
        again = more_to_undo(rt) and again_command(ctx)
    emit(json, lambda: operation_document(undone), lambda: print_undone(undone, again or None))
