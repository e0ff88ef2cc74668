"""The numbers behind `stats`, over the last N weeks."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from reftrack.domain.dates import week_bounds
from reftrack.domain.stats import Stats, funnel, reached
from reftrack.errors import UsageProblem
from reftrack.kinds import ReferralStatus
from reftrack.services.goals import week_goal_on
from reftrack.services.runtime import Runtime
from reftrack.services.views import refs_by_id
from reftrack.store import queries


def habit_stats(rt: Runtime, weeks: int) -> Stats:
    """Asks per day and week, the funnel and the top referrers over the last `weeks` weeks."""
    if not 1 <= weeks <= 520:
        raise UsageProblem(f"--weeks: {weeks} is out of range (1 to 520)")
    this_week, _ = week_bounds(rt.today, rt.settings.week_start)
    first = this_week - timedelta(days=7 * (weeks - 1))
    last = rt.today
    with rt.transaction() as session:
        by_day = queries.asks_per_day(session, rt.rep, first, last)
        week_rows = []
        for n in range(weeks):
            week_first = first + timedelta(days=7 * n)
            week_last = week_first + timedelta(days=6)
            asks = sum(count for day, count in by_day.items() if week_first <= day <= week_last)
            week = week_goal_on(session, rt, week_first)
            week_rows.append((week_first, asks, week.asks if week else None))
        closes = queries.closes_between(session, rt.rep, first, last)
        referrals = queries.referrals_received_between(session, rt.rep, first, last)
        ids = [r.id for r in referrals if r.id is not None]
        history = queries.statuses_reached(session, ids)
        for r in referrals:
            history.setdefault(r.id or 0, set()).add(r.status)
        contacted = [id for id, s in history.items() if reached(s, ReferralStatus.contacted)]
        # Won is where a referral stands now: one marked won and then lost is not won.
        won = [r for r in referrals if r.status == ReferralStatus.won]
        steps = funnel(
            [
                ("closes", len(closes), False),
                ("asks", sum(by_day.values()), False),
                ("referrals", len(referrals), False),
                (ReferralStatus.contacted.value, len(contacted), True),
                (ReferralStatus.won.value, len(won), True),
            ]
        )
        counts = Counter(r.referrer_id for r in referrals)
        refs = refs_by_id(session, list(counts))
        top = tuple((refs[id], n) for id, n in counts.most_common(5))
    return Stats(first, last, rt.settings.week_start, by_day, tuple(week_rows), tuple(steps), top)
