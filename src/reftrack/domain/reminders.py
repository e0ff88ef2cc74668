"""The rules behind `today`: what to ask, follow up, contact, inform, thank, remember, give.

Each rule takes the few facts the service loaded and returns reminders; the
service never decides. docs/today.md explains each kind and why it matters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from reftrack.domain.contacts import ContactRef, ImportantDay
from reftrack.domain.dates import MonthDay, next_occurrence
from reftrack.domain.records import Balance, ReferralView, ScoreView
from reftrack.kinds import CloseResult, Outcome, Period, ReferralStatus, ReminderKind

# Asks that get a follow-up day: the contact has not answered, or promised names later.
FOLLOWED_UP = frozenset({Outcome.promised, Outcome.pending})
# Statuses the referrer is told of: every move after the referral arrived.
TOLD_OF = frozenset(ReferralStatus) - {ReferralStatus.new}
# Kinds whose loops go stale once long overdue; the others never do (see age_out).
AGING = frozenset(ReminderKind) - {
    ReminderKind.date,
    ReminderKind.give_back,
    ReminderKind.commitment,
}


@dataclass(frozen=True)
class Reminder:
    """One thing to do today, about whom, the day it was due, and what it is about.

    `about` is the record the rule looked at; render/ words it and suggests the command.
    """

    kind: ReminderKind
    contact: ContactRef
    due: date
    about: ReminderSubject
    stale: bool = False

    def overdue(self, today: date) -> bool:
        """Due before today."""
        return self.due < today


@dataclass(frozen=True)
class RecentClose:
    """A close inside the ask window."""

    contact: ContactRef
    closed_on: date
    result: CloseResult
    title: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class OpenAsk:
    """A contact's latest ask that is still waiting: promised or pending."""

    id: int
    contact: ContactRef
    asked_on: date
    outcome: Outcome
    follow_up_on: date | None


@dataclass(frozen=True)
class QuietReferrer:
    """A contact who has referred someone, and the last time the rep touched them."""

    contact: ContactRef
    last_touch: date | None
    last_referral: date


@dataclass(frozen=True)
class DateAhead:
    """A yearly date coming up, the day it next falls on, and whether that is today."""

    day: ImportantDay
    when: date
    is_today: bool


@dataclass(frozen=True)
class Owed:
    """The referrals a referrer has not been thanked for."""

    referrals: tuple[ReferralView, ...]


ReminderSubject = (
    RecentClose | OpenAsk | ReferralView | Owed | DateAhead | Balance | QuietReferrer | ScoreView
)


def ask_close(
    closes: Iterable[RecentClose],
    ask_days: Mapping[int, Sequence[date]],
    today: date,
    window_days: int,
) -> list[Reminder]:
    """Closes within the ask window with no ask to that contact on or after the close date."""
    reminders = []
    for close in closes:
        if close.closed_on < today - timedelta(days=window_days) or close.closed_on > today:
            continue
        if any(day >= close.closed_on for day in ask_days.get(close.contact.id, ())):
            continue
        reminders.append(Reminder(ReminderKind.ask_close, close.contact, close.closed_on, close))
    return reminders


def follow_up(
    open_asks: Iterable[OpenAsk], latest_ask: Mapping[int, int], today: date
) -> list[Reminder]:
    """Promised or pending asks whose follow-up day has come, unless a later ask followed up.

    `latest_ask` maps each contact to the id of the latest ask made of them.
    """
    return [
        Reminder(ReminderKind.follow_up, ask.contact, ask.follow_up_on, ask)
        for ask in open_asks
        if ask.outcome in FOLLOWED_UP
        and ask.follow_up_on is not None
        and ask.follow_up_on <= today
        and latest_ask.get(ask.contact.id, ask.id) == ask.id
    ]


def contact_referral(referrals: Iterable[ReferralView]) -> list[Reminder]:
    """Referrals still new: nobody has contacted the prospect yet."""
    return [
        Reminder(ReminderKind.contact_referral, r.prospect, r.received_on, r)
        for r in referrals
        if r.status == ReferralStatus.new
    ]


def inform_referrer(referrals: Iterable[ReferralView]) -> list[Reminder]:
    """Referrals that moved on since they arrived and since the referrer was last told."""
    return [
        Reminder(ReminderKind.inform_referrer, r.referrer, r.status_changed_on, r)
        for r in referrals
        if r.status in TOLD_OF and (r.informed_on is None or r.informed_on < r.status_changed_on)
    ]


