"""The pictures' numbers: asks per day and per week, the funnel, the top referrers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from reftrack.domain.contacts import ContactRef
from reftrack.kinds import ReferralStatus

# The pipeline's stages in order; a referral at a stage has been through every earlier one.
PIPELINE = (
    ReferralStatus.new,
    ReferralStatus.contacted,
    ReferralStatus.meeting,
    ReferralStatus.proposal,
    ReferralStatus.won,
)


def reached(statuses: Iterable[ReferralStatus], stage: ReferralStatus) -> bool:
    """Whether a referral moved to `stage` or past it (new → meeting has been contacted)."""
    at = PIPELINE.index(stage)
    return any(s in PIPELINE and PIPELINE.index(s) >= at for s in statuses)


@dataclass(frozen=True)
class FunnelStep:
    """One step of closes → asks → referrals → contacted → won, against the step before.

    `share` says the step is a part of the one before (contacted of referrals, won of
    contacted), so `rate` is at most 1; otherwise `rate` is so many per one of the step
    before (asks per close, referrals per ask), which may well be above 1.
    """

    name: str
    count: int
    rate: float | None
    share: bool = False


def funnel(counts: list[tuple[str, int, bool]]) -> list[FunnelStep]:
    """Each step with its rate from the step before (None for the first or after 0)."""
    steps = []
    previous: int | None = None
    for name, count, share in counts:
        rate = count / previous if previous else None
        steps.append(FunnelStep(name, count, rate, share))
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
