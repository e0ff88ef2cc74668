"""The habit measures: the streak of working days with an ask, and close coverage."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta


def streak(
    today: date,
    ask_days: Collection[date],
    is_working: Callable[[date], bool],
    earliest: date | None = None,
) -> int:
    """Consecutive working days with at least one ask, ending today if today has one, else
    yesterday. Non-working days neither break nor extend it.

    `earliest` is the first day whose asks the caller loaded; the walk stops there.
    """
    asked = {date(d.year, d.month, d.day) for d in ask_days}
    day = date(today.year, today.month, today.day)
    if earliest is None:
        # Without a bound, stop before the first ask: nothing earlier can extend the streak.
        earliest = min(asked, default=day)
    if not (is_working(day) and day in asked):
        day -= timedelta(days=1)
    count = 0
    while earliest is None or day >= earliest:
        if is_working(day):
            if day not in asked:
                break
            count += 1
        day -= timedelta(days=1)
    return count


@dataclass(frozen=True)
class Coverage:
    """Of the closes in a window, how many got an ask within the ask window."""

    closes: int
    covered: int

    @property
    def share(self) -> float | None:
        """covered / closes, or None when there were no closes."""
        return self.covered / self.closes if self.closes else None


def close_coverage(
    closes: Collection[tuple[int, date]],
    asks_by_contact: Mapping[int, Collection[date]],
    window_days: int,
) -> Coverage:
    """Closes (contact, day) that got an ask to that contact within `window_days` of closing."""
    covered = sum(
        1
        for contact, closed_on in closes
        if any(
            closed_on <= asked_on <= closed_on + timedelta(days=window_days)
            for asked_on in asks_by_contact.get(contact, ())
        )
    )
    return Coverage(len(closes), covered)
