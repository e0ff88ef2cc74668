"""Goals worked backwards, days off, the working calendar and the streak."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from reftrack.domain.dates import period_bounds, week_bounds
from reftrack.domain.entries import EntryRef
from reftrack.domain.goals import (
    GoalSpec,
    GoalStatus,
    Rate,
    WeekGoal,
    WorkCalendar,
    ask_rate,
    goal_in_force,
    goal_status,
    lookback,
    week_parts,
    week_span,
    whole_week_goal,
)
from reftrack.domain.habits import streak
from reftrack.domain.numbers import RATE, TARGET
from reftrack.errors import ReftrackError, UsageProblem
from reftrack.invocation import reftrack
from reftrack.kinds import EntryKind, Period
from reftrack.services.runtime import Runtime
from reftrack.store.reads import queries

if TYPE_CHECKING:
    from sqlmodel import Session

    from reftrack.store.models import DayOff

STREAK_WINDOW_DAYS = 120


def work_calendar(session: Session, rt: Runtime, first: date, last: date) -> WorkCalendar:
    """The working days between two dates: configured weekdays minus the rep's days off."""
    days = frozenset(d.day for d in queries.days_off(session, rt.rep, first, last))
    return WorkCalendar(rt.settings.workdays, days, rt.settings.week_start)


def _goal_specs(session: Session, rt: Runtime) -> list[GoalSpec]:
    return [
        GoalSpec(g.target, g.period, g.rate, g.effective_from, g.id)
        for g in queries.goals(session, rt.rep)
    ]


def _rate_on(session: Session, rt: Runtime, goal: GoalSpec, day: date) -> Rate:
    """The rate in force on `day`: fixed, or learned from the 365 days before it."""
    if goal.rate is not None:
        return ask_rate(goal.rate, 0, 0, 0, 0)
    first, last = lookback(day)
    return ask_rate(
        None,
        queries.count_referrals(session, rt.rep, first, last),
        queries.count_asks(session, rt.rep, first, last),
        rt.settings.ask_rate_prior,
        rt.settings.prior_weight,
    )


def status_on(session: Session, rt: Runtime, day: date) -> GoalStatus | None:
    """The goal arithmetic for one day, or None when no goal is in force."""
    goal = goal_in_force(_goal_specs(session, rt), day)
    if goal is None:
        return None
    start, end = period_bounds(day, goal.period, rt.settings.week_start)
    week_first, week_last = week_bounds(day, rt.settings.week_start)
    calendar = work_calendar(session, rt, min(start, week_first), max(end, week_last))
    first, _last = week_span(day, start, end, rt.settings.week_start)
    received = queries.count_referrals(session, rt.rep, start, day - timedelta(days=1))
    received_by_week = queries.count_referrals(session, rt.rep, start, first - timedelta(days=1))
    rate = _rate_on(session, rt, goal, day)
    rate_at_week = rate if first == day else _rate_on(session, rt, goal, first)
    return goal_status(day, goal, received, received_by_week, rate, rate_at_week, calendar)


def week_goal_on(session: Session, rt: Runtime, day: date) -> WeekGoal | None:
    """The goal of the whole week containing `day`: the one figure every view shows for it."""
    goals = _goal_specs(session, rt)
    parts = week_parts(day, goals, rt.settings.week_start)
    first = min(part.period_start for part in parts)
    calendar = work_calendar(session, rt, first, max(part.period_end for part in parts))
    return whole_week_goal(
        day,
        goals,
        calendar,
        lambda start, s: queries.count_referrals(session, rt.rep, start, s - timedelta(days=1)),
        lambda goal, s: _rate_on(session, rt, goal, s),
    )


