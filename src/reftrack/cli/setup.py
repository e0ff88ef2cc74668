"""`reftrack config …` and `reftrack cron …` (and, later, demo): setting reftrack up."""

from __future__ import annotations

from typing import Annotated

import typer

from reftrack.cli.context import GlobalOptions, as_typed, typed_so_far
from reftrack.cli.options import Json, emit
from reftrack.render.safe import print_plain

config_app = typer.Typer(
    add_completion=False,
    help="Show and change settings (rep, timezone, workdays, thresholds…).",
    no_args_is_help=True,
)


def _complete_key(ctx: typer.Context, incomplete: str) -> list[str]:
    from reftrack.config import KEYS

    typed = typed_so_far(ctx, incomplete).lower()
    return [key for key in KEYS if key.startswith(typed)]


Key = Annotated[str, typer.Argument(help="A setting's name.", autocompletion=_complete_key)]


@config_app.command("show")
def show(json: Json = False) -> None:
    """Show every setting, its value and whether it is set or a default."""
    from reftrack.config import config_path, show_values
    from reftrack.render.settings import print_settings, settings_document

    values = show_values()
    emit(
        json,
        lambda: settings_document(values, config_path()),
        lambda: print_settings(values, config_path()),
    )


@config_app.command("get")
def get(key: Key, json: Json = False) -> None:
    """Print one setting's value."""
    from reftrack.config import get_value, show_values
    from reftrack.render.settings import setting_document

    value = get_value(key)
    source = next(s for k, _v, s in show_values() if k == key)
    emit(json, lambda: setting_document(key, value, source), lambda: print_plain(value))


@config_app.command("set")
def set_(
    key: Key, value: Annotated[str, typer.Argument(help="The new value.")], json: Json = False
) -> None:
    """Change a setting (the file keeps your comments and layout)."""
    from reftrack.config import set_value
    from reftrack.render.settings import setting_document

    stored = set_value(key, value)
    emit(
        json,
        lambda: setting_document(key, stored, "file"),
        lambda: print_plain(f"{key} = {stored}"),
    )


@config_app.command("unset")
def unset(key: Key, json: Json = False) -> None:
    """Remove a setting from the file, back to its default."""
    from reftrack.config import unset_value
    from reftrack.render.settings import setting_document

    default = unset_value(key)
    emit(
        json,
        lambda: setting_document(key, default, "default"),
        lambda: print_plain(f"{key} = {default} (default)"),
    )


@config_app.command("path")
def path(json: Json = False) -> None:
    """Print where the config file is (it may not exist yet)."""
    from reftrack.config import config_path

    where = config_path()
    emit(json, lambda: {"path": str(where), "exists": where.exists()}, lambda: print_plain(where))


cron_app = typer.Typer(
    add_completion=False,
    help="Run the weekly summary, the morning list and a calendar refresh from cron, unattended.",
    no_args_is_help=True,
)

Summary = Annotated[
    str,
    typer.Option(
        "--summary",
        metavar='"DAYS HH:MM"|off',
        help="When `reftrack summary` runs: DAYS is MON, MON-FRI, MON,WED,FRI, SUN or * (daily).",
    ),
]
Today = Annotated[
    str,
    typer.Option(
        "--today", metavar='"DAYS HH:MM"|off', help="When `reftrack today` runs, in the same form."
    ),
]
Mailto = Annotated[
    str | None,
    typer.Option(
        "--mailto",
        metavar="ADDRESS",
        help="Set the crontab's MAILTO: where cron mails the output. It applies to the jobs "
        "below it in the crontab, not only to reftrack's.",
    ),
]

Calendar = Annotated[
    str | None,
    typer.Option(
        "--calendar",
        metavar="FILE",
        help="Also refresh this calendar file (`reftrack calendar --output FILE`) each morning.",
    ),
]
CalendarAt = Annotated[
    str,
    typer.Option(
        "--calendar-at",
        metavar='"DAYS HH:MM"',
        help="When the calendar file is refreshed, in the same form.",
    ),
]
Team = Annotated[
    str | None,
    typer.Option(
        "--team",
        metavar='"DAYS HH:MM"',
        help="Also mail the manager's team week (`reftrack team`) then; PostgreSQL only.",
    ),
]


def _db(ctx: typer.Context) -> str | None:
    """The root `--db` (or REFTRACK_DB) of this run, without opening the database."""
    options = ctx.find_object(GlobalOptions)
    return options.db if options else ctx.find_root().params.get("db")


def _rep(ctx: typer.Context) -> str | None:
    """The root `--rep` (or REFTRACK_REP) of this run, if one was given."""
    options = ctx.find_object(GlobalOptions)
    return options.rep if options else ctx.find_root().params.get("rep")


@cron_app.command("show")
def cron_show(
    ctx: typer.Context,
    summary: Summary = "MON 07:30",
    today: Today = "MON-FRI 08:00",
    mailto: Mailto = None,
    calendar: Calendar = None,
    calendar_at: CalendarAt = "* 06:00",
    team: Team = None,
    json: Json = False,
) -> None:
    """Print the lines `cron install` would add, without touching your crontab."""
    from reftrack.render.cron import plan_document, print_plan
    from reftrack.services.cron import plan

    lines = plan(_db(ctx), summary, today, mailto, calendar, calendar_at, team=team, rep=_rep(ctx))
    emit(json, lambda: plan_document(lines), lambda: print_plan(lines))


@cron_app.command("install")
def cron_install(
    ctx: typer.Context,
    summary: Summary = "MON 07:30",
    today: Today = "MON-FRI 08:00",
    mailto: Mailto = None,
    calendar: Calendar = None,
    calendar_at: CalendarAt = "* 06:00",
    team: Team = None,
    json: Json = False,
) -> None:
    """Add the lines to your crontab, replacing reftrack's earlier ones (safe to repeat)."""
    from reftrack.render.cron import installed_document, print_installed, print_source_checkout
    from reftrack.services import cron

    result = cron.install(
        cron.plan(_db(ctx), summary, today, mailto, calendar, calendar_at, team=team, rep=_rep(ctx))
    )
    emit(json, lambda: installed_document(result), lambda: print_installed(result))
    in_checkout = cron.installed_from_checkout()
    if in_checkout is not None and result.plan.jobs:
        # Still installed: a warning, since the checkout may well stay where it is.
        print_source_checkout(*in_checkout, as_typed(ctx))


@cron_app.command("remove")
def cron_remove(json: Json = False) -> None:
    """Take reftrack's lines out of your crontab, and nothing else."""
    from reftrack.render.cron import edit_document, print_removed
    from reftrack.services.cron import remove

    edit = remove()
    emit(json, lambda: edit_document(edit), lambda: print_removed(edit))
