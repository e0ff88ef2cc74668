"""A team on PostgreSQL: each rep's rows guarded by the server, roles, and the manager's views.

Every table with a `rep` column gets row-level security with one policy, `rep = current_user`:
a rep connected as their own role reads and writes only their own rows, through reftrack or
through psql. The tables' owner (who migrates, adds reps and runs `pg_dump`) is exempt: RLS is
enabled, not forced, so the owner sees every row, and so do the team views, which run with
their owner's rights. Reps get no grant on the views; the manager role gets SELECT on the views
only, and no grant on any table. Names of contacts, notes and titles are in no view.

Group roles are per database, `<database>_rep` and `<database>_manager`, so two teams on one
server stay apart. Nothing here runs on SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from reftrack.errors import ReftrackError
from reftrack.kinds import ReferralEventKind, ReferralStatus
from reftrack.store.schema import in_words

POLICY = "reftrack_own_rows"

_WON = f"e.kind = '{ReferralEventKind.status.value}' AND e.status = '{ReferralStatus.won.value}'"

# The manager's window on the team: per rep and day, counts and sums, never a name or note.
VIEWS: dict[str, str] = {
    "team_rep": "SELECT DISTINCT rep FROM contact",
    "team_ask_day": "SELECT rep, asked_on AS day, count(*) AS asks FROM ask GROUP BY rep, asked_on",
    "team_referral_day": (
        "SELECT rep, received_on AS day, count(*) AS received FROM referral "
        "GROUP BY rep, received_on"
    ),
    "team_close": (
        "SELECT c.rep, c.closed_on, c.result, c.value_cents, "
        "(SELECT min(a.asked_on) FROM ask a WHERE a.contact_id = c.contact_id "
        "AND a.asked_on >= c.closed_on) AS first_ask_on FROM close c"
    ),
    "team_referral": (
        "SELECT r.rep, r.received_on, EXISTS (SELECT 1 FROM thank_you t "
        "WHERE t.contact_id = r.referrer_id AND t.thanked_on >= r.received_on) AS thanked "
        "FROM referral r"
    ),
    "team_referral_won": (
        "SELECT e.rep, e.happened_on AS won_on, r.value_cents FROM referral_event e "
        f"JOIN referral r ON r.id = e.referral_id WHERE {_WON}"
    ),
    "team_given_day": (
        "SELECT rep, given_on AS day, count(*) AS given FROM given_referral GROUP BY rep, given_on"
    ),
    "team_goal": "SELECT rep, id, target, period, rate, effective_from FROM goal",
    "team_day_off": "SELECT rep, day FROM day_off",
}


def _quote(connection: Connection, name: str) -> str:
    """An identifier (table, role) quoted for the server."""
    return str(connection.dialect.identifier_preparer.quote_identifier(name))


def create_views(connection: Connection) -> None:
    """Create (or replace) the team views, readable by no one but their owner yet."""
    for name, query in VIEWS.items():
        view = _quote(connection, name)
        connection.exec_driver_sql(f"CREATE OR REPLACE VIEW {view} AS {query}")
        connection.exec_driver_sql(f"REVOKE ALL ON {view} FROM PUBLIC")


def drop_views(connection: Connection) -> None:
    """Drop the team views."""
    for name in VIEWS:
        connection.exec_driver_sql(f"DROP VIEW IF EXISTS {_quote(connection, name)}")


def _base_tables(connection: Connection) -> list[tuple[str, bool]]:
    """Every table of the schema, with whether it has a `rep` column."""
    rows = connection.execute(
        text(
            "SELECT t.table_name, EXISTS (SELECT 1 FROM information_schema.columns c "
            "WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name "
            "AND c.column_name = 'rep') FROM information_schema.tables t "
            "WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
            "ORDER BY t.table_name"
        )
    )
    return [(str(name), bool(has_rep)) for name, has_rep in rows]


def guard_tables(connection: Connection) -> list[str]:
    """Turn on row-level security, one rep's own rows, on every table with a `rep` column.

    Idempotent, so it also guards tables that later migrations add. Returns the tables guarded.
    """
    guarded = []
    for table, has_rep in _base_tables(connection):
        if not has_rep:
            continue
        quoted = _quote(connection, table)
        connection.exec_driver_sql(f"ALTER TABLE {quoted} ENABLE ROW LEVEL SECURITY")
        exists = connection.execute(
            text(
                "SELECT 1 FROM pg_policies WHERE schemaname = current_schema() "
                "AND tablename = :table AND policyname = :policy"
            ),
            {"table": table, "policy": POLICY},
        ).first()
        if exists is None:
            connection.exec_driver_sql(
                f"CREATE POLICY {POLICY} ON {quoted} "
                "USING (rep = current_user) WITH CHECK (rep = current_user)"
            )
        guarded.append(table)
    return guarded


def unguard_tables(connection: Connection) -> None:
    """Turn row-level security off again (the migration's downgrade)."""
    for table, has_rep in _base_tables(connection):
        if has_rep:
            quoted = _quote(connection, table)
            connection.exec_driver_sql(f"DROP POLICY IF EXISTS {POLICY} ON {quoted}")
            connection.exec_driver_sql(f"ALTER TABLE {quoted} DISABLE ROW LEVEL SECURITY")


def connected_role(engine: Engine) -> tuple[str, bool]:
    """The role connected, and whether the server exempts it from the rep guard.

    Exempt: a superuser, a role with BYPASSRLS, or the tables' owner (or a member of it).
    """
    with engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT current_user, "
                "(SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) "
                "OR COALESCE((SELECT pg_has_role(current_user, tableowner, 'USAGE') "
                "FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'contact'), "
                "false)"
            )
        ).one()
    return str(row[0]), bool(row[1])


