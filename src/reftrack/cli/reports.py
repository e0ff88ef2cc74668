"""Reports: `log` (and, later, summary and stats)."""

from __future__ import annotations

from typing import Annotated

import typer

from reftrack.cli.context import runtime


def log(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(help="Only what happened on or after this date.", metavar="DATE"),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Everything recorded — closes, asks, referrals, thank-yous, gifts, shares — newest first."""
    from reftrack.render.output import emit_json
    from reftrack.render.record import log_document, print_log
    from reftrack.services.record import activity_log

    with runtime(ctx) as rt:
        first = rt.date(since, "--since") if since else None
        entries = activity_log(rt, first)
    if json:
        emit_json([log_document(e) for e in entries])
    else:
        print_log(entries)


def register(app: typer.Typer) -> None:
    """Add the report commands to the root app."""
    app.command("log")(log)
