"""The team on PostgreSQL: adding reps and managers, and the manager's week from the views."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from reftrack.domain.dates import iso_week, period_bounds, week_bounds
from reftrack.domain.goals import (
    LOOKBACK_DAYS,
    GoalSpec,
    GoalStatus,
    Rate,
    WorkCalendar,
    ask_rate,
    goal_in_force,
    goal_status,
    lookback,
    pace_day,
    week_span,
)
from reftrack.domain.habits import Coverage, streak
from reftrack.domain.team import DayCounts, RepWeek, TeamMember, TeamWeek, covered
from reftrack.errors import ReftrackError
from reftrack.kinds import CloseResult, Period
from reftrack.services.runtime import Runtime
from reftrack.services.summary import week_of

if TYPE_CHECKING:
    from sqlmodel import Session

# How far back the week's figures reach: the rate's year of lookback, a year-long goal period.
HISTORY_DAYS = LOOKBACK_DAYS + 40
# Goal periods end at most a year ahead: days off are read that far for the working days left.
AHEAD_DAYS = 370


def _needs_server(rt: Runtime, what: str) -> None:
    if not rt.on_server:
        raise ReftrackError(
            f"`reftrack {what}` needs a team database on PostgreSQL; a SQLite file is one rep's",
            "point --db or REFTRACK_DB at a postgresql+psycopg:// URL; see docs/team.md",
        )


def add_member(rt: Runtime, role: str, manager: bool) -> TeamMember:
    """Create a rep's role with what it needs (and the manager's view with `manager`)."""
    _needs_server(rt, "team add")
    from reftrack.store import team

    done = team.add_member(rt.engine, role, manager)
    return TeamMember(
        done.role,
        done.created,
        done.manager,
        done.rep_group,
        done.manager_group,
        done.guarded,
        done.unguarded,
    )


def team_week_of(rt: Runtime, which: str) -> date:
    """The first day of the week meant: `last`, `this`, `YYYY-Www`, or any date within it."""
    if which in ("last", "this") or "-W" in which.upper():
        return week_of(rt, which.upper() if "-W" in which.upper() else which)
    return week_bounds(rt.date(which, "--week"), rt.settings.week_start)[0]


class _RepHistory:
    """One rep's days, as read from the views: asks, referrals, days off, goals."""

    def __init__(self) -> None:
        self.asks: dict[date, int] = {}
        self.referrals: dict[date, int] = {}
        self.days_off: set[date] = set()
        self.goals: list[GoalSpec] = []


def team_week(rt: Runtime, first: date) -> TeamWeek:
    """Every rep's week starting `first`, from the views a manager may read."""
    _needs_server(rt, "team")
    from reftrack.store import team

    last = first + timedelta(days=6)
    judged = pace_day(last, rt.today)
    since = min(first, judged) - timedelta(days=HISTORY_DAYS)
    with rt.transaction() as session:
        _may_read(session, rt)
        history: dict[str, _RepHistory] = defaultdict(_RepHistory)
        for rep, day, n in team.ask_days(session, since, judged):
            history[rep].asks[day] = int(n)
        for rep, day, n in team.referral_days(session, since, judged):
            history[rep].referrals[day] = int(n)
        for rep, day in team.days_off(session, since, judged + timedelta(days=AHEAD_DAYS)):
            history[rep].days_off.add(day)
        for rep, target, period, rate, effective_from in team.goals(session):
            history[rep].goals.append(GoalSpec(target, Period(period), rate, effective_from))
        closes: dict[str, list[Any]] = defaultdict(list)
        for row in team.closes(session, first, last):
            closes[row[0]].append(row)
        owed = team.thanks_owed(session, rt.today - timedelta(days=LOOKBACK_DAYS), rt.today)
        won = team.referrals_won(session, first, last)
        given = team.given(session, first, last)
        reps = sorted(set(team.team_reps(session)) | set(history) | set(closes))
        weeks = []
        for rep in reps:
            days = history[rep]
            goal = _status(rt, days, judged)
            weeks.append(
                RepWeek(
                    rep=rep,
                    asks=DayCounts(days.asks).between(first, last),
                    closes=len(closes[rep]),
                    closes_won=sum(1 for c in closes[rep] if c[2] == CloseResult.won),
                    won_value_cents=sum(c[3] or 0 for c in closes[rep] if c[2] == CloseResult.won),
                    coverage=Coverage(
                        len(closes[rep]),
                        sum(
                            covered(c[1], c[4], rt.settings.ask_window_days, rt.today)
                            for c in closes[rep]
                        ),
                    ),
                    referrals_received=DayCounts(days.referrals).between(first, last),
                    referrals_won=won.get(rep, (0, 0))[0],
                    referrals_won_value_cents=won.get(rep, (0, 0))[1],
                    thank_yous_owed=owed.get(rep, 0),
                    referrals_given=given.get(rep, 0),
                    streak=_streak(session, rt, rep, days, min(last, rt.today), since),
                    goal=goal,
                    referrals_in_period=(
                        DayCounts(days.referrals).between(goal.start, judged) if goal else 0
                    ),
                )
            )
    return TeamWeek(iso_week(first + timedelta(days=3)), first, last, rt.today, tuple(weeks))


