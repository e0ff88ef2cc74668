"""The database file: private, migrated with a copy set aside, and refused when not ours."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from reftrack.store import db
from tests.conftest import Rep


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_first_use_creates_a_private_directory_and_file(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    assert mode(rep.db.parent) == 0o700
    assert mode(rep.db) == 0o600
    for sidecar in rep.db.parent.glob("reftrack.db-*"):
        assert mode(sidecar) & 0o077 == 0, sidecar


def test_default_location_is_the_user_data_dir(rep: Rep) -> None:
    env = {key: value for key, value in rep.env.items() if key != "REFTRACK_DB"}
    result = rep.runner.invoke(
        __import__("reftrack.cli", fromlist=["app"]).app,
        ["contact", "add", "Jane Doe"],
        env={**env, "REFTRACK_DB": None},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    default = rep.home / ".local" / "share" / "reftrack" / "reftrack.db"
    assert default.exists()
    assert mode(default.parent) == 0o700 and mode(default) == 0o600


@pytest.mark.no_database
def test_global_db_option_beats_the_environment(rep: Rep, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    rep.ok(["--db", str(other), "contact", "add", "Jane Doe"])
    assert other.exists()
    assert not rep.db.exists()


def test_sqlite_runs_with_wal_and_foreign_keys(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    engine = db.open_engine(str(rep.db))
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    engine.dispose()


@pytest.mark.no_database
@pytest.mark.parametrize(
    "content",
    [b"these are my notes, not a database\n", b"\x00\x01\x02" * 100, b"SQLite format 2\x00junk"],
)
def test_a_file_that_is_not_a_database_is_refused_and_untouched(rep: Rep, content: bytes) -> None:
    rep.db.parent.mkdir(parents=True)
    rep.db.write_bytes(content)
    result = rep.run("contact list")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"reftrack: {rep.db} is not a reftrack database (not a SQLite file) "
        "(point --db or REFTRACK_DB at another file)"
    )
    assert rep.db.read_bytes() == content
    assert sorted(p.name for p in rep.db.parent.iterdir()) == ["reftrack.db"]


@pytest.mark.no_database
def test_someone_elses_sqlite_database_is_refused_and_untouched(rep: Rep) -> None:
    rep.db.parent.mkdir(parents=True)
    with sqlite3.connect(rep.db) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
        connection.execute("INSERT INTO recipes VALUES ('soup')")
    before = rep.db.read_bytes()
    result = rep.run('contact add "Jane Doe"')
    assert result.exit_code == 1
    assert "is not a reftrack database (it holds other tables)" in result.stderr
    assert rep.db.read_bytes() == before


def test_a_database_from_a_newer_reftrack_is_refused_and_untouched(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    connection = sqlite3.connect(rep.db, isolation_level=None)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = rep.db.read_bytes()
    result = rep.run("contact list")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"reftrack: {rep.db} was written by a newer reftrack (schema 9999) "
        "(upgrade reftrack to use it)"
    )
    assert rep.db.read_bytes() == before


def test_a_directory_given_as_database_is_refused(rep: Rep, tmp_path: Path) -> None:
    result = rep.run(["--db", str(tmp_path), "contact", "list"])
    assert result.exit_code == 1
    assert "is a directory" in result.stderr


def test_an_unknown_kind_of_database_is_one_clear_line(rep: Rep) -> None:
    result = rep.run(["--db", "nosuchdialect://user@host/db", "contact", "list"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "reftrack: nosuchdialect:// is not supported: "
        "reftrack stores its data in SQLite or PostgreSQL"
    )
    assert len(result.stderr.strip().splitlines()) == 1


def test_schema_head_matches_the_shipped_migrations() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory(str(db.MIGRATIONS)).get_heads() == [db.SCHEMA_HEAD]


def test_migrations_build_the_same_tables_as_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    engine = db.open_engine(str(tmp_path / "fresh.db"))
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []


def revisions_oldest_first() -> list[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(db.MIGRATIONS))
    return [script.revision for script in reversed(list(scripts.walk_revisions()))]


def test_upgrading_from_the_first_revision_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db.prepare_sqlite_file(path)
    engine = create_engine(f"sqlite:///{path}")
    first = revisions_oldest_first()[0]
    db.upgrade(engine, first)
    rows = {
        "contact": "INSERT INTO contact (id, rep, name, kind, archived, recorded_at) "
        "VALUES (1, 'ann', 'Jane Doe', 'customer', 0, '2020-01-01 00:00:00'),"
        " (2, 'ann', 'Bob Stone', 'prospect', 0, '2020-01-01 00:00:00')",
        "close": "INSERT INTO close (id, rep, contact_id, closed_on, result, recorded_at) "
        "VALUES (1, 'ann', 1, '2020-01-02', 'won', '2020-01-02 00:00:00')",
        "ask": "INSERT INTO ask (id, rep, contact_id, close_id, asked_on, outcome, recorded_at) "
        "VALUES (1, 'ann', 1, 1, '2020-01-02', 'referred', '2020-01-02 00:00:00')",
        "referral": "INSERT INTO referral (id, rep, referrer_id, prospect_id, ask_id, received_on,"
        " status, status_changed_on, recorded_at) "
        "VALUES (1, 'ann', 1, 2, 1, '2020-01-02', 'new', '2020-01-02', '2020-01-02 00:00:00')",
        "referral_event": "INSERT INTO referral_event (id, rep, referral_id, happened_on, kind,"
        " status, recorded_at) VALUES (1, 'ann', 1, '2020-01-02', 'status', 'new',"
        " '2020-01-02 00:00:00')",
        "thank_you": "INSERT INTO thank_you (id, rep, contact_id, referral_id, thanked_on, kind,"
        " recorded_at) VALUES (1, 'ann', 1, 1, '2020-01-03', 'note', '2020-01-03 00:00:00')",
        "given_referral": "INSERT INTO given_referral (id, rep, contact_id, prospect, given_on,"
        " recorded_at) VALUES (1, 'ann', 1, 'Zoe', '2020-01-04', '2020-01-04 00:00:00')",
        "share": "INSERT INTO share (id, rep, contact_id, shared_on, content, forwarded,"
        " recorded_at) VALUES (1, 'ann', 1, '2020-01-05', 'Guide', 1, '2020-01-05 00:00:00')",
        "score": "INSERT INTO score (id, rep, contact_id, scored_on, liking, recorded_at)"
        " VALUES (1, 'ann', 1, '2020-01-06', 5, '2020-01-06 00:00:00')",
        "goal": "INSERT INTO goal (id, rep, target, period, effective_from, recorded_at)"
        " VALUES (1, 'ann', 8, 'month', '2020-01-01', '2020-01-01 00:00:00')",
        "day_off": "INSERT INTO day_off (id, rep, day, recorded_at)"
        " VALUES (1, 'ann', '2020-12-25', '2020-01-01 00:00:00')",
        "important_date": "INSERT INTO important_date (id, rep, contact_id, label, month, day)"
        " VALUES (1, 'ann', 1, 'birthday', 3, 14)",
    }
    with engine.begin() as connection:
        for statement in rows.values():
            connection.execute(text(statement))
    engine.dispose()

    upgraded = db.open_engine(str(path))
    with upgraded.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            db.SCHEMA_HEAD
        )
        for table in rows:
            assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() >= 1, table
    upgraded.dispose()
    if first != db.SCHEMA_HEAD:
        backups = list(tmp_path.glob("old.db.*.bak"))
        assert len(backups) == 1 and mode(backups[0]) == 0o600


def test_an_older_database_is_copied_aside_before_it_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db.prepare_sqlite_file(path)
    engine = create_engine(f"sqlite:///{path}")
    first = revisions_oldest_first()[0]
    assert first != db.SCHEMA_HEAD, "needs at least two revisions"
    db.upgrade(engine, first)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO contact (rep, name, kind, archived, recorded_at)"
                " VALUES ('ann', 'Jane', 'customer', 0, '2020-01-01 00:00:00')"
            )
        )
    engine.dispose()
    db.open_engine(str(path)).dispose()
    (copy,) = tmp_path.glob("old.db.*.bak")
    assert copy.name == f"old.db.{first}.bak"
    assert mode(copy) == 0o600
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (first,)
        ]
        assert connection.execute("SELECT name FROM contact").fetchall() == [("Jane",)]
    db.open_engine(str(path)).dispose()
    assert len(list(tmp_path.glob("old.db.*.bak"))) == 1, "an up-to-date file is not copied"
