"""The hot reads on the stdlib sqlite3 module: the fast path of `today`, `goal show`, completion.

A rep waits for these reads, and importing SQLModel costs ten times what they do
(ARCHITECTURE rule 13). The SQL is not written here: it is compiled from the
SQLModel statements of reftrack.store.queries into reftrack.store.fastsql by
scripts/fastsql.py. Each function below has the name and arguments of its
namesake in queries, runs the same statements, and returns the same values, rows
being light objects with the attribute names of the model's columns.

The fast path is taken only for a SQLite file already at this reftrack's schema
(and in WAL mode when writable): anything else — a URL, a missing file, a
migration due — goes the full way, which creates, migrates or refuses it.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Collection, Sequence
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

from reftrack.store import files
from reftrack.store.fastsql import QUERIES
from reftrack.store.schema import BUSY_TIMEOUT_SECONDS, SCHEMA_HEAD
from reftrack.store.shaping import named_in_order
from reftrack.store.sqlite_values import FastSession, run_sql, stored, unusable

# Set to take the full SQLModel path even where the fast one would serve, for the reads
# and the writes alike (tests compare both paths; the name is older than the fast writes).
FULL_PATH_VARIABLE = "REFTRACK_FULL_READS"
_LIST = re.compile(r"__\[POSTCOMPILE_(\w+)\]")


def sqlite_file(location: str) -> Path | None:
    """The SQLite file a `--db` value names, or None for a URL (which goes the full way)."""
    if "://" in location or location in ("", ":memory:"):
        return None
    return Path(location).expanduser().resolve()


def _connect(path: Path) -> sqlite3.Connection:
    writable = files.writable(path)
    if writable:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
    else:
        # Read-only as the full path opens it (files.sqlite_file_url): a writer's WAL read,
        # else the file taken as it stands, nothing created beside it.
        options = "mode=ro" if files.sidecar(path, "-wal").exists() else "immutable=1"
        connection = sqlite3.connect(f"file:{quote(str(path))}?{options}", uri=True)
    connection.isolation_level = None
    if writable:
        mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal":
            connection.close()
            raise sqlite3.DatabaseError("not yet in WAL mode")
    return connection


def open_connection(location: str, write: bool = False) -> sqlite3.Connection | None:
    """A connection in a transaction on the fast path, or None when the full path must serve.

    The schema version is read here with sqlite3: Alembic is imported only when a
    migration is due, and then by the full path. `write`: the transaction holds the write
    lock from its start (BEGIN IMMEDIATE), waiting for it as the full path does.
    """
    if os.environ.get(FULL_PATH_VARIABLE):
        return None
    path = sqlite_file(location)
    if path is None or not path.is_file():
        return None
    try:
        connection = _connect(path)
    except sqlite3.Error:
        return None
    if write:
        connection.execute("PRAGMA foreign_keys = ON")
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            connection.close()
            raise unusable(error) from None
    try:
        if not write:
            connection.execute("BEGIN")
        tables = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        version = (
            connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if tables
            else None
        )
    except sqlite3.Error:
        connection.close()
        return None
    if version is None or version[0] != SCHEMA_HEAD:
        connection.close()
        return None
    return connection


def open_session(location: str) -> FastSession | None:
    """A read session on the fast path, or None when the full path must serve."""
    connection = open_connection(location)
    return None if connection is None else FastSession(connection)


def run(session: FastSession, name: str, index: int = 0, **arguments: Any) -> list[Any]:
    """Run statement `index` of query `name`: tuples, or objects for whole-row reads."""
    sql, columns, entity = QUERIES[name][index]
    params: dict[str, Any] = {}
    for key, value in arguments.items():
        if isinstance(value, Collection) and not isinstance(value, str):
            for n, item in enumerate(sorted(value)):
                params[f"{key}_{n}"] = stored(item)
        else:
            params[key] = stored(value)

    def spelled(match: re.Match[str]) -> str:
        count = len(arguments[match[1]])
        return ", ".join(f":{match[1]}_{n}" for n in range(count)) if count else "NULL"

    sql = _LIST.sub(spelled, sql)
    values = run_sql(session, sql, columns, params)
    if entity:
        names = [name for name, _how in columns]
        return [SimpleNamespace(**dict(zip(names, v, strict=True))) for v in values]
    return values


# The reads, by the names of reftrack.store.queries; each shapes its rows as its namesake.


def _grouped(rows: Sequence[tuple[int, date]]) -> dict[int, list[date]]:
    days: dict[int, list[date]] = {}
    for contact_id, day in rows:
        days.setdefault(contact_id, []).append(day)
    return days


def count_asks(session: FastSession, rep: str, first: date, last: date) -> int:
    """Asks made in [first, last]."""
    return int(run(session, "count_asks", rep=rep, first=first, last=last)[0][0])


def asks_on(session: FastSession, rep: str, day: date) -> int:
    """How many asks the rep logged on one day."""
    return int(run(session, "asks_on", rep=rep, day=day)[0][0])


def latest_close_without_ask(session: FastSession, contact_id: int, on: date) -> Any:
    """The contact's latest close on or before `on` that no ask is tied to yet."""
    rows = run(session, "latest_close_without_ask", contact_id=contact_id, on=on)
    return rows[0] if rows else None


