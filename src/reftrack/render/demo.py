"""What the demo says around the reports it shows."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from reftrack.domain.reminders import Agenda
from reftrack.domain.stats import Stats
from reftrack.domain.summary import WeeklySummary
from reftrack.render.output import console


def demo_document(
    location: str,
    throw_away: bool,
    counts: dict[str, int],
    agenda: Agenda,
    report: WeeklySummary,
    stats: Stats,
) -> dict[str, Any]:
    """`demo --json`: where the demo is, what was generated, and today, summary and stats."""
    from reftrack.render.charts import stats_document
    from reftrack.render.goals import today_document
    from reftrack.render.summary import summary_document

    return {
        "database": location,
        "throw_away": throw_away,
        "generated": counts,
        "today": today_document(agenda),
        "summary": summary_document(report),
        "stats": stats_document(stats),
    }


def print_demo_heading(
    location: str | None, years: int | None, counts: dict[str, int] | None, title: str = ""
) -> None:
    """A heading between the demo's reports; the first one says what was generated."""
    out = console()
    if counts is not None:
        out.print(
            Text(
                f"Demo: {years} years of one rep's history in {location}: {counts['contacts']} "
                f"contacts, {counts['closes']} closes, {counts['asks']} asks, "
                f"{counts['referrals']} referrals, {counts['thank_yous']} thank-yous.",
                style="bold",
            )
        )
        out.print()
        out.print(Text("This morning (reftrack today)", style="bold underline"))
        return
    out.print()
    out.print(Text(title, style="bold underline"))


def print_demo_done(location: str | None, throw_away: bool, rep: str | None = None) -> None:
    """How to look around the demo (its database quoted, and the rep it was filled for
    when one was given), and how to start for real. `location` None: a URL holding a
    password, which is never printed; the rep names it again as they did."""
    from reftrack.domain.contacts import shell_word

    out = console()
    out.print()
    out.print(Text("Look around the demo:", style="bold"))
    whose = f" --rep {shell_word(rep)}" if rep else ""
    where = f"REFTRACK_DB={shell_word(location)} " if location else ""
    for command in ("contact list", "today --all"):
        out.print(Text(f"  {where}reftrack{whose} {command}"))
    if location is None:
        out.print(Text("  (with the database as you gave it for the demo)"))
    if throw_away:
        out.print(Text("Your own data was not touched. Start for real:", style="bold"))
    else:
        out.print(Text("Start for real in your own database:", style="bold"))
    out.print(Text('  reftrack contact add "Jane Doe" --company Acme'))
    out.print(Text('  reftrack ask "Jane Doe" --won --deal "Fleet renewal"'))
    out.print(Text("  reftrack goal set --referrals 8 --per month"))
    out.print(Text("  reftrack today"))
