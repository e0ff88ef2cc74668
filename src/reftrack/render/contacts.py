"""Contacts as tables, cards and JSON."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from reftrack.domain.contacts import ContactCard
from reftrack.invocation import reftrack
from reftrack.render.output import console, keep_whole


def contact_document(card: ContactCard) -> dict[str, Any]:
    """A contact as a JSON object."""
    birthday = card.birthday
    return {
        "id": card.id,
        "name": card.name,
        "company": card.company,
        "label": card.label,
        "kind": card.kind,
        "email": card.email,
        "phone": card.phone,
        "note": card.note,
        "archived": card.archived,
        "birthday": birthday.text if birthday else None,
        "dates": [{"label": d.label, "date": d.text} for d in card.dates],
    }


def print_contact_list(cards: list[ContactCard]) -> None:
    """Contacts one a row: name, company, kind, e-mail, phone."""
    out = console()
    if not cards:
        out.print(
            f'No contacts yet. Add one with: {reftrack()} contact add "Jane Doe" --company Acme'
        )
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    for heading in ("name", "company", "kind", "email", "phone"):
        table.add_column(heading)
    for card in cards:
        name = Text(card.name, style="dim" if card.archived else "")
        if card.archived:
            name.append(" (archived)")
        table.add_row(
            name,
            Text(card.company or ""),
            card.kind,
            Text(card.email or ""),
            Text(card.phone or ""),
        )
    out.print(keep_whole(table, 4))
    out.print(f"{len(cards)} contact{'s' if len(cards) != 1 else ''}", style="dim")


def print_contact_card(card: ContactCard, verb: str | None = None) -> None:
    """One contact: who they are and how to reach them."""
    out = console()
    if verb:
        out.print(Text.assemble(f"{verb} ", (card.label, "bold"), f" ({card.kind})"))
        return
    title = Text(card.label, style="bold")
    title.append(f"  {card.kind}", style="cyan")
    if card.archived:
        title.append("  archived", style="dim")
    out.print(title)
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="dim")
    fields.add_column()
    for label, value in (("email", card.email), ("phone", card.phone), ("note", card.note)):
        if value:
            fields.add_row(label, Text(value))
    for day in card.dates:
        fields.add_row(day.label, day.text)
    if fields.row_count:
        out.print(fields)
