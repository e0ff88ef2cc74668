"""From a path or URL to a ready engine: file safety, SQLite pragmas, version check, migrations.

A reftrack database is created private (directory 0700, file 0600), is
migrated forward automatically (after a copy of the old file is set aside),
and is refused, untouched, when it is not ours or was written by a newer
reftrack.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlmodel import Session, SQLModel

from reftrack.errors import DatabaseProblem
from reftrack.store.files import (
    back_up,
    database_url,
    prepare_sqlite_file,
    sqlite_file_url,
    sqlite_path,
    writable,
)
from reftrack.store.journal import watch
from reftrack.store.journal_values import JournalEntry
from reftrack.store.schema import BUSY_TIMEOUT_SECONDS, SCHEMA_HEAD, in_words

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


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
    except sqlite3.OperationalError as error:
        # The switch needs the file to itself; while other reftracks read an old file that
        # has just been migrated, it can be refused at once ("locked") rather than waited
        # for. The command works without it, and a later run switches.
        if "locked" not in str(error) and "busy" not in str(error):
            raise
    finally:
        connection.close()


def _stored_revision(connection: Connection) -> tuple[str | None, bool]:
    """Return (the schema revision recorded in the database, whether it holds any table)."""
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


# PostgreSQL advisory-lock keys: one for migrating, and one per rep for writing, in a
# range of their own (the top 32 bits say "reftrack") so no other application's locks collide.
_LOCK_SPACE = 0x7265_6674 << 32
MIGRATION_LOCK = _LOCK_SPACE


def write_lock_key(rep: str) -> int:
    """The advisory-lock key that serialises one rep's writers on PostgreSQL."""
    digest = hashlib.sha256(rep.encode()).digest()
    return _LOCK_SPACE | (int.from_bytes(digest[:4], "big") or 1)


def _take_lock(connection: Connection, key: int) -> None:
    """Wait for a PostgreSQL advisory lock held until this transaction ends; no-op elsewhere.

    SQLite's write lock is the database's own (BEGIN IMMEDIATE); PostgreSQL lets writers
    run side by side, so reftrack queues them itself, as SQLite would.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the shipped migrations up to `revision` in one transaction."""
    from alembic import command

    with engine.execution_options(reftrack_write=True).begin() as connection:
        _take_lock(connection, MIGRATION_LOCK)
        command.upgrade(_alembic_config(connection), revision)


def _needs_upgrade(revision: str | None, has_tables: bool, where: str) -> bool:
    """Whether a stored revision calls for migrating; refuse a database that is not ours."""
    if revision == SCHEMA_HEAD:
        return False
    if revision is None and has_tables:
        raise DatabaseProblem(
            f"{where} is not a reftrack database (it holds other tables)",
            "point --db or REFTRACK_DB at another file",
        )
    if revision is not None and revision not in _known_revisions():
        raise DatabaseProblem(
            f"{where} was written by a newer reftrack (schema {revision})",
            "upgrade reftrack to use it",
        )
    return True


def ensure_schema(engine: Engine, path: Path | None, where: str, read_only: bool = False) -> None:
    """Bring the database to this reftrack's schema, or refuse it with a clear reason.

    The upgrade (and the copy set aside first) happens under the write lock (on
    PostgreSQL, an advisory lock of its own), after a second look: a reftrack that
    waited for the lock finds the work done and does none.
    Alembic is imported only when a migration is due: it costs more than the command.
    """
    with engine.connect() as connection:
        if not _needs_upgrade(*_stored_revision(connection), where):
            return
    if read_only:
        raise DatabaseProblem(
            f"{where} needs an upgrade to this reftrack's schema, and it is read-only here",
            "make the file and its directory writable and run reftrack once",
        )
    with engine.execution_options(reftrack_write=True).begin() as connection:
        # On PostgreSQL, first runs racing on an empty database queue here: one creates
        # the tables, the others then find them (READ COMMITTED reads them once it commits).
        _take_lock(connection, MIGRATION_LOCK)
        revision, has_tables = _stored_revision(connection)
        if not _needs_upgrade(revision, has_tables, where):
            return
        if path is not None and revision is not None:
            back_up(path, revision)
        from alembic import command

        command.upgrade(_alembic_config(connection), "head")
        _after_upgrade(connection)


