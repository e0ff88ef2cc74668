"""When a record being imported is one the rep already has: one rule for every import.

A CSV or vCard row and a record of a reftrack export are matched alike
(docs/import-export.md, "How records are matched"): a contact by its e-mail address (the
one of the same name when several share it), else by name and company; a close by its
contact, day and deal name. Text is compared folded: without case, spacing collapsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

Known = TypeVar("Known")


def fold(text: str | None) -> str:
    """Text as a match compares it: without case, runs of spacing as one space."""
    return " ".join((text or "").split()).casefold()


def close_key(contact: int, closed_on: date, title: str | None) -> tuple[int, date, str]:
    """What makes two closes the same one: the contact, the day and the deal's name."""
    return (contact, closed_on, fold(title))


@dataclass
class KnownContacts(Generic[Known]):
    """The contacts there already (and those an import adds as it goes), found by the rule."""

    by_email: dict[str, list[tuple[str, Known]]] = field(default_factory=dict)
    by_name: dict[tuple[str, str], Known] = field(default_factory=dict)

    def remember(self, known: Known, name: str, company: str | None, email: str | None) -> None:
        """Know a contact from now on, by its e-mail and by its name and company."""
        if email:
            self.by_email.setdefault(fold(email), []).append((fold(name), known))
        self.by_name.setdefault((fold(name), fold(company)), known)

    def find(self, name: str, company: str | None, email: str | None) -> Known | None:
        """The contact a person is: by e-mail (the one of that name if several share it,
        else the first), then by name and company; None for someone new."""
        sharing = self.by_email.get(fold(email), []) if email else []
        named = [known for known_name, known in sharing if known_name == fold(name)]
        if named or sharing:
            return (named or [known for _name, known in sharing])[0]
        return self.by_name.get((fold(name), fold(company)))
