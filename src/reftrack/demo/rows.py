"""The demo's output: rows for each table, as plain dicts a service inserts in bulk."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]
"""One row of a table: column name to value, as `insert(Model)` takes it."""


@dataclass
class DemoHistory:
    """Rows for each table, ready for a bulk insert."""

    contacts: list[Row] = field(default_factory=list)
    important_dates: list[Row] = field(default_factory=list)
    closes: list[Row] = field(default_factory=list)
    asks: list[Row] = field(default_factory=list)
    referrals: list[Row] = field(default_factory=list)
    referral_events: list[Row] = field(default_factory=list)
    thank_yous: list[Row] = field(default_factory=list)
    given: list[Row] = field(default_factory=list)
    shares: list[Row] = field(default_factory=list)
    scores: list[Row] = field(default_factory=list)
    goals: list[Row] = field(default_factory=list)
    days_off: list[Row] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many rows of each kind."""
        return {name: len(rows) for name, rows in vars(self).items()}
