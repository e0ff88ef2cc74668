"""The rules behind `today`: what to ask, follow up, contact, inform, thank, remember, give.

Each rule takes the few facts the service loaded and returns reminders; the
service never decides. docs/today.md explains each kind and why it matters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reftrack.domain.contacts import ContactRef, ImportantDay
from reftrack.domain.dates import MonthDay, next_occurrence
from reftrack.domain.records import ReferralView, ScoreView
from reftrack.kinds import CloseResult, Outcome, ReferralStatus, ReminderKind

# Asks that get a follow-up day: the contact has not answered, or promised names later.
FOLLOWED_UP = frozenset({Outcome.promised, Outcome.pending})
# Statuses the referrer is told of: every move after the referral arrived.
TOLD_OF = frozenset(ReferralStatus) - {ReferralStatus.new}


@dataclass(frozen=True)
class Reminder:
    """One thing to do today, the day it was due, and the command that clears it."""

    kind: ReminderKind
    contact: ContactRef
    text: str
    due: date
    command: str

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
        deal = f" “{close.title}”" if close.title else ""
        reminders.append(
            Reminder(
                ReminderKind.ask_close,
                close.contact,
                f"Ask {close.contact.label} for referrals: deal{deal} {close.result} "
                f"on {close.closed_on}",
                close.closed_on,
                f"reftrack ask {close.contact.typed}",
            )
        )
    return reminders


def follow_up(
    open_asks: Iterable[OpenAsk], latest_ask: Mapping[int, int], today: date
) -> list[Reminder]:
    """Promised or pending asks whose follow-up day has come, unless a later ask followed up.

    `latest_ask` maps each contact to the id of the latest ask made of them.
    """
    return [
        Reminder(
            ReminderKind.follow_up,
            ask.contact,
            f"Follow up with {ask.contact.label}: {ask.outcome} since {ask.asked_on}",
            ask.follow_up_on,
            f"reftrack ask {ask.contact.typed}",
        )
        for ask in open_asks
        if ask.outcome in FOLLOWED_UP
        and ask.follow_up_on is not None
        and ask.follow_up_on <= today
        and latest_ask.get(ask.contact.id, ask.id) == ask.id
    ]


def contact_referral(referrals: Iterable[ReferralView]) -> list[Reminder]:
    """Referrals still new: nobody has contacted the prospect yet."""
    return [
        Reminder(
            ReminderKind.contact_referral,
            r.prospect,
            f"Contact {r.prospect.label}, referred by {r.referrer.label} on {r.received_on}",
            r.received_on,
            f"reftrack referral update {r.prospect.typed} --status contacted",
        )
        for r in referrals
        if r.status == ReferralStatus.new
    ]


def inform_referrer(referrals: Iterable[ReferralView]) -> list[Reminder]:
    """Referrals that moved on since they arrived and since the referrer was last told."""
    return [
        Reminder(
            ReminderKind.inform_referrer,
            r.referrer,
            f"Tell {r.referrer.label} that {r.prospect.label} is now {r.stage}",
            r.status_changed_on,
            f"reftrack referral inform {r.id}",
        )
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
        referrer = owed[0].referrer
        names = ", ".join(r.prospect.label for r in owed)
        reminders.append(
            Reminder(
                ReminderKind.thank,
                referrer,
                f"Thank {referrer.label} for referring {names}",
                min(r.received_on for r in owed),
                f"reftrack thank {referrer.typed}",
            )
        )
    return reminders


def dates_ahead(
    days: Iterable[tuple[ContactRef, ImportantDay]], today: date, horizon_days: int
) -> list[Reminder]:
    """Birthdays and other yearly dates from today to `horizon_days` ahead."""
    reminders = []
    for contact, day in days:
        when = next_occurrence(MonthDay(day.month, day.day), today)
        if (when - today).days > horizon_days:
            continue
        label = day.label
        if label == "birthday":
            what = f"{contact.label}'s birthday"
        else:
            what = f"{contact.label}'s {label}"
        if day.year:
            what += f" ({when.year - day.year} years)"
        when_text = "today" if when == today else f"on {when:%a %d %b}"
        reminders.append(
            Reminder(
                ReminderKind.date,
                contact,
                f"{what} {when_text}",
                when,
                f"reftrack thank {contact.typed} --note '{label}'",
            )
        )
    return reminders


def give_back(
    balances: Iterable[tuple[ContactRef, int, int]], today: date, threshold: int
) -> list[Reminder]:
    """Contacts who have sent at least `threshold` more referrals than they got from you."""
    return [
        Reminder(
            ReminderKind.give_back,
            contact,
            f"Give back to {contact.label}: {received} referrals from them, {given} to them",
            today,
            f"reftrack give {contact.typed} --to NAME",
        )
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
        touched = f"last touch {quiet.last_touch}" if quiet.last_touch else "no touch logged"
        reminders.append(
            Reminder(
                ReminderKind.stay_in_touch,
                quiet.contact,
                f"Stay in touch with {quiet.contact.label} ({touched})",
                since + timedelta(days=quiet_days),
                f"reftrack share {quiet.contact.typed} --content TITLE",
            )
        )
    return reminders


def commitment(cards: Iterable[ScoreView], asked_since: Mapping[int, bool]) -> list[Reminder]:
    """Strong relationships (L, R, Cr ≥ 4, Co ≤ 2) not asked since they were scored so."""
    return [
        Reminder(
            ReminderKind.commitment,
            card.contact,
            f"Ask {card.contact.label} for a formal referral commitment "
            f"(liking {card.liking}, reciprocity {card.reciprocity}, "
            f"credibility {card.credibility})",
            card.scored_on,
            f"reftrack ask {card.contact.typed}",
        )
        for card in cards
        if card.ready_for_commitment and not asked_since.get(card.contact.id, False)
    ]


def most_pressing_first(reminders: Iterable[Reminder], today: date) -> list[Reminder]:
    """Overdue before due, oldest first; ties by kind in the order of the spec, then name."""
    order = {kind: number for number, kind in enumerate(ReminderKind)}
    return sorted(
        reminders,
        key=lambda r: (not r.overdue(today), r.due, order[r.kind], r.contact.label.casefold()),
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
    period: str | None
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
