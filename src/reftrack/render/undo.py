"""The journal in words: what `undo` took back, and `undo --list`; JSON carries the values."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from reftrack.domain.journal import OperationView
from reftrack.kinds import ChangeKind
from reftrack.render.output import console, plural

# A table's rows in the rep's words: (one, many).
NOUNS: dict[str, tuple[str, str]] = {
    "contact": ("contact", "contacts"),
    "important_date": ("important date", "important dates"),
    "close": ("close", "closes"),
    "ask": ("ask", "asks"),
    "referral": ("referral", "referrals"),
    "referral_event": ("referral step", "referral steps"),
    "thank_you": ("thank-you", "thank-yous"),
    "given_referral": ("given referral", "given referrals"),
    "share": ("share", "shares"),
    "score": ("score", "scores"),
    "goal": ("goal", "goals"),
    "day_off": ("day off", "days off"),
}
# What the command did to rows of each kind, and what undoing it does.
DID = {ChangeKind.insert: "added", ChangeKind.update: "changed", ChangeKind.delete: "deleted"}
UNDID = {
    ChangeKind.insert: "removed",
    ChangeKind.update: "put back",
    ChangeKind.delete: "restored",
}


def _rows(table: str, count: int) -> str:
    one, many = NOUNS.get(table, (table.replace("_", " "), table.replace("_", " ") + "s"))
    return plural(count, one, many)


def changes_text(operation: OperationView, verbs: dict[ChangeKind, str]) -> str:
    """`added 1 ask, 2 referrals; changed 1 contact`, in the order insert, update, delete."""
    parts: list[str] = []
    for kind in ChangeKind:
        counts = [_rows(table, n) for table, k, n in operation.counts if k == kind]
        if counts:
            parts.append(f"{verbs[kind]} {', '.join(counts)}")
    return "; ".join(parts) or "no rows"


def _when(operation: OperationView) -> str:
    return operation.recorded_at.strftime("%Y-%m-%d %H:%M")


def print_undone(operation: OperationView, again: str | None = None) -> None:
    """What `undo` took back, and, while the journal holds more, how to go further."""
    out = console()
    out.print(Text(f"Undid `{operation.command}` (from {_when(operation)}):"))
    out.print(Text(f"  {changes_text(operation, UNDID)}."))
    if again is not None:
        out.print(Text(f"Run `{again}` again to take back the command before it."))


def print_journal(operations: list[OperationView]) -> None:
    """`undo --list`: the commands that wrote, newest first, with what each changed."""
    out = console()
    if not operations:
        out.print(Text("Nothing in the journal: no command has written yet."))
        return
    for operation in operations:
        undone = "  (undone)" if operation.undone_at is not None else ""
        out.print(Text(f"{operation.id:>4}  {_when(operation)}  {operation.command}{undone}"))
        out.print(Text(f"      {changes_text(operation, DID)}"))


def operation_document(operation: OperationView) -> dict[str, Any]:
    """One operation as JSON: when, the command, a summary and every row with its values."""
    return {
        "id": operation.id,
        "command": operation.command,
        "recorded_at": operation.recorded_at,
        "undone_at": operation.undone_at,
        "summary": [
            {"table": table, "kind": kind, "count": count}
            for table, kind, count in operation.counts
        ],
        "changes": [
            {
                "table": change.table,
                "id": change.row_id,
                "kind": change.kind,
                "fields": list(change.fields),
                "before": change.before,
                "after": change.after,
            }
            for change in operation.changes
        ],
    }


def journal_document(operations: list[OperationView]) -> list[dict[str, Any]]:
    """`undo --list --json`: a list of operations, newest first."""
    return [operation_document(operation) for operation in operations]
