"""Backups and restores of a SQLite database file, with SQLite's online backup API.

A backup is read in one consistent snapshot while others write (WAL included), and a
restore writes into the live database through the same API under SQLite's own locks, so
no `-wal` or `-shm` file is ever left belonging to another database.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.exc import DBAPIError

from reftrack.errors import DatabaseProblem
from reftrack.store.db import _configure_sqlite, _stored_revision, ensure_schema
from reftrack.store.files import SQLITE_HEADER, copy_database, sidecar, sqlite_file_url
from reftrack.store.schema import BUSY_TIMEOUT_SECONDS, in_words

# Alembic's own bookkeeping is no data of the rep's.
_BOOKKEEPING = "alembic_version"


def row_count(path: Path) -> int:
    """How many rows of data a reftrack database holds, in every table of it."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return sum(
            connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names
            if name != _BOOKKEEPING
        )
    except sqlite3.DatabaseError as error:
        raise DatabaseProblem(f"cannot read {path}: {in_words(str(error))}") from None
    finally:
        connection.close()


def _check_sqlite_file(path: Path) -> None:
    """Refuse, in one line, a path that is not there or is no SQLite file."""
    if not path.exists():
        raise DatabaseProblem(f"there is no file at {path}", "give the path of a reftrack backup")
    if not path.is_file():
        raise DatabaseProblem(f"{path} is not a file", "give the path of a reftrack backup")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseProblem(f"cannot read {path}: {error.strerror}") from None
    if not head:
        raise DatabaseProblem(f"{path} is not a reftrack database (it is empty)")
    if head != SQLITE_HEADER:
        raise DatabaseProblem(f"{path} is not a reftrack database (not a SQLite file)")


def staged_restore(source: Path, folder: Path) -> tuple[Path, str]:
    """A checked copy of a backup, at this reftrack's schema, beside the live database.

    The backup itself is only read. Returns the copy (a temporary file in `folder`, for
    `restore_into`) and the schema revision the backup was written at. A file that is no
    reftrack database, or one from a newer reftrack, is refused and the copy removed.
    """
    _check_sqlite_file(source)
    descriptor, name = tempfile.mkstemp(dir=folder, prefix=".reftrack-restore-", suffix=".db")
    os.close(descriptor)
    staged = Path(name)
    try:
        copy_database(source, staged, single_file=True)
        engine = create_engine(sqlite_file_url(staged))
        _configure_sqlite(engine)
        try:
            with engine.connect() as connection:
                revision, has_tables = _stored_revision(connection)
            if revision is None and not has_tables:
                raise DatabaseProblem(f"{source} is not a reftrack database (it is empty)")
            ensure_schema(engine, None, str(source))
        finally:
            engine.dispose()
    except (sqlite3.DatabaseError, DBAPIError) as error:
        _remove(staged)
        reason = str(error.orig) if isinstance(error, DBAPIError) else str(error)
        raise DatabaseProblem(f"cannot restore from {source}: {in_words(reason)}") from None
    except BaseException:
        _remove(staged)
        raise
    return staged, revision or ""


def restore_into(staged: Path, live: Path) -> None:
    """Write the staged copy into the live database, whole, and remove the copy.

    The backup API takes the live database's write lock (waiting for a writer to finish)
    and replaces every page in one step: a reader sees the old data or the new, and the
    live file keeps its write-ahead log, now holding nothing of the old data.
    """
    try:
        reader = sqlite3.connect(staged)
        writer = sqlite3.connect(live, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            reader.backup(writer)
        finally:
            writer.close()
            reader.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseProblem(f"cannot restore into {live}: {in_words(str(error))}") from None
    finally:
        _remove(staged)


def _remove(path: Path) -> None:
    """A temporary database file and what SQLite may have made beside it."""
    for each in (path, sidecar(path, "-wal"), sidecar(path, "-shm"), sidecar(path, "-journal")):
        each.unlink(missing_ok=True)
