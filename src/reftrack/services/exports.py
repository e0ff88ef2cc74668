"""`export`: everything of the rep as plain values, kind by kind, ready for JSON or CSV."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import SQLModel

from reftrack.domain.transfer import EXPORT_VERSION
from reftrack.kinds import ExportKind
from reftrack.services.runtime import Runtime
from reftrack.store import queries
from reftrack.store.models import (
    Ask,
    Close,
    Contact,
    DayOff,
    GivenReferral,
    Goal,
    ImportantDate,
    PutOff,
    Referral,
    ReferralEvent,
    Score,
    Share,
    ThankYou,
)

K = ExportKind

# Each kind's table, and the columns that point at another kind's ids. The order is the
# order of writing on import: a row comes after every row it points at.
TABLES: dict[ExportKind, tuple[type[SQLModel], dict[str, ExportKind]]] = {
    K.contacts: (Contact, {}),
    K.dates: (ImportantDate, {"contact_id": K.contacts}),
    K.closes: (Close, {"contact_id": K.contacts}),
    K.asks: (Ask, {"contact_id": K.contacts, "close_id": K.closes}),
    K.referrals: (
        Referral,
        {"referrer_id": K.contacts, "prospect_id": K.contacts, "ask_id": K.asks},
    ),
    K.referral_events: (ReferralEvent, {"referral_id": K.referrals}),
    K.thank_yous: (ThankYou, {"contact_id": K.contacts, "referral_id": K.referrals}),
    K.given: (GivenReferral, {"contact_id": K.contacts}),
    K.shares: (Share, {"contact_id": K.contacts}),
    K.scores: (Score, {"contact_id": K.contacts}),
    K.goals: (Goal, {}),
    K.days_off: (DayOff, {}),
    # Its key names a record of another kind (`ask-c12`): see domain.put_off.rekeyed.
    K.put_offs: (PutOff, {}),
}


def columns(kind: ExportKind) -> list[str]:
    """The fields a kind's records carry, in table order; the rep is the export's own."""
    model = TABLES[kind][0]
    table: Any = getattr(model, "__table__")  # noqa: B009 (SQLModel does not type it)
    return [column.name for column in table.columns if column.name != "rep"]


@dataclass(frozen=True)
class ExportDocument:
    """The rep's record as plain values: each kind's rows, oldest id first."""

    rep: str
    exported_at: datetime
    records: dict[ExportKind, list[dict[str, Any]]]
    version: int = EXPORT_VERSION


def export_record(rt: Runtime, kinds: list[ExportKind] | None = None) -> ExportDocument:
    """Everything of the rep (or the kinds asked for), read in one transaction."""
    wanted = kinds or list(ExportKind)
    records: dict[ExportKind, list[dict[str, Any]]] = {}
    with rt.transaction() as session:
        for kind in wanted:
            names = columns(kind)
            rows = queries.rows_of_rep(session, TABLES[kind][0], rt.rep)
            records[kind] = [{name: getattr(row, name) for name in names} for row in rows]
    return ExportDocument(rt.rep, rt.now, records)
