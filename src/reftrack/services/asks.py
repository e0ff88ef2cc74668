"""Closes and asks: a deal that ended, and the ask for referrals that follows it."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from reftrack.domain.contacts import ContactRef, clean_optional, shell_word
from reftrack.domain.dates import NEXT_WORKING_REACH, next_working_day
from reftrack.domain.outcomes import ask_outcome
from reftrack.domain.records import AskView, CloseView, ReferralView
from reftrack.domain.reminders import FOLLOWED_UP
from reftrack.errors import ContactNotFound
from reftrack.invocation import reftrack
from reftrack.kinds import Channel, CloseResult, ContactKind, Outcome
from reftrack.services.goals import status_on
from reftrack.services.names import resolve_contact
from reftrack.services.runtime import Runtime
from reftrack.services.views import ask_view, close_view, referral_views
from reftrack.store import fast_writes, reads

if TYPE_CHECKING:
    from sqlmodel import Session

    from reftrack.store.models import Ask, Close, Referral


def record_close(
    rt: Runtime,
    name: str,
    on: date,
    result: CloseResult = CloseResult.won,
    title: str | None = None,
    value_cents: int | None = None,
    crm_id: str | None = None,
) -> CloseView:
    """Record a won or lost deal."""
    with rt.read(before_write=True) as session:  # names resolved on the fast path
        contact = resolve_contact(session, rt, name)
    with rt.write() as session:
        close = _add_close(session, rt, contact, on, result, title, value_cents, crm_id)
    return close_view(close, contact)


def _add_close(
    session: Session,
    rt: Runtime,
    contact: ContactRef,
    on: date,
    result: CloseResult,
    title: str | None,
    value_cents: int | None,
    crm_id: str | None,
) -> Close:
    close: Close = fast_writes.insert(
        session,
        "close",
        rep=rt.rep,
        contact_id=contact.id,
        closed_on=on,
        result=result,
        title=clean_optional(title),
        value_cents=value_cents,
        crm_id=clean_optional(crm_id),
        recorded_at=rt.now,
    )
    return close


@dataclass
class AskDraft:
    """What the rep said about an ask."""

    name: str
    on: date
    outcome: Outcome | None = None
    referrals: list[str] = field(default_factory=list)
    follow_up_on: date | None = None
    channel: Channel | None = None
    note: str | None = None
    close_result: CloseResult | None = None
    deal: str | None = None
    value_cents: int | None = None
    add: bool = False
    company: str | None = None
    kind: ContactKind | None = None


@dataclass(frozen=True)
class AskRecorded:
    """An ask as recorded, the contacts it created, and how many asks today has seen."""

    ask: AskView
    new_contacts: tuple[ContactRef, ...]
    asks_that_day: int
    today: bool = True
    daily_goal: int | None = None
    open_before: tuple[ReferralView, ...] = ()


@dataclass(frozen=True)
class AskContext:
    """What the rep should know before asking a contact: who, and how their last deal ended."""

    contact: ContactRef
    kind: ContactKind
    last_close: CloseResult | None
    open_close: bool = False


def ask_context(rt: Runtime, draft: AskDraft) -> AskContext | None:
    """Who is about to be asked, and their deals; None for someone not yet a contact.

    Without `draft.add`, a name that matches no one (or that the rep did not pick) is None.
    """
    from reftrack.store import queries
    from reftrack.store.models import Contact

    with rt.transaction() as session:
        try:
            contact = _asked_contact(session, rt, draft)
        except ContactNotFound:
            return None
        if contact is None:
            return None
        row = session.get(Contact, contact.id)
        close = queries.latest_close(session, contact.id)
        kind = row.kind if row else ContactKind.customer
        pending = queries.latest_close_without_ask(session, contact.id, draft.on)
        return AskContext(contact, kind, close.result if close else None, pending is not None)


def _asked_contact(session: Session, rt: Runtime, draft: AskDraft) -> ContactRef | None:
    """The contact asked; None when `--add` names someone not yet known (added on writing).

    With `--add` the name is taken as typed, as a `--referral` is: a contact of exactly
    that name (and company, when given) is used; a prefix or a near miss is not.
    """
    if draft.add:
        from reftrack.services.referrals import prospect_named

        return prospect_named(session, rt, _person(draft), "NAME")[2]
    try:
        return resolve_contact(session, rt, draft.name)
    except ContactNotFound as missing:
        missing.fix = (
            f"to add them as you ask: {_with_add(rt, draft.name)} (--company and --kind may follow)"
        )
        raise


def _with_add(rt: Runtime, name: str) -> str:
    """The ask as the rep typed it (its --on, --outcome, --note… kept) with `--add` after
    the name: pasted, it records that same ask and adds the contact."""
    words = shlex.split(rt.command)[1:]
    while words[:1] == ["--rep"] or (words[:1] and words[0].startswith("--rep=")):
        words = words[2:] if words[0] == "--rep" else words[1:]  # reftrack() carries it
    rest = words[1:] if words[:1] == ["ask"] else []
    if name in rest:
        rest.remove(name)
    options = "".join(f" {shell_word(word)}" for word in rest if word != "--")
    return f"{reftrack()} ask {shlex.quote(name)} --add{options}"


def _person(draft: AskDraft) -> str:
    """The asked person as a `--referral` would spell them: NAME or NAME (COMPANY)."""
    return f"{draft.name} ({draft.company})" if draft.company else draft.name


def _add_asked(session: Session, rt: Runtime, draft: AskDraft) -> tuple[ContactRef, bool]:
    """The contact `--add` names: found by exact name now, else created as asked."""
    from reftrack.services.referrals import added_or_found, prospect_named
    from reftrack.store.models import Contact

    name, company, found = prospect_named(session, rt, _person(draft), "NAME")
    if found is not None:
        return found, False
    contact = Contact(
        rep=rt.rep,
        name=name,
        company=company,
        kind=draft.kind or ContactKind.customer,
        recorded_at=rt.now,
    )
    return added_or_found(session, rt, contact, _person(draft), "NAME")


def _next_working_day(session: Session, rt: Runtime, day: date) -> date:
    """The day itself if it is a working day, else the next one, by the rep's days off."""
    reach = day + timedelta(days=NEXT_WORKING_REACH)
    off = {d.day for d in reads.queries.days_off(session, rt.rep, day, reach)}
    return next_working_day(day, rt.settings.workdays, off)


