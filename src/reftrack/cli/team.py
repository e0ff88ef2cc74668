"""`reftrack team`: the manager's week, and `team add` for the database owner (PostgreSQL)."""

from __future__ import annotations

from typing import Annotated

import typer

from reftrack.cli.context import runtime
from reftrack.cli.options import Json, emit

team_app = typer.Typer(
    add_completion=False,
    invoke_without_command=True,
    help="The team on PostgreSQL: each rep's week in counts (for managers); `team add REP`.",
)


@team_app.callback()
def team(
    ctx: typer.Context,
    week: Annotated[
        str,
        typer.Option(help="last (the last complete week), this, YYYY-Www, or a date in it."),
    ] = "last",
    json: Json = False,
) -> None:
    """Each rep's week: asks, closes and coverage, referrals in and won, thanks owed, streak, pace.

    Counts only, never a contact's name or note: read from the team views, which a role
    granted the manager role may read (`reftrack team add NAME --manager`). PostgreSQL only.
    """
    if ctx.invoked_subcommand is not None:
        return
    from reftrack.render.safe import print_plain
    from reftrack.render.team import team_document, team_text
    from reftrack.services.team import team_week, team_week_of

    with runtime(ctx, must_exist=True) as rt:
        report = team_week(rt, team_week_of(rt, week))
    emit(json, lambda: team_document(report), lambda: print_plain(team_text(report).rstrip("\n")))


@team_app.command("add")
def add(
    ctx: typer.Context,
    rep: Annotated[str, typer.Argument(help="The rep's name: the database role they log in as.")],
    manager: Annotated[
        bool, typer.Option("--manager", help="Also let them read the team view.")
    ] = False,
    json: Json = False,
) -> None:
    """Add a rep to a team database: a role that reads and writes only its own rows.

    Run by the database owner (with CREATEROLE). The role gets LOGIN and no password:
    set one with ALTER ROLE, and keep it in the rep's ~/.pgpass.
    """
    from reftrack.domain.reps import REP_RULE, rep_problem
    from reftrack.render.safe import print_plain
    from reftrack.render.team import member_document, member_text
    from reftrack.services.team import add_member

    if rep_problem(rep) is not None:
        raise typer.BadParameter(REP_RULE, param_hint="REP")
    with runtime(ctx) as rt:
        member = add_member(rt, rep, manager)
    emit(
        json, lambda: member_document(member), lambda: print_plain(member_text(member).rstrip("\n"))
    )
