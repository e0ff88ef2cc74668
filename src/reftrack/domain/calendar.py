"""The reminders of the days ahead as calendar entries, each with a key that stays the same.

`today` decides what is due on a day (domain/reminders); a calendar of the next days is those
same reminders, each put on the first of the days it shows up in, once. A key names a
reminder by its rule and record, so a calendar app that reads the file again updates an
event instead of adding a second one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reftrack.domain.contacts import ContactRef, ImportantDay
from reftrack.domain.records import Balance, ReferralView, ScoreView
from reftrack.domain.reminders import (
    DateAhead,
    OpenAsk,
    Owed,
    QuietReferrer,
    RecentClose,
    Reminder,
)
from reftrack.kinds import ReminderKind


@dataclass(frozen=True)
class CalendarEntry:
    """A reminder on the day it first shows in the morning list."""

    key: str
    day: date
    reminder: Reminder


@dataclass(frozen=True)
class YearlyDate:
    """A contact's birthday or other yearly date, with the id of its stored row."""

    key: str
    contact: ContactRef
    day: ImportantDay


@dataclass(frozen=True)
class CalendarFeed:
    """What a calendar file holds: the days it covers, the reminders, the yearly dates."""

    first: date
    last: date
    stamp: datetime
    entries: tuple[CalendarEntry, ...]
    yearly: tuple[YearlyDate, ...]


def reminder_key(item: Reminder) -> str:
    """A name for a reminder that is the same every run: its kind and the record behind it."""
    about = item.about
    contact = f"c{item.contact.id}"
    if isinstance(about, OpenAsk):
        record = f"a{about.id}"
    elif isinstance(about, ReferralView):
        record = f"r{about.id}"
        if item.kind == ReminderKind.inform_referrer:
            # Each move of the referral is a report of its own.
            record += f"-{about.status.value}"
    elif isinstance(about, Owed):
        record = f"{contact}-r{min(r.id for r in about.referrals)}"
    elif isinstance(about, RecentClose):
        record = f"{contact}-{about.closed_on:%Y%m%d}"
    elif isinstance(about, DateAhead):
        record = f"{contact}-{about.when:%Y%m%d}"
    elif isinstance(about, QuietReferrer | ScoreView):
        record = f"{contact}-{item.due:%Y%m%d}"
    else:
        balance: Balance = about
        record = f"{contact}-{balance.received}"
    return f"{item.kind.value}-{record}"


def yearly_key(date_id: int) -> str:
    """The key of a contact's yearly date: its stored row."""
    return f"{ReminderKind.date.value}-d{date_id}"


def first_showings(days: Iterable[tuple[date, bool, Sequence[Reminder]]]) -> list[CalendarEntry]:
    """Each reminder once, on the first working day it is in that day's list (days in order).

    Days off are passed over: what falls due on a Saturday is on Monday's list, as it would
    be in `today`. Stale loops (gone from the morning list) and dates (yearly events of
    their own) are left out.
    """
    seen: dict[str, CalendarEntry] = {}
    for day, working, reminders in days:
        if not working:
            continue
        for item in reminders:
            if item.stale or item.kind == ReminderKind.date:
                continue
            key = reminder_key(item)
            if key not in seen:
                seen[key] = CalendarEntry(key, day, item)
    return sorted(seen.values(), key=lambda e: (e.day, e.key))