def _may_read(session: Session, rt: Runtime) -> None:
    """Refuse, in one line, a role that was not granted the manager's view."""
    from reftrack.store import team

    if not team.may_read_views(session):
        role = team.current_role(session)
        raise ReftrackError(
            f"{role} may not see the team: the team view is for managers",
            f"the database owner can run `reftrack team add {role} --manager`",
        )


def _calendar(rt: Runtime, days: _RepHistory) -> WorkCalendar:
    return WorkCalendar(rt.settings.workdays, frozenset(days.days_off), rt.settings.week_start)


def _rate_on(rt: Runtime, days: _RepHistory, goal: GoalSpec, day: date) -> Rate:
    """The rate in force on `day`: fixed, or learned from the year before it."""
    if goal.rate is not None:
        return ask_rate(goal.rate, 0, 0, 0, 0)
    first, last = lookback(day)
    return ask_rate(
        None,
        DayCounts(days.referrals).between(first, last),
        DayCounts(days.asks).between(first, last),
        rt.settings.ask_rate_prior,
        rt.settings.prior_weight,
    )


def _status(rt: Runtime, days: _RepHistory, day: date) -> GoalStatus | None:
    """The goal arithmetic on `day`, as `goal show` has it, from the rep's counted days."""
    goal = goal_in_force(days.goals, day)
    if goal is None:
        return None
    week_start = rt.settings.week_start
    start, end = period_bounds(day, goal.period, week_start)
    first, _last = week_span(day, start, end, week_start)
    referrals = DayCounts(days.referrals)
    rate = _rate_on(rt, days, goal, day)
    rate_at_week = rate if first == day else _rate_on(rt, days, goal, first)
    return goal_status(
        day,
        goal,
        referrals.between(start, day - timedelta(days=1)),
        referrals.between(start, first - timedelta(days=1)),
        rate,
        rate_at_week,
        _calendar(rt, days),
    )


def _streak(
    session: Session, rt: Runtime, rep: str, days: _RepHistory, day: date, since: date
) -> int:
    """The rep's streak up to `day`; read further back only when it reaches the window's edge."""
    calendar = _calendar(rt, days)
    count = streak(day, set(days.asks), calendar.is_working, since)
    if count < calendar.working(since, day) - 1:
        return count
    from reftrack.store import team

    everything = team.rep_ask_days(session, rep, day)
    off = {d for r, d in team.days_off(session, date.min, day) if r == rep}
    whole = WorkCalendar(rt.settings.workdays, frozenset(off), rt.settings.week_start)
    return streak(day, everything, whole.is_working)
