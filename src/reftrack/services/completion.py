"""Completing a contact's name in the shell: a read a rep waits for at every TAB.

Kept free of SQLModel: on a SQLite file at this reftrack's schema it reads through the
stdlib sqlite3 module (`Runtime.read`, ARCHITECTURE rule 13; issue 12).
"""

from __future__ import annotations

from reftrack.domain.contacts import ContactRef, completions
from reftrack.services.runtime import Runtime
from reftrack.store.reads import queries


def complete_names(rt: Runtime, prefix: str) -> list[str]:
    """Contact names matching what has been typed, as name lookup matches, for completion."""
    with rt.read() as session:
        rows = queries.contact_names(session, rt.rep)
    return completions(prefix, [ContactRef(id, name, company) for id, name, company in rows])
