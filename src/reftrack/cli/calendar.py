"""`reftrack calendar`: the next days' reminders and the yearly dates as an iCalendar file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reftrack.cli.context import runtime
from reftrack.cli.options import Json


def calendar(
    ctx: typer.Context,
    days: Annotated[
        str, typer.Option(help="How many days of reminders, from today: 1 to 92.", metavar="N")
    ] = "14",
    output: Annotated[
        Path | None,
        typer.Option(
            help="Write the file here (made private, replaced whole) instead of to stdout.",
            metavar="FILE",
        ),
    ] = None,
    json: Json = False,
) -> None:
    """An iCalendar (.ics) file: each reminder `today` will show in the next days, on its
    day, with the command that clears it, and contacts' birthdays and dates every year.

    Subscribe to it from a synced folder; `reftrack cron install --calendar FILE` refreshes
    it each morning. With --json the events are printed as JSON (and the file still goes
    to --output when given).
    """
    import sys

    from reftrack.domain.numbers import CALENDAR_DAYS, whole_number
    from reftrack.render.calendar import calendar_document, calendar_text
    from reftrack.services.calendar import calendar_feed

    ahead = whole_number(days, "--days", CALENDAR_DAYS)
    with runtime(ctx, must_exist=True) as rt:
        feed = calendar_feed(rt, ahead)
    text = calendar_text(feed)
    if output is not None:
        from reftrack.render.output import write_private

        write_private(output, text)
    if json:
        from reftrack.render.output import emit_json

        emit_json(calendar_document(feed))
    elif output is None:
        sys.stdout.write(text)
