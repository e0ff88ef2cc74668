"""A whole week's goal (the sum of its parts, cut at periods and new goals), and its pace."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import assume, given
from hypothesis import strategies as st

from reftrack.domain.goals import (
    GoalSpec,
    PartGoal,
    Rate,
    WeekGoal,
    WorkCalendar,
    goal_in_force,
    goal_status,
    pace_day,
    week_parts,
    whole_week_goal,
)
from reftrack.kinds import Period

MON_FRI = (0, 1, 2, 3, 4)
CALENDAR = WorkCalendar(MON_FRI, frozenset(), 0)
EIGHT_A_MONTH = GoalSpec(8, Period.month, 0.25, date(2026, 11, 1))


def d(text: str) -> date:
    """A plain date from ISO text, to keep the tables short."""
    return date.fromisoformat(text)


def received_from(days: list[date]) -> Callable[[date, date], int]:
    """received_before(period start, s): the referrals of `days` in [period start, s)."""
    return lambda start, first: sum(1 for day in days if start <= day < first)


def fixed_rate(goal: GoalSpec, _day: date) -> Rate:
    assert goal.rate is not None
    return Rate(goal.rate, "fixed")


def week_goal(
    day: str, goals: list[GoalSpec], received: list[date] | None = None
) -> WeekGoal | None:
    return whole_week_goal(d(day), goals, CALENDAR, received_from(received or []), fixed_rate)


def test_a_week_spanning_two_months_adds_both_parts() -> None:
    # SPEC.md: W49 under 8 a month is November's part (Mon 11-30) plus December's (Tue 12-01 on).
    week = week_goal("2026-12-01", [EIGHT_A_MONTH])
    assert week is not None
    assert week.parts == (
        PartGoal(d("2026-11-30"), d("2026-11-30"), 32),  # ceil(32 × 1 / 1): the month's last day
        PartGoal(d("2026-12-01"), d("2026-12-06"), 6),  # ceil(32 × 4 / 23)
    )
    assert week.asks == 38
    # SPEC's last worked example: 8 in by Monday 11-30, nothing more needed in November.
    met = week_goal("2026-11-30", [EIGHT_A_MONTH], [d("2026-11-10")] * 8)
    assert met is not None
    assert [p.asks for p in met.parts] == [0, 6]


def test_a_week_inside_one_period_is_that_periods_weekly_goal() -> None:
    # SPEC's worked example: week 11-23..11-29, 5 in by Monday: ceil(12 × 5 / 6) = 10.
    week = week_goal("2026-11-27", [EIGHT_A_MONTH], [d("2026-11-04")] * 5)
    assert week is not None
    assert week.parts == (PartGoal(d("2026-11-23"), d("2026-11-29"), 10),)


def test_a_goal_set_from_a_wednesday_cuts_the_week_there() -> None:
    doubled = GoalSpec(16, Period.month, 0.25, d("2026-11-25"))
    week = week_goal("2026-11-23", [EIGHT_A_MONTH, doubled], [d("2026-11-04")] * 5)
    assert week is not None
    assert week.parts == (
        PartGoal(d("2026-11-23"), d("2026-11-24"), 4),  # 12 needed: ceil(12 × 2 / 6)
        PartGoal(d("2026-11-25"), d("2026-11-29"), 33),  # 44 needed: ceil(44 × 3 / 4)
    )
    assert week.asks == 37


def test_days_before_the_first_goal_add_nothing() -> None:
    first_goal = GoalSpec(8, Period.month, 0.25, d("2026-11-25"))
    week = week_goal("2026-11-23", [first_goal])
    assert week is not None
    assert week.parts == (
        PartGoal(d("2026-11-23"), d("2026-11-24"), None),
        PartGoal(d("2026-11-25"), d("2026-11-29"), 24),  # ceil(32 × 3 / 4)
    )
    assert week.asks == 24
    assert week_goal("2026-11-23", []) is None
    assert week_goal("2026-11-16", [first_goal]) is None


# Properties over random goals, calendars and referrals

DAYS = st.dates(date(2025, 1, 1), date(2027, 12, 31))
PERIODS = st.sampled_from(list(Period))
WORKDAYS = st.sets(st.integers(0, 6), min_size=1).map(lambda s: tuple(sorted(s)))


def learned_rate(goal: GoalSpec, day: date) -> Rate:
    """A rate that moves from day to day, as a learned one does, unless the goal fixes it."""
    if goal.rate is not None:
        return Rate(goal.rate, "fixed")
    return Rate(0.1 + (day.toordinal() % 7) / 10, "history")


@st.composite
def weeks(draw: st.DrawFn) -> tuple[date, list[GoalSpec], WorkCalendar, list[date]]:
    """A day, goals taking effect around it, a calendar with days off, and referrals."""
    day = draw(DAYS)
    near = st.integers(-120, 10).map(lambda n: day + timedelta(days=n))
    goals = draw(
        st.lists(
            st.builds(
                GoalSpec,
                st.integers(0, 60),
                PERIODS,
                st.one_of(st.none(), st.floats(0.05, 2)),
                near,
            ),
            max_size=4,
        )
    )
    off = draw(st.frozensets(st.integers(-400, 400).map(lambda n: day + timedelta(days=n))))
    calendar = WorkCalendar(draw(WORKDAYS), off, draw(st.integers(0, 6)))
    received = draw(st.lists(st.integers(-400, 10).map(lambda n: day + timedelta(days=n))))
    return day, goals, calendar, received


@given(weeks(), st.integers(0, 6))
def test_the_weeks_goal_does_not_depend_on_which_of_its_days_names_it(
    week: tuple[date, list[GoalSpec], WorkCalendar, list[date]], step: int
) -> None:
    day, goals, calendar, received = week
    parts = week_parts(day, goals, calendar.week_start)
    other = parts[0].first + timedelta(days=step)
    assert week_parts(other, goals, calendar.week_start) == parts
    args = (goals, calendar, received_from(received), learned_rate)
    assert whole_week_goal(other, *args) == whole_week_goal(day, *args)


@given(weeks())
def test_the_parts_tile_the_week_each_under_one_goal_and_period(
    week: tuple[date, list[GoalSpec], WorkCalendar, list[date]],
) -> None:
    day, goals, calendar, _received = week
    parts = week_parts(day, goals, calendar.week_start)
    assert parts[0].first <= day <= parts[-1].last
    assert (parts[-1].last - parts[0].first).days == 6
    assert parts[0].first.weekday() == calendar.week_start
    for before, after in pairwise(parts):
        assert after.first == before.last + timedelta(days=1)
    for part in parts:
        assert part.first <= part.last
        for n in range((part.last - part.first).days + 1):
            assert goal_in_force(goals, part.first + timedelta(days=n)) == part.goal
        if part.goal is not None:
            assert part.period_start <= part.first <= part.last <= part.period_end


@given(weeks())
def test_the_week_is_the_sum_of_spec_weekly_goals_on_each_parts_first_day(
    week: tuple[date, list[GoalSpec], WorkCalendar, list[date]],
) -> None:
    day, goals, calendar, received = week
    parts = week_parts(day, goals, calendar.week_start)
    # SPEC's own words, where no goal takes effect inside the week: each part is the weekly
    # goal of the week containing its first day, computed by goal_status on that day.
    assume(not any(parts[0].first < g.effective_from <= parts[-1].last for g in goals))
    count = received_from(received)
    result = whole_week_goal(day, goals, calendar, count, learned_rate)
    expected = []
    for part in parts:
        if part.goal is None:
            expected.append(None)
            continue
        status = goal_status(
            part.first,
            part.goal,
            count(part.period_start, part.first),
            count(part.period_start, part.first),
            learned_rate(part.goal, part.first),
            learned_rate(part.goal, part.first),
            calendar,
        )
        assert (status.week_start, status.week_end) == (part.first, part.last)
        expected.append(status.weekly_goal)
    if all(asks is None for asks in expected):
        assert result is None
    else:
        assert result is not None
        assert [p.asks for p in result.parts] == expected
        assert result.asks == sum(asks or 0 for asks in expected)
        if len(parts) == 1:  # a week inside one period: that period's weekly goal
            assert result.asks == expected[0]


@given(weeks())
def test_no_goal_on_any_day_is_no_weekly_goal(
    week: tuple[date, list[GoalSpec], WorkCalendar, list[date]],
) -> None:
    day, goals, calendar, received = week
    parts = week_parts(day, goals, calendar.week_start)
    result = whole_week_goal(day, goals, calendar, received_from(received), learned_rate)
    assert (result is None) == all(p.goal is None for p in parts)
    if result is not None:
        assert result.asks >= 0
        assert all(
            (p.asks is None) == (part.goal is None)
            for p, part in zip(result.parts, parts, strict=True)
        )


# The week's pace: judged on a day that has happened


def test_a_week_under_way_is_judged_today_a_past_week_on_its_last_day() -> None:
    sunday = d("2026-11-08")
    assert pace_day(sunday, d("2026-11-02")) == d("2026-11-02")
    assert pace_day(sunday, d("2026-11-08")) == sunday
    assert pace_day(sunday, d("2026-11-25")) == sunday


def test_judged_on_monday_the_first_week_is_on_pace_not_behind() -> None:
    # Nothing in on Monday 2 November: nothing was expected yet. Judged on Sunday 8th, the
    # same 0 would be behind (8 × 5 / 21 ≈ 1.9 expected): a verdict on days not yet lived.
    rate = Rate(0.25, "prior")
    monday = pace_day(d("2026-11-08"), d("2026-11-02"))
    assert goal_status(monday, EIGHT_A_MONTH, 0, 0, rate, rate, CALENDAR).on_pace is True
    sunday = goal_status(d("2026-11-08"), EIGHT_A_MONTH, 0, 0, rate, rate, CALENDAR)
    assert sunday.on_pace is False


@given(DAYS, DAYS)
def test_the_pace_day_has_happened_and_lies_in_or_before_the_week(
    week_last: date, today: date
) -> None:
    day = pace_day(week_last, today)
    assert day <= today and day <= week_last
    assert day in (today, week_last)
