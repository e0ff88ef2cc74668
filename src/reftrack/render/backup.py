"""What `backup` and `restore` did, in a line or two, and as JSON."""

from __future__ import annotations

from typing import Any

from reftrack.domain.backups import BackupDone, RestoreDone
from reftrack.domain.contacts import shell_word
from reftrack.render.safe import print_plain


def print_backup(done: BackupDone) -> None:
    """Where the copy is, and how to put it back, as a command that runs as printed.

    Putting it back replaces whatever the database holds by then, which restore does
    only with --force (keeping the replaced file aside), so the command carries it; and
    it names the database, so that run elsewhere (without this run's --db or
    REFTRACK_DB) it puts the copy back where it came from, not over the default one.
    """
    print_plain(f"Backed up {done.database} to {done.backup}.")
    print_plain(f"To put it back: {restore_command(done)}")


def restore_command(done: BackupDone) -> str:
    """The command that puts this backup back over the database it was taken of."""
    database, backup = shell_word(str(done.database)), shell_word(str(done.backup))
    return f"reftrack --db {database} restore {backup} --force"


def backup_document(done: BackupDone) -> dict[str, Any]:
    """The backup as JSON: the database, the copy and its size in bytes."""
    return {"database": str(done.database), "backup": str(done.backup), "bytes": done.size}


def print_restore(done: RestoreDone) -> None:
    """What was restored, from where, and where the replaced file is kept."""
    upgraded = f" (upgraded from schema {done.migrated_from})" if done.migrated_from else ""
    print_plain(f"Restored {done.database} from {done.source}{upgraded}.")
    if done.replaced is not None:
        print_plain(f"The database it replaced is kept as {done.replaced}")


def restore_document(done: RestoreDone) -> dict[str, Any]:
    """The restore as JSON: the database, the backup, the file kept aside, any upgrade."""
    return {
        "database": str(done.database),
        "restored_from": str(done.source),
        "replaced": str(done.replaced) if done.replaced else None,
        "upgraded_from": done.migrated_from,
    }
