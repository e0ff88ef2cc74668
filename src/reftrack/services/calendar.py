"""`calendar`: the next days' reminders and the contacts' yearly dates, for a calendar file."""

from __future__ import annotations

from datetime import timedelta

from reftrack.domain.calendar import (
    CalendarFeed,
    YearlyDate,
    first_showings,
    yearly_key,
)
from reftrack.domain.reminders import Reminder
from reftrack.services.runtime import Runtime
from reftrack.services.today import DayReminders, shown_on
from reftrack.services.views import important_day, refs_by_id
from reftrack.store.reads import queries

# Every (month, day) of a year, 29 February included: the yearly dates are all wanted.
_EVERY_DAY = [(month, day) for month in range(1, 13) for day in range(1, 32)]


def _shown(found: DayReminders) -> tuple[bool, list[Reminder]]:
    return found.working_day, found.shown


def calendar_feed(rt: Runtime, days: int) -> CalendarFeed:
    """The reminders `today` will show on each of the next `days` days, and the yearly dates.

    Each day ahead is one run of the rules behind `today` (CALENDAR_DAYS bounds them).
    """
    first = rt.today
    ahead = [first + timedelta(days=n) for n in range(days)]
    with rt.read() as session:
        entries = first_showings((day, *_shown(shown_on(session, rt, day))) for day in ahead)
        rows = queries.dates_on(session, rt.rep, _EVERY_DAY)
        refs = refs_by_id(session, [row.contact_id for row in rows])
        yearly = [
            YearlyDate(yearly_key(row.id or 0), refs[row.contact_id], important_day(row))
            for row in rows
            if row.contact_id in refs and not refs[row.contact_id].archived
        ]
    return CalendarFeed(
        first=first,
        last=ahead[-1],
        stamp=rt.now,
        entries=tuple(entries),
        yearly=tuple(sorted(yearly, key=lambda y: (y.day.month, y.day.day, y.key))),
    )
