"""The pictures' numbers: asks per day and per week, the funnel, the top referrers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reftrack.domain.contacts import ContactRef


@dataclass(frozen=True)
class FunnelStep:
    """One step of closes → asks → referrals → contacted → won, with the rate from the last."""

    name: str
    count: int
    rate: float | None


def funnel(counts: list[tuple[str, int]]) -> list[FunnelStep]:
    """Each step with its conversion from the step before (None for the first or after 0)."""
    steps = []
    previous: int | None = None
    for name, count in counts:
        rate = count / previous if previous else None
        steps.append(FunnelStep(name, count, rate))
        previous = count
    return steps


@dataclass(frozen=True)
class Stats:
    """Asks per day (the heatmap), per week against the goal, the funnel, top referrers."""

    first: date
    last: date
    week_start: int
    asks_by_day: dict[date, int]
    weeks: tuple[tuple[date, int, int | None], ...]
    funnel: tuple[FunnelStep, ...]
    top_referrers: tuple[tuple[ContactRef, int], ...]
