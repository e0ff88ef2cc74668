"""A manager's week: per rep, counts and measures only, never a contact's name or note."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from reftrack.domain.goals import GoalStatus
from reftrack.domain.habits import Coverage


@dataclass(frozen=True)
class DayCounts:
    """How many of something happened on each day, summed over any span."""

    by_day: Mapping[date, int]

    def between(self, first: date, last: date) -> int:
        """The count in [first, last], both included."""
        if first > last:
            return 0
        if last - first > timedelta(days=len(self.by_day)):
            return sum(n for day, n in self.by_day.items() if first <= day <= last)
        day, total = first, 0
        while day <= last:
            total += self.by_day.get(day, 0)
            day += timedelta(days=1)
        return total


@dataclass(frozen=True)
class RepWeek:
    """One rep's week as the manager sees it."""

    rep: str
    asks: int
    closes: int
    closes_won: int
    won_value_cents: int
    coverage: Coverage
    referrals_received: int
    referrals_won: int
    referrals_won_value_cents: int
    thank_yous_owed: int
    referrals_given: int
    streak: int
    goal: GoalStatus | None
    referrals_in_period: int


@dataclass(frozen=True)
class TeamWeek:
    """Every rep's week, by rep name."""

    week: str
    start: date
    end: date
    today: date
    reps: tuple[RepWeek, ...]


def covered(closed_on: date, first_ask_on: date | None, window_days: int, today: date) -> bool:
    """Whether a close got an ask within the ask window (counting only asks up to today)."""
    if first_ask_on is None:
        return False
    return first_ask_on <= min(closed_on + timedelta(days=window_days), today)


@dataclass(frozen=True)
class TeamMember:
    """What `team add` did for one role."""

    role: str
    created: bool
    manager: bool
    rep_group: str
    manager_group: str
    guarded: tuple[str, ...]
    unguarded: tuple[str, ...]
