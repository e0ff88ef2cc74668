"""What every command needs, built when it runs: settings, the clock, the database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from reftrack import clock, config

if TYPE_CHECKING:
    import pendulum
    from sqlalchemy import Engine
    from sqlmodel import Session

    from reftrack.domain.contacts import ContactRef
    from reftrack.store.journal_values import JournalEntry

# Asked, on a terminal only, to pick one contact among several: (what was typed, choices).
# Quoted: the domain's contact values are not imported for this alone (`goal show` needs
# none of them; issue 12).
Chooser = Callable[[str, list["ContactRef"], bool], "ContactRef | None"]


def default_database() -> Path:
    """`reftrack.db` in the platform's user data directory."""
    import platformdirs

    return platformdirs.user_data_path("reftrack") / "reftrack.db"


@dataclass
class Runtime:
    """The settings, "now" and database of one command run."""

    location: str
    settings: config.Settings
    choose: Chooser | None = None
    # A command that only reads: it creates no database at a location the user named, and
    # reads one it may not write as it stands.
    must_exist: bool = False
    # Whether the user named the location (--db, REFTRACK_DB) rather than taking the default,
    # which even a first read creates, so that a newcomer's first `reftrack today` works.
    named: bool = True
    # The command as typed (without the root options), kept with what it writes for `undo`.
    command: str = "reftrack"
    _journal: JournalEntry | None = field(default=None, repr=False)
    # The rep chosen with --rep or REFTRACK_REP, over config `rep` (SQLite) or the role.
    rep_option: str | None = None
    _engine: Engine | None = field(default=None, repr=False)
    _rep: str | None = field(default=None, repr=False)
    # "Now" is read once, on first need: the local date alone needs no pendulum (issue 12).
    _now: pendulum.DateTime | None = field(default=None, repr=False)
    _today: date | None = field(default=None, repr=False)
    _moment: datetime | None = field(default=None, repr=False)

    @classmethod
    def load(
        cls, location: str | None, choose: Chooser | None = None, rep: str | None = None
    ) -> Runtime:
        """Build the runtime from the `--db` and `--rep` options (or defaults), config, clock."""
        settings = config.load_settings()
        runtime = cls(
            location=location or str(default_database()),
            named=bool(location),
            settings=settings,
            choose=choose,
            rep_option=rep,
        )
        if clock.pinned() and clock.pinned_day() is None:
            # A REFTRACK_NOW only pendulum reads is read now, so that one it cannot read is
            # refused before any command starts, as it always was.
            _ = runtime.now
        return runtime

    @property
    def on_server(self) -> bool:
        """Whether the database is a PostgreSQL server rather than a SQLite file."""
        return self.location.lower().startswith("postgresql")

    @property
    def rep(self) -> str:
        """The rep whose rows this command reads and writes.

        On SQLite: --rep / REFTRACK_REP, else config `rep`. On PostgreSQL a rep is the role
        connected: the server guards each rep's rows by role, so only a role exempt from
        that guard (the owner) may act for another rep, with --rep or the config's `rep`.
        """
        if self._rep is None:
            self._rep = self._server_rep() if self.on_server else None
            if self._rep is None:
                self._rep = self.rep_option or self.settings.rep
        return self._rep

    def sees_every_rep(self) -> bool:
        """Whether this connection sees every rep's rows: a SQLite file, or the role the
        PostgreSQL team guard exempts (a guarded rep sees only their own)."""
        if not self.on_server:
            return True
        from reftrack.store import team

        return team.connected_role(self.engine)[1]

    def _server_rep(self) -> str:
        """The rep on PostgreSQL: the connected role, or --rep when that role may act for it."""
        from reftrack.errors import ReftrackError
        from reftrack.store import team

        role, exempt = team.connected_role(self.engine)
        chosen = self.rep_option
        if chosen is None and exempt and self.settings.rep_named:
            # The owner of a one-rep database (no team guard to answer to) keeps the rep
            # named in the config file, as on SQLite; a guarded rep is always the role.
            return self.settings.rep
        if chosen is None or chosen == role:
            return role
        if exempt:
            return chosen
        raise ReftrackError(
            f"--rep {chosen}: on PostgreSQL you are the rep you connect as ({role})",
            f"connect as {chosen} (the user in the --db URL), or leave out --rep",
        )

    @property
    def now(self) -> pendulum.DateTime:
        """The current instant in the configured time zone (`clock.now`), read once."""
        if self._now is None:
            self._now = clock.now(self.settings.timezone, self._moment)
        return self._now

    @property
    def today(self) -> date:
        """Today's local date in the configured time zone."""
        if self._now is not None:
            return self._now.date()
        if self._today is None:
            timezone = self.settings.timezone
            self._moment = clock.system_now(timezone)
            if self._moment is not None:
                self._today = self._moment.date()
            else:
                self._today = clock.pinned_day() or self.now.date()
        return self._today

    def date(self, text: str | None, option: str) -> date:
        """Parse a date option; no text means today."""
        if text is None:
            return self.today
        from reftrack.domain import dates

        return dates.parse_date(text, self.today, option)

    @property
    def engine(self) -> Engine:
        """The database engine, opened (and migrated) on first use."""
        if self._engine is None:
            from reftrack.store import db

            create = not (self.must_exist and self.named)
            self._engine = db.open_engine(self.location, create, reads_only=self.must_exist)
        return self._engine

    @contextmanager
    def transaction(self, write: bool = False, journaled: bool = True) -> Iterator[Session]:
        """A session in one transaction; a command's writes all go in one `write=True` one.

        Name resolution, validation and computing belong in a read transaction first, so
        the write lock is held for the writes alone (see `db.transaction`). What a write
        transaction changes is journaled as this command's one operation, for `undo`;
        `journaled=False` is for `undo` itself, which walks the journal back.
        """
        from reftrack.store import db

        journal = self._operation() if write and journaled else None
        with db.transaction(self.engine, write=write, rep=self.rep, journal=journal) as session:
            yield session

    @contextmanager
    def write(self, full: bool = False) -> Iterator[Session]:
        """A write transaction, journaled as `transaction(write=True)` is, for a hot write.

        On a SQLite file at this reftrack's schema that reftrack may write, it runs on the
        stdlib sqlite3 module and yields a `store.fast_writes.FastWriteSession`: add rows
        with `fast_writes.insert` and read with `store.reads.queries` only. Anywhere else,
        or with `full` (a write the fast path cannot make), it is the full path's session.
        """
        from reftrack.store import fast_writes

        session = None
        if not full and self._engine is None and self._may_write():
            session = fast_writes.open_write(self.location, self._operation())
        if session is None:
            with self.transaction(write=True) as whole:
                yield whole
            return
        try:
            yield cast("Session", session)
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _operation(self) -> JournalEntry:
        """The journal entry all of this command's write transactions add to."""
        if self._journal is None:
            from reftrack.store.journal_values import JournalEntry

            self._journal = JournalEntry(
                rep=self.rep, command=self.command, recorded_at=self.utc_now
            )
        return self._journal

    @property
    def utc_now(self) -> datetime:
        """Now in UTC, as the journal stores it."""
        return self.now.in_timezone("UTC")

    @contextmanager
    def read(self, before_write: bool = False) -> Iterator[Session]:
        """A read transaction for a read a rep waits for (`today`, `goal show`).

        On a SQLite file at this reftrack's schema it runs on the stdlib sqlite3 module
        and yields a `store.fast.FastSession`, which only `store.reads.queries` and the
        session's `info` are used on; anywhere else it is `transaction()` (ARCHITECTURE
        rule 13). SQLModel, SQLAlchemy and Alembic are then never imported.
        `before_write`: the reads of a command that writes next, on the fast path only
        where it may write, so a file it may not is refused first, as it always was.
        """
        from reftrack.store import fast

        session = None
        if self._engine is None and (not before_write or self._may_write()):
            session = fast.open_session(self.location)
        if session is None:
            with self.transaction() as full:
                yield full
            return
        try:
            yield cast("Session", session)
        finally:
            session.close()

    def _may_write(self) -> bool:
        """Whether this is a SQLite file reftrack may write (`store.files.writable`)."""
        from reftrack.store import fast, files

        path = fast.sqlite_file(self.location)
        return path is not None and path.is_file() and files.writable(path)

    def close(self) -> None:
        """Let go of the database."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
