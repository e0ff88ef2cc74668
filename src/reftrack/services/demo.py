"""Filling a database with the demo history, in bulk and in one transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select, text
from sqlmodel import Session

from reftrack.demo import DemoHistory, generate
from reftrack.errors import ReftrackError
from reftrack.services.runtime import Runtime
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


def fill_demo(rt: Runtime, years: int, contacts: int, seed: int) -> dict[str, int]:
    """Write a generated history for the configured rep; refuse a database holding data."""
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
    )
    with rt.transaction(write=True) as session:
        # Again under the write lock: another command may have written meanwhile.
        _refuse_data(session, rt)
        for name, model in TABLES:
            rows = getattr(history, name)
            if model is Contact:
                rows = [_folded_contact(row) for row in rows]
            if rows:
                session.execute(insert(model), rows)
        _advance_sequences(session)
        return history.counts()


def _folded_contact(row: dict[str, Any]) -> dict[str, Any]:
    """A demo contact with its folded name and company, as an ORM insert would set them."""
    return {
        **row,
        "folded_name": folded(row["name"]),
        "folded_company": folded(row.get("company")),
    }


def _advance_sequences(session: Session) -> None:
    """Set each table's id sequence past the ids the demo wrote (PostgreSQL).

    The demo writes explicit ids, which PostgreSQL's sequences do not see: left alone, the
    next insert would be handed id 1 again. SQLite takes max(id) + 1 by itself.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for _name, model in TABLES:
        table = model.__tablename__
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'COALESCE(MAX(id), 0) + 1, false) FROM "{table}"'
            )
        )


def _refuse_data(session: Session, rt: Runtime) -> None:
    """Refuse a database that holds contacts already: the demo fills only an empty one."""
    held = session.execute(select(func.count()).select_from(Contact)).scalar_one()
    if held:
        raise ReftrackError(
            f"{rt.location} already holds data "
            f"({held} contact{'' if held == 1 else 's'}); "
            "the demo fills only an empty database",
            "leave out --db to try the demo on a throw-away database",
        )
