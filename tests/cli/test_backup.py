"""`backup` and `restore`: a consistent private copy while others write, and putting it back.

Backups are SQLite's online backup API at work; a restore writes through the same API, so
the live database's write-ahead log never holds another database's pages.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Rep
from tests.postgres import pg_rep, pg_url

__all__ = ["pg_rep", "pg_url"]

STAMP = "20261125-090000"  # the pinned clock, as backups and kept-aside files are named


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def names(rep: Rep, db: Path | None = None) -> list[str]:
    where = ["--db", str(db)] if db else []
    return [c["name"] for c in json.loads(rep.ok([*where, "contact", "list", "--json"]).stdout)]


def backed_up(rep: Rep, *args: str) -> Path:
    document = json.loads(rep.ok(["backup", *args, "--json"]).stdout)
    return Path(document["backup"])


@pytest.fixture
def jane(rep: Rep) -> Rep:
    rep.ok('contact add "Jane Doe" --company Acme --birthday 03-14')
    rep.ok('ask jane --outcome referred --referral "Bob Stone"')
    return rep


def test_a_backup_goes_beside_the_database_private_and_says_where(jane: Rep) -> None:
    result = jane.ok("backup")
    target = jane.db.parent / "backups" / f"reftrack-{STAMP}.db"
    assert result.stdout.splitlines() == [
        f"Backed up {jane.db} to {target}.",
        f"To put it back: reftrack --db {jane.db} restore {target} --force",
    ]
    assert mode(target) == 0o600 and mode(target.parent) == 0o700
    # One self-contained file: it opens as it is, with the same rows.
    assert not Path(f"{target}-wal").exists()
    assert names(jane, target) == names(jane) == ["Bob Stone", "Jane Doe"]
    # A second backup in the same second gets a name of its own.
    assert backed_up(jane) == target.parent / f"reftrack-{STAMP}-2.db"


def test_a_backup_to_a_folder_a_new_path_or_over_a_file(jane: Rep, tmp_path: Path) -> None:
    folder = tmp_path / "keep"
    folder.mkdir()
    assert backed_up(jane, str(folder)) == folder / f"reftrack-{STAMP}.db"
    deep = tmp_path / "new" / "deeper" / "copy.db"
    assert backed_up(jane, str(deep)) == deep
    assert mode(deep) == 0o600
    assert mode(deep.parent) == 0o700 and mode(deep.parent.parent) == 0o700

    jane.ok('contact add "Ann Lee"')
    refused = jane.run(["backup", str(deep)])
    assert refused.exit_code == 1 and refused.stdout == ""
    assert refused.stderr == (
        f"reftrack: {deep} already exists (give another path, or add --force to replace it)\n"
    )
    assert names(jane, deep) == ["Bob Stone", "Jane Doe"]
    assert backed_up(jane, str(deep), "--force") == deep
    assert names(jane, deep) == ["Ann Lee", "Bob Stone", "Jane Doe"]
    assert mode(deep) == 0o600


@pytest.mark.parametrize(
    "where, says",
    [
        ("/dev/null/copy.db", "cannot write /dev/null/copy.db: Not a directory"),
        ("{db}", "is the database itself"),
    ],
)
def test_a_backup_that_cannot_be_written_is_one_line(jane: Rep, where: str, says: str) -> None:
    before = sorted(jane.db.parent.iterdir())
    result = jane.run(["backup", where.format(db=jane.db), "--force"])
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and says in result.stderr
    assert sorted(jane.db.parent.iterdir()) == before


def test_no_database_no_backup(rep: Rep, tmp_path: Path) -> None:
    result = rep.run(["--db", str(tmp_path / "none.db"), "backup"])
    assert result.exit_code == 1 and "there is no reftrack database at" in result.stderr
    assert not (tmp_path / "none.db").exists() and not (tmp_path / "backups").exists()


WRITER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], timeout=60, isolation_level=None)
connection.execute("PRAGMA busy_timeout = 60000")
n = 0
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    n += 1
    connection.execute("BEGIN IMMEDIATE")
    for half in ("a", "b"):
        connection.execute(
            "INSERT INTO contact (rep, name, kind, archived, recorded_at) "
            "VALUES (?, ?, 'customer', 0, '2026-11-25 09:00:00')",
            (sys.argv[2], f"Writer {n:06d}{half}"),
        )
    connection.execute("COMMIT")
    if n == 1:
        print("writing", flush=True)
"""