def count_contacts(session: FastSession, rep: str) -> int:
    """How many contacts the rep has, archived ones included."""
    return int(run(session, "count_contacts", rep=rep)[0][0])


def count_referrals(session: FastSession, rep: str, first: date, last: date) -> int:
    """Referrals received in [first, last]."""
    return int(run(session, "count_referrals", rep=rep, first=first, last=last)[0][0])


def ask_days(session: FastSession, rep: str, first: date, last: date) -> set[date]:
    """The days in [first, last] with at least one ask."""
    return {row[0] for row in run(session, "ask_days", rep=rep, first=first, last=last)}


def ask_days_of(
    session: FastSession, contact_ids: Sequence[int], first: date
) -> dict[int, list[date]]:
    """For some contacts, the days they were asked on or after `first`."""
    if not contact_ids:
        return {}
    return _grouped(run(session, "ask_days_of", contact_ids=set(contact_ids), first=first))


def asks_due(
    session: FastSession, rep: str, outcomes: Collection[Any], first: date, today: date
) -> list[Any]:
    """Asks with one of `outcomes` whose follow-up day fell in [first, today]."""
    return run(session, "asks_due", rep=rep, outcomes=set(outcomes), first=first, today=today)


def latest_ask_ids(session: FastSession, contact_ids: Sequence[int]) -> dict[int, int]:
    """For some contacts, the id of the latest ask made of them (latest day, then entry)."""
    if not contact_ids:
        return {}
    latest: dict[int, tuple[date, int]] = {}
    for contact_id, day, id in run(session, "latest_ask_ids", contact_ids=set(contact_ids)):
        if contact_id not in latest or (day, id) > latest[contact_id]:
            latest[contact_id] = (day, id)
    return {contact_id: id for contact_id, (_day, id) in latest.items()}


def goals(session: FastSession, rep: str) -> list[Any]:
    """Every goal the rep has set, oldest first."""
    return run(session, "goals", rep=rep)


def days_off(session: FastSession, rep: str, first: date, last: date) -> list[Any]:
    """The rep's days off in [first, last]."""
    return run(session, "days_off", rep=rep, first=first, last=last)


def closes_between(session: FastSession, rep: str, first: date, last: date) -> list[Any]:
    """Closes in [first, last], oldest first."""
    return run(session, "closes_between", rep=rep, first=first, last=last)


def contact_names(
    session: FastSession, rep: str, include_archived: bool = False
) -> list[tuple[int, str, str | None]]:
    """(id, name, company) of the rep's contacts not archived, for completing a typed name."""
    if include_archived:
        raise ValueError("the fast path reads the contacts not archived only")
    return named_in_order(run(session, "contact_names", rep=rep))


