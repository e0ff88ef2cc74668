"""The weekly summary as plain text for a cron mail, as Markdown, and as JSON."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from reftrack.domain.dates import iso_week
from reftrack.domain.put_off import item_key
from reftrack.domain.records import format_amount
from reftrack.domain.reminders import Reminder
from reftrack.domain.summary import WeeklySummary
from reftrack.invocation import reftrack
from reftrack.render.charts import bar
from reftrack.render.output import plural
from reftrack.render.reminders import reminder_command, reminder_text
from reftrack.render.safe import visible

LOOPS_LISTED = 10


def _percent(part: float | None) -> str:
    return "—" if part is None else f"{part * 100:.0f} %"


def _rows(summary: WeeklySummary) -> list[tuple[str, str]]:
    """The headline figures as (label, text) pairs, shared by text and Markdown."""
    s = summary
    won_value = f" · won value {format_amount(s.won_value_cents)}" if s.won_value_cents else ""
    coverage = s.coverage
    covered = (
        f"{coverage.covered} of {plural(coverage.closes, 'close')} asked "
        f"({_percent(coverage.share)})"
        if coverage.closes
        else "no closes to ask after"
    )
    won = f"{s.referrals_won} won"
    if s.referrals_won_value_cents:
        won += f" ({format_amount(s.referrals_won_value_cents)})"
    per_ask = "—" if s.referrals_per_ask is None else f"{s.referrals_per_ask:.2f}"
    rows = [
        ("Closes", f"{s.closes} ({s.closes_won} won, {s.closes_lost} lost){won_value}"),
        ("Asks", f"{s.asks} · {covered}"),
        ("Referrals", f"{s.referrals_received} received · {won}"),
        (
            "Conversion",
            f"{per_ask} referrals per ask · {_percent(s.won_per_referral)} of referrals won",
        ),
        ("Thank-yous", f"{s.thank_yous_sent} sent · {s.thank_yous_owed} still owed"),
        ("Given", plural(s.referrals_given, "introduction")),
    ]
    if s.goal is not None:
        pace = "on pace" if s.goal.on_pace else "behind pace"
        rows.append(
            (
                "Goal",
                f"{s.referrals_in_period} of {plural(s.goal.target, 'referral')} this "
                f"{s.goal.period} ({pace})",
            )
        )
    else:
        rows.append(("Goal", f"none set ({reftrack()} goal set --referrals 8 --per month)"))
    if s.next_week_goal is not None:
        rows.append(("Next week", plural(s.next_week_goal, "ask")))
    rows.append(("Streak", plural(s.streak, "working day")))
    return rows


def _chart_lines(summary: WeeklySummary) -> list[str]:
    largest = max([*summary.asks_per_week, *(g or 0 for g in summary.weekly_goals), 1])
    lines = []
    for n, (count, goal) in enumerate(
        zip(summary.asks_per_week, summary.weekly_goals, strict=True)
    ):
        weeks_back = len(summary.asks_per_week) - 1 - n
        label = iso_week(summary.start - timedelta(days=7 * weeks_back - 3))[-3:]
        target = f" / {goal}" if goal is not None else ""
        lines.append(f"{label:>4} {bar(count, largest):<20} {count}{target}")
    return lines


def _fresh_loops(summary: WeeklySummary) -> list[Reminder]:
    """The open loops still in the morning list; the stale ones are only counted."""
    return [item for item in summary.open_loops if not item.stale]


def _older_loops(summary: WeeklySummary) -> str | None:
    """How many loops are long overdue, and where to see them."""
    stale = len(summary.open_loops) - len(_fresh_loops(summary))
    if not stale:
        return None
    return f"{stale} older loop{'s' if stale != 1 else ''}, long overdue"


def _loop_lines(summary: WeeklySummary) -> list[str]:
    loops = _fresh_loops(summary)
    lines = [
        f"- {reminder_text(item)}\n    {reminder_command(item)}" for item in loops[:LOOPS_LISTED]
    ]
    if len(loops) > LOOPS_LISTED:
        lines.append(f"… and {len(loops) - LOOPS_LISTED} more: {reftrack()} today --all")
    if older := _older_loops(summary):
        lines.append(f"({older}: {reftrack()} today --all)")
    return lines


def summary_text(summary: WeeklySummary) -> str:
    """Plain text that reads well in a cron mail: short lines, no colour, no boxes."""
    s = summary
    lines = [f"reftrack weekly summary, {s.week} ({s.start:%a %d %b} to {s.end:%a %d %b %Y})", ""]
    width = max(len(label) for label, _ in _rows(s))
    lines += [f"{label:<{width}}  {text}" for label, text in _rows(s)]
    if s.top_referrers:
        lines += ["", "Top referrers, last 12 weeks"]
        lines += [f"  {n:>3}  {contact.label}" for contact, n in s.top_referrers]
    lines += ["", "Asks per week (count / weekly goal)"]
    lines += _chart_lines(s)
    lines += ["", f"Open loops as of {s.today} ({len(_fresh_loops(s))})"]
    lines += _loop_lines(s) or ["Nothing open. Ask someone new this week."]
    return visible("\n".join(lines) + "\n")


def _md(text: str) -> str:
    """User text made safe inside a Markdown table or list."""
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def summary_markdown(summary: WeeklySummary) -> str:
    """The summary as Markdown for notes and chat."""
    s = summary
    lines = [
        f"## reftrack weekly summary, {s.week}",
        "",
        f"{s.start:%a %d %b} to {s.end:%a %d %b %Y}",
        "",
        "| | |",
        "|---|---|",
    ]
    lines += [f"| **{label}** | {_md(text)} |" for label, text in _rows(s)]
    if s.top_referrers:
        lines += ["", "### Top referrers, last 12 weeks", ""]
        lines += [f"- {_md(contact.label)}: {n}" for contact, n in s.top_referrers]
    lines += ["", "### Asks per week", "", "```", *_chart_lines(s), "```"]
    fresh = _fresh_loops(s)
    lines += ["", f"### Open loops as of {s.today} ({len(fresh)})", ""]
    loops = [
        f"- {_md(reminder_text(item))} — `{reminder_command(item)}`"
        for item in fresh[:LOOPS_LISTED]
    ]
    if len(fresh) > LOOPS_LISTED:
        loops.append(f"- … and {len(fresh) - LOOPS_LISTED} more: `{reftrack()} today --all`")
    if older := _older_loops(s):
        loops.append(f"- {older}: `{reftrack()} today --all`")
    lines += loops or ["Nothing open."]
    return visible("\n".join(lines) + "\n")


def summary_document(summary: WeeklySummary) -> dict[str, Any]:
    """The summary as JSON, with the contract's fields."""
    s = summary
    goal = None
    if s.goal is not None:
        goal = {
            "period": s.goal.period,
            "start": s.goal.start,
            "end": s.goal.end,
            "target": s.goal.target,
            "referrals_in_period": s.referrals_in_period,
            "on_pace": s.goal.on_pace,
            "next_week_goal": s.next_week_goal,
        }
    return {
        "week": s.week,
        "start": s.start,
        "end": s.end,
        "closes": s.closes,
        "closes_won": s.closes_won,
        "closes_lost": s.closes_lost,
        "won_value": s.won_value_cents / 100,
        "asks": s.asks,
        "close_coverage": s.coverage.share,
        "referrals_received": s.referrals_received,
        "referrals_won": s.referrals_won,
        "referrals_won_value": s.referrals_won_value_cents / 100,
        "referrals_per_ask": s.referrals_per_ask,
        "won_per_referral": s.won_per_referral,
        "thank_yous_sent": s.thank_yous_sent,
        "thank_yous_owed": s.thank_yous_owed,
        "referrals_given": s.referrals_given,
        "streak": s.streak,
        "goal": goal,
        "top_referrers": [{"contact": c.label, "referrals": n} for c, n in s.top_referrers],
        "open_loops": [
            {
                "key": item_key(i),
                "kind": str(i.kind),
                "contact": i.contact.label,
                "text": reminder_text(i),
                "due": i.due,
                "stale": i.stale,
                "command": reminder_command(i),
            }
            for i in s.open_loops
        ],
        "asks_per_week": list(s.asks_per_week),
        "weekly_goals": list(s.weekly_goals),
    }
