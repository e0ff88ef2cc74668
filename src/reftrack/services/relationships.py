"""Keeping referrers close: thank-yous, introductions given back, shared content, scorecards."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from reftrack.domain.contacts import ContactRef, clean_name, clean_optional
from reftrack.domain.records import GivenView, ScoreView, ShareView, merge_score
from reftrack.errors import ReftrackError
from reftrack.invocation import reftrack
from reftrack.services.names import resolve_contact
from reftrack.services.runtime import Runtime
from reftrack.services.views import (
    given_view,
    refs_by_id,
    score_view,
    score_views,
    share_view,
)
from reftrack.store import queries
from reftrack.store.models import GivenReferral, Score, Share


def record_given(
    rt: Runtime,
    name: str,
    prospect: str,
    on: date,
    company: str | None = None,
    note: str | None = None,
) -> tuple[GivenView, int]:
    """Record an introduction given to a contact; also return how many they have had."""
    with rt.read(before_write=True) as session:  # the name resolved on the fast path (issue 12)
        contact = resolve_contact(session, rt, name)
    with rt.transaction(write=True) as session:
        row = GivenReferral(
            rep=rt.rep,
            contact_id=contact.id,
            prospect=clean_name(prospect, "--to name"),
            company=clean_optional(company),
            given_on=on,
            note=clean_optional(note),
            recorded_at=rt.now,
        )
        session.add(row)
        session.flush()
        view = given_view(row, contact)
        return view, queries.given_count(session, contact.id)


def record_share(
    rt: Runtime,
    names: list[str],
    content: str | None,
    on: date,
    url: str | None = None,
    forwarded: bool = False,
) -> list[ShareView]:
    """Record content sent to contacts; `forwarded` marks an earlier share as passed on.

    With `forwarded` and no content, each contact's latest share is the one passed on.
    """
    title = clean_name(content, "--content title") if content is not None else None
    with rt.transaction() as session:
        contacts = list(dict.fromkeys(resolve_contact(session, rt, name) for name in names))
        for contact in contacts:
            _earlier_share(session, contact, title, forwarded)
    with rt.transaction(write=True) as session:
        views = []
        for contact in contacts:
            # Again under the write lock: the share to mark may have changed meanwhile.
            earlier = _earlier_share(session, contact, title, forwarded)
            row = earlier or Share(
                rep=rt.rep,
                contact_id=contact.id,
                shared_on=on,
                content=title or "",
                url=clean_optional(url),
                recorded_at=rt.now,
            )
            row.forwarded = row.forwarded or forwarded
            if url and earlier:
                row.url = clean_optional(url)
            session.add(row)
            session.flush()
            views.append(share_view(row, contact))
        return views


def _earlier_share(
    session: Session, contact: ContactRef, title: str | None, forwarded: bool
) -> Share | None:
    """The share a `--forwarded` marks as passed on, if any; a ReftrackError if one is needed."""
    earlier = queries.share_of(session, contact.id, title) if forwarded else None
    if title is None and earlier is None:
        raise ReftrackError(
            f"nothing was shared with {contact.label} yet",
            f"record it first: {reftrack()} share <name> --content <title>",
        )
    return earlier


def list_shares(rt: Runtime) -> list[ShareView]:
    """Every share, newest first."""
    with rt.transaction() as session:
        rows = queries.shares(session, rt.rep)
        refs = refs_by_id(session, [r.contact_id for r in rows])
        return [share_view(r, refs[r.contact_id]) for r in rows]


def record_score(
    rt: Runtime, name: str, on: date, note: str | None = None, **factors: int | None
) -> ScoreView:
    """Add a scorecard: the factors given, the rest carried from the latest card."""
    with rt.transaction() as session:
        contact = resolve_contact(session, rt, name)
        latest = queries.latest_score(session, contact.id)
        merge_score(score_view(latest, contact) if latest else None, **factors)
    with rt.transaction(write=True) as session:
        # Merged again under the write lock, with the card that is latest now.
        latest = queries.latest_score(session, contact.id)
        merged = merge_score(score_view(latest, contact) if latest else None, **factors)
        row = Score(
            rep=rt.rep,
            contact_id=contact.id,
            scored_on=on,
            note=clean_optional(note),
            recorded_at=rt.now,
            **merged,
        )
        session.add(row)
    with rt.transaction() as session:
        return score_views(session, [row])[0]


def list_scores(rt: Runtime) -> list[ScoreView]:
    """Each contact's latest scorecard, strongest relationship first."""
    with rt.transaction() as session:
        views = score_views(session, queries.latest_scores(session, rt.rep))
        return sorted(views, key=lambda v: (-v.strength, v.contact.label.casefold()))
