"""What an import did: each record added, matched, skipped or refused, and the counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from reftrack.domain.contacts import clean_name
from reftrack.domain.dates import parse_month_day
from reftrack.domain.imports import BadRow
from reftrack.domain.numbers import LARGEST_ID, RATE, SCORE, TARGET
from reftrack.domain.records import AMOUNTS, MAXIMUM_CENTS
from reftrack.errors import ReftrackError, UsageProblem
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


# What a record of an export must hold beyond its types: what `reftrack` itself refuses
# when the record is typed (a name, a score from 1 to 5, a goal, an amount, a day).
_NAMES = {ExportKind.contacts: "name"}
_SCORES = ("liking", "reciprocity", "credibility", "commitment")


def _typed_day(values: dict[str, Any]) -> str:
    """A date record as a rep types it: `YYYY-MM-DD` with its year, else `MM-DD`."""
    try:
        return "{year:04d}-{month:02d}-{day:02d}".format_map(values)
    except (TypeError, ValueError):  # no year (None)
        return "{month:02d}-{day:02d}".format_map(values)


def record_problem(kind: ExportKind, values: dict[str, Any]) -> str | None:
    """Why a record read from an export cannot be stored as it is; None when it can."""
    for name, value in values.items():
        if isinstance(value, int) and not isinstance(value, bool):
            if name == "id" or name.endswith("_id"):
                if not 1 <= value <= LARGEST_ID:
                    return f"{name} {value} is not a record number (1 to {LARGEST_ID})"
            elif name == "value_cents" and not 0 <= value <= MAXIMUM_CENTS:
                return f"value_cents {value} is out of range ({AMOUNTS})"
    name_field = _NAMES.get(kind)
    try:
        if name_field is not None:
            clean_name(values[name_field] or "")
        if kind == ExportKind.dates:
            parse_month_day(_typed_day(values), "month and day")
    except (UsageProblem, ValueError, TypeError) as problem:
        return str(problem.args[0]) if problem.args else "not a valid record"
    if kind == ExportKind.scores:
        for score in _SCORES:
            if values.get(score) is not None and not SCORE.holds(values[score]):
                return f"{score} {values[score]} is out of range; {SCORE.says}"
    if kind == ExportKind.goals:
        if not TARGET.holds(values["target"]):
            return f"target {values['target']} is out of range; {TARGET.says}"
        if values.get("rate") is not None and not RATE.holds(values["rate"]):
            return f"rate {values['rate']} is out of range; {RATE.says}"
    return None
