"""A realistic history for one rep, generated from a seed: the demo and the benchmark data.

The generator is plain Python on plain values: it returns rows as dicts, one
list per table, and a service writes them in bulk in one transaction.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

FIRST = [
    "Ana",
    "Ben",
    "Carla",
    "Dev",
    "Elena",
    "Farid",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Kira",
    "Liam",
    "Maya",
    "Nadia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tara",
    "Umar",
    "Vera",
    "Wes",
    "Xenia",
    "Yusuf",
    "Zoe",
    "Aiko",
    "Bruno",
    "Chloe",
    "Diego",
    "Emma",
    "Felix",
    "Gita",
    "Hana",
    "Ivan",
    "Jade",
    "Kofi",
    "Lena",
    "Marco",
    "Nora",
    "Oscar",
    "Paula",
    "Rafael",
    "Sofia",
    "Theo",
    "Uma",
    "Victor",
    "Wanda",
    "Yara",
]
LAST = [
    "Adams",
    "Baker",
    "Costa",
    "Dubois",
    "Evans",
    "Fischer",
    "Garcia",
    "Hughes",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Murphy",
    "Nakamura",
    "Okafor",
    "Patel",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Ueda",
    "Varga",
    "Walsh",
    "Xu",
    "Yilmaz",
    "Zhang",
    "Berg",
    "Moreau",
    "Silva",
    "Novak",
    "Larsen",
    "Haddad",
    "Kim",
    "Duarte",
    "Brennan",
    "Keller",
    "Sato",
    "Romero",
    "Lindqvist",
    "Abara",
]
COMPANIES = [
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Vandelay",
    "Stark",
    "Wayne",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
    "Wonka",
    "Gringotts",
    "Oscorp",
    "Aperture",
    "Massive",
    "Dynamic",
    "Pied",
    "Piper",
    "Monarch",
    "Nakatomi",
    "Prestige",
    "Sirius",
    "Virtucon",
    "Wernham",
    "Blue",
    "Sun",
    "Duff",
    "Krusty",
    "Strickland",
    "Ollivanders",
    "Bluth",
    "Dunder",
    "Mifflin",
    "Cogswell",
]
DEALS = (
    "Fleet renewal",
    "Pilot",
    "Expansion",
    "Annual licence",
    "Onboarding package",
    "Support upgrade",
    "Team seats",
    "Integration project",
    "Multi-year deal",
    "Add-on",
)
CONTENT = (
    "Referral playbook",
    "Quarterly benchmark report",
    "Customer story: Acme",
    "Webinar: pipeline hygiene",
    "Pricing guide",
    "Ten questions before you buy",
    "Industry outlook",
    "Case study: Globex",
    "Checklist: first 90 days",
)
GIFTS = ("coffee voucher", "book", "bottle of wine", "lunch", "flowers", "concert tickets")
NOTES = (
    "happy with the rollout",
    "asked over lunch",
    "after the QBR",
    "on the renewal call",
    "mentioned a peer at another firm",
    None,
    None,
    None,
    None,
    None,
)


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


def _holidays(first: date, last: date, rng: random.Random) -> set[date]:
    """Year-end days and a summer fortnight each year: the rep's days off."""
    days: set[date] = set()
    for year in range(first.year, last.year + 1):
        for month, day in ((1, 1), (12, 24), (12, 25), (12, 26), (12, 31)):
            days.add(date(year, month, day))
        start = date(year, 8, 1) + timedelta(days=rng.randrange(0, 20))
        days.update(start + timedelta(days=n) for n in range(10))
    return {d for d in days if first <= d <= last}


def _next_working(day: date, off: set[date]) -> date:
    """The day itself, or the next working day after a weekend or holiday."""
    while day.weekday() >= 5 or day in off:
        day += timedelta(days=1)
    return day