def _after_upgrade(connection: Connection) -> None:
    """On a team database, guard and grant the tables a migration may have added."""
    if connection.dialect.name == "postgresql":
        from reftrack.store import team

        team.after_upgrade(connection)


def open_engine(location: str, create: bool = True, reads_only: bool = False) -> Engine:
    """Open the reftrack database at a path or URL, ready for use.

    With `create`, a missing file is made (private); without, it is an error and nothing
    is created. With `reads_only` (a command that records nothing), a file reftrack may
    not write is read as it stands: opened read-only, never switched to WAL nor migrated.
    """
    url = database_url(location)
    path = sqlite_path(url)
    if path and not create and not path.exists():
        raise DatabaseProblem(
            f"there is no reftrack database at {path}",
            "check --db or REFTRACK_DB; any command that records, "
            "such as `reftrack contact add <name>`, creates it",
        )
    where = str(path) if path else url.render_as_string(hide_password=True)
    created = prepare_sqlite_file(path) if path else False
    read_only = path is not None and not writable(path)
    if read_only and not reads_only:
        raise DatabaseProblem(
            f"cannot record in {where}: it is read-only here",
            "make the file and its directory writable",
        )
    try:
        if path:
            url = sqlite_file_url(path, read_only)
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
            _configure_sqlite(engine)
        else:
            engine = create_engine(url)
        ensure_schema(engine, None if created else path, where, read_only)
        if path and not read_only:
            _use_wal(engine)
    except ModuleNotFoundError as error:
        raise DatabaseProblem(
            f"cannot reach {where}: the driver '{error.name}' is not installed",
            "pip install 'reftrack[postgres]' and use a postgresql+psycopg:// URL",
        ) from None
    except DBAPIError as error:
        raise DatabaseProblem(f"cannot use {where}: {_reason(error)}") from None
    except SQLAlchemyError as error:
        raise DatabaseProblem(f"cannot use {where}: {error}") from None
    return engine


def inserted(session: Session, row: SQLModel) -> bool:
    """Add one ORM row in a SAVEPOINT and flush it; False, nothing written, if a unique index
    refuses it (another writer put the same row first): the caller then reads that one.

    The rest of the transaction goes on either way. Rows are ORM instances, so whatever
    listens to the session's flushes sees this insert as any other.
    """
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True


def _reason(error: DBAPIError) -> str:
    """The driver's own words for a database error, on one line."""
    return in_words(str(error.orig) if error.orig else str(error))


@contextmanager
def transaction(
    engine: Engine, write: bool = False, rep: str = "", journal: JournalEntry | None = None
) -> Iterator[Session]:
    """One session, one transaction: commit if the block succeeds, roll back if it fails.

    A write transaction holds the write lock from its first statement to its commit, and
    every other writer waits meanwhile: keep it to the writes and to re-checking what they
    rely on, and resolve names, validate and compute in a read transaction before it.
    On SQLite the lock is the whole file's; on PostgreSQL it is the rep's (an advisory
    lock), so one rep's writers queue while other reps' run alongside. With a `journal`
    entry, what it changes is journaled for `undo` as it commits.
    """
    bind = engine.execution_options(reftrack_write=True) if write else engine
    try:
        with Session(bind, expire_on_commit=False) as session:
            if write and journal is not None:
                watch(session, journal)
            with session.begin():
                if write and engine.dialect.name == "postgresql":
                    _take_lock(session.connection(), write_lock_key(rep))
                yield session
    except DBAPIError as error:
        # Locked, damaged ("disk image is malformed"), full: one line, never the SQL text.
        raise DatabaseProblem(f"the database could not be used: {_reason(error)}") from None