def group_roles(connection: Connection) -> tuple[str, str]:
    """This database's group roles: (reps, managers)."""
    database = str(connection.execute(text("SELECT current_database()")).scalar_one())
    return f"{database}_rep", f"{database}_manager"


def _role_exists(connection: Connection, role: str) -> bool:
    found = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
    return found.first() is not None


def _ensure_role(connection: Connection, role: str, login: bool) -> bool:
    """Create a role unless it exists; True when it was created."""
    if _role_exists(connection, role):
        return False
    kind = "LOGIN" if login else "NOLOGIN"
    connection.exec_driver_sql(f"CREATE ROLE {_quote(connection, role)} {kind}")
    return True


def grant_groups(connection: Connection) -> list[str]:
    """Give the group roles (where they exist) what they need on every table and view.

    Reps: read and write every table (row-level security keeps each to their own rows),
    read the schema version, use the id sequences; nothing on the views. Managers: read the
    views, nothing on the tables. Returns the tables with no `rep` column, which no guard
    covers: reps are granted nothing on them (the schema version excepted, read-only).
    """
    reps, managers = group_roles(connection)
    unguarded = []
    for table, has_rep in _base_tables(connection):
        quoted = _quote(connection, table)
        if not has_rep:
            unguarded.append(table)
        if _role_exists(connection, reps) and (has_rep or table == "alembic_version"):
            rights = "SELECT, INSERT, UPDATE, DELETE" if has_rep else "SELECT"
            connection.exec_driver_sql(f"GRANT {rights} ON {quoted} TO {_quote(connection, reps)}")
    if _role_exists(connection, reps):
        group = _quote(connection, reps)
        connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA {_schema(connection)} TO {group}")
        connection.exec_driver_sql(
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {_schema(connection)} TO {group}"
        )
    if _role_exists(connection, managers):
        group = _quote(connection, managers)
        connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA {_schema(connection)} TO {group}")
        connection.exec_driver_sql(
            f"GRANT SELECT ON {_quote(connection, 'alembic_version')} TO {group}"
        )
        for name in VIEWS:
            connection.exec_driver_sql(f"GRANT SELECT ON {_quote(connection, name)} TO {group}")
    return [t for t in unguarded if t != "alembic_version"]


def _schema(connection: Connection) -> str:
    return _quote(connection, str(connection.execute(text("SELECT current_schema()")).scalar()))


def after_upgrade(connection: Connection) -> None:
    """After a migration on PostgreSQL: guard new tables and grant the groups on them."""
    if _role_exists(connection, group_roles(connection)[0]):
        guard_tables(connection)
        grant_groups(connection)


@dataclass(frozen=True)
class Membership:
    """What `team add` did: the role, whether it was created, and what it may do."""

    role: str
    created: bool
    manager: bool
    rep_group: str
    manager_group: str
    guarded: tuple[str, ...]
    unguarded: tuple[str, ...]


