"""Reports: `log` (and, later, summary and stats)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from reftrack.cli.context import runtime
from reftrack.cli.options import Json, emit


def log(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(help="Only what happened on or after this date.", metavar="DATE"),
    ] = None,
    json: Json = False,
) -> None:
    """Everything recorded — closes, asks, referrals, thank-yous, gifts, shares — newest first."""
    from reftrack.render.log import log_document, print_log
    from reftrack.services.record import activity_log

    with runtime(ctx, must_exist=True) as rt:
        first = rt.date(since, "--since") if since else None
        entries = activity_log(rt, first)
    emit(json, lambda: [log_document(e) for e in entries], lambda: print_log(entries, first))


class Format(StrEnum):
    """How the weekly summary is written."""

    text = "text"
    markdown = "markdown"
    json = "json"


def summary(
    ctx: typer.Context,
    week: Annotated[
        str, typer.Option(help="last (the last complete week), this, or YYYY-Www.")
    ] = "last",
    format_: Annotated[Format, typer.Option("--format", help="text, markdown or json.")] = (
        Format.text
    ),
    output: Annotated[
        Path | None,
        typer.Option(
            help="Write to this regular file (made private, replaced whole) instead of stdout."
        ),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print JSON: the same as --format json.")] = (
        False
    ),
) -> None:
    """The weekly review: closes, asks, coverage, referrals, thanks, goal, streak, open loops.

    Made for cron: it never prompts, and writes plain text when not on a terminal.
    """
    from reftrack.render.output import write_private
    from reftrack.render.summary import summary_document, summary_markdown, summary_text
    from reftrack.services.summary import week_of, weekly_summary

    if json:
        if format_ == Format.markdown:
            raise typer.BadParameter(
                "--json is --format json; give one of them", param_hint="--json"
            )
        format_ = Format.json
    with runtime(ctx, must_exist=True) as rt:
        report = weekly_summary(rt, week_of(rt, week))
    if format_ == Format.json:
        from reftrack.render.output import json_text

        text = json_text(summary_document(report))
    elif format_ == Format.markdown:
        text = summary_markdown(report)
    else:
        text = summary_text(report)
    if output is None:
        sys.stdout.write(text)
    else:
        write_private(output, text)


def stats(
    ctx: typer.Context,
    weeks: Annotated[str, typer.Option(help="How many weeks back, 1 to 520.", metavar="N")] = "26",
    json: Json = False,
) -> None:
    """Charts: asks per day as a calendar heatmap, weekly asks against the goal, the funnel
    closes → asks → referrals → contacted → won, and the top referrers."""
    from reftrack.domain.numbers import STATS_WEEKS, whole_number
    from reftrack.render.charts import print_stats, stats_document
    from reftrack.services.stats import habit_stats

    back = whole_number(weeks, "--weeks", STATS_WEEKS)
    with runtime(ctx, must_exist=True) as rt:
        figures = habit_stats(rt, back)
    emit(json, lambda: stats_document(figures), lambda: print_stats(figures))
