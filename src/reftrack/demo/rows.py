"""The demo's output: rows for each table, as plain dicts a service inserts in bulk."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DemoHistory:
    """Rows for each table, ready for a bulk insert."""

    contacts: list[dict] = field(default_factory=list)
    important_dates: list[dict] = field(default_factory=list)
    closes: list[dict] = field(default_factory=list)
    asks: list[dict] = field(default_factory=list)
    referrals: list[dict] = field(default_factory=list)
    referral_events: list[dict] = field(default_factory=list)
    thank_yous: list[dict] = field(default_factory=list)
    given: list[dict] = field(default_factory=list)
    shares: list[dict] = field(default_factory=list)
    scores: list[dict] = field(default_factory=list)
    goals: list[dict] = field(default_factory=list)
    days_off: list[dict] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many rows of each kind."""
        return {name: len(rows) for name, rows in vars(self).items()}
