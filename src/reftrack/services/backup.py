"""`backup` and `restore`: a consistent copy of the SQLite database, and putting one back.

On PostgreSQL the server's own tools do this better than reftrack could, so both commands
say which one to run instead: `pg_dump` and `pg_restore`.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from reftrack.domain.backups import BackupDone, RestoreDone
from reftrack.errors import DatabaseProblem, ReftrackError
from reftrack.private import make_private_dirs
from reftrack.services.runtime import Runtime

BACKUPS = "backups"


def _sqlite_file(rt: Runtime, command: str) -> Path:
    """The database file, or the PostgreSQL tool to use instead, in one line."""
    from sqlalchemy.engine import URL

    from reftrack.store.files import database_url, sqlite_path

    url = database_url(rt.location)
    path = sqlite_path(url)
    if path is not None:
        return path
    if url.get_backend_name() != "postgresql":
        raise DatabaseProblem(f"reftrack {command} needs a database file")
    # libpq's own URL, without the driver or any password: pg_dump reads ~/.pgpass.
    plain = URL.create(
        "postgresql",
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query={key: value for key, value in url.query.items() if key != "password"},
    )
    target = shlex.quote(plain.render_as_string(hide_password=False))
    if command == "backup":
        tool = f"pg_dump --format=custom --file=reftrack.dump {target}"
    else:
        tool = f"pg_restore --clean --if-exists --dbname={target} reftrack.dump"
    raise ReftrackError(
        f"reftrack {command} copies SQLite files; this database is on PostgreSQL, where "
        f"{tool.split()[0]} is the answer",
        f"run: {tool}",
    )


def stamped_name(rt: Runtime, database: Path) -> str:
    """A backup's file name: the database's, with the local time of the backup."""
    return f"{database.stem}-{rt.now:%Y%m%d-%H%M%S}{database.suffix or '.db'}"


def _target(rt: Runtime, database: Path, path: str | None, force: bool) -> Path:
    """Where the backup goes: the path given, a file inside a folder, or the backups folder."""
    if path is None:
        folder = database.parent / BACKUPS
        target = folder / stamped_name(rt, database)
        number = 1
        while target.exists():
            number += 1
            first = Path(stamped_name(rt, database))
            target = folder / f"{first.stem}-{number}{first.suffix}"
        return target
    given = Path(path).expanduser().absolute()
    if given.is_dir() or path.endswith(os.sep):
        given = given / stamped_name(rt, database)
    if given.exists() and given.resolve() == database.resolve():
        raise ReftrackError(f"{given} is the database itself", "give another path for the copy")
    if given.is_dir():
        raise ReftrackError(f"{given} is a directory", "give a file name for the copy")
    if given.exists() and not force:
        raise ReftrackError(
            f"{given} already exists", "give another path, or add --force to replace it"
        )
    return given


def back_up(rt: Runtime, path: str | None, force: bool) -> BackupDone:
    """Copy the database, consistently while others write, to a private file."""
    from reftrack.store.files import copy_database

    database = _sqlite_file(rt, "backup")
    rt.engine  # noqa: B018 - opening checks that it is a reftrack database (migrated if older)
    target = _target(rt, database, path, force)
    try:
        make_private_dirs(target.parent)
        copy_database(database, target, single_file=True)
    except OSError as error:
        raise ReftrackError(f"cannot write {target}: {error.strerror or error}") from None
    return BackupDone(database, target, target.stat().st_size)


def _aside(rt: Runtime, database: Path) -> Path:
    """Where the replaced database is kept: `reftrack.db.replaced-YYYYMMDD-HHMMSS`."""
    name = f"{database.name}.replaced-{rt.now:%Y%m%d-%H%M%S}"
    aside, number = database.with_name(name), 1
    while aside.exists():
        number += 1
        aside = database.with_name(f"{name}-{number}")
    return aside


def restore(rt: Runtime, path: str, force: bool) -> RestoreDone:
    """Put a backup in place of the database; the replaced file is kept aside first."""
    from reftrack.store.copies import restore_into, row_count, staged_restore
    from reftrack.store.files import copy_database, prepare_sqlite_file
    from reftrack.store.schema import SCHEMA_HEAD

    database = _sqlite_file(rt, "restore")
    source = Path(path).expanduser().absolute()
    if source.exists() and database.exists() and source.resolve() == database.resolve():
        raise ReftrackError(f"{source} is the database itself", "give the path of a backup")
    if database.exists():
        prepare_sqlite_file(database)  # refuses, untouched, a file that is no SQLite database
    try:
        make_private_dirs(database.parent)
    except OSError as error:
        raise ReftrackError(f"cannot write in {database.parent}: {error.strerror}") from None
    staged, revision = staged_restore(source, database.parent)
    replaced = None
    try:
        if database.exists():
            if row_count(database) and not force:
                raise ReftrackError(
                    f"{database} holds data, which restore would replace",
                    "add --force to replace it; the current file is kept aside first",
                )
            replaced = _aside(rt, database)
            copy_database(database, replaced, single_file=True)
        else:
            prepare_sqlite_file(database)
        restore_into(staged, database)
    except OSError as error:
        raise ReftrackError(f"cannot restore into {database}: {error.strerror}") from None
    finally:
        staged.unlink(missing_ok=True)
    return RestoreDone(database, source, replaced, revision if revision != SCHEMA_HEAD else None)
