"""What an import did: each record added, matched, skipped or refused, and the counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from reftrack.domain.imports import BadRow
from reftrack.errors import ReftrackError
from reftrack.kinds import ExportKind, ImportAction, ImportFormat

# The version of the export's JSON schema (docs/import-export.md); a newer one is refused.
EXPORT_VERSION = 1


@dataclass(frozen=True)
class ImportItem:
    """One record of the file and what became of it."""

    action: ImportAction
    kind: ExportKind | None
    label: str
    line: int | None = None
    reason: str | None = None


@dataclass
class ImportReport:
    """Everything an import did or would do, in the order of the file."""

    file: str
    source: ImportFormat
    dry_run: bool
    items: list[ImportItem] = field(default_factory=list)

    def count(self, action: ImportAction) -> dict[ExportKind, int]:
        """How many records of each kind got `action`."""
        found = Counter(i.kind for i in self.items if i.action == action and i.kind is not None)
        return {kind: found[kind] for kind in ExportKind if found[kind]}

    def rows(self, action: ImportAction) -> int:
        """How many items got `action` (bad and skipped rows have no kind)."""
        return sum(1 for i in self.items if i.action == action)

    @property
    def written(self) -> bool:
        """Whether anything was (or would be) added."""
        return any(i.action == ImportAction.added for i in self.items)


def refuse_bad_rows(bad: list[BadRow], file: str) -> None:
    """Raise one line naming the bad rows (at most five): nothing is imported."""
    if not bad:
        return
    shown = "; ".join(f"line {b.line}: {b.problem}" for b in bad[:5])
    more = f"; and {len(bad) - 5} more" if len(bad) > 5 else ""
    rows = "1 bad row" if len(bad) == 1 else f"{len(bad)} bad rows"
    raise ReftrackError(
        f"{file}: {rows}, nothing imported — {shown}{more}",
        "correct them, or pass --skip-bad to import the other rows",
    )
