"""`today`: what to do this morning, and how the habit is going."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from reftrack.domain import reminders as rules
from reftrack.domain.dates import week_bounds
from reftrack.domain.goals import LOOKBACK_DAYS
from reftrack.domain.put_off import PutOffRow, put_aside
from reftrack.kinds import ReferralStatus
from reftrack.services.goals import status_on, streak_on, week_goal_on, work_calendar
from reftrack.services.runtime import Runtime
from reftrack.services.views import important_day, referral_views, refs_by_id, score_views
from reftrack.store.reads import queries

if TYPE_CHECKING:
    from sqlmodel import Session


def _upcoming_month_days(today: date, horizon: int) -> list[tuple[int, int]]:
    pairs = [
        ((today + timedelta(days=n)).month, (today + timedelta(days=n)).day)
        for n in range(horizon + 1)
    ]
    if any(pair == (2, 28) for pair in pairs):
        pairs.append((2, 29))  # a leap-day birthday falls on 28 February in other years
    return pairs


@dataclass(frozen=True)
class DayReminders:
    """One day's reminders: whether it is a working day, every item due, those shown, and
    how many are snoozed and dismissed."""

    working_day: bool
    items: list[rules.Reminder]
    shown: list[rules.Reminder]
    snoozed: int
    dismissed: int


def reminders_on(session: Session, rt: Runtime, day: date) -> list[rules.Reminder]:
    """Every item due on `day`, put off or not, each rule an indexed read bounded by date
    or status; none about an archived contact."""
    settings = rt.settings
    year_ago = day - timedelta(days=LOOKBACK_DAYS)
    items: list[rules.Reminder] = []

    window_start = day - timedelta(days=settings.ask_window_days)
    closes = queries.closes_between(session, rt.rep, window_start, day)
    waiting = queries.asks_due(session, rt.rep, rules.FOLLOWED_UP, year_ago, day)
    fresh = queries.referrals_in_status(session, rt.rep, {ReferralStatus.new}, year_ago)
    untold = queries.referrals_untold_since(session, rt.rep, rules.TOLD_OF, year_ago)
    received = queries.referrals_received_between(session, rt.rep, year_ago, day)
    dates = queries.dates_on(session, rt.rep, _upcoming_month_days(day, settings.date_horizon_days))
    scores = queries.scores_since(session, rt.rep, year_ago)
    # One read of every contact the rules will name, instead of one per rule.
    refs_by_id(
        session,
        [
            *(c.contact_id for c in closes),
            *(a.contact_id for a in waiting),
            *(d.contact_id for d in dates),
            *(s.contact_id for s in scores),
            *(r.referrer_id for r in (*fresh, *untold, *received)),
            *(r.prospect_id for r in (*fresh, *untold, *received)),
        ],
    )
    refs = refs_by_id(session, [c.contact_id for c in closes])
    items += rules.ask_close(
        [
            rules.RecentClose(refs[c.contact_id], c.closed_on, c.result, c.title, c.id)
            for c in closes
        ],
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
        [(refs[d.contact_id], important_day(d)) for d in dates],
        day,
        settings.date_horizon_days,
        queries.thank_you_days(session, list(refs)),
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
    last_referral: dict[int, date] = {}
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

    latest_rows = {row.contact_id: row for row in scores}
    items += rules.commitment(score_views(session, list(latest_rows.values())))

    return [i for i in items if not i.contact.archived]


def shown_on(session: Session, rt: Runtime, day: date) -> DayReminders:
    """What `today` shows on `day`: the reminders less those put off and gone stale, and on
    a day off only what is pressing. `calendar` runs it for each day ahead."""
    settings = rt.settings
    working_day = work_calendar(session, rt, day, day).is_working(day)
    put_off = [
        PutOffRow(row.key, row.until, row.state) for row in queries.put_offs(session, rt.rep, day)
    ]
    aside = put_aside(reminders_on(session, rt, day), put_off, day)
    items = rules.age_out(list(aside.shown), day, settings.stale_after_days)
    shown = items if working_day else rules.pressing_on_a_day_off(items, day)
    return DayReminders(working_day, items, shown, len(aside.snoozed), len(aside.dismissed))


def today_agenda(rt: Runtime, day: date) -> rules.Agenda:
    """Everything `today` shows, less what the rep has put off."""
    settings = rt.settings
    with rt.read() as session:
        found = shown_on(session, rt, day)
        working_day, items, shown = found.working_day, found.items, found.shown
        ordered = rules.most_pressing_first(shown, day)

        status = status_on(session, rt, day)
        week = week_goal_on(session, rt, day)
        asks_today = queries.count_asks(session, rt.rep, day, day)
        week_first, _ = week_bounds(day, settings.week_start)
        asks_week = queries.count_asks(session, rt.rep, week_first, day)
        in_period = queries.count_referrals(session, rt.rep, status.start, day) if status else 0
        progress = rules.Progress(
            asks_today=asks_today,
            daily_goal=status.daily_goal if status else None,
            asks_this_week=asks_week,
            weekly_goal=week.asks if week else None,
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
            stale_after_days=settings.stale_after_days,
            snoozed=found.snoozed,
            dismissed=found.dismissed,
        )


def holds_contacts(rt: Runtime) -> bool:
    """Whether the rep has any contact, archived ones too: a newcomer has none.

    On the fast path, as `today` is: a rep with no settings file asks this at every
    `today` on a terminal (see cli.goals), and must not pay for SQLModel each time.
    """
    with rt.read() as session:
        return queries.count_contacts(session, rt.rep) > 0
