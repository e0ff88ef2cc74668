"""`reftrack demo`: a realistic history to look at, on a throw-away database by default."""

from __future__ import annotations

from typing import Annotated

import typer

from reftrack.cli.context import GlobalOptions, runtime, typed_root_options
from reftrack.cli.options import Json


def demo(
    ctx: typer.Context,
    years: Annotated[str, typer.Option(help="Years of history, 1 to 50.", metavar="N")] = "10",
    contacts: Annotated[
        str, typer.Option(help="How many contacts, 10 to 100,000.", metavar="N")
    ] = "3000",
    seed: Annotated[
        str,
        typer.Option(help="The same seed gives the same history (0 to 999,999,999).", metavar="N"),
    ] = "1",
    json: Json = False,
) -> None:
    """Fill a database with generated history and show today, last week's summary and stats.

    Without --db (or REFTRACK_DB) it uses a throw-away database and leaves yours alone;
    with one it fills that database, if it is empty.
    """
    import tempfile

    from reftrack import invocation
    from reftrack.domain.numbers import DEMO_CONTACTS, DEMO_SEED, DEMO_YEARS, whole_number
    from reftrack.render.charts import print_stats
    from reftrack.render.demo import print_demo_done, print_demo_heading
    from reftrack.render.goals import print_today
    from reftrack.render.summary import summary_text
    from reftrack.services.cron import shown_location
    from reftrack.services.demo import fill_demo
    from reftrack.services.stats import habit_stats
    from reftrack.services.summary import week_of, weekly_summary
    from reftrack.services.today import today_agenda

    span = whole_number(years, "--years", DEMO_YEARS)
    people = whole_number(contacts, "--contacts", DEMO_CONTACTS)
    draws = whole_number(seed, "--seed", DEMO_SEED)
    options = ctx.find_object(GlobalOptions)
    throw_away = options is None or options.db is None
    if throw_away:
        location = f"{tempfile.mkdtemp(prefix='reftrack-demo-')}/demo.db"
        ctx.obj = GlobalOptions(db=location)
        # The demo's own lists (`today`, the summary) name commands for its contacts: pasted,
        # they must act on the throw-away database, never on the rep's own.
        invocation.typed_by(lambda: ["--db", location, *typed_root_options(ctx, ("rep",))])
    with runtime(ctx) as rt:
        counts = fill_demo(rt, span, people, draws)
        # A location holding a password is shown masked, and never as a line to run.
        masked, hidden = shown_location(rt.location)
        if json:
            from reftrack.render.demo import demo_document
            from reftrack.render.output import emit_json

            agenda = today_agenda(rt, rt.today)
            report = weekly_summary(rt, week_of(rt, "last"))
            figures = habit_stats(rt, 26)
            emit_json(demo_document(masked, throw_away, counts, agenda, report, figures))
            return
        print_demo_heading(masked, span, counts)
        print_today(today_agenda(rt, rt.today))
        print_demo_heading(None, None, None, "Last week's summary (reftrack summary)")
        print(summary_text(weekly_summary(rt, week_of(rt, "last"))), end="")
        print_demo_heading(None, None, None, "Stats (reftrack stats)")
        print_stats(habit_stats(rt, 26))
        rep = ctx.find_root().params.get("rep") if typed_root_options(ctx, ("rep",)) else None
        print_demo_done(None if hidden else rt.location, throw_away, rep)
