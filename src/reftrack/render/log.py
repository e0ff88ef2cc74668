"""The log: one line a record, newest first; the wording is made here, JSON carries values."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.table import Table
from rich.text import Text

from reftrack.domain.history import LogEntry, ReferralStep
from reftrack.domain.records import (
    AskView,
    CloseView,
    GivenView,
    ScoreView,
    ShareView,
    ThankYouView,
    format_amount,
)
from reftrack.invocation import reftrack
from reftrack.kinds import ReferralEventKind, ReferralStatus, ThankKind
from reftrack.render.output import console, keep_whole


def _amount(cents: int | None) -> float | None:
    return cents / 100 if cents is not None else None


def log_text(entry: LogEntry) -> str:
    """What an entry says, in the rep's words."""
    record = entry.record
    if isinstance(record, CloseView):
        value = f", {format_amount(record.value_cents)}" if record.value_cents else ""
        title = f" “{record.title}”" if record.title else ""
        return f"deal {record.result}{title}{value}"
    if isinstance(record, AskView):
        channel = f" ({record.channel})" if record.channel else ""
        follow = f", follow up {record.follow_up_on}" if record.follow_up_on else ""
        return f"asked{channel}: {record.outcome}{follow}"
    if isinstance(record, ReferralStep):
        referral, event = record.referral, record.event
        if event.kind == ReferralEventKind.inform:
            told = record.status or ReferralStatus.new
            return f"told how {referral.prospect.label} is going ({told})"
        if event.status == ReferralStatus.new:
            return f"referred by {referral.referrer.label}"
        won = event.status == ReferralStatus.won and referral.value_cents
        value = f", {format_amount(referral.value_cents)}" if won else ""
        return f"referral now {event.status}{value}"
    if isinstance(record, ThankYouView):
        if record.kind == ThankKind.gift:
            what = f"gift: {record.gift}" if record.gift else "gift"
        elif record.kind == ThankKind.call:
            what = "thank-you call"
        else:
            what = "thank-you note"
        prospect = record.referral_prospect
        return f"{what} for {prospect.label}" if prospect else what
    if isinstance(record, GivenView):
        company = f" ({record.company})" if record.company else ""
        return f"introduced to {record.prospect}{company}"
    if isinstance(record, ShareView):
        passed = ", passed on" if record.forwarded else ""
        return f"shared “{record.content}”{passed}"
    factors = (
        ("L", record.liking),
        ("R", record.reciprocity),
        ("Cr", record.credibility),
        ("Co", record.commitment),
    )
    return "scored " + " ".join(f"{name}{value}" for name, value in factors if value is not None)


def _details(record: Any) -> dict[str, Any]:
    """The values of an entry's record, by kind, for JSON."""
    if isinstance(record, CloseView):
        return {
            "close": record.id,
            "result": record.result,
            "deal": record.title,
            "value": _amount(record.value_cents),
        }
    if isinstance(record, AskView):
        return {
            "ask": record.id,
            "outcome": record.outcome,
            "channel": record.channel,
            "follow_up_on": record.follow_up_on,
        }
    if isinstance(record, ReferralStep):
        referral, event = record.referral, record.event
        return {
            "referral": referral.id,
            "referrer": referral.referrer.label,
            "prospect": referral.prospect.label,
            "status": record.status,
            "value": _amount(referral.value_cents) if event.status == ReferralStatus.won else None,
        }
    if isinstance(record, ThankYouView):
        prospect = record.referral_prospect
        return {
            "thank_you": record.id,
            "how": record.kind,
            "gift": record.gift,
            "for": prospect.label if prospect else None,
        }
    if isinstance(record, GivenView):
        return {"given": record.id, "to": record.prospect, "company": record.company}
    if isinstance(record, ShareView):
        return {
            "share": record.id,
            "content": record.content,
            "url": record.url,
            "forwarded": record.forwarded,
        }
    assert isinstance(record, ScoreView)
    return {
        "liking": record.liking,
        "reciprocity": record.reciprocity,
        "credibility": record.credibility,
        "commitment": record.commitment,
    }


def log_document(entry: LogEntry) -> dict[str, Any]:
    """A log entry as a JSON object: its values, no sentences."""
    return {
        "id": str(entry.ref) if entry.ref else None,
        "date": entry.day,
        "kind": entry.kind,
        "contact": entry.contact.label,
        "note": entry.note,
        **_details(entry.record),
    }


def print_log(entries: list[LogEntry], since: date | None = None) -> None:
    """One line a record, newest first, notes beside."""
    out = console()
    if not entries and since is not None:
        out.print(f"Nothing recorded since {since}.")
        return
    if not entries:
        out.print(f"Nothing recorded yet. After your next close: {reftrack()} ask NAME")
        return
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column(style="dim")
    table.add_column(style="dim")
    table.add_column(style="bold")
    table.add_column()
    table.add_column()
    for entry in entries:
        text = Text(log_text(entry))
        if entry.note:
            text.append(f" — {entry.note}", style="italic")
        table.add_row(
            str(entry.ref or ""), str(entry.day), str(entry.kind), Text(entry.contact.label), text
        )
    out.print(keep_whole(table, 0, 1, 2))
