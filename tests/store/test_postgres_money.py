"""Money on PostgreSQL: 64-bit columns, migrations that agree with the models."""

from __future__ import annotations

import json

from sqlalchemy import create_engine

from reftrack.store import db
from tests.conftest import Rep
from tests.postgres import pg_rep, pg_url

__all__ = ["pg_rep", "pg_url"]


def test_migrations_build_the_same_tables_as_the_models_on_postgresql(pg_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    engine = db.open_engine(pg_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    engine.dispose()
    assert differences == []


def test_upgrading_a_postgresql_database_widens_money(pg_url: str) -> None:
    engine = create_engine(pg_url)
    db.upgrade(engine, "0002")
    db.upgrade(engine)
    with engine.connect() as connection:
        types = connection.exec_driver_sql(
            # Tables only: the team views (migration 0007) show money too, typed as its tables.
            "SELECT c.table_name, c.data_type FROM information_schema.columns c "
            "JOIN information_schema.tables t USING (table_schema, table_name) "
            "WHERE c.column_name = 'value_cents' AND t.table_type = 'BASE TABLE' "
            "ORDER BY c.table_name"
        ).all()
    engine.dispose()
    assert [tuple(row) for row in types] == [("close", "bigint"), ("referral", "bigint")]


def test_a_thirty_million_close_is_kept_exactly_on_postgresql(pg_rep: Rep) -> None:
    pg_rep.ok('contact add "Big Deal" --company Acme')
    pg_rep.ok("close big --value 30000000 --on 2026-11-20")
    pg_rep.ok("close big --value 1,000,000m --on 2026-11-21")
    engine = create_engine(pg_rep.env["REFTRACK_DB"])
    with engine.connect() as connection:
        values = connection.exec_driver_sql("SELECT value_cents FROM close ORDER BY id").scalars()
        assert list(values) == [3_000_000_000, 100_000_000_000_000]
    engine.dispose()
    entries = json.loads(pg_rep.ok("log --json").stdout)
    assert [entry["value"] for entry in entries] == [1_000_000_000_000, 30_000_000]
