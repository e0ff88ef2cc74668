"""Where the data lives: a path is the file it spells, reads write nothing, one backup."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from reftrack.store import db
from tests.conftest import Rep


def tree(root: Path) -> list[str]:
    """Every file and directory under `root`, relative, sorted."""
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


def names_in(rep: Rep, location: str) -> list[str]:
    result = rep.ok(["--db", location, "contact", "list", "--json"])
    return [contact["name"] for contact in json.loads(result.stdout)]


# ---- 1. A path is a path, byte for byte ------------------------------------------------------

ODD_NAMES = [
    "victim%201.db",
    "a%2F..%2F..%2Fescape.db",
    "x.db?mode=ro",
    "x.db?mode=memory&cache=shared",
    "notes#1.db",
    "with some spaces.db",
    "ünïcødé ✓.db",
    "100%.db",
    "file:name.db",
]


@pytest.mark.no_database
@pytest.mark.parametrize("name", ODD_NAMES)
def test_a_path_names_the_file_it_spells(rep: Rep, tmp_path: Path, name: str) -> None:
    root = tmp_path / "x"
    (root / "sub").mkdir(parents=True)
    location = str(root / "sub" / name)
    result = rep.run(["--db", location, "contact", "add", "Intruder"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "", "no warning either"
    assert tree(root) == ["sub", f"sub/{name}"]
    assert (root / "sub" / name).stat().st_mode & 0o777 == 0o600
    assert names_in(rep, location) == ["Intruder"]


@pytest.mark.no_database
def test_a_relative_path_is_a_path_too(
    rep: Rep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    rep.ok(["--db", "my%20data.db", "contact", "add", "Jane Doe"])
    rep.ok(["--db", "./a://b.db", "contact", "add", "Bob Stone"])
    rep.ok(["--db", str(work / "c://d.db"), "contact", "add", "Cy Young"])
    assert sorted(os.listdir(work)) == ["a:", "c:", "my%20data.db"]
    assert os.listdir(work / "a:") == ["b.db"] and os.listdir(work / "c:") == ["d.db"]
    assert names_in(rep, "./a://b.db") == ["Bob Stone"]


@pytest.mark.no_database
@pytest.mark.parametrize(
    ("location", "message"),
    [
        (
            "mysql://me@localhost/sales",
            "reftrack: mysql:// is not supported: reftrack stores its data in SQLite or PostgreSQL",
        ),
        ("a://b", "reftrack: a:// is not supported"),
        ("postgres://me@localhost/sales", "reftrack: postgres:// is not supported"),
        (" postgresql://me@localhost/sales", "is neither a file path nor a database URL"),
        ("://sales", "is neither a file path nor a database URL"),
        ("sqlite:///x.db?mode=ro", "reftrack: reftrack takes no options in a sqlite:// URL"),
        ("postgresql+psycopg://me:pw@db:port/sales", "is not a valid database URL"),
    ],
)
def test_what_is_no_usable_url_is_one_clear_line(
    rep: Rep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, location: str, message: str
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = rep.run(["--db", location, "contact", "add", "Intruder"])
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert os.listdir(work) == []
    assert ":pw@" not in result.stderr


def test_a_password_in_a_bad_url_is_not_shown(rep: Rep) -> None:
    result = rep.run(["--db", "postgresql+psycopg://me:s3cret@[::1/sales", "today"])
    assert result.exit_code == 1
    assert "s3cret" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_postgresql_url_with_a_missing_driver_says_what_to_install(rep: Rep) -> None:
    result = rep.run(["--db", "postgresql+nosuchdriver://me@localhost/sales", "today"])
    assert result.exit_code == 1
    assert result.stderr.startswith("reftrack: cannot use postgresql+nosuchdriver://")
    assert len(result.stderr.strip().splitlines()) == 1


# ---- 8c. A read creates nothing where the user pointed ----------------------------------------

READS = [
    "today",
    "today --json",
    "log",
    "stats",
    "summary",
    "contact list",
    "contact show Jane",
    "goal show",
    "off list",
    "referral list",
    "share list",
    "score list",
    "template email Jane",
]


@pytest.mark.no_database
@pytest.mark.parametrize("command", READS)
def test_a_read_of_a_missing_database_creates_nothing(
    rep: Rep, tmp_path: Path, command: str
) -> None:
    missing = tmp_path / "nowhere" / "deeper" / "reftrack.db"
    result = rep.run(["--db", str(missing), *command.split()])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"reftrack: there is no reftrack database at {missing} ")
    assert "`reftrack contact add <name>`" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "nowhere").exists()
    result = rep.run(command.split())
    assert result.exit_code == 1 and not rep.db.parent.exists(), "REFTRACK_DB is named too"


@pytest.mark.no_database
def test_completion_on_a_missing_database_creates_nothing(rep: Rep) -> None:
    env = {
        **os.environ,
        **rep.env,
        "_REFTRACK_COMPLETE": "complete_bash",
        "COMP_WORDS": "reftrack contact show Ja",
        "COMP_CWORD": "3",
    }
    result = subprocess.run(
        [str(Path(sys.executable).parent / "reftrack")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.strip() == ""
    assert not rep.db.parent.exists()


@pytest.mark.no_database
def test_a_write_creates_the_database_where_the_user_pointed(rep: Rep, tmp_path: Path) -> None:
    target = tmp_path / "new" / "place" / "reftrack.db"
    rep.ok(["--db", str(target), "contact", "add", "Jane Doe"])
    assert target.exists()


@pytest.mark.no_database
def test_a_first_today_at_the_default_location_just_works(rep: Rep) -> None:
    result = rep.run("today", REFTRACK_DB="")
    assert result.exit_code == 0, result.stderr
    assert (rep.home / ".local" / "share" / "reftrack" / "reftrack.db").exists()


# ---- 8a. A database reftrack may not write is read as it stands --------------------------------


@contextmanager
def immutable(path: Path) -> Iterator[None]:
    """Make `path` unwritable even for root (chattr +i), or skip where that is not possible."""
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot make {path} immutable here: {done.stderr.decode().strip()}")
    try:
        probe = path / ".probe" if path.is_dir() else path
        try:
            with probe.open("ab"):
                pass
        except OSError:
            pass
        else:
            pytest.skip("an immutable file is still writable here")
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=False)


@pytest.fixture
def jane(rep: Rep) -> Rep:
    rep.ok('contact add "Jane Doe" --company Acme')
    rep.ok("ask Jane --outcome promised")
    return rep


def test_reads_work_in_a_read_only_directory_and_leave_nothing(jane: Rep) -> None:
    before = tree(jane.db.parent)
    with immutable(jane.db.parent):
        assert names_in(jane, str(jane.db)) == ["Jane Doe"]
        for command in READS:
            result = jane.run(command)
            assert result.exit_code == 0, (command, result.stderr)
        result = jane.run('contact add "Bob Stone"')
        assert result.exit_code == 1
        assert result.stderr == (
            f"reftrack: cannot record in {jane.db}: it is read-only here "
            "(make the file and its directory writable)\n"
        )
    assert tree(jane.db.parent) == before


def test_a_read_only_file_leaves_no_journal_behind(jane: Rep) -> None:
    before = tree(jane.db.parent)
    assert before == ["reftrack.db"]
    with immutable(jane.db):
        for command in READS:
            result = jane.run(command)
            assert result.exit_code == 0, (command, result.stderr)
        assert tree(jane.db.parent) == before
        result = jane.run("ask Jane --outcome declined")
        assert result.exit_code == 1 and "read-only" in result.stderr
    assert tree(jane.db.parent) == before


def first_revision() -> str:
    from alembic.script import ScriptDirectory

    scripts = list(ScriptDirectory(str(db.MIGRATIONS)).walk_revisions())
    return scripts[-1].revision


def old_database(path: Path) -> str:
    """A database at the first shipped schema with one contact; its revision."""
    db.prepare_sqlite_file(path)
    engine = create_engine(f"sqlite:///{path}")
    revision = first_revision()
    assert revision != db.SCHEMA_HEAD, "needs at least two revisions"
    db.upgrade(engine, revision)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO contact (rep, name, kind, archived, recorded_at)"
                " VALUES ('ann', 'Jane', 'customer', 0, '2020-01-01 00:00:00')"
            )
        )
    engine.dispose()
    return revision


def test_an_old_database_in_a_read_only_place_is_one_clear_line(rep: Rep, tmp_path: Path) -> None:
    place = tmp_path / "archive"
    place.mkdir()
    old_database(place / "old.db")
    before = (place / "old.db").read_bytes()
    with immutable(place):
        result = rep.run(["--db", str(place / "old.db"), "today"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"reftrack: {place / 'old.db'} needs an upgrade to this reftrack's schema, "
        "and it is read-only here"
    )
    assert tree(place) == ["old.db"] and (place / "old.db").read_bytes() == before


# ---- 8b. One complete copy per upgrade ----------------------------------------------------------


def test_racing_first_opens_of_an_old_database_make_one_backup(rep: Rep, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    revision = old_database(path)
    env = {**os.environ, **rep.env, "REFTRACK_DB": str(path)}
    commands = [
        [*command, str(number)] if command[-1] == "add" else command
        for number in range(3)
        for command in (["contact", "list", "--json"], ["contact", "add"], ["today"])
    ]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "reftrack", *command],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    assert sorted(p.name for p in tmp_path.iterdir() if "bak" in p.name or "part" in p.name) == [
        f"old.db.{revision}.bak"
    ]
    with sqlite3.connect(tmp_path / f"old.db.{revision}.bak") as copy:
        assert copy.execute("SELECT name FROM contact").fetchall() == [("Jane",)]


def test_a_backup_that_fails_midway_leaves_nothing_under_the_backup_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    revision = old_database(path)
    real_connect = sqlite3.connect

    class FullDisk:
        """The source side of a copy that stops half way, as on a full disk or a kill."""

        def __init__(self, connection: sqlite3.Connection) -> None:
            self.connection = connection

        def backup(self, target: sqlite3.Connection) -> None:
            self.connection.backup(target, pages=1)
            raise sqlite3.OperationalError("database or disk is full")

        def close(self) -> None:
            self.connection.close()

    def connect(database: object, *args: object, **kwargs: object) -> object:
        connection = real_connect(database, *args, **kwargs)  # type: ignore[call-overload]
        return FullDisk(connection) if Path(str(database)) == path else connection

    monkeypatch.setattr(sqlite3, "connect", connect)
    with pytest.raises(Exception, match="disk is full"):
        db.back_up(path, revision)
    monkeypatch.undo()
    assert tree(tmp_path) == ["old.db"]


def test_an_upgrade_keeps_the_copy_it_made(rep: Rep, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    revision = old_database(path)
    assert names_in(rep, str(path)) == []  # another rep's row; the upgrade ran
    copies = [p.name for p in tmp_path.iterdir() if p.name.endswith(".bak")]
    assert copies == [f"old.db.{revision}.bak"]
    shutil.copyfile(tmp_path / copies[0], tmp_path / "restored.db")
    with sqlite3.connect(tmp_path / "restored.db") as restored:
        assert restored.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.no_database
def test_every_folder_made_for_a_new_database_is_private(rep: Rep, tmp_path: Path) -> None:
    location = tmp_path / "a" / "b" / "c" / "reftrack.db"
    rep.ok(["--db", str(location), "contact", "add", "Bob Stone"])
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    assert location.stat().st_mode & 0o777 == 0o600


@pytest.mark.no_database
def test_a_folder_that_cannot_be_made_is_named(rep: Rep, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    result = rep.run(["--db", str(tmp_path / "file" / "sub" / "x.db"), "contact", "add", "Bob"])
    assert result.exit_code == 1
    assert str(tmp_path / "file" / "sub") in result.stderr, result.stderr
