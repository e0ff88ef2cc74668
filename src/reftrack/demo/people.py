"""Who the demo rep works with, and when the rep is away: the draws made before day one."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from reftrack.demo.data import COMPANIES, FIRST, LAST
from reftrack.demo.rows import DemoHistory
from reftrack.kinds import ContactKind

# A hundred contacts hold 55 customers, 30 prospects, 8 partners and 7 network contacts.
_KINDS = (
    [ContactKind.customer] * 55
    + [ContactKind.prospect] * 30
    + [ContactKind.partner] * 8
    + [ContactKind.network] * 7
)


@dataclass(frozen=True)
class Cast:
    """The contact ids the history draws from, by the part they play."""

    customers: list[int]
    prospects: list[int]
    partners: list[int]


def add_contacts(
    rows: DemoHistory, rng: random.Random, rep: str, count: int, recorded: datetime
) -> Cast:
    """`count` people with distinct names, a kind each, and a birthday for about a third."""
    seen: set[tuple[str, str | None]] = set()
    people: dict[ContactKind, list[int]] = defaultdict(list)
    for contact_id in range(1, count + 1):
        while True:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            company = rng.choice(COMPANIES) if rng.random() < 0.9 else None
            if (name, company) not in seen:
                break
        seen.add((name, company))
        kind = rng.choice(_KINDS)
        people[kind].append(contact_id)
        rows.contacts.append(
            {
                "id": contact_id,
                "rep": rep,
                "name": name,
                "company": company,
                "email": f"{name.split()[0].lower()}@{(company or 'mail').lower()}.example",
                "phone": None,
                "kind": str(kind),
                "note": None,
                "archived": rng.random() < 0.02,
                "recorded_at": recorded,
            }
        )
        if rng.random() < 0.35:
            rows.important_dates.append(
                {
                    "rep": rep,
                    "contact_id": contact_id,
                    "label": "birthday",
                    "month": rng.randint(1, 12),
                    "day": rng.randint(1, 28),
                    "year": None,
                }
            )
    # A tiny demo may lack a kind; borrow another so every later draw has someone to pick.
    customers = people[ContactKind.customer] or [1]
    return Cast(
        customers=customers,
        prospects=people[ContactKind.prospect] or customers,
        partners=(people[ContactKind.partner] + people[ContactKind.network]) or customers,
    )


def add_days_off(
    rows: DemoHistory, rng: random.Random, rep: str, first: date, last: date, recorded: datetime
) -> frozenset[date]:
    """Year-end days and a summer fortnight each year from `first` to `last`: the holidays."""
    days: set[date] = set()
    for year in range(first.year, last.year + 1):
        for month, day in ((1, 1), (12, 24), (12, 25), (12, 26), (12, 31)):
            days.add(date(year, month, day))
        start = date(year, 8, 1) + timedelta(days=rng.randrange(0, 20))
        days.update(start + timedelta(days=n) for n in range(10))
    off = frozenset(d for d in days if first <= d <= last)
    rows.days_off = [
        {"rep": rep, "day": d, "note": "holiday", "recorded_at": recorded} for d in sorted(off)
    ]
    return off
