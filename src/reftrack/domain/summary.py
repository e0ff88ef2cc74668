"""The weekly review as plain values: what happened in a week and what is still open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reftrack.domain.contacts import ContactRef
from reftrack.domain.goals import GoalStatus
from reftrack.domain.habits import Coverage
from reftrack.domain.reminders import Reminder

WEEKS_CHARTED = 12


@dataclass(frozen=True)
class WeeklySummary:
    """One week of the habit, for the Monday-morning mail."""

    week: str
    start: date
    end: date
    closes_won: int
    closes_lost: int
    won_value_cents: int
    asks: int
    coverage: Coverage
    referrals_received: int
    referrals_won: int
    referrals_won_value_cents: int
    thank_yous_sent: int
    thank_yous_owed: int
    referrals_given: int
    goal: GoalStatus | None
    referrals_in_period: int
    next_week_goal: int | None
    streak: int
    top_referrers: tuple[tuple[ContactRef, int], ...]
    open_loops: tuple[Reminder, ...]
    asks_per_week: tuple[int, ...]
    weekly_goals: tuple[int | None, ...]
    today: date

    @property
    def closes(self) -> int:
        """Won and lost together."""
        return self.closes_won + self.closes_lost

    @property
    def referrals_per_ask(self) -> float | None:
        """Conversion from asks to referrals received, this week."""
        return self.referrals_received / self.asks if self.asks else None

    @property
    def won_per_referral(self) -> float | None:
        """Referrals won this week per referral received this week."""
        if not self.referrals_received:
            return None
        return self.referrals_won / self.referrals_received
