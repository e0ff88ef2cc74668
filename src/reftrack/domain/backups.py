"""What `backup` and `restore` did, as values for the renderers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BackupDone:
    """Where a backup went, from which database, and its size."""

    database: Path
    backup: Path
    size: int


@dataclass(frozen=True)
class RestoreDone:
    """What a restore replaced, from which backup, and where the old file was kept."""

    database: Path
    source: Path
    replaced: Path | None
    migrated_from: str | None