def test_a_backup_while_another_process_writes_is_consistent(jane: Rep, tmp_path: Path) -> None:
    rep_name = json.loads(jane.ok("config get rep --json").stdout)["value"]
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(jane.db), rep_name],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        counts = []
        for number in range(4):
            copy = backed_up(jane, str(tmp_path / f"copy{number}.db"))
            with sqlite3.connect(copy) as connection:
                assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
                (count,) = connection.execute(
                    "SELECT count(*) FROM contact WHERE name LIKE 'Writer %'"
                ).fetchone()
            # Each transaction adds a pair: a copy holds whole transactions only.
            assert count % 2 == 0
            counts.append(count)
            # And reftrack opens it as a database of its own.
            assert "Jane Doe" in names(jane, copy)
            time.sleep(0.05)
        assert counts == sorted(counts) and counts[-1] > 0
    finally:
        writer.kill()
        writer.wait()


def test_backup_on_postgresql_says_pg_dump(pg_rep: Rep) -> None:
    pg_rep.ok('contact add "Jane Doe"')
    url = pg_rep.env["REFTRACK_DB"]
    secret = url.replace("postgresql+psycopg://", "postgresql+psycopg://").replace(
        "@", ":hunter2@", 1
    )
    for location in (url, secret):
        result = pg_rep.run("backup", REFTRACK_DB=location)
        assert result.exit_code == 1 and result.stdout == ""
        (line,) = result.stderr.splitlines()
        assert "PostgreSQL, where pg_dump is the answer" in line
        plain = url.replace("postgresql+psycopg://", "postgresql://")
        assert f"run: pg_dump --format=custom --file=reftrack.dump {plain}" in line
        assert "hunter2" not in line and "***" not in line
    refused = pg_rep.run("restore some.dump")
    assert refused.exit_code == 1 and "pg_restore" in refused.stderr


# ------------------------------------------------------------------ restore


def test_restore_refuses_to_replace_data_without_force(jane: Rep, tmp_path: Path) -> None:
    copy = backed_up(jane, str(tmp_path / "copy.db"))
    jane.ok('contact add "Ann Lee"')
    before = jane.db.read_bytes()
    refused = jane.run(["restore", str(copy)])
    assert refused.exit_code == 1 and refused.stdout == ""
    assert "holds data" in refused.stderr and "--force" in refused.stderr
    assert len(refused.stderr.splitlines()) == 1
    assert jane.db.read_bytes() == before
    assert sorted(p.name for p in jane.db.parent.iterdir() if "reftrack.db" not in p.name) == []