def add_member(engine: Engine, role: str, manager: bool) -> Membership:
    """Create a rep's role (LOGIN, no password) and grant it the rep group, and managers'.

    Run by the database owner with CREATEROLE; all of it in one transaction.
    """
    try:
        with engine.begin() as connection:
            reps, managers = group_roles(connection)
            _ensure_role(connection, reps, login=False)
            if manager:
                _ensure_role(connection, managers, login=False)
            created = _ensure_role(connection, role, login=True)
            guarded = guard_tables(connection)
            create_views(connection)
            unguarded = grant_groups(connection)
            who = _quote(connection, role)
            connection.exec_driver_sql(f"GRANT {_quote(connection, reps)} TO {who}")
            if manager:
                connection.exec_driver_sql(f"GRANT {_quote(connection, managers)} TO {who}")
    except DBAPIError as error:
        raise ReftrackError(
            f"cannot add {role} to the team: {in_words(str(error.orig or error))}",
            "run `reftrack team add` as the database owner, with the CREATEROLE right",
        ) from None
    return Membership(role, created, manager, reps, managers, tuple(guarded), tuple(unguarded))


# The manager's reads: all from the views, in one transaction.


def _rows(session: Session, query: str, **params: Any) -> list[Any]:
    return list(session.execute(text(query), params).all())


def team_reps(session: Session) -> list[str]:
    """Every rep holding data, by name."""
    return sorted(str(row[0]) for row in _rows(session, "SELECT rep FROM team_rep"))


def ask_days(session: Session, first: date, last: date) -> list[Any]:
    """(rep, day, asks) for each day with an ask in [first, last]."""
    return _rows(
        session,
        "SELECT rep, day, asks FROM team_ask_day WHERE day BETWEEN :first AND :last",
        first=first,
        last=last,
    )


def rep_ask_days(session: Session, rep: str, last: date) -> list[date]:
    """Every day up to `last` a rep asked on (for a streak longer than the usual window)."""
    query = "SELECT day FROM team_ask_day WHERE rep = :rep AND day <= :last"
    return [row[0] for row in _rows(session, query, rep=rep, last=last)]


def referral_days(session: Session, first: date, last: date) -> list[Any]:
    """(rep, day, received) for each day a referral came in, in [first, last]."""
    return _rows(
        session,
        "SELECT rep, day, received FROM team_referral_day WHERE day BETWEEN :first AND :last",
        first=first,
        last=last,
    )


def closes(session: Session, first: date, last: date) -> list[Any]:
    """(rep, closed_on, result, value_cents, first_ask_on) of the closes in [first, last]."""
    return _rows(
        session,
        "SELECT rep, closed_on, result, value_cents, first_ask_on FROM team_close "
        "WHERE closed_on BETWEEN :first AND :last",
        first=first,
        last=last,
    )


def thanks_owed(session: Session, first: date, last: date) -> dict[str, int]:
    """Per rep, referrals received in [first, last] whose referrer is not thanked yet."""
    rows = _rows(
        session,
        "SELECT rep, count(*) FROM team_referral WHERE received_on BETWEEN :first AND :last "
        "AND NOT thanked GROUP BY rep",
        first=first,
        last=last,
    )
    return {str(rep): int(n) for rep, n in rows}


def referrals_won(session: Session, first: date, last: date) -> dict[str, tuple[int, int]]:
    """Per rep, referrals won in [first, last]: how many, and their value in cents."""
    rows = _rows(
        session,
        "SELECT rep, count(*), COALESCE(sum(value_cents), 0) FROM team_referral_won "
        "WHERE won_on BETWEEN :first AND :last GROUP BY rep",
        first=first,
        last=last,
    )
    return {str(rep): (int(n), int(value)) for rep, n, value in rows}


def given(session: Session, first: date, last: date) -> dict[str, int]:
    """Per rep, introductions given in [first, last]."""
    rows = _rows(
        session,
        "SELECT rep, sum(given) FROM team_given_day WHERE day BETWEEN :first AND :last "
        "GROUP BY rep",
        first=first,
        last=last,
    )
    return {str(rep): int(n) for rep, n in rows}


def goals(session: Session) -> list[Any]:
    """(rep, target, period, rate, effective_from) of every goal, in the order set."""
    return _rows(
        session, "SELECT rep, target, period, rate, effective_from FROM team_goal ORDER BY id"
    )


def days_off(session: Session, first: date, last: date) -> list[Any]:
    """(rep, day) of the days off in [first, last]."""
    return _rows(
        session,
        "SELECT rep, day FROM team_day_off WHERE day BETWEEN :first AND :last",
        first=first,
        last=last,
    )


def may_read_views(session: Session) -> bool:
    """Whether the connected role may read the team views (a manager, or their owner)."""
    query = (
        "SELECT CASE WHEN to_regclass('team_rep') IS NULL THEN false "
        "ELSE has_table_privilege('team_rep', 'SELECT') END"
    )
    return bool(session.execute(text(query)).scalar())


def current_role(session: Session) -> str:
    """The role connected."""
    return str(session.execute(text("SELECT current_user")).scalar())