def contact_refs(
    session: FastSession, ids: Sequence[int]
) -> dict[int, tuple[str, str | None, bool]]:
    """Name, company and whether archived, of some contacts, by id."""
    if not ids:
        return {}
    rows = run(session, "contact_refs", ids=set(ids))
    return {id: (name, company, archived) for id, name, company, archived in rows}


def dates_on(session: FastSession, rep: str, month_days: Sequence[tuple[int, int]]) -> list[Any]:
    """Important dates falling on any of these (month, day) pairs."""
    if not month_days:
        return []
    months = sorted({month for month, _day in month_days})
    wanted = set(month_days)
    rows = run(session, "dates_on", rep=rep, months=months)
    return [d for d in rows if (d.month, d.day) in wanted]


def last_touches(session: FastSession, contact_ids: Sequence[int]) -> dict[int, date]:
    """For some contacts, the latest ask, thank-you, introduction, share or report to them."""
    if not contact_ids:
        return {}
    latest: dict[int, date] = {}
    for index in range(len(QUERIES["last_touches"])):
        for contact_id, last in run(session, "last_touches", index, contact_ids=set(contact_ids)):
            if last and (contact_id not in latest or last > latest[contact_id]):
                latest[contact_id] = last
    return latest


def referral_counts_by_referrer(session: FastSession, contact_ids: Sequence[int]) -> dict[int, int]:
    """How many referrals each of some contacts has sent, all time."""
    if not contact_ids:
        return {}
    rows = run(session, "referral_counts_by_referrer", contact_ids=set(contact_ids))
    return dict(rows)


def referrals_in_status(
    session: FastSession, rep: str, statuses: Collection[Any], first: date
) -> list[Any]:
    """The rep's referrals in one of some statuses, received on or after `first`."""
    return run(session, "referrals_in_status", rep=rep, statuses=set(statuses), first=first)


def referrals_untold_since(
    session: FastSession, rep: str, statuses: Collection[Any], first: date
) -> list[Any]:
    """Referrals in some statuses, changed on or after `first`, the referrer not told since."""
    return run(session, "referrals_untold_since", rep=rep, statuses=set(statuses), first=first)


def referrals_received_between(
    session: FastSession, rep: str, first: date, last: date
) -> list[Any]:
    """Referrals received in [first, last]."""
    return run(session, "referrals_received_between", rep=rep, first=first, last=last)


def referrals(
    session: FastSession,
    rep: str,
    statuses: Collection[Any] | None = None,
    referrer_id: int | None = None,
    prospect_id: int | None = None,
) -> list[Any]:
    """The referrals one referrer sent, newest first (the one narrowing read here)."""
    if referrer_id is None or statuses is not None or prospect_id is not None:
        raise ValueError("the fast path reads the referrals of one referrer only")
    return run(session, "referrals", rep=rep, referrer_id=referrer_id)


def referral_events(session: FastSession, referral_ids: Sequence[int]) -> list[Any]:
    """The history of some referrals, oldest first."""
    if not referral_ids:
        return []
    return run(session, "referral_events", referral_ids=set(referral_ids))


def thank_you_days(session: FastSession, contact_ids: Sequence[int]) -> dict[int, list[date]]:
    """The days each of some contacts was thanked."""
    if not contact_ids:
        return {}
    return _grouped(run(session, "thank_you_days", contact_ids=set(contact_ids)))


def given_counts(session: FastSession, contact_ids: Sequence[int]) -> dict[int, int]:
    """How many introductions each of some contacts has received from the rep."""
    if not contact_ids:
        return {}
    return dict(run(session, "given_counts", contact_ids=set(contact_ids)))


def scores_since(session: FastSession, rep: str, first: date) -> list[Any]:
    """Scorecards dated on or after `first`, oldest first."""
    return run(session, "scores_since", rep=rep, first=first)


def put_offs(session: FastSession, rep: str, today: date) -> list[Any]:
    """The rep's items still put off on `today`: dismissed, or snoozed until a later day."""
    return run(session, "put_offs", rep=rep, today=today)