def thank(referrals: Iterable[ReferralView]) -> list[Reminder]:
    """Referrals whose referrer has had no thank-you since the day it arrived."""
    by_referrer: dict[int, list[ReferralView]] = {}
    for r in referrals:
        if not r.thanked:
            by_referrer.setdefault(r.referrer.id, []).append(r)
    reminders = []
    for owed in by_referrer.values():
        reminders.append(
            Reminder(
                ReminderKind.thank,
                owed[0].referrer,
                min(r.received_on for r in owed),
                Owed(tuple(owed)),
            )
        )
    return reminders


def dates_ahead(
    days: Iterable[tuple[ContactRef, ImportantDay]],
    today: date,
    horizon_days: int,
    thanked: Mapping[int, Sequence[date]] | None = None,
) -> list[Reminder]:
    """Birthdays and other yearly dates from today to `horizon_days` ahead, not yet marked.

    A thank-you (note, gift or call) to the contact dated on or after the day the date
    came into view (the date less `horizon_days`) marks it: the wishes are sent.
    """
    reminders = []
    for contact, day in days:
        when = next_occurrence(MonthDay(day.month, day.day), today)
        if (when - today).days > horizon_days:
            continue
        in_view = when - timedelta(days=horizon_days)
        if any(d >= in_view for d in (thanked or {}).get(contact.id, ())):
            continue
        reminders.append(
            Reminder(ReminderKind.date, contact, when, DateAhead(day, when, when == today))
        )
    return reminders


def give_back(
    balances: Iterable[tuple[ContactRef, int, int]], today: date, threshold: int
) -> list[Reminder]:
    """Contacts who have sent at least `threshold` more referrals than they got from you."""
    return [
        Reminder(ReminderKind.give_back, contact, today, Balance(received, given))
        for contact, received, given in balances
        if received - given >= threshold
    ]


def stay_in_touch(
    referrers: Iterable[QuietReferrer], today: date, quiet_days: int
) -> list[Reminder]:
    """Referrers with no logged touch (ask, thanks, introduction, share, report) for too long."""
    reminders = []
    for quiet in referrers:
        since = quiet.last_touch or quiet.last_referral
        if (today - since).days < quiet_days:
            continue
        reminders.append(
            Reminder(
                ReminderKind.stay_in_touch,
                quiet.contact,
                since + timedelta(days=quiet_days),
                quiet,
            )
        )
    return reminders


def commitment(cards: Iterable[ScoreView]) -> list[Reminder]:
    """Strong relationships (L, R, Cr ≥ 4, Co ≤ 2) not asked on or after the day of the card."""
    return [
        Reminder(ReminderKind.commitment, card.contact, card.scored_on, card)
        for card in cards
        if card.commitment_due
    ]


def age_out(reminders: Iterable[Reminder], today: date, stale_after_days: int) -> list[Reminder]:
    """Mark the loops overdue by more than `stale_after_days` as stale.

    Dates, give-backs and commitments never go stale: a date is ahead, a give-back is
    due today, and a strong relationship stays worth a commitment ask.
    """
    last_fresh = today - timedelta(days=stale_after_days)
    return [
        replace(r, stale=True) if r.kind in AGING and r.due < last_fresh else r for r in reminders
    ]


def most_pressing_first(reminders: Iterable[Reminder], today: date) -> list[Reminder]:
    """Fresh before stale; overdue before due, oldest first; ties by kind, then name."""
    order = {kind: number for number, kind in enumerate(ReminderKind)}
    return sorted(
        reminders,
        key=lambda r: (
            r.stale,
            not r.overdue(today),
            r.due,
            order[r.kind],
            r.contact.label.casefold(),
        ),
    )


def pressing_on_a_day_off(reminders: Iterable[Reminder], today: date) -> list[Reminder]:
    """On a non-working day, only what is overdue (and dates falling today)."""
    return [
        r for r in reminders if r.overdue(today) or (r.kind == ReminderKind.date and r.due == today)
    ]


@dataclass(frozen=True)
class Progress:
    """Today's numbers: asks against the daily goal, referrals against the target, streak."""

    asks_today: int
    daily_goal: int | None
    asks_this_week: int
    weekly_goal: int | None
    referrals_in_period: int
    target: int | None
    period: Period | None
    on_pace: bool | None
    expected: float | None
    streak: int


@dataclass(frozen=True)
class Agenda:
    """What `today` shows: the day, whether it is a working day, the reminders, the numbers."""

    day: date
    working_day: bool
    items: tuple[Reminder, ...]
    progress: Progress
    hidden_until_working_day: int = 0
    stale_after_days: int = 0
    snoozed: int = 0
    dismissed: int = 0

    @property
    def fresh(self) -> tuple[Reminder, ...]:
        """The items still in the morning list."""
        return tuple(r for r in self.items if not r.stale)

    @property
    def stale(self) -> tuple[Reminder, ...]:
        """The items overdue so long they left the morning list."""
        return tuple(r for r in self.items if r.stale)
