"""From a path or URL to a ready engine: file safety, SQLite pragmas, version check, migrations.

A reftrack database is created private (directory 0700, file 0600), is
migrated forward automatically (after a copy of the old file is set aside),
and is refused, untouched, when it is not ours or was written by a newer
reftrack.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlmodel import Session

from reftrack.errors import DatabaseProblem

if TYPE_CHECKING:
    from alembic.config import Config

# The newest schema revision this reftrack knows; a test keeps it equal to Alembic's head.
SCHEMA_HEAD = "0002"
# How long a command waits for another's write before giving up. SQLite's busy handler
# sleeps between tries with backoff (1 ms rising to 100 ms), so a crowd of writers on a
# busy machine queues for the lock instead of being refused; readers never wait (WAL).
BUSY_TIMEOUT_SECONDS = 120
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).parent / "migrations"


def database_url(location: str) -> str:
    """Turn a `--db` value into a SQLAlchemy URL: a URL stays as is, a path means SQLite."""
    if "://" in location:
        return location
    return f"sqlite:///{Path(location).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def prepare_sqlite_file(path: Path) -> bool:
    """Make sure `path` can hold a reftrack database; return True when it was created now.

    An existing file is only read (its first bytes), never written, so a file
    that is not a database is left exactly as it was.
    """
    if path.is_dir():
        raise DatabaseProblem(f"{path} is a directory, not a database file")
    if path.exists():
        try:
            with path.open("rb") as handle:
                head = handle.read(len(SQLITE_HEADER))
        except OSError as error:
            raise DatabaseProblem(f"cannot read {path}: {error.strerror}") from None
        if head and head != SQLITE_HEADER:
            raise DatabaseProblem(
                f"{path} is not a reftrack database (not a SQLite file)",
                "point --db or REFTRACK_DB at another file",
            )
        return False
    try:
        if not path.parent.exists():
            path.parent.mkdir(mode=0o700, parents=True)
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return False
    except OSError as error:
        raise DatabaseProblem(f"cannot create {path}: {error.strerror}") from None
    os.close(descriptor)
    return True


def _configure_sqlite(engine: Engine) -> None:
    """Have every SQLite connection enforce foreign keys, wait on locks and use WAL."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        # Writers take the write lock up front, waiting their turn: a deferred transaction
        # that read first could only fail, not wait, when it came to write.
        if connection.get_execution_options().get("reftrack_write"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


def _use_wal(engine: Engine) -> None:
    """Switch a database known to be ours to WAL, so reads never wait on a writer."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()
    finally:
        connection.close()


def _stored_revision(engine: Engine) -> tuple[str | None, bool]:
    """Return (the schema revision recorded in the database, whether it holds any table)."""
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # One cheap read instead of the inspector: this runs before every command.
            names = connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            ).scalars()
            tables = set(names)
        else:
            tables = set(inspect(connection).get_table_names())
        if "alembic_version" not in tables:
            return None, bool(tables)
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return revision, True


def _known_revisions() -> set[str]:
    """Every revision shipped with this reftrack."""
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def _alembic_config(connection: Connection) -> Config:
    """Alembic's settings for migrating over an open connection."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the shipped migrations up to `revision` in one transaction."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), revision)


def back_up(path: Path, revision: str) -> Path:
    """Copy a SQLite database aside (consistently, WAL included) before migrating it."""
    target = path.with_name(f"{path.name}.{revision}.bak")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.{revision}.{number}.bak")
    descriptor = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(descriptor)
    source = sqlite3.connect(path)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()
    return target


def ensure_schema(engine: Engine, path: Path | None, where: str) -> None:
    """Bring the database to this reftrack's schema, or refuse it with a clear reason."""
    revision, has_tables = _stored_revision(engine)
    if revision == SCHEMA_HEAD:
        return
    if revision is None:
        if has_tables:
            raise DatabaseProblem(
                f"{where} is not a reftrack database (it holds other tables)",
                "point --db or REFTRACK_DB at another file",
            )
        upgrade(engine)
        return
    if revision not in _known_revisions():
        raise DatabaseProblem(
            f"{where} was written by a newer reftrack (schema {revision})",
            "upgrade reftrack to use it",
        )
    if path is not None:
        back_up(path, revision)
    upgrade(engine)


def open_engine(location: str, create: bool = True) -> Engine:
    """Open (creating if need be) the reftrack database at a path or URL, ready for use."""
    url = database_url(location)
    path = sqlite_path(url)
    if path and not create and not path.exists():
        raise DatabaseProblem(
            f"there is no reftrack database at {path}",
            "check --db or REFTRACK_DB, or record something first",
        )
    where = str(path) if path else make_url(url).render_as_string(hide_password=True)
    created = prepare_sqlite_file(path) if path else False
    try:
        if path:
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
            _configure_sqlite(engine)
        else:
            engine = create_engine(url)
        ensure_schema(engine, None if created else path, where)
        if path:
            _use_wal(engine)
    except ModuleNotFoundError as error:
        raise DatabaseProblem(
            f"cannot reach {where}: the driver '{error.name}' is not installed",
            "pip install 'reftrack[postgres]'",
        ) from None
    except DBAPIError as error:
        raise DatabaseProblem(f"cannot use {where}: {_reason(error)}") from None
    except SQLAlchemyError as error:
        raise DatabaseProblem(f"cannot use {where}: {error}") from None
    return engine


def _reason(error: DBAPIError) -> str:
    """The driver's own words for a database error, on one line."""
    message = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    if "locked" in message or "busy" in message:
        return f"{message} (another reftrack may be writing; try again)"
    if "not a database" in message:
        return "it is not a SQLite database"
    return message


@contextmanager
def transaction(engine: Engine, write: bool = False) -> Iterator[Session]:
    """One session, one transaction: commit if the block succeeds, roll back if it fails.

    A write transaction holds the write lock from its first statement to its commit, and
    every other writer waits meanwhile: keep it to the writes and to re-checking what they
    rely on, and resolve names, validate and compute in a read transaction before it.
    """
    bind = engine.execution_options(reftrack_write=True) if write else engine
    try:
        with Session(bind, expire_on_commit=False) as session, session.begin():
            yield session
    except OperationalError as error:
        raise DatabaseProblem(f"the database could not be used: {_reason(error)}") from None
