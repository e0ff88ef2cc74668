"""The weekly summary: one week's closes, asks, referrals and thanks, and the open loops."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from reftrack.domain.dates import iso_week, parse_iso_week, week_bounds
from reftrack.domain.goals import LOOKBACK_DAYS, pace_day
from reftrack.domain.habits import close_coverage
from reftrack.domain.summary import WEEKS_CHARTED, WeeklySummary
from reftrack.kinds import CloseResult, ReferralEventKind, ReferralStatus
from reftrack.services.goals import status_on, streak_on, week_goal_on
from reftrack.services.runtime import Runtime
from reftrack.services.today import today_agenda
from reftrack.services.views import referral_views, refs_by_id
from reftrack.store import queries
from reftrack.store.models import GivenReferral, Referral, ReferralEvent, ThankYou


def week_of(rt: Runtime, which: str) -> date:
    """The first day of the week meant by `last`, `this` or `YYYY-Www`."""
    start, _ = week_bounds(rt.today, rt.settings.week_start)
    if which == "last":
        return start - timedelta(days=7)
    if which == "this":
        return start
    monday = parse_iso_week(which, "--week")
    return week_bounds(monday, rt.settings.week_start)[0]


def weekly_summary(rt: Runtime, first: date) -> WeeklySummary:
    """Everything the weekly review reports for the week starting `first`."""
    last = first + timedelta(days=6)
    settings = rt.settings
    with rt.transaction() as session:
        closes = queries.closes_between(session, rt.rep, first, last)
        won = [c for c in closes if c.result == CloseResult.won]
        window_end = min(rt.today, last + timedelta(days=settings.ask_window_days))
        ask_days = queries.ask_days_of(session, [c.contact_id for c in closes], first)
        coverage = close_coverage(
            [(c.contact_id, c.closed_on) for c in closes],
            {k: [d for d in v if d <= window_end] for k, v in ask_days.items()},
            settings.ask_window_days,
        )
        received = queries.referrals_received_between(session, rt.rep, first, last)
        won_events = [
            e
            for e in queries.since(session, ReferralEvent, rt.rep, "happened_on", first)
            if e.happened_on <= last
            and e.kind == ReferralEventKind.status
            and e.status == ReferralStatus.won
        ]
        won_referrals = [session.get(Referral, e.referral_id) for e in won_events]
        thanks = [
            t
            for t in queries.since(session, ThankYou, rt.rep, "thanked_on", first)
            if t.thanked_on <= last
        ]
        given = [
            g
            for g in queries.since(session, GivenReferral, rt.rep, "given_on", first)
            if g.given_on <= last
        ]

        judged = pace_day(last, rt.today)
        goal = status_on(session, rt, judged)
        in_period = queries.count_referrals(session, rt.rep, goal.start, judged) if goal else 0
        next_goal = week_goal_on(session, rt, last + timedelta(days=1))

        chart_first = first - timedelta(days=7 * (WEEKS_CHARTED - 1))
        asks_per_week, weekly_goals = [], []
        for n in range(WEEKS_CHARTED):
            week_first = chart_first + timedelta(days=7 * n)
            asks_per_week.append(
                queries.count_asks(session, rt.rep, week_first, week_first + timedelta(days=6))
            )
            week = week_goal_on(session, rt, week_first)
            weekly_goals.append(week.asks if week else None)

        recent = queries.referrals_received_between(session, rt.rep, chart_first, last)
        counts = Counter(r.referrer_id for r in recent)
        refs = refs_by_id(session, list(counts))
        top = tuple((refs[id], n) for id, n in counts.most_common(5))
        streak = streak_on(session, rt, min(last, rt.today))
        asks = queries.count_asks(session, rt.rep, first, last)
        year_ago = rt.today - timedelta(days=LOOKBACK_DAYS)
        owed = sum(
            1
            for view in referral_views(
                session, queries.referrals_received_between(session, rt.rep, year_ago, rt.today)
            )
            if not view.thanked
        )

    agenda = today_agenda(rt, rt.today)
    return WeeklySummary(
        week=iso_week(first + timedelta(days=3)),
        start=first,
        end=last,
        closes_won=len(won),
        closes_lost=len(closes) - len(won),
        won_value_cents=sum(c.value_cents or 0 for c in won),
        asks=asks,
        coverage=coverage,
        referrals_received=len(received),
        referrals_won=len(won_referrals),
        referrals_won_value_cents=sum((r.value_cents or 0) for r in won_referrals if r),
        thank_yous_sent=len(thanks),
        thank_yous_owed=owed,
        referrals_given=len(given),
        goal=goal,
        referrals_in_period=in_period,
        next_week_goal=next_goal.asks if next_goal else None,
        streak=streak,
        top_referrers=top,
        open_loops=agenda.items,
        asks_per_week=tuple(asks_per_week),
        weekly_goals=tuple(weekly_goals),
        today=rt.today,
    )
