"""Edits and deletes as the rep reads them (before → after), and as JSON values."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from reftrack.domain.edits import Deleted, Edited, EntrySummary, Value
from reftrack.domain.records import format_amount
from reftrack.kinds import EntryKind
from reftrack.render.output import console

KIND_WORDS = {
    EntryKind.close: "close",
    EntryKind.ask: "ask",
    EntryKind.referral: "referral",
    EntryKind.event: "referral step",
    EntryKind.thank: "thank-you",
    EntryKind.give: "introduction given",
    EntryKind.share: "share",
    EntryKind.score: "score",
    EntryKind.day_off: "day off",
    EntryKind.goal: "goal",
}
# Fields that hold money in cents.
MONEY = ("value",)


def entry_text(entry: EntrySummary) -> str:
    """`c12 (close, Jane Doe, 2026-11-20)`: an entry named in a sentence."""
    about = f", {entry.about}" if entry.about else ""
    when = "from " if entry.ref.kind == EntryKind.goal else ""
    return f"{entry.ref} ({KIND_WORDS[entry.ref.kind]}{about}, {when}{entry.day})"


def _value_text(field: str, value: Value) -> str:
    if value is None:
        return "(none)"
    if field in MONEY and isinstance(value, int):
        return format_amount(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _value_json(field: str, value: Value) -> Value:
    if field in MONEY and isinstance(value, int) and not isinstance(value, bool):
        return value / 100
    return value


def print_edited(edited: Edited) -> None:
    """What changed, field by field: before → after."""
    out = console()
    if not edited.changes:
        out.print(Text(f"Nothing changed: {entry_text(edited.entry)} already says so."))
        return
    out.print(Text(f"Edited {entry_text(edited.entry)}:"))
    for change in edited.changes:
        before = _value_text(change.field, change.before)
        after = _value_text(change.field, change.after)
        out.print(Text(f"  {change.field.replace('_', ' ')}: {before} → {after}"))


def entry_document(entry: EntrySummary) -> dict[str, Any]:
    """An entry as JSON: id, kind, day, whom it is about."""
    return {
        "id": str(entry.ref),
        "kind": entry.ref.kind,
        "date": entry.day,
        "contact": entry.about,
    }


def edited_document(edited: Edited) -> dict[str, Any]:
    """`edit --json`: the entry and each change."""
    return {
        **entry_document(edited.entry),
        "changes": [
            {
                "field": c.field,
                "before": _value_json(c.field, c.before),
                "after": _value_json(c.field, c.after),
            }
            for c in edited.changes
        ],
    }


def print_deleted(deleted: Deleted) -> None:
    """The entry deleted, and what went with it."""
    out = console()
    out.print(Text(f"Deleted {entry_text(deleted.entry)}."))
    if deleted.dependants:
        out.print(Text("With it:"))
        for entry in deleted.dependants:
            out.print(Text(f"  {entry_text(entry)}"))


def deleted_document(deleted: Deleted) -> dict[str, Any]:
    """`delete --json`: the entry, and every entry deleted (it first)."""
    return {
        "id": str(deleted.entry.ref),
        "deleted": [entry_document(e) for e in (deleted.entry, *deleted.dependants)],
    }


def confirm_text(deleted: Deleted) -> str:
    """The question asked on a terminal before a delete."""
    extra = f" and {len(deleted.dependants)} entries with it" if deleted.dependants else ""
    return f"Delete {entry_text(deleted.entry)}{extra}?"


def print_goals_removed(removed: list[EntrySummary]) -> None:
    """The goals removed."""
    out = console()
    for entry in removed:
        out.print(Text(f"Removed {entry_text(entry)}."))


def goals_removed_document(removed: list[EntrySummary]) -> dict[str, Any]:
    """`goal rm --json`: the goals removed, each with the day it took effect."""
    return {"removed": [{"id": str(e.ref), "from": e.day} for e in removed]}
