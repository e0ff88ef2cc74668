"""Where the data lives: a `--db` value made a URL, the SQLite file made safe, copies set aside.

A path is a path, byte for byte; only `scheme://…` is a URL. A database file is
created private (directory 0700, file 0600); a copy set aside before an upgrade
appears under its name only once it is complete.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from reftrack.errors import DatabaseProblem
from reftrack.private import make_private_dirs
from reftrack.store.schema import BUSY_TIMEOUT_SECONDS

if TYPE_CHECKING:
    # SQLAlchemy only where a URL is made: `writable` serves the fast write path (issue 12).
    from sqlalchemy.engine import URL

SQLITE_HEADER = b"SQLite format 3\x00"
# A URL starts with a scheme (RFC 3986: a letter, then letters, digits, +, - or .) and `://`.
URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
SUPPORTED_BACKENDS = ("sqlite", "postgresql")


def database_url(location: str) -> URL:
    """Turn a `--db` value into a SQLAlchemy URL: `scheme://…` is a URL, anything else a path.

    A path is taken byte for byte: nothing in it (`%20`, `?`, `#`) is decoded or read as an
    option, so it always names the file it spells.
    """
    from sqlalchemy.engine import URL, make_url
    from sqlalchemy.exc import ArgumentError

    scheme = URL_SCHEME.match(location)
    if scheme is None:
        if "://" in location and not location.startswith(("/", ".", "~")):
            raise DatabaseProblem(
                f"'{location}' is neither a file path nor a database URL",
                "a URL starts with its scheme, as in postgresql+psycopg://; "
                "a file whose name holds '://' is written ./NAME",
            )
        return URL.create("sqlite", database=str(Path(location).expanduser().resolve()))
    backend = scheme.group(1).split("+")[0].lower()
    if backend not in SUPPORTED_BACKENDS:
        raise DatabaseProblem(
            f"{scheme.group(0)} is not supported: reftrack stores its data in SQLite or PostgreSQL",
            "give a file path or a postgresql+psycopg:// URL; a file named like a URL is ./NAME",
        )
    try:
        url = make_url(location)
        url.port  # noqa: B018  (read now: a port that is no number fails here, not later)
    except (ArgumentError, ValueError):
        raise DatabaseProblem(f"'{_hide_password(location)}' is not a valid database URL") from None
    if backend == "sqlite" and url.query:
        raise DatabaseProblem(
            "reftrack takes no options in a sqlite:// URL",
            "give the file path alone",
        )
    return url


def _hide_password(location: str) -> str:
    """A URL as it may be shown: its password, if any, replaced by ***."""
    return re.sub(r"(://[^/@:]*:)[^/@]*@", r"\1***@", location)


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database).expanduser().resolve()


def sqlite_file_url(path: Path, read_only: bool = False) -> URL:
    """The URL of a SQLite file that the driver opens exactly as spelled (nothing decoded).

    Read-only, it is a SQLite URI with the path percent-encoded for SQLite to decode, opened
    immutable (nothing created beside the file) unless a writer's `-wal` is there to read.
    """
    from sqlalchemy.engine import URL

    if not read_only:
        return URL.create("sqlite", database=str(path))
    options = {"uri": "true", "mode": "ro"}
    if not sidecar(path, "-wal").exists():
        options["immutable"] = "1"
    return URL.create("sqlite", database=f"file:{quote(str(path))}", query=options)


def sidecar(path: Path, suffix: str) -> Path:
    """SQLite's own file next to the database (`-wal`, `-shm`, `-journal`)."""
    return path.with_name(path.name + suffix)


def writable(path: Path) -> bool:
    """Whether reftrack may write the database file and create its journal beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


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
        make_private_dirs(path.parent)
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return False
    except OSError as error:
        raise DatabaseProblem(f"cannot create {error.filename or path}: {error.strerror}") from None
    os.close(descriptor)
    return True


def back_up(path: Path, revision: str) -> Path:
    """Copy a SQLite database aside (consistently, WAL included) before migrating it.

    The caller holds the write lock, so reftracks racing to upgrade agree on one copy.
    """
    target = path.with_name(f"{path.name}.{revision}.bak")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.{revision}.{number}.bak")
    copy_database(path, target)
    return target


def copy_database(source: Path, target: Path, single_file: bool = False) -> None:
    """Copy a SQLite database to `target` with SQLite's online backup API: consistent while
    others write, its write-ahead log included; the copy is private (0600).

    The copy is written under a temporary name beside `target` and renamed into place once
    complete, so the name a user restores from never holds an empty or partial file (and a
    file already at `target` is replaced whole or not at all). With `single_file` the copy
    leaves write-ahead logging, so that it is one self-contained file until opened by
    reftrack again.
    """
    descriptor, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part"
    )
    os.close(descriptor)
    partial = Path(name)
    try:
        reader = sqlite3.connect(source, timeout=BUSY_TIMEOUT_SECONDS)
        writer = sqlite3.connect(partial)
        try:
            reader.backup(writer)
            if single_file:
                writer.execute("PRAGMA journal_mode = DELETE")
        finally:
            writer.close()
            reader.close()
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm", "-journal"):
            sidecar(partial, suffix).unlink(missing_ok=True)
        raise
