"""A realistic history for one rep, generated from a seed: the demo and the benchmark data.

The generator is plain Python on plain values: it returns rows as dicts, one
list per table, and a service writes them in bulk in one transaction.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterator
from datetime import UTC, date, datetime, timedelta

from reftrack.demo.activity import Activity
from reftrack.demo.people import add_contacts, add_days_off
from reftrack.demo.rows import DemoHistory
from reftrack.kinds import Period

MONDAY_TO_FRIDAY = (0, 1, 2, 3, 4)
"""The working weekdays when none are given: the default of the config key `workdays`."""
FOLLOW_UP_DAYS = 3
"""Days from an open ask to its follow-up when none are given: the default of `follow_up_days`."""


def _days(first: date, last: date) -> Iterator[date]:
    """Each day from `first` up to, not including, `last`."""
    day = first
    while day < last:
        yield day
        day += timedelta(days=1)


def generate(
    rep: str,
    today: date,
    years: int = 10,
    contacts: int = 3000,
    seed: int = 1,
    *,
    workdays: Collection[int] = MONDAY_TO_FRIDAY,
    follow_up_days: int = FOLLOW_UP_DAYS,
    pace: int = 1,
) -> DemoHistory:
    """A rep's history over `years` up to yesterday, with `contacts` people, from `seed`.

    Closes, asks and the rep's other habits fall on `workdays` (0 = Monday) outside
    the generated holidays; an open ask is followed up `follow_up_days` later. `pace`
    multiplies the closes of a day, and so the asks after them (a busier rep, for
    benchmarks); at 1 the seed gives the history it always gave.
    """
    rng = random.Random(seed)
    rows = DemoHistory()
    first_day = today - timedelta(days=round(365.25 * years))
    recorded = datetime(first_day.year, first_day.month, first_day.day, tzinfo=UTC)
    # The order of these draws is part of the seed's meaning: people, then holidays, then days.
    cast = add_contacts(rows, rng, rep, contacts, recorded)
    days_off = add_days_off(rows, rng, rep, first_day, today, recorded)
    rows.goals.append(
        {
            "rep": rep,
            "target": 8,
            "period": str(Period.month),
            "rate": None,
            "effective_from": first_day,
            "recorded_at": recorded,
        }
    )
    activity = Activity(
        rows=rows,
        rng=rng,
        rep=rep,
        today=today,
        cast=cast,
        workdays=frozenset(workdays),
        days_off=days_off,
        follow_up_days=follow_up_days,
        pace=pace,
    )
    for day in _days(first_day, today):
        if activity.is_working(day):
            activity.add_working_day(day)
    return rows
