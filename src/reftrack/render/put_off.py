"""Items of `today` snoozed, dismissed or brought back, as text or JSON."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text

from reftrack.domain.put_off import PutOffItem
from reftrack.domain.records import Balance
from reftrack.domain.reminders import DateAhead
from reftrack.invocation import reftrack
from reftrack.render.output import console
from reftrack.render.reminders import reminder_text


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def put_off_document(entry: PutOffItem) -> dict[str, Any]:
    """One item put off: its key, what it is about, until when (none: dismissed)."""
    item = entry.item
    return {
        "key": entry.key,
        "kind": str(item.kind) if item else None,
        "contact": item.contact.label if item else None,
        "text": reminder_text(item) if item else None,
        "until": entry.until,
        "dismissed": entry.dismissed,
    }


def _line(entry: PutOffItem, verb: str = "", when: str = "") -> Text:
    """`VERB KEY WHEN: what the item says`, the key in bold."""
    line = Text(f"{verb} " if verb else "")
    line.append(entry.key, style="bold")
    line.append(when)
    if entry.item is not None:
        line.append(": ")
        line.append(reminder_text(entry.item))
    return line


def _comes_back(entry: PutOffItem) -> str:
    """When a dismissed item shows again."""
    about = entry.item.about if entry.item else None
    if isinstance(about, Balance):
        return "It comes back when the balance changes."
    if isinstance(about, DateAhead):
        return "It comes back next year."
    return (
        f"It comes back only if it changes; `{reftrack()} unsnooze {entry.key}` brings it back now."
    )


def print_snoozed(entry: PutOffItem) -> None:
    """What was snoozed, and the day it comes back."""
    when = f" until {_day(entry.until)}" if entry.until else ""
    console().print(_line(entry, "Snoozed", when))


def print_dismissed(entry: PutOffItem) -> None:
    """What was dismissed, and what brings it back."""
    out = console()
    out.print(_line(entry, "Dismissed"))
    out.print(Text(_comes_back(entry), style="dim"))


def print_brought_back(entry: PutOffItem) -> None:
    """What is no longer put off, and whether today's list shows it."""
    was = "dismissed" if entry.dismissed else "snoozed"
    out = console()
    out.print(_line(entry, "Brought back", f" (was {was})"))
    if entry.item is None:
        out.print(Text("It is not due today; it shows when it is.", style="dim"))


def print_put_off_list(entries: list[PutOffItem]) -> None:
    """Snoozed items with the day each comes back, then dismissed ones."""
    out = console()
    if not entries:
        out.print(Text("Nothing snoozed or dismissed."))
        return
    snoozed = [e for e in entries if not e.dismissed]
    dismissed = [e for e in entries if e.dismissed]
    if snoozed:
        out.print(Text("Snoozed", style="bold"))
        for entry in snoozed:
            line = Text(f"  until {_day(entry.until)}  " if entry.until else "  ")
            line.append(_line(entry))
            out.print(line)
    if dismissed:
        out.print(Text("Dismissed", style="bold"))
        for entry in dismissed:
            out.print(Text("  ").append(_line(entry)))
    out.print(Text(f"Bring one back: {reftrack()} unsnooze <key>", style="dim"))
