"""The rep at work, day by day: closes, asks, referrals and the habits around them.

Every draw comes from one seeded `random.Random`, in the order the code makes
them: that order is what makes a seed give the same history every time, so
moving a draw changes every history (and the demo figures the docs show).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from reftrack.demo.data import COMPANIES, CONTENT, DEALS, FIRST, GIFTS, LAST, NOTES
from reftrack.demo.people import Cast
from reftrack.demo.rows import DemoHistory
from reftrack.domain.dates import is_working_day, next_working_day
from reftrack.kinds import (
    Channel,
    CloseResult,
    Outcome,
    ReferralEventKind,
    ReferralStatus,
    ThankKind,
)

# Most asks follow a close at once or within days; a few come weeks late.
_DAYS_TO_ASK = (0, 0, 0, 1, 1, 2, 4, 9, 20)
_DAYS_TO_THANK = (0, 0, 1, 1, 2, 3, 6)
_NAMES_PER_REFERRED_ASK = (1, 1, 1, 1, 2)
_CHANNELS = tuple(Channel)
_PLAIN_THANKS = (ThankKind.note, ThankKind.note, ThankKind.call)
_OPEN = (Outcome.promised, Outcome.pending)
# Each next step of a referral and the chance it gets there from the step before.
_PIPELINE = (
    (ReferralStatus.contacted, 0.92),
    (ReferralStatus.meeting, 0.6),
    (ReferralStatus.proposal, 0.65),
    (ReferralStatus.won, 0.5),
)
# A referral's dated events: a status it moved to, or its referrer told (no status).
_Event = tuple[date, ReferralEventKind, ReferralStatus | None]


def _evening(day: date) -> datetime:
    """When a thing done on `day` was recorded: that evening, in UTC."""
    return datetime(day.year, day.month, day.day, 17, tzinfo=UTC)


@dataclass
class Activity:
    """The history being written: its rows, the ids handed out so far, and the seeded draws."""

    rows: DemoHistory
    rng: random.Random
    rep: str
    today: date
    cast: Cast
    workdays: frozenset[int]
    days_off: frozenset[date]
    follow_up_days: int
    pace: int = 1
    close_id: int = 0
    ask_id: int = 0
    referral_id: int = 0

    def is_working(self, day: date) -> bool:
        """Whether the rep works on `day`: a configured weekday that is no day off."""
        return is_working_day(day, self.workdays, self.days_off)

    def next_working(self, day: date) -> date:
        """The day itself, or the next working day: the rule `reftrack ask` follows."""
        return next_working_day(day, self.workdays, self.days_off)

    def add_working_day(self, day: date) -> None:
        """One working day: its closes and the asks after them, then the rep's other habits."""
        rng = self.rng
        for _ in range(self.pace):
            for _ in range(self._closes_on(day)):
                self.add_close(day)
        if rng.random() < 0.12:
            self.add_ask(rng.choice(self.cast.partners), day, None)
        if rng.random() < 0.03:
            self.add_referral(rng.choice(self.cast.partners), day, None)
        if rng.random() < 0.025:
            self.add_given(day)
        if rng.random() < 0.02:
            self.add_shares(day)
        if rng.random() < 0.04:
            self.add_score(day)

    def _closes_on(self, day: date) -> int:
        """How many deals close on `day`: more at a quarter's end, fewer in summer."""
        month_end = (day + timedelta(days=7)).month != day.month
        season = 1.4 if day.month in (3, 6, 9, 12) and month_end else 1.0
        season *= 0.6 if day.month in (7, 8) else 1.0
        return self.rng.choices((0, 1, 2), weights=(45, 40, 15 * season))[0]

    def add_close(self, day: date) -> None:
        """A deal won or lost with a customer, and most often an ask after it."""
        rng = self.rng
        self.close_id += 1
        contact = rng.choice(self.cast.customers)
        won = rng.random() < 0.45
        title = rng.choice(DEALS)
        value = rng.randrange(2_000, 120_000, 500) * 100 if won else None
        self.rows.closes.append(
            {
                "id": self.close_id,
                "rep": self.rep,
                "contact_id": contact,
                "closed_on": day,
                "result": str(CloseResult.won if won else CloseResult.lost),
                "title": title,
                "value_cents": value,
                "crm_id": f"CRM-{self.close_id:05d}",
                "recorded_at": _evening(day),
            }
        )
        # Reps ask after most wins and under half the losses; a loss rarely refers.
        if rng.random() < (0.82 if won else 0.45):
            asked = self.next_working(day + timedelta(days=rng.choice(_DAYS_TO_ASK)))
            if asked < self.today:
                self.add_ask(contact, asked, self.close_id, rate_boost=0.05 if won else -0.08)

    def _outcome(self, rate_boost: float) -> Outcome:
        """What an ask brings: names about one time in six, more after a win or a promise."""
        roll = self.rng.random()
        if roll < 0.17 + rate_boost:
            return Outcome.referred
        if roll < 0.5:
            return Outcome.promised
        if roll < 0.8:
            return Outcome.declined
        return Outcome.pending

    def add_ask(self, contact: int, day: date, close: int | None, rate_boost: float = 0.0) -> None:
        """An ask, the names it brought, and for an open one perhaps a second ask later."""
        rng = self.rng
        self.ask_id += 1
        ask_id = self.ask_id
        outcome = self._outcome(rate_boost)
        channel = rng.choice(_CHANNELS)
        note = rng.choice(NOTES)
        # The rule `reftrack ask` follows: follow_up_days later, moved on to a working day.
        follow_up = (
            self.next_working(day + timedelta(days=self.follow_up_days))
            if outcome in _OPEN
            else None
        )
        self.rows.asks.append(
            {
                "id": ask_id,
                "rep": self.rep,
                "contact_id": contact,
                "close_id": close,
                "asked_on": day,
                "outcome": str(outcome),
                "channel": str(channel),
                "follow_up_on": follow_up,
                "note": note,
                "recorded_at": _evening(day),
            }
        )
        if outcome == Outcome.referred:
            for _ in range(rng.choice(_NAMES_PER_REFERRED_ASK)):
                self.add_referral(contact, day, ask_id)
        elif outcome in _OPEN and rng.random() < 0.8:
            # The rep asks again on the follow-up day or within a week of it, and a
            # contact who was asked twice is a little more likely to give names.
            wait = self.follow_up_days + rng.randint(0, 7)
            later = self.next_working(day + timedelta(days=wait))
            if later < self.today:
                self.add_ask(contact, later, None, rate_boost=0.1)

    def add_referral(self, referrer: int, day: date, ask: int | None) -> None:
        """A prospect introduced by `referrer`, its way through the pipeline, and the thanks."""
        rng = self.rng
        # The id is taken before the prospect is drawn, so a draw that finds none leaves a
        # gap; closing it would renumber every referral a seed gives (and the docs cite ids).
        self.referral_id += 1
        referral_id = self.referral_id
        prospect = rng.choice(self.cast.prospects)
        if prospect == referrer:
            prospect = rng.choice(self.cast.customers)
        if prospect == referrer:
            return
        status, changed, informed, events = self._pipeline(day)
        value = rng.randrange(5_000, 80_000, 500) * 100 if status == ReferralStatus.won else None
        self.rows.referrals.append(
            {
                "id": referral_id,
                "rep": self.rep,
                "referrer_id": referrer,
                "prospect_id": prospect,
                "ask_id": ask,
                "received_on": day,
                "status": str(status),
                "status_changed_on": changed,
                "informed_on": informed,
                "value_cents": value,
                "note": None,
                "recorded_at": _evening(day),
            }
        )
        for when, kind, event_status in events:
            self.rows.referral_events.append(
                {
                    "rep": self.rep,
                    "referral_id": referral_id,
                    "happened_on": when,
                    "kind": str(kind),
                    "status": str(event_status) if event_status else None,
                    "note": None,
                    "recorded_at": _evening(when),
                }
            )
        if rng.random() < 0.95:
            self.add_thank_you(referrer, referral_id, day)

    def _pipeline(self, received: date) -> tuple[ReferralStatus, date, date | None, list[_Event]]:
        """A referral's steps up to today: its status, when it last moved, when the referrer
        was last told, and each event on the way."""
        rng = self.rng
        status, changed, informed = ReferralStatus.new, received, None
        events: list[_Event] = [(received, ReferralEventKind.status, ReferralStatus.new)]
        step_day = received
        for next_status, chance in _PIPELINE:
            step_day = step_day + timedelta(days=rng.randint(1, 12))
            if step_day >= self.today:
                break
            if rng.random() > chance:
                # A referral that never got past `new` just stalls; a later one is often lost.
                if status != ReferralStatus.new and rng.random() < 0.7:
                    status, changed = ReferralStatus.lost, step_day
                    events.append((step_day, ReferralEventKind.status, ReferralStatus.lost))
                    tell = step_day + timedelta(days=rng.randint(0, 4))
                    if tell < self.today and rng.random() < 0.9:
                        informed = tell
                        events.append((tell, ReferralEventKind.inform, None))
                break
            status, changed = next_status, step_day
            events.append((step_day, ReferralEventKind.status, next_status))
            if rng.random() < 0.9:
                tell = step_day + timedelta(days=rng.randint(0, 4))
                if tell < self.today:
                    informed = tell
                    events.append((tell, ReferralEventKind.inform, None))
        return status, changed, informed, events

    def add_thank_you(self, referrer: int, referral_id: int, received: date) -> None:
        """A note, a call or (one time in five) a gift to `referrer`, a few days at most later."""
        rng = self.rng
        thanked = received + timedelta(days=rng.choice(_DAYS_TO_THANK))
        if thanked >= self.today:
            return
        gift = rng.random() < 0.2
        kind = ThankKind.gift if gift else rng.choice(_PLAIN_THANKS)
        present = rng.choice(GIFTS) if gift else None
        self.rows.thank_yous.append(
            {
                "rep": self.rep,
                "contact_id": referrer,
                "referral_id": referral_id,
                "thanked_on": thanked,
                "kind": str(kind),
                "gift": present,
                "note": None,
                "recorded_at": _evening(thanked),
            }
        )

    def add_given(self, day: date) -> None:
        """An introduction the rep gives to a partner or one of the first customers."""
        rng = self.rng
        receiver = rng.choice(self.cast.partners + self.cast.customers[:200])
        prospect = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        company = rng.choice(COMPANIES)
        self.rows.given.append(
            {
                "rep": self.rep,
                "contact_id": receiver,
                "prospect": prospect,
                "company": company,
                "given_on": day,
                "note": None,
                "recorded_at": _evening(day),
            }
        )

    def add_shares(self, day: date) -> None:
        """One piece of content sent to a few customers, some of whom pass it on."""
        rng = self.rng
        content = rng.choice(CONTENT)
        count = min(len(self.cast.customers), rng.randint(1, 4))
        for contact in rng.sample(self.cast.customers, k=count):
            self.rows.shares.append(
                {
                    "rep": self.rep,
                    "contact_id": contact,
                    "shared_on": day,
                    "content": content,
                    "url": None,
                    "forwarded": rng.random() < 0.3,
                    "recorded_at": _evening(day),
                }
            )

    def add_score(self, day: date) -> None:
        """A scorecard for a customer or partner; liking and credibility are rarely poor."""
        rng = self.rng
        contact = rng.choice(self.cast.customers + self.cast.partners)
        liking, reciprocity = rng.randint(2, 5), rng.randint(1, 5)
        credibility, commitment = rng.randint(2, 5), rng.randint(1, 5)
        self.rows.scores.append(
            {
                "rep": self.rep,
                "contact_id": contact,
                "scored_on": day,
                "liking": liking,
                "reciprocity": reciprocity,
                "credibility": credibility,
                "commitment": commitment,
                "note": None,
                "recorded_at": _evening(day),
            }
        )
