"""The goal worked backwards: from referrals wanted per period to asks needed per day.

Every figure follows the arithmetic of SPEC.md; docs/goals.md explains it with
the worked examples. All functions are pure: the service counts, these decide.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, timedelta

from reftrack.domain.dates import is_working_day, period_bounds, working_days
from reftrack.domain.numbers import RATE
from reftrack.kinds import Period

LOOKBACK_DAYS = 365
# Below one referral per thousand asks a rate says nothing; it would only overflow the count.
MINIMUM_RATE = 0.001


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are working days: the configured weekdays minus days off."""

    workdays: tuple[int, ...]
    days_off: frozenset[date]
    week_start: int = 0

    def working(self, first: date, last: date) -> int:
        """W(first, last): working days in [first, last], both included."""
        return working_days(first, last, self.workdays, self.days_off)

    def is_working(self, day: date) -> bool:
        """Whether `day` is a working day."""
        return is_working_day(day, self.workdays, self.days_off)


@dataclass(frozen=True)
class GoalSpec:
    """A referral target per period, with an optional fixed referrals-per-ask rate."""

    target: int
    period: Period
    rate: float | None
    effective_from: date
    # The stored goal's number (its id is `g` and this), when it comes from the store.
    id: int | None = None


@dataclass(frozen=True)
class Rate:
    """Referrals per ask, and where that number comes from."""

    value: float
    basis: str
    asks: int = 0
    referrals: int = 0


def lookback(day: date) -> tuple[date, date]:
    """The 365 days that end the day before `day`, over which the rate is learned."""
    return day - timedelta(days=LOOKBACK_DAYS), day - timedelta(days=1)


def ask_rate(fixed: float | None, referrals: int, asks: int, prior: float, weight: float) -> Rate:
    """The goal's fixed rate, else the rep's own rate pulled towards the prior.

    r = (referrals + prior × k) / (asks + k). With nothing in the lookback that
    is the prior itself, and the basis says so.
    """
    if fixed is not None:
        if not RATE.holds(fixed):
            # A rate stored before --rate was bounded (1e-300, say) would ask for endless asks.
            fixed = RATE.high if fixed > RATE.high else RATE.low
        return Rate(fixed, "fixed", asks, referrals)
    if (asks == 0 and referrals == 0) or asks + weight == 0:
        return Rate(prior, "prior", asks, referrals)
    value = (referrals + prior * weight) / (asks + weight)
    if value < MINIMUM_RATE:
        # No referral in a year and (almost) no prior weight: the prior, not an endless count.
        return Rate(prior, "prior", asks, referrals)
    return Rate(value, "history", asks, referrals)


def asks_needed(target: int, received: int, rate: float) -> int:
    """ceil(max(0, target − received) / r)."""
    missing = max(0, target - received)
    # A tiny epsilon keeps 3 / 0.25 at 12, not 12.000000000000002 → 13.
    return math.ceil(missing / rate - 1e-9) if missing else 0


def daily_goal(day: date, needed: int, period_end: date, calendar: WorkCalendar) -> int:
    """Asks for a working day: needed spread over the working days left; 0 on a day off."""
    if not calendar.is_working(day):
        return 0
    left = calendar.working(day, period_end)
    return math.ceil(needed / left) if left else 0


def week_span(
    day: date, period_start: date, period_end: date, week_start: int
) -> tuple[date, date]:
    """The part of the week containing `day` that lies inside the goal's period."""
    week_first, week_last = period_bounds(day, Period.week, week_start)
    return max(week_first, period_start), min(week_last, period_end)


def weekly_goal(
    needed_at_week_start: int, first: date, last: date, period_end: date, calendar: WorkCalendar
) -> int:
    """ceil(asks_needed(s) × W(s, e) / W(s, period_end)): the week's share of the asks."""
    remaining = calendar.working(first, period_end)
    if remaining == 0:
        return 0
    return math.ceil(needed_at_week_start * calendar.working(first, last) / remaining - 1e-9)


def expected_by(
    day: date, target: int, period_start: date, period_end: date, calendar: WorkCalendar
) -> float:
    """Referrals expected before `day` if they came evenly over the working days."""
    total = calendar.working(period_start, period_end)
    if total == 0:
        return 0.0
    return target * calendar.working(period_start, day - timedelta(days=1)) / total


def pace_day(week_last: date, today: date) -> date:
    """The day a week's pace is judged: its last day, or today while the week is under way."""
    return min(today, week_last)


@dataclass(frozen=True)
class GoalStatus:
    """Where the rep stands against the goal on one day."""

    day: date
    period: Period
    start: date
    end: date
    target: int
    received: int
    rate: Rate
    asks_needed: int
    workdays_left: int
    daily_goal: int
    weekly_goal: int
    week_start: date
    week_end: date
    expected: float
    effective_from: date
    goal_id: int | None = None

    @property
    def on_pace(self) -> bool:
        """Ahead (or level) when what is in matches what an even pace would have by now."""
        return self.received >= self.expected - 1e-9


def goal_in_force(goals: Collection[GoalSpec], day: date) -> GoalSpec | None:
    """The goal that applies on `day`: the latest to take effect on or before it."""
    started = [(g.effective_from, n, g) for n, g in enumerate(goals) if g.effective_from <= day]
    # Of two goals from the same day, the one set last (later in the list) wins.
    return max(started, key=lambda item: item[:2])[2] if started else None


