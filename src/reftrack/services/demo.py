"""Filling a database with the demo history, in bulk and in one transaction."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from reftrack.demo import DemoHistory, generate
from reftrack.errors import ReftrackError
from reftrack.services.cron import shown_location
from reftrack.services.runtime import Runtime
from reftrack.store import queries
from reftrack.store.bulk import fresh_ids, insert_rows
from reftrack.store.models import (
    Ask,
    Close,
    Contact,
    DayOff,
    GivenReferral,
    Goal,
    ImportantDate,
    Referral,
    ReferralEvent,
    Score,
    Share,
    ThankYou,
    folded,
)

TABLES = (
    ("contacts", Contact),
    ("important_dates", ImportantDate),
    ("closes", Close),
    ("asks", Ask),
    ("referrals", Referral),
    ("referral_events", ReferralEvent),
    ("thank_yous", ThankYou),
    ("given", GivenReferral),
    ("shares", Share),
    ("scores", Score),
    ("goals", Goal),
    ("days_off", DayOff),
)


def fill_demo(rt: Runtime, years: int, contacts: int, seed: int, pace: int = 1) -> dict[str, int]:
    """Write a generated history for the configured rep; refuse a database holding data.

    `pace` makes a busier rep (see `reftrack.demo.generate`); only benchmarks set it.
    """
    if not 1 <= years <= 50:
        raise ReftrackError(f"--years: {years} is out of range (1 to 50)")
    if not 10 <= contacts <= 100_000:
        raise ReftrackError(f"--contacts: {contacts} is out of range (10 to 100000)")
    with rt.transaction() as session:
        _refuse_data(session, rt)
    # Made before the write lock is taken: generating a large history takes seconds.
    history: DemoHistory = generate(
        rt.rep,
        rt.today,
        years,
        contacts,
        seed,
        workdays=rt.settings.workdays,
        follow_up_days=rt.settings.follow_up_days,
        pace=pace,
    )
    with rt.transaction(write=True) as session:
        # Again under the write lock: another command may have written meanwhile.
        _refuse_data(session, rt)
        _renumber(session, history)
        for name, model in TABLES:
            rows = getattr(history, name)
            if model is Contact:
                rows = [_folded_contact(row) for row in rows]
            insert_rows(session, model, rows)
        return history.counts()


def _folded_contact(row: dict[str, Any]) -> dict[str, Any]:
    """A demo contact with its folded name and company, as an ORM insert would set them."""
    return {
        **row,
        "folded_name": folded(row["name"]),
        "folded_company": folded(row.get("company")),
    }


# The tables whose ids the demo sets itself, and the columns elsewhere that point at them.
NUMBERED: dict[str, tuple[str, tuple[str, ...]]] = {
    "contacts": ("contact", ("contact_id", "referrer_id", "prospect_id")),
    "closes": ("close", ("close_id",)),
    "asks": ("ask", ("ask_id",)),
    "referrals": ("referral", ("referral_id",)),
}


def _renumber(session: Session, history: DemoHistory) -> None:
    """Give the demo's rows ids no other rep's rows hold, and point the references at them.

    The generator numbers from 1; `fresh_ids` says where the new ones come from.
    """
    for name, (table_name, references) in NUMBERED.items():
        rows = getattr(history, name)
        if not rows:
            continue
        fresh = fresh_ids(session, table_name, len(rows))
        new_id = {row["id"]: fresh[n] for n, row in enumerate(rows)}
        for row in rows:
            row["id"] = new_id[row["id"]]
        for table in vars(history).values():
            for row in table:
                for column in references:
                    if row.get(column) is not None:
                        row[column] = new_id.get(row[column], row[column])


def _refuse_data(session: Session, rt: Runtime) -> None:
    """Refuse a rep who holds contacts already: the demo fills only a rep with none.

    Other reps' rows do not count: `demo --rep NAME` fills one rep into a team's database.
    """
    held = queries.count_contacts(session, rt.rep)
    if held:
        raise ReftrackError(
            f"{shown_location(rt.location)[0]} already holds data "
            f"({held} contact{'' if held == 1 else 's'}) for rep {rt.rep}; "
            "the demo fills only an empty database, or a rep with none",
            "leave out --db to try the demo on a throw-away database, or name another --rep",
        )
