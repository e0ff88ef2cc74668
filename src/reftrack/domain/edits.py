"""Edits and deletes as made: the entry, each field changed, what went with it.

Kept apart from entry ids (domain/entries.py), which `today` and `goal show` import:
these values are for `edit`, `delete` and `undo` alone (issue 12).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from reftrack.domain.entries import EntryRef

# A value an edit changes: what the rep typed, made comparable with what is stored.
Value = str | int | float | bool | date | None


@dataclass(frozen=True)
class Change:
    """One field of an entry, before and after an edit."""

    field: str
    before: Value
    after: Value


@dataclass(frozen=True)
class EntrySummary:
    """An entry as a line names it: id, kind, with whom (or what), and its day."""

    ref: EntryRef
    day: date
    about: str | None = None


@dataclass(frozen=True)
class Edited:
    """An edit as made: the entry, and each field that changed."""

    entry: EntrySummary
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Deleted:
    """A delete as made: the entry asked for, and what went with it (`--cascade`)."""

    entry: EntrySummary
    dependants: tuple[EntrySummary, ...] = ()


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[Change, ...]:
    """The fields whose value an edit changes, in the order given."""
    return tuple(
        Change(name, before[name], value)
        for name, value in after.items()
        if name in before and before[name] != value
    )