def test_restore_with_force_keeps_the_replaced_file_aside(jane: Rep, tmp_path: Path) -> None:
    copy = backed_up(jane, str(tmp_path / "copy.db"))
    jane.ok('contact add "Ann Lee"')
    result = jane.ok(["restore", str(copy), "--force"])
    aside = jane.db.with_name(f"reftrack.db.replaced-{STAMP}")
    assert result.stdout.splitlines() == [
        f"Restored {jane.db} from {copy}.",
        f"The database it replaced is kept as {aside}",
    ]
    assert names(jane) == ["Bob Stone", "Jane Doe"]
    assert names(jane, aside) == ["Ann Lee", "Bob Stone", "Jane Doe"]
    assert mode(aside) == 0o600 and mode(jane.db) == 0o600
    # The live database works on: it records, in WAL mode, with no stray temporary file.
    jane.ok('contact add "Cy Young"')
    assert names(jane) == ["Bob Stone", "Cy Young", "Jane Doe"]
    with sqlite3.connect(jane.db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert not [p for p in jane.db.parent.iterdir() if p.name.startswith(".")]
    # A second restore in the same second keeps the next file aside under a name of its own.
    document = json.loads(jane.ok(["restore", str(copy), "--force", "--json"]).stdout)
    assert document["replaced"] == f"{aside}-2"
    assert document["restored_from"] == str(copy) and document["upgraded_from"] is None


def test_restore_into_an_empty_or_missing_database_needs_no_force(
    jane: Rep, tmp_path: Path
) -> None:
    copy = backed_up(jane, str(tmp_path / "copy.db"))
    fresh = tmp_path / "elsewhere" / "new.db"
    result = jane.ok(["--db", str(fresh), "restore", str(copy)])
    assert result.stdout == f"Restored {fresh} from {copy}.\n"
    assert names(jane, fresh) == ["Bob Stone", "Jane Doe"]
    assert mode(fresh) == 0o600 and mode(fresh.parent) == 0o700
    empty = tmp_path / "empty.db"
    from reftrack.store import db

    db.open_engine(str(empty)).dispose()  # a database with the schema and no data
    assert "kept as" in jane.ok(["--db", str(empty), "restore", str(copy)]).stdout


def test_restore_takes_what_was_in_the_write_ahead_log(jane: Rep, tmp_path: Path) -> None:
    """A backup file still in WAL mode, its last rows only in its -wal, is restored whole."""
    source = tmp_path / "live-copy.db"
    live = sqlite3.connect(jane.db)
    live.execute("PRAGMA wal_autocheckpoint = 0")
    live.execute(
        "INSERT INTO contact (rep, name, kind, archived, recorded_at) "
        "SELECT rep, 'Only In Wal', kind, 0, recorded_at FROM contact LIMIT 1"
    )
    live.commit()
    assert Path(f"{jane.db}-wal").stat().st_size > 0
    source.write_bytes(jane.db.read_bytes())
    Path(f"{source}-wal").write_bytes(Path(f"{jane.db}-wal").read_bytes())
    live.close()
    fresh = tmp_path / "fresh.db"
    jane.ok(["--db", str(fresh), "restore", str(source)])
    assert "Only In Wal" in names(jane, fresh)


def test_restore_upgrades_an_older_backup(jane: Rep, tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    from reftrack.store import db

    old = tmp_path / "old.db"
    db.prepare_sqlite_file(old)
    engine = create_engine(f"sqlite:///{old}")
    db.upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO contact (rep, name, kind, archived, recorded_at) "
            "VALUES ('ann', 'Old Timer', 'customer', 0, '2020-01-01 00:00:00')"
        )
    engine.dispose()
    before = old.read_bytes()
    document = json.loads(jane.ok(["restore", str(old), "--force", "--json"]).stdout)
    assert document["upgraded_from"] == "0001"
    with sqlite3.connect(jane.db) as connection:
        assert connection.execute("SELECT name FROM contact").fetchall() == [("Old Timer",)]
    # The backup itself is only read.
    assert old.read_bytes() == before and not list(tmp_path.glob("old.db.*"))


def newer_database(tmp_path: Path, copy: Path) -> Path:
    newer = tmp_path / "newer.db"
    newer.write_bytes(copy.read_bytes())
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    return newer


def other_sqlite(tmp_path: Path) -> Path:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    return other


def empty_sqlite(tmp_path: Path) -> Path:
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    return empty


def damaged(tmp_path: Path, copy: Path) -> Path:
    path = tmp_path / "damaged.db"
    data = bytearray(copy.read_bytes())
    data[100:8192] = bytes(range(256)) * 31 + bytes(range(252))
    path.write_bytes(bytes(data))
    return path


def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n")
    return path


@pytest.mark.parametrize(
    "make, says",
    [
        (newer_database, "was written by a newer reftrack (schema 9999)"),
        (lambda tmp, _copy: other_sqlite(tmp), "is not a reftrack database (it holds other"),
        (lambda tmp, _copy: empty_sqlite(tmp), "is not a reftrack database (it is empty)"),
        (lambda tmp, _copy: text_file(tmp), "is not a reftrack database (not a SQLite file)"),
        (damaged, "cannot restore from"),
        (lambda tmp, _copy: tmp / "missing.db", "there is no file at"),
        (lambda tmp, _copy: tmp, "is not a file"),
    ],
    ids=["newer", "other tables", "empty", "text", "damaged", "missing", "folder"],
)
def test_restore_refuses_what_is_no_reftrack_backup(
    jane: Rep, tmp_path: Path, make: Callable[[Path, Path], Path], says: str
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    copy = backed_up(jane, str(tmp_path / "copy.db"))
    source = make(folder, copy)
    kept = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    before = sorted(jane.db.parent.iterdir())
    database = jane.db.read_bytes()
    result = jane.run(["restore", str(source), "--force"])
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and says in result.stderr, result.stderr
    assert jane.db.read_bytes() == database
    assert sorted(jane.db.parent.iterdir()) == before
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == kept


def test_restore_leaves_a_database_file_that_is_not_ours_alone(rep: Rep, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    rep.ok('contact add "Jane Doe"')
    backed_up(rep, str(copy))
    before = sorted(os.listdir(tmp_path))
    stranger = tmp_path / "stranger.txt"
    stranger.write_text("my notes\n")
    result = rep.run(["--db", str(stranger), "restore", str(copy), "--force"])
    assert result.exit_code == 1 and "not a reftrack database" in result.stderr
    assert stranger.read_text() == "my notes\n"
    assert sorted(os.listdir(tmp_path)) == sorted([*before, "stranger.txt"])