def generate(
    rep: str, today: date, years: int = 10, contacts: int = 3000, seed: int = 1
) -> DemoHistory:
    """A rep's history over `years` up to yesterday, with `contacts` people, from `seed`."""
    rng = random.Random(seed)
    history = DemoHistory()
    first_day = today - timedelta(days=round(365.25 * years))
    recorded = datetime(first_day.year, first_day.month, first_day.day, tzinfo=UTC)

    def stamp(day: date) -> datetime:
        return datetime(day.year, day.month, day.day, 17, tzinfo=UTC)

    kinds = ["customer"] * 55 + ["prospect"] * 30 + ["partner"] * 8 + ["network"] * 7
    seen_names: set[tuple[str, str | None]] = set()
    people: dict[str, list[int]] = defaultdict(list)
    for contact_id in range(1, contacts + 1):
        while True:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            company = rng.choice(COMPANIES) if rng.random() < 0.9 else None
            if (name, company) not in seen_names:
                break
        seen_names.add((name, company))
        kind = rng.choice(kinds)
        people[kind].append(contact_id)
        history.contacts.append(
            {
                "id": contact_id,
                "rep": rep,
                "name": name,
                "company": company,
                "email": f"{name.split()[0].lower()}@{(company or 'mail').lower()}.example",
                "phone": None,
                "kind": kind,
                "note": None,
                "archived": rng.random() < 0.02,
                "recorded_at": recorded,
            }
        )
        if rng.random() < 0.35:
            history.important_dates.append(
                {
                    "rep": rep,
                    "contact_id": contact_id,
                    "label": "birthday",
                    "month": rng.randint(1, 12),
                    "day": rng.randint(1, 28),
                    "year": None,
                }
            )
    customers = people["customer"] or [1]
    prospects = people["prospect"] or customers
    partners = (people["partner"] + people["network"]) or customers

    off = _holidays(first_day, today, rng)
    history.days_off = [
        {"rep": rep, "day": d, "note": "holiday", "recorded_at": recorded} for d in sorted(off)
    ]
    history.goals.append(
        {
            "rep": rep,
            "target": 8,
            "period": "month",
            "rate": None,
            "effective_from": first_day,
            "recorded_at": recorded,
        }
    )

    ask_id = referral_id = close_id = 0
    given_to: dict[int, int] = defaultdict(int)

    def add_referral(referrer: int, day: date, ask: int | None) -> None:
        nonlocal referral_id
        referral_id += 1
        prospect = rng.choice(prospects)
        if prospect == referrer:
            prospect = rng.choice(customers)
        if prospect == referrer:
            return
        status, changed, informed = "new", day, None
        events = [(day, "status", "new")]
        step_day = day
        for next_status, chance in (
            ("contacted", 0.92),
            ("meeting", 0.6),
            ("proposal", 0.65),
            ("won", 0.5),
        ):
            step_day = step_day + timedelta(days=rng.randint(1, 12))
            if step_day >= today:
                break
            if rng.random() > chance:
                if status != "new" and rng.random() < 0.7:
                    status, changed = "lost", step_day
                    events.append((step_day, "status", "lost"))
                    tell = step_day + timedelta(days=rng.randint(0, 4))
                    if tell < today and rng.random() < 0.9:
                        informed = tell
                        events.append((tell, "inform", None))
                break
            status, changed = next_status, step_day
            events.append((step_day, "status", next_status))
            if rng.random() < 0.9:
                tell = step_day + timedelta(days=rng.randint(0, 4))
                if tell < today:
                    informed = tell
                    events.append((tell, "inform", None))
        value = rng.randrange(5_000, 80_000, 500) * 100 if status == "won" else None
        history.referrals.append(
            {
                "id": referral_id,
                "rep": rep,
                "referrer_id": referrer,
                "prospect_id": prospect,
                "ask_id": ask,
                "received_on": day,
                "status": status,
                "status_changed_on": changed,
                "informed_on": informed,
                "value_cents": value,
                "note": None,
                "recorded_at": stamp(day),
            }
        )
        for when, kind, event_status in events:
            history.referral_events.append(
                {
                    "rep": rep,
                    "referral_id": referral_id,
                    "happened_on": when,
                    "kind": kind,
                    "status": event_status,
                    "note": None,
                    "recorded_at": stamp(when),
                }
            )
        if rng.random() < 0.95:
            thanked = day + timedelta(days=rng.choice((0, 0, 1, 1, 2, 3, 6)))
            if thanked < today:
                gift = rng.random() < 0.2
                history.thank_yous.append(
                    {
                        "rep": rep,
                        "contact_id": referrer,
                        "referral_id": referral_id,
                        "thanked_on": thanked,
                        "kind": "gift" if gift else rng.choice(("note", "note", "call")),
                        "gift": rng.choice(GIFTS) if gift else None,
                        "note": None,
                        "recorded_at": stamp(thanked),
                    }
                )

    def add_ask(contact: int, day: date, close: int | None, rate_boost: float = 0.0) -> None:
        nonlocal ask_id
        ask_id += 1
        roll = rng.random()
        if roll < 0.17 + rate_boost:
            outcome = "referred"
        elif roll < 0.5:
            outcome = "promised"
        elif roll < 0.8:
            outcome = "declined"
        else:
            outcome = "pending"
        follow_up = day + timedelta(days=3) if outcome in ("promised", "pending") else None
        history.asks.append(
            {
                "id": ask_id,
                "rep": rep,
                "contact_id": contact,
                "close_id": close,
                "asked_on": day,
                "outcome": outcome,
                "channel": rng.choice(("in-person", "call", "email", "video")),
                "follow_up_on": follow_up,
                "note": rng.choice(NOTES),
                "recorded_at": stamp(day),
            }
        )
        if outcome == "referred":
            for _ in range(rng.choice((1, 1, 1, 1, 2))):
                add_referral(contact, day, ask_id)
        elif outcome in ("promised", "pending") and rng.random() < 0.8:
            later = _next_working(day + timedelta(days=rng.randint(3, 10)), off)
            if later < today:
                add_ask(contact, later, None, rate_boost=0.1)

    day = first_day
    while day < today:
        working = day.weekday() < 5 and day not in off
        if working:
            month_end = (day + timedelta(days=7)).month != day.month
            season = 1.4 if day.month in (3, 6, 9, 12) and month_end else 1.0
            season *= 0.6 if day.month in (7, 8) else 1.0
            for _ in range(rng.choices((0, 1, 2), weights=(45, 40, 15 * season))[0]):
                close_id += 1
                contact = rng.choice(customers)
                won = rng.random() < 0.45
                history.closes.append(
                    {
                        "id": close_id,
                        "rep": rep,
                        "contact_id": contact,
                        "closed_on": day,
                        "result": "won" if won else "lost",
                        "title": rng.choice(DEALS),
                        "value_cents": rng.randrange(2_000, 120_000, 500) * 100 if won else None,
                        "crm_id": f"CRM-{close_id:05d}",
                        "recorded_at": stamp(day),
                    }
                )
                if rng.random() < (0.82 if won else 0.45):
                    asked = _next_working(
                        day + timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 4, 9, 20))), off
                    )
                    if asked < today:
                        add_ask(contact, asked, close_id, rate_boost=0.05 if won else -0.08)
            if rng.random() < 0.12:
                add_ask(rng.choice(partners), day, None)
            if rng.random() < 0.03:
                partner = rng.choice(partners)
                add_referral(partner, day, None)
            if rng.random() < 0.025:
                receiver = rng.choice(partners + customers[:200])
                given_to[receiver] += 1
                history.given.append(
                    {
                        "rep": rep,
                        "contact_id": receiver,
                        "prospect": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        "company": rng.choice(COMPANIES),
                        "given_on": day,
                        "note": None,
                        "recorded_at": stamp(day),
                    }
                )
            if rng.random() < 0.02:
                content = rng.choice(CONTENT)
                for contact in rng.sample(customers, k=min(len(customers), rng.randint(1, 4))):
                    history.shares.append(
                        {
                            "rep": rep,
                            "contact_id": contact,
                            "shared_on": day,
                            "content": content,
                            "url": None,
                            "forwarded": rng.random() < 0.3,
                            "recorded_at": stamp(day),
                        }
                    )
            if rng.random() < 0.04:
                contact = rng.choice(customers + partners)
                history.scores.append(
                    {
                        "rep": rep,
                        "contact_id": contact,
                        "scored_on": day,
                        "liking": rng.randint(2, 5),
                        "reciprocity": rng.randint(1, 5),
                        "credibility": rng.randint(2, 5),
                        "commitment": rng.randint(1, 5),
                        "note": None,
                        "recorded_at": stamp(day),
                    }
                )
        day += timedelta(days=1)
    return history
