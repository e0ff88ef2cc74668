"""Goals, days off and the morning list, as text a rep reads at a glance, or JSON.

Rich is imported by the functions that print text, and `today` and `goal show` print through
render.lines, which needs it only for a terminal: these are reads a rep waits for, and JSON,
a pipe or NO_COLOR has no use for Rich (issue 12).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from reftrack.domain.entries import EntryRef
from reftrack.domain.goals import GoalStatus, PartGoal, WeekGoal
from reftrack.invocation import reftrack
from reftrack.kinds import EntryKind, Period
from reftrack.render.lines import Line, line, print_lines

if TYPE_CHECKING:
    # The morning list's rules and wording are imported by its functions alone: `goal show`
    # needs none of them, and they are most of what the domain costs to import (issue 12).
    from reftrack.domain.reminders import Agenda, Reminder

BASIS = {
    "fixed": "the fixed rate of this goal",
    "prior": "assumed until you have logged more asks",
}


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _percent(rate: float) -> str:
    return f"{rate * 100:.0f} %"


def rate_text(status: GoalStatus) -> str:
    """The rate and where it comes from, in words."""
    rate = status.rate
    if rate.basis == "history":
        return (
            f"your rate: {_percent(rate.value)} over {_plural(rate.asks, 'ask')} "
            f"({_plural(rate.referrals, 'referral')} in the last year)"
        )
    return f"{_percent(rate.value)} {BASIS[rate.basis]}"


def _part_text(part: PartGoal) -> str:
    """One part of a cut week: `6 from 2026-12-01`, `0 on 2026-11-30`."""
    if part.asks is None:
        # Only the week's first part can lack a goal: one is in force from then on.
        return f"no goal before {part.last + timedelta(days=1)}"
    return f"{part.asks} {'on' if part.first == part.last else 'from'} {part.first}"


def goal_document(
    status: GoalStatus | None, week: WeekGoal | None, asks_today: int | None, asks_week: int | None
) -> dict[str, Any]:
    """The goal as JSON (SPEC.md's fields, and a few more); the week is the whole week."""
    if status is None or week is None:
        return {"goal": None, "asks_today": asks_today}
    return {
        "id": str(EntryRef(EntryKind.goal, status.goal_id)) if status.goal_id else None,
        "date": status.day,
        "period": status.period,
        "start": status.start,
        "end": status.end,
        "target": status.target,
        "received": status.received,
        "rate": round(status.rate.value, 4),
        "rate_basis": status.rate.basis,
        "asks_needed": status.asks_needed,
        "workdays_left": status.workdays_left,
        "daily_goal": status.daily_goal,
        "weekly_goal": week.asks,
        "week_start": week.first,
        "week_end": week.last,
        "week_parts": [
            {"start": part.first, "end": part.last, "weekly_goal": part.asks} for part in week.parts
        ],
        "expected": round(status.expected, 2),
        "on_pace": status.on_pace,
        "effective_from": status.effective_from,
        "asks_today": asks_today,
        "asks_this_week": asks_week,
    }


def _goal_id(status: GoalStatus) -> str:
    """`, goal g2`: the id `edit` and `goal rm` take."""
    return f", goal {EntryRef(EntryKind.goal, status.goal_id)}" if status.goal_id else ""


def print_goal(
    status: GoalStatus | None,
    week: WeekGoal | None,
    asks_today: int | None,
    asks_week: int | None,
    verb: str | None = None,
) -> None:
    """The goal explained: target, what is in, the rate, asks needed, per day and week, pace."""
    if status is None or week is None:
        print_lines(
            [line(f"No goal in force. Set one: {reftrack()} goal set --referrals 8 --per month")]
        )
        return
    heading = f"{verb}: " if verb else ""
    today = (
        f"{status.daily_goal} today"
        if status.daily_goal
        else "none today (not a working day or nothing left to do)"
    )
    done_today = f" — {asks_today} done" if asks_today is not None and status.daily_goal else ""
    done_week = f" — {asks_week} done" if asks_week is not None else ""
    # A week cut by the end of a period or by a new goal shows what each part adds.
    parts = f" ({', '.join(map(_part_text, week.parts))})" if len(week.parts) > 1 else ""
    pace = "On pace" if status.on_pace else "Behind pace"
    print_lines(
        [
            line(
                f"{heading}{_plural(status.target, 'referral')} per {status.period} "
                f"({status.start} to {status.end}){_goal_id(status)}.",
                style="bold",
            ),
            line(f"In so far: {status.received} (before {status.day})."),
            line(f"Rate: {rate_text(status)}."),
            line(
                f"Asks needed: {status.asks_needed} over {status.workdays_left} working "
                f"day{'s' if status.workdays_left != 1 else ''} left."
            ),
            line(f"Per day: {today}{done_today}."),
            line(
                f"This week ({week.first} to {week.last}): "
                f"{_plural(week.asks, 'ask')}{parts}{done_week}."
            ),
            line(
                f"{pace}: {status.received} in, {status.expected:.1f} expected by now.",
                style="green" if status.on_pace else "yellow",
            ),
        ]
    )


def print_late_start(status: GoalStatus, left: int, end: date, scaled: int) -> None:
    """What a goal set late in its period asks each day, and the two ways to ease it."""
    from rich.text import Text

    from reftrack.render.output import console

    period = f"{end:%B}" if status.period == Period.month else f"this {status.period}"
    days = "working day" if left == 1 else f"{left} working days"
    article = "the 1" if left == 1 else "the"
    out = console()
    out.print(
        Text(
            f"That is {_plural(status.daily_goal, 'ask')} a day for {article} {days} left "
            f"in {period}."
        )
    )
    # The goal's own fixed rate goes along, or the goal suggested would be another one.
    # repr: the shortest text that reads back as the same number (:g kept six digits).
    rate = f" --rate {status.rate.value!r}" if status.rate.basis == "fixed" else ""
    out.print(
        Text(
            f"To start with the next {status.period} instead: {reftrack()} goal set "
            f"--referrals {status.target} --per {status.period}{rate} "
            f"--from {end + timedelta(days=1)}"
        ),
        soft_wrap=True,
    )
    out.print(
        Text(
            f"To scale it to the days left ({status.target} → {scaled}): {reftrack()} goal set "
            f"--referrals {status.target} --per {status.period}{rate} --prorate"
        ),
        soft_wrap=True,
    )


def print_days_off(days: list[tuple[EntryRef, date, str | None]]) -> None:
    """Days off, one a line."""
    from rich.text import Text

    from reftrack.render.output import console

    out = console()
    if not days:
        out.print(
            f"No days off ahead. Add one: {reftrack()} off 2026-12-24..2026-12-26 --note holidays"
        )
        return
    for ref, day, note in days:
        out.print(Text(f"{day} {day:%a}  {ref}" + (f"  {note}" if note else "")))


def print_days_off_changed(changed: list[date], already: list[date], removed: bool) -> None:
    """Which days were taken off (or put back), and which already were."""
    from rich.text import Text

    from reftrack.render.output import console

    out = console()
    verb = "Working again" if removed else "Off"
    if changed:
        span = str(changed[0]) if len(changed) == 1 else f"{changed[0]}..{changed[-1]}"
        out.print(Text(f"{verb}: {span} ({len(changed)} day{'s' if len(changed) != 1 else ''})."))
    if already:
        out.print(Text(f"Already off: {', '.join(str(d) for d in already)}.", style="dim"))


def days_off_document(days: list[tuple[EntryRef, date, str | None]]) -> list[dict[str, Any]]:
    """`off list --json`: each day off, its id, and why."""
    return [{"id": str(ref), "date": day, "note": note} for ref, day, note in days]


def days_off_changed_document(
    changed: list[date], already: list[date], removed: bool
) -> dict[str, Any]:
    """`off add|rm --json`: the days taken off (or back to work), and those already off."""
    if removed:
        return {"working_again": changed}
    return {"off": changed, "already_off": already}


def today_document(agenda: Agenda) -> dict[str, Any]:
    """`today --json`: the date, the items, the progress."""
    from reftrack.domain.put_off import item_key
    from reftrack.render.reminders import reminder_command, reminder_text

    p = agenda.progress
    return {
        "date": agenda.day,
        "working_day": agenda.working_day,
        "held_back": agenda.hidden_until_working_day,
        "stale_after_days": agenda.stale_after_days,
        "snoozed": agenda.snoozed,
        "dismissed": agenda.dismissed,
        "items": [
            {
                "key": item_key(item),
                "kind": str(item.kind),
                "contact": item.contact.label,
                "text": reminder_text(item),
                "due": item.due,
                "overdue": item.overdue(agenda.day),
                "stale": item.stale,
                "command": reminder_command(item),
            }
            for item in agenda.items
        ],
        "progress": {
            "asks_today": p.asks_today,
            "daily_goal": p.daily_goal,
            "asks_this_week": p.asks_this_week,
            "weekly_goal": p.weekly_goal,
            "referrals_in_period": p.referrals_in_period,
            "target": p.target,
            "period": p.period,
            "on_pace": p.on_pace,
            "streak": p.streak,
        },
    }


TODAY_LIMIT = 20


def print_today(agenda: Agenda, show_all: bool = False) -> None:
    """The morning list: the numbers, then the most pressing things first (20 unless all)."""
    p = agenda.progress
    out = [line(f"{agenda.day:%A} {agenda.day.day} {agenda.day:%B %Y}", style="bold")]
    if p.daily_goal:
        asks = f"Asks today: {p.asks_today} of {p.daily_goal}"
    else:
        asks = f"Asks today: {p.asks_today}"
    parts = [asks]
    if p.target is not None:
        pace = "on pace" if p.on_pace else "behind pace"
        parts.append(f"referrals this {p.period}: {p.referrals_in_period} of {p.target} ({pace})")
    parts.append(f"streak: {p.streak} working day{'s' if p.streak != 1 else ''}")
    out.append(line(" · ".join(parts)))
    if p.target is None:
        out.append(
            line(f"No goal yet: {reftrack()} goal set --referrals 8 --per month", style="dim")
        )
    if not agenda.working_day:
        out.append(line("Not a working day: only what is overdue is shown.", style="dim"))
    if not agenda.items:
        if agenda.hidden_until_working_day:
            out.append(line("Nothing overdue.", style="green"))
            out += _held_back(agenda)
        else:
            out.append(
                line(
                    "Nothing waiting. A good day to ask someone new for a referral.", style="green"
                )
            )
        out += _put_off(agenda)
        print_lines(out)
        return
    out.append(line())
    fresh, stale = agenda.fresh, agenda.stale
    shown = fresh if show_all else fresh[:TODAY_LIMIT]
    out += _items(agenda, shown)
    if len(shown) < len(fresh):
        more = len(fresh) - len(shown)
        out.append(line(f"… and {more} more: {reftrack()} today --all", style="dim"))
    if stale:
        older = (
            f"{_plural(len(stale), 'older loop')}, more than "
            f"{_plural(agenda.stale_after_days, 'day')} overdue"
        )
        if show_all:
            out.append(line(f"{older}:", style="bold"))
            out += _items(agenda, stale)
        else:
            out.append(line(f"({older}: {reftrack()} today --all)", style="dim"))
    out += _held_back(agenda)
    out += _put_off(agenda)
    print_lines(out)


def _items(agenda: Agenda, items: tuple[Reminder, ...]) -> list[Line]:
    """Each item with its marker (`!` overdue), and under it the command that clears it."""
    from reftrack.domain.put_off import item_key
    from reftrack.render.reminders import reminder_command, reminder_text

    out = []
    for item in items:
        marker = "!" if item.overdue(agenda.day) else "-"
        out.append(line(f"{marker} ", reminder_text(item), (f" [{item_key(item)}]", "dim")))
        out.append(line(f"    {reminder_command(item)}", style="cyan"))
    return out


def _held_back(agenda: Agenda) -> list[Line]:
    """On a non-working day, how many items wait for the next working day."""
    if not agenda.hidden_until_working_day:
        return []
    return [line(f"({agenda.hidden_until_working_day} more on your next working day)", style="dim")]


def _put_off(agenda: Agenda) -> list[Line]:
    """How many items the rep snoozed or dismissed, and where to see them."""
    counts = [
        f"{count} {what}"
        for count, what in ((agenda.snoozed, "snoozed"), (agenda.dismissed, "dismissed"))
        if count
    ]
    return (
        [line(f"({', '.join(counts)}: {reftrack()} snooze --list)", style="dim")] if counts else []
    )
