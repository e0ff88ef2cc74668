"""Charts: a calendar heatmap of asks, weekly bars against the goal, the funnel.

Rich colours on a terminal; plain Unicode blocks when piped or with NO_COLOR.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from rich.text import Text

from reftrack.domain.dates import iso_week
from reftrack.domain.stats import FunnelStep, Stats
from reftrack.render.output import console


def bar(value: int, largest: int, width: int = 20) -> str:
    """A bar of full blocks, at least one for any value above zero."""
    if value <= 0 or largest <= 0:
        return ""
    return "█" * max(1, round(width * value / largest))


SHADES = " ░▒▓█"
GREENS = ("grey23", "green4", "green3", "green1", "bright_green")
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _level(count: int, largest: int) -> int:
    if count <= 0 or largest <= 0:
        return 0
    return max(1, min(4, round(4 * count / largest)))


def heatmap(stats: Stats, colour: bool) -> list[Text]:
    """Seven rows (one per weekday), a column per week, shaded by the asks of each day."""
    largest = max(stats.asks_by_day.values(), default=0)
    weeks = len(stats.weeks)
    rows = []
    for offset in range(7):
        weekday = (stats.week_start + offset) % 7
        line = Text(f"{DAY_NAMES[weekday]} ")
        for n in range(weeks):
            day = stats.first + timedelta(days=7 * n + offset)
            if day > stats.last:
                line.append(" ")
                continue
            level = _level(stats.asks_by_day.get(day, 0), largest)
            if colour:
                line.append("■", style=GREENS[level])
            else:
                line.append(SHADES[level] if level else "·")
        rows.append(line)
    legend = "less " + ("".join("■" for _ in GREENS) if colour else "·░▒▓█") + " more"
    rows.append(Text(f"    {legend}", style="dim"))
    return rows


# What one of each step is called, for "1.5 asks per close".
ONE = {"closes": "close", "asks": "ask", "referrals": "referral"}


def funnel_rate(before: FunnelStep | None, step: FunnelStep) -> str:
    """A step against the one before: a share in % (never above 100), else a rate per one."""
    if before is None or step.rate is None:
        return ""
    if step.share:
        return f"  ({step.rate * 100:.0f} % of {before.name})"
    return f"  ({step.rate:.2f} per {ONE.get(before.name, before.name)})"


def stats_document(stats: Stats) -> dict[str, Any]:
    """The same figures as the charts, as JSON."""
    days = []
    day = stats.first
    while day <= stats.last:
        days.append({"date": day, "asks": stats.asks_by_day.get(day, 0)})
        day += timedelta(days=1)
    return {
        "first": stats.first,
        "last": stats.last,
        "days": days,
        "weeks": [
            {
                "week": iso_week(first + timedelta(days=3)),
                "start": first,
                "asks": asks,
                "weekly_goal": goal,
            }
            for first, asks, goal in stats.weeks
        ],
        "funnel": [
            {
                "step": s.name,
                "count": s.count,
                "of": before.name if before else None,
                "rate": round(s.rate, 4) if s.rate is not None else None,
                "share": s.share,
            }
            for before, s in zip((None, *stats.funnel), stats.funnel, strict=False)
        ],
        "top_referrers": [{"contact": c.label, "referrals": n} for c, n in stats.top_referrers],
    }


def print_stats(stats: Stats) -> None:
    """The heatmap, the weekly bars, the funnel and the top referrers."""
    out = console()
    colour = out.is_terminal and not out.no_color
    out.print(Text(f"Asks per day, {stats.first} to {stats.last}", style="bold"))
    for line in heatmap(stats, colour):
        out.print(line)
    out.print()
    out.print(Text("Asks per week against the weekly goal", style="bold"))
    largest = max([1, *(a for _, a, _ in stats.weeks), *((g or 0) for _, _, g in stats.weeks)])
    for first, asks, goal in stats.weeks[-12:]:
        met = goal is not None and asks >= goal
        line = Text(f"{iso_week(first + timedelta(days=3))[-3:]} ")
        line.append(f"{bar(asks, largest):<20}", style="green" if met else "yellow")
        line.append(f" {asks}" + (f" / {goal}" if goal is not None else ""))
        out.print(line)
    out.print()
    out.print(Text("Funnel", style="bold"))
    for before, step in zip((None, *stats.funnel), stats.funnel, strict=False):
        out.print(Text(f"{step.name:<10} {step.count:>5}{funnel_rate(before, step)}"))
    if stats.top_referrers:
        out.print()
        out.print(Text("Top referrers", style="bold"))
        for contact, n in stats.top_referrers:
            out.print(Text(f"{n:>5}  {contact.label}"))
