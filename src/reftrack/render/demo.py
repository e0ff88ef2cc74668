"""What the demo says around the reports it shows."""

from __future__ import annotations

from rich.text import Text

from reftrack.render.output import console


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


def print_demo_done(location: str, throw_away: bool) -> None:
    """How to look around the demo, and how to start for real."""
    out = console()
    out.print()
    out.print(Text("Look around the demo:", style="bold"))
    out.print(Text(f"  REFTRACK_DB={location} reftrack contact list"))
    out.print(Text(f"  REFTRACK_DB={location} reftrack today --all"))
    if throw_away:
        out.print(Text("Your own data was not touched. Start for real:", style="bold"))
    else:
        out.print(Text("Start for real in your own database:", style="bold"))
    out.print(Text('  reftrack contact add "Jane Doe" --company Acme'))
    out.print(Text('  reftrack ask "Jane Doe" --won --deal "Fleet renewal"'))
    out.print(Text("  reftrack goal set --referrals 8 --per month"))
    out.print(Text("  reftrack today"))
