"""From a name the rep typed to the one contact it means, on either read path."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reftrack.domain.contacts import ContactRef, match_name
from reftrack.errors import AmbiguousContact, ContactNotFound
from reftrack.services.runtime import Runtime
from reftrack.store import reads

if TYPE_CHECKING:
    from sqlmodel import Session


def resolve_contact(
    session: Session, rt: Runtime, query: str, include_archived: bool = False
) -> ContactRef:
    """The one contact a typed name means, asking the rep to pick on a terminal if need be."""
    # On either path: a write resolves its names in a read on the fast one (issue 12).
    refs = [
        ContactRef(id, name, company)
        for id, name, company in reads.queries.contact_names(session, rt.rep, include_archived)
    ]
    match = match_name(query, refs)
    if match.found:
        return match.found
    if match.candidates:
        chosen = rt.choose(query, list(match.candidates), True) if rt.choose else None
        if chosen is None:
            raise AmbiguousContact(query, [c.label for c in match.candidates])
        return chosen
    if match.suggestions and rt.choose:
        chosen = rt.choose(query, list(match.suggestions), False)
        if chosen is not None:
            return chosen
    raise ContactNotFound(query, [c.label for c in match.suggestions])
