"""Goals worked backwards, days off, and `today`: what to do and how the habit is going."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from reftrack.domain import reminders as rules
from reftrack.domain.contacts import ImportantDay
from reftrack.domain.dates import period_bounds, week_bounds
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
    week_span,
)
from reftrack.domain.habits import streak
from reftrack.domain.records import ScoreView
from reftrack.errors import ReftrackError, UsageProblem
from reftrack.kinds import Period
from reftrack.services.loop import referral_views, refs_by_id, score_view
from reftrack.services.runtime import Runtime
from reftrack.store import queries
from reftrack.store.models import DayOff, Goal

STREAK_WINDOW_DAYS = 120


def work_calendar(session: Session, rt: Runtime, first: date, last: date) -> WorkCalendar:
    """The working days between two dates: configured weekdays minus the rep's days off."""
    days = frozenset(d.day for d in queries.days_off(session, rt.rep, first, last))
    return WorkCalendar(rt.settings.workdays, days, rt.settings.week_start)


def _goal_specs(session: Session, rt: Runtime) -> list[GoalSpec]:
    return [
        GoalSpec(g.target, g.period, g.rate, g.effective_from)
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


def set_goal(
    rt: Runtime, target: int, period: Period, rate: float | None, effective_from: date
) -> GoalStatus:
    """Set a referral goal from a day on; earlier goals stay in force for earlier days."""
    if target < 0:
        raise UsageProblem(f"--referrals: {target} is negative; a target is 0 or more")
    if rate is not None and not 0 < rate <= 10:
        raise UsageProblem(
            f"--rate: {rate:g} is out of range; referrals per ask are above 0 and at most 10"
        )
    with rt.transaction(write=True) as session:
        for goal in queries.goals(session, rt.rep):
            if goal.effective_from == effective_from:
                session.delete(goal)
        session.flush()
        session.add(
            Goal(
                rep=rt.rep,
                target=target,
                period=str(period),
                rate=rate,
                effective_from=effective_from,
                recorded_at=rt.now,
            )
        )
        session.flush()
        # Confirm the goal just set: today if it is the one in force today, else its first day.
        in_force_today = goal_in_force(_goal_specs(session, rt), rt.today)
        is_new = in_force_today is not None and in_force_today.effective_from == effective_from
        day = rt.today if is_new else effective_from
        status = status_on(session, rt, day)
        assert status is not None
        return status


def show_goal(rt: Runtime, day: date) -> tuple[GoalStatus | None, int, int]:
    """The goal on a day, with the asks made that day and in that week so far."""
    with rt.transaction() as session:
        status = status_on(session, rt, day)
        asks_today = queries.count_asks(session, rt.rep, day, day)
        if status is None:
            return None, asks_today, 0
        asks_week = queries.count_asks(session, rt.rep, status.week_start, day)
        return status, asks_today, asks_week


# Days off


def add_days_off(rt: Runtime, first: date, last: date, note: str | None) -> tuple[list, list]:
    """Mark each day of a range as off; return (days added, days that already were)."""
    with rt.transaction(write=True) as session:
        existing = {d.day for d in queries.days_off(session, rt.rep, first, last)}
        added, already = [], []
        day = first
        while day <= last:
            if day in existing:
                already.append(day)
            else:
                session.add(DayOff(rep=rt.rep, day=day, note=note, recorded_at=rt.now))
                added.append(day)
            day += timedelta(days=1)
        return added, already


def list_days_off(rt: Runtime, include_past: bool) -> list[tuple[date, str | None]]:
    """Days off from today on (or all of them), in order."""
    with rt.transaction() as session:
        rows = queries.all_days_off(session, rt.rep, None if include_past else rt.today)
        return [(d.day, d.note) for d in rows]


def remove_days_off(rt: Runtime, first: date, last: date) -> list[date]:
    """Make the days of a range working days again; refuse when none was off."""
    with rt.transaction(write=True) as session:
        rows = queries.days_off(session, rt.rep, first, last)
        if not rows:
            span = str(first) if first == last else f"{first}..{last}"
            raise ReftrackError(f"{span} is not a day off", "see `reftrack off list`")
        for row in rows:
            session.delete(row)
        return [row.day for row in rows]


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


def _upcoming_month_days(today: date, horizon: int) -> list[tuple[int, int]]:
    pairs = [
        ((today + timedelta(days=n)).month, (today + timedelta(days=n)).day)
        for n in range(horizon + 1)
    ]
    if any(pair == (2, 28) for pair in pairs):
        pairs.append((2, 29))  # a leap-day birthday falls on 28 February in other years
    return pairs


def today_agenda(rt: Runtime, day: date) -> rules.Agenda:
    """Everything `today` shows, each rule an indexed read bounded by date or status."""
    settings = rt.settings
    year_ago = day - timedelta(days=LOOKBACK_DAYS)
    with rt.transaction() as session:
        calendar = work_calendar(session, rt, day, day)
        working_day = calendar.is_working(day)
        items: list[rules.Reminder] = []

        window_start = day - timedelta(days=settings.ask_window_days)
        closes = queries.closes_between(session, rt.rep, window_start, day)
        waiting = queries.waiting_asks(session, rt.rep, year_ago, day)
        fresh = queries.referrals_with_status(session, rt.rep, "new", year_ago)
        untold = queries.referrals_untold_since(session, rt.rep, year_ago)
        received = queries.referrals_received_between(session, rt.rep, year_ago, day)
        dates = queries.dates_on(
            session, rt.rep, _upcoming_month_days(day, settings.date_horizon_days)
        )
        scores = queries.scores_since(session, rt.rep, year_ago)
        # One read of every contact the rules will name, instead of one per rule.
        refs_by_id(
            session,
            [
                *(row.contact_id for row in (*closes, *waiting, *dates, *scores)),
                *(r.referrer_id for r in (*fresh, *untold, *received)),
                *(r.prospect_id for r in (*fresh, *untold, *received)),
            ],
        )
        refs = refs_by_id(session, [c.contact_id for c in closes])
        items += rules.ask_close(
            [rules.RecentClose(refs[c.contact_id], c.closed_on, c.result, c.title) for c in closes],
            queries.ask_days_of(session, [c.contact_id for c in closes], window_start),
            day,
            settings.ask_window_days,
        )

        refs = refs_by_id(session, [a.contact_id for a in waiting])
        items += rules.follow_up(
            [
                rules.OpenAsk(a.id or 0, refs[a.contact_id], a.asked_on, a.outcome, a.follow_up_on)
                for a in waiting
            ],
            queries.latest_ask_ids(session, [a.contact_id for a in waiting]),
            day,
        )

        items += rules.contact_referral(
            referral_views(session, fresh, with_history=False, with_thanks=False)
        )
        items += rules.inform_referrer(
            referral_views(session, untold, with_history=False, with_thanks=False)
        )
        recent = referral_views(
            session,
            received,
            with_history=False,
        )
        items += rules.thank(recent)

        refs = refs_by_id(session, [d.contact_id for d in dates])
        items += rules.dates_ahead(
            [(refs[d.contact_id], ImportantDay(d.label, d.month, d.day, d.year)) for d in dates],
            day,
            settings.date_horizon_days,
        )

        referrers = sorted({r.referrer.id for r in recent})
        referrer_refs = {r.referrer.id: r.referrer for r in recent}
        sent = queries.referral_counts_by_referrer(session, referrers)
        given = queries.given_counts(session, referrers)
        items += rules.give_back(
            [(referrer_refs[id], sent.get(id, 0), given.get(id, 0)) for id in referrers],
            day,
            settings.give_back_threshold,
        )
        touches = queries.last_touches(session, referrers)
        last_referral = {}
        for r in recent:
            last_referral[r.referrer.id] = max(
                r.received_on, last_referral.get(r.referrer.id, r.received_on)
            )
        items += rules.stay_in_touch(
            [
                rules.QuietReferrer(referrer_refs[id], touches.get(id), last_referral[id])
                for id in referrers
            ],
            day,
            settings.stay_in_touch_days,
        )

        latest_cards: dict[int, ScoreView] = {}
        refs = refs_by_id(session, [s.contact_id for s in scores])
        for row in scores:
            latest_cards[row.contact_id] = score_view(row, refs[row.contact_id])
        asked = queries.ask_days_of(session, list(latest_cards), year_ago)
        items += rules.commitment(
            latest_cards.values(),
            {
                id: any(d > card.scored_on for d in asked.get(id, ()))
                for id, card in latest_cards.items()
            },
        )

        archived = session.info.get("archived_contacts", set())
        items = [i for i in items if i.contact.id not in archived]
        shown = items if working_day else rules.pressing_on_a_day_off(items, day)
        ordered = rules.most_pressing_first(shown, day)

        status = status_on(session, rt, day)
        asks_today = queries.count_asks(session, rt.rep, day, day)
        if status is not None:
            asks_week = queries.count_asks(session, rt.rep, status.week_start, day)
            in_period = queries.count_referrals(session, rt.rep, status.start, day)
        else:
            week_first, _ = week_bounds(day, settings.week_start)
            asks_week = queries.count_asks(session, rt.rep, week_first, day)
            in_period = 0
        progress = rules.Progress(
            asks_today=asks_today,
            daily_goal=status.daily_goal if status else None,
            asks_this_week=asks_week,
            weekly_goal=status.weekly_goal if status else None,
            referrals_in_period=in_period,
            target=status.target if status else None,
            period=status.period if status else None,
            on_pace=status.on_pace if status else None,
            expected=status.expected if status else None,
            streak=streak_on(session, rt, day),
        )
        return rules.Agenda(
            day,
            working_day,
            tuple(ordered),
            progress,
            hidden_until_working_day=len(items) - len(shown),
        )