def follow_up_day(session: Session, rt: Runtime, asked_on: date) -> date:
    """When an ask followed up is due by default: follow_up_days on, on a working day."""
    return _next_working_day(session, rt, asked_on + timedelta(days=rt.settings.follow_up_days))


def _add_referrals(
    session: Session,
    rt: Runtime,
    draft: AskDraft,
    contact: ContactRef,
    ask_id: int,
    new_contacts: list[ContactRef],
) -> list[Referral]:
    """The referrals the names of an ask bring, each prospect found or added as a contact."""
    if not draft.referrals:
        return []
    from reftrack.services.referrals import add_referral_row, new_prospect

    rows: list[Referral] = []
    for text in draft.referrals:
        prospect, created = new_prospect(session, rt, text, "--referral")
        if created:
            new_contacts.append(prospect)
        rows.append(add_referral_row(session, rt, contact, prospect, draft.on, ask_id))
    session.flush()
    return rows


def record_ask(rt: Runtime, draft: AskDraft) -> AskRecorded:
    """Record an ask (and the close it follows, when given), and each name it brought."""
    outcome = ask_outcome(draft.outcome, draft.referrals, draft.follow_up_on, draft.on)
    # These reads, and the write after them, are on the fast path (stdlib sqlite3, SQL
    # compiled ahead from SQLModel): a rep waits for an ask right after a close (issue 12).
    # `--add` looks a name up by its fold, a read only the full path has.
    with rt.transaction() if draft.add else rt.read(before_write=True) as session:
        contact = _asked_contact(session, rt, draft)
        follow_up = draft.follow_up_on
        if follow_up is None and outcome in FOLLOWED_UP:
            follow_up = follow_up_day(session, rt, draft.on)
        # The day's goal is fixed at its start, so the ask about to be written cannot move it.
        status = status_on(session, rt, draft.on)
    # A new contact (`--add`, a `--referral`) is written by the full path alone.
    with rt.write(full=draft.add or bool(draft.referrals)) as session:
        new_contacts: list[ContactRef] = []
        if contact is None:
            # Again under the write lock: the same contact may have been added meanwhile.
            contact, created = _add_asked(session, rt, draft)
            if created:
                new_contacts.append(contact)
        if draft.close_result is not None:
            close: Close | None = _add_close(
                session,
                rt,
                contact,
                draft.on,
                draft.close_result,
                draft.deal,
                draft.value_cents,
                None,
            )
        else:
            close = reads.queries.latest_close_without_ask(session, contact.id, draft.on)
        ask: Ask = fast_writes.insert(
            session,
            "ask",
            rep=rt.rep,
            contact_id=contact.id,
            close_id=close.id if close else None,
            asked_on=draft.on,
            outcome=outcome,
            channel=draft.channel,
            follow_up_on=follow_up if outcome in FOLLOWED_UP else None,
            note=clean_optional(draft.note),
            recorded_at=rt.now,
        )
        assert ask.id is not None
        rows = _add_referrals(session, rt, draft, contact, ask.id, new_contacts)
        asks_that_day = reads.queries.asks_on(session, rt.rep, draft.on)
    referrals: list[ReferralView] = []
    earlier: tuple[ReferralView, ...] = ()
    if rows:
        from reftrack.services.referrals import open_before

        with rt.transaction() as session:
            referrals = referral_views(session, rows)
            earlier = tuple(open_before(session, rt, rows))
    view = ask_view(ask, contact, close_view(close, contact) if close else None, referrals)
    return AskRecorded(
        view,
        tuple(new_contacts),
        asks_that_day,
        draft.on == rt.today,
        status.daily_goal if status else None,
        earlier,
    )