def goal_status(
    day: date,
    goal: GoalSpec,
    received: int,
    received_by_week_start: int,
    rate: Rate,
    rate_at_week_start: Rate,
    calendar: WorkCalendar,
) -> GoalStatus:
    """All of the goal arithmetic for one day.

    `received` counts the period's referrals before `day`; `received_by_week_start`
    those before the first day of this week inside the period (s).
    """
    start, end = period_bounds(day, goal.period, calendar.week_start)
    needed = asks_needed(goal.target, received, rate.value)
    first, last = week_span(day, start, end, calendar.week_start)
    needed_at_s = asks_needed(goal.target, received_by_week_start, rate_at_week_start.value)
    return GoalStatus(
        day=day,
        period=goal.period,
        start=start,
        end=end,
        target=goal.target,
        received=received,
        rate=rate,
        asks_needed=needed,
        workdays_left=calendar.working(day, end),
        daily_goal=daily_goal(day, needed, end, calendar),
        weekly_goal=weekly_goal(needed_at_s, first, last, end, calendar),
        week_start=first,
        week_end=last,
        expected=expected_by(day, goal.target, start, end, calendar),
        effective_from=goal.effective_from,
        goal_id=goal.id,
    )


# A whole week's goal: the week cut where a goal period ends or a new goal begins


@dataclass(frozen=True)
class WeekPart:
    """Consecutive days of one week under one goal and one of its periods, or under no goal.

    `period_start`..`period_end` is the goal's period around the part (the part's own days
    when no goal is in force).
    """

    first: date
    last: date
    goal: GoalSpec | None
    period_start: date
    period_end: date


@dataclass(frozen=True)
class PartGoal:
    """The asks one part of a week asks for: None where no goal is in force."""

    first: date
    last: date
    asks: int | None


@dataclass(frozen=True)
class WeekGoal:
    """A whole week's ask goal: the sum of its parts' weekly goals."""

    first: date
    last: date
    parts: tuple[PartGoal, ...]

    @property
    def asks(self) -> int:
        """The week's goal: what its parts ask for, together."""
        return sum(part.asks or 0 for part in self.parts)

    @property
    def parts_with_a_goal(self) -> tuple[PartGoal, ...]:
        """The parts some goal is in force on."""
        return tuple(part for part in self.parts if part.asks is not None)


def _plain(day: date) -> date:
    return date(day.year, day.month, day.day)


def week_parts(day: date, goals: Collection[GoalSpec], week_start: int) -> tuple[WeekPart, ...]:
    """The week containing `day`, cut where a goal's period ends and where a new goal begins.

    A part without a goal runs until the first goal takes effect (or the week ends).
    """
    week_first, week_last = (_plain(d) for d in period_bounds(day, Period.week, week_start))
    parts = []
    first = week_first
    while first <= week_last:
        goal = goal_in_force(goals, first)
        next_goal = min(
            (g.effective_from for g in goals if first < g.effective_from <= week_last),
            default=week_last + timedelta(days=1),
        )
        start, end = first, week_last
        if goal is not None:
            start, end = (_plain(d) for d in period_bounds(first, goal.period, week_start))
        last = min(week_last, end, next_goal - timedelta(days=1))
        parts.append(WeekPart(first, last, goal, start, end))
        first = last + timedelta(days=1)
    return tuple(parts)


def whole_week_goal(
    day: date,
    goals: Collection[GoalSpec],
    calendar: WorkCalendar,
    received_before: Callable[[date, date], int],
    rate_on: Callable[[GoalSpec, date], Rate],
) -> WeekGoal | None:
    """The goal of the whole week containing `day`; None when no goal is in force on any of it.

    Each part gets the weekly goal computed on its own first day `s`:
    ceil(asks_needed(s) × W(s, part's last day) / W(s, period end)), with
    `received_before(period start, s)` the referrals of the period before `s` and
    `rate_on(goal, s)` the rate on `s`.
    """
    parts = []
    for part in week_parts(day, goals, calendar.week_start):
        if part.goal is None:
            parts.append(PartGoal(part.first, part.last, None))
            continue
        received = received_before(part.period_start, part.first)
        needed = asks_needed(part.goal.target, received, rate_on(part.goal, part.first).value)
        asks = weekly_goal(needed, part.first, part.last, part.period_end, calendar)
        parts.append(PartGoal(part.first, part.last, asks))
    if all(part.asks is None for part in parts):
        return None
    return WeekGoal(parts[0].first, parts[-1].last, tuple(parts))


def prorated(target: int, left: int, whole: int) -> int:
    """The target scaled to the working days left: ceil(target × left / whole)."""
    return -(-target * left // whole) if whole else target


def late_in_period(left: int, whole: int, daily_goal: int, asks_needed: int) -> bool:
    """Whether a goal starts so late that its daily goal is swollen by the few days left.

    Late: under half the period's working days are left, and the daily goal is at least
    twice what the same asks spread over the whole period would ask.
    """
    if not whole or not daily_goal or left * 2 >= whole:
        return False
    return daily_goal >= 2 * -(-asks_needed // whole)
