"""`goal`, `off` and `today`: the target worked backwards, days off, and the morning list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from reftrack.cli.context import runtime
from reftrack.cli.options import AddByDefault, Day, Json, emit
from reftrack.kinds import Period

if TYPE_CHECKING:
    from reftrack.services.runtime import Runtime

goal_app = typer.Typer(
    add_completion=False,
    help="Set a referral goal and see what it asks of you.",
    no_args_is_help=True,
)


@goal_app.command("set")
def goal_set(
    ctx: typer.Context,
    referrals: Annotated[
        str,
        typer.Option(help="Referrals you want per period, 0 to 1,000,000.", metavar="N"),
    ],
    per: Annotated[Period, typer.Option(help="The period the target covers.")],
    rate: Annotated[
        str | None,
        typer.Option(
            help="A fixed referrals-per-ask rate, 0.01 to 10 (default: learned from your asks).",
            metavar="RATE",
        ),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", help="The day it takes effect (default today).", metavar="DATE"),
    ] = None,
    prorate: Annotated[
        bool,
        typer.Option(
            "--prorate",
            help="Scale the target to the working days left in the period from the first day.",
        ),
    ] = False,
    json: Json = False,
) -> None:
    """Set a goal: N referrals per week, month, quarter or year, from a day on."""
    from reftrack.domain.goals import late_in_period, prorated
    from reftrack.domain.numbers import RATE, TARGET, decimal_number, whole_number
    from reftrack.render.goals import goal_document, print_goal, print_late_start
    from reftrack.services.goals import period_workdays, set_goal

    target = whole_number(referrals, "--referrals", TARGET)
    fixed = decimal_number(rate, "--rate", RATE) if rate is not None else None
    with runtime(ctx) as rt:
        day = rt.date(from_, "--from")
        _start, end, left, whole = period_workdays(rt, per, day)
        asked = target
        if prorate:
            target = prorated(target, left, whole)
        status, week = set_goal(rt, target, per, fixed, day)
    late = (
        not prorate
        and status.day == day
        and late_in_period(left, whole, status.daily_goal, status.asks_needed)
    )

    def show() -> None:
        print_goal(status, week, None, None, verb="Goal set")
        if late:
            print_late_start(status, left, end, prorated(asked, left, whole))

    emit(json, lambda: goal_document(status, week, None, None), show)


@goal_app.command("show")
def goal_show(ctx: typer.Context, on: Day = None, json: Json = False) -> None:
    """What the goal asks of you: asks needed, per day and per week, and your pace."""
    from reftrack.render.goals import goal_document, print_goal
    from reftrack.services.goals import show_goal

    with runtime(ctx, must_exist=True) as rt:
        status, week, asks_today, asks_week = show_goal(rt, rt.date(on, "--on"))
    emit(
        json,
        lambda: goal_document(status, week, asks_today, asks_week),
        lambda: print_goal(status, week, asks_today, asks_week),
    )


@goal_app.command("rm")
def goal_rm(
    ctx: typer.Context,
    which: Annotated[
        list[str],
        typer.Argument(
            help="Goals by id (g2, as `goal show` prints it) or by a day each is in force "
            "(today, 2026-11-01).",
            metavar="ID-OR-DATE...",
        ),
    ],
    json: Json = False,
) -> None:
    """Remove goals; the goal before each takes over again from the day it took effect."""
    from reftrack.render.entries import goals_removed_document, print_goals_removed
    from reftrack.services.delete import remove_goals

    with runtime(ctx) as rt:
        removed = remove_goals(rt, which)
    emit(
        json,
        lambda: goals_removed_document(removed),
        lambda: print_goals_removed(removed),
    )


off_app = typer.Typer(
    add_completion=False,
    cls=AddByDefault,
    help="Days off (holidays, leave) that are not working days.",
    no_args_is_help=True,
)
DayOrRange = Annotated[
    str,
    typer.Argument(
        help="A day or a range: 2026-12-24, friday, 2026-12-24..2026-12-26.",
        metavar="DATE[..DATE]",
    ),
]


@off_app.command("add")
def off_add(
    ctx: typer.Context,
    days: DayOrRange,
    note: Annotated[str | None, typer.Option(help="Why (a holiday, leave).")] = None,
    json: Json = False,
) -> None:
    """Take a day or a range off (the default: `off DATE` is `off add DATE`)."""
    from reftrack.domain.dates import parse_date_range
    from reftrack.render.goals import days_off_changed_document, print_days_off_changed
    from reftrack.services.goals import add_days_off

    with runtime(ctx) as rt:
        first, last = parse_date_range(days, rt.today, "off")
        added, already = add_days_off(rt, first, last, note)
    emit(
        json,
        lambda: days_off_changed_document(added, already, removed=False),
        lambda: print_days_off_changed(added, already, removed=False),
    )


@off_app.command("list")
def off_list(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Past days off too.")] = False,
    json: Json = False,
) -> None:
    """Days off from today on (--all: every one)."""
    from reftrack.render.goals import days_off_document, print_days_off
    from reftrack.services.goals import list_days_off

    with runtime(ctx, must_exist=True) as rt:
        days = list_days_off(rt, all_)
    emit(json, lambda: days_off_document(days), lambda: print_days_off(days))


@off_app.command("rm")
def off_rm(ctx: typer.Context, days: DayOrRange, json: Json = False) -> None:
    """Make a day or a range working days again."""
    from reftrack.domain.dates import parse_date_range
    from reftrack.render.goals import days_off_changed_document, print_days_off_changed
    from reftrack.services.goals import remove_days_off

    with runtime(ctx) as rt:
        first, last = parse_date_range(days, rt.today, "off rm")
        removed = remove_days_off(rt, first, last)
    emit(
        json,
        lambda: days_off_changed_document(removed, [], removed=True),
        lambda: print_days_off_changed(removed, [], removed=True),
    )


def today(
    ctx: typer.Context,
    on: Day = None,
    all_: Annotated[bool, typer.Option("--all", help="Show every item, not the first 20.")] = False,
    json: Json = False,
) -> None:
    """Your morning list: whom to ask, follow up, contact, inform and thank, with progress."""
    from reftrack.render.goals import print_today, today_document
    from reftrack.services.today import today_agenda

    with runtime(ctx, must_exist=True) as rt:
        agenda = today_agenda(rt, rt.date(on, "--on"))
        newcomer = not json and _first_run(rt)
    emit(json, lambda: today_document(agenda), lambda: print_today(agenda, show_all=all_))
    if newcomer:
        from reftrack.render.first_run import print_new_here

        print_new_here()


def _first_run(rt: Runtime) -> bool:
    """A person at a terminal with no settings file and no contacts: offer `reftrack init`."""
    from reftrack.cli.context import interactive
    from reftrack.config import config_path

    if not interactive() or config_path().exists():
        return False
    from reftrack.services.today import holds_contacts

    return not holds_contacts(rt)