def set_goal(
    rt: Runtime, target: int, period: Period, rate: float | None, effective_from: date
) -> tuple[GoalStatus, WeekGoal | None]:
    """Set a referral goal from a day on; earlier goals stay in force for earlier days."""
    if not TARGET.holds(target):
        raise UsageProblem(f"--referrals: {target} is out of range; {TARGET.says}")
    if rate is not None and not RATE.holds(rate):
        raise UsageProblem(f"--rate: {rate:g} is out of range; {RATE.says}")
    from reftrack.store.models import Goal

    with rt.transaction(write=True) as session:
        for goal in queries.goals(session, rt.rep):
            if goal.effective_from == effective_from:
                session.delete(goal)
        session.flush()
        session.add(
            Goal(
                rep=rt.rep,
                target=target,
                period=period,
                rate=rate,
                effective_from=effective_from,
                recorded_at=rt.now,
            )
        )
    with rt.transaction() as session:
        # Confirm the goal just set: today if it is the one in force today, else its first day.
        in_force_today = goal_in_force(_goal_specs(session, rt), rt.today)
        is_new = in_force_today is not None and in_force_today.effective_from == effective_from
        day = rt.today if is_new else effective_from
        status = status_on(session, rt, day)
        if status is None:
            raise ReftrackError("the goal was removed by another command meanwhile")
        return status, week_goal_on(session, rt, day)


def show_goal(rt: Runtime, day: date) -> tuple[GoalStatus | None, WeekGoal | None, int, int]:
    """The goal on a day and its whole week's, with the asks made that day and week so far."""
    with rt.read() as session:
        status = status_on(session, rt, day)
        week = week_goal_on(session, rt, day)
        asks_today = queries.count_asks(session, rt.rep, day, day)
        week_first, _ = week_bounds(day, rt.settings.week_start)
        asks_week = queries.count_asks(session, rt.rep, week_first, day)
        return status, week, asks_today, asks_week


# Days off


def add_days_off(
    rt: Runtime, first: date, last: date, note: str | None
) -> tuple[list[date], list[date]]:
    """Mark each day of a range as off; return (days added, days that already were)."""
    from reftrack.store.db import inserted
    from reftrack.store.models import DayOff

    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    with rt.transaction(write=True) as session:
        # One indexed read and the inserts: the days already off are those off now.
        existing = {d.day for d in queries.days_off(session, rt.rep, first, last)}
        for day in days:
            # A day another writer marked off meanwhile is refused by the unique index.
            if day not in existing and not inserted(
                session, DayOff(rep=rt.rep, day=day, note=note, recorded_at=rt.now)
            ):
                existing.add(day)
    return [day for day in days if day not in existing], [day for day in days if day in existing]


def list_days_off(rt: Runtime, include_past: bool) -> list[tuple[EntryRef, date, str | None]]:
    """Days off from today on (or all of them), in order, each with its id (`o3`)."""
    with rt.transaction() as session:
        rows = queries.all_days_off(session, rt.rep, None if include_past else rt.today)
        return [(EntryRef(EntryKind.day_off, d.id or 0), d.day, d.note) for d in rows]


def remove_days_off(rt: Runtime, first: date, last: date) -> list[date]:
    """Make the days of a range working days again; refuse when none was off."""
    with rt.transaction() as session:
        _days_off_in(session, rt, first, last)
    with rt.transaction(write=True) as session:
        # Again under the write lock: another command may have taken them back meanwhile.
        rows = _days_off_in(session, rt, first, last)
        for row in rows:
            session.delete(row)
        return [row.day for row in rows]


def _days_off_in(session: Session, rt: Runtime, first: date, last: date) -> list[DayOff]:
    """The days off in a range; a ReftrackError when there is none."""
    rows = list(queries.days_off(session, rt.rep, first, last))
    if not rows:
        span = str(first) if first == last else f"{first}..{last}"
        raise ReftrackError(f"{span} is not a day off", f"see `{reftrack()} off list`")
    return rows


# Today


def streak_on(session: Session, rt: Runtime, day: date) -> int:
    """The streak ending today or yesterday, reading only as far back as it reaches."""
    window = STREAK_WINDOW_DAYS
    while True:
        earliest = day - timedelta(days=window)
        calendar = work_calendar(session, rt, earliest, day)
        count = streak(
            day, queries.ask_days(session, rt.rep, earliest, day), calendar.is_working, earliest
        )
        if count < calendar.working(earliest, day) - 1 or window > 40 * 365:
            return count
        window *= 4


def period_workdays(rt: Runtime, period: Period, day: date) -> tuple[date, date, int, int]:
    """The period containing `day`: first and last day, working days from `day` on, and in all."""
    start, end = period_bounds(day, period, rt.settings.week_start)
    with rt.transaction() as session:
        calendar = work_calendar(session, rt, start, end)
        return start, end, calendar.working(day, end), calendar.working(start, end)
