"""The ask loop: closes, asks, referrals followed through, thank-yous, giving back, scores."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session

from reftrack.domain.contacts import ContactRef, clean_name, clean_optional
from reftrack.domain.dates import is_working_day
from reftrack.domain.records import (
    AskView,
    CloseView,
    GivenView,
    ReferralEventView,
    ReferralView,
    ScoreView,
    ShareView,
    ThankYouView,
    merge_score,
    parse_person,
)
from reftrack.errors import AmbiguousContact, ReftrackError, UsageProblem
from reftrack.kinds import (
    Channel,
    CloseResult,
    ContactKind,
    Outcome,
    ReferralEventKind,
    ReferralStatus,
    ThankKind,
)
from reftrack.services.contacts import resolve_contact
from reftrack.services.runtime import Runtime
from reftrack.store import queries
from reftrack.store.models import (
    Ask,
    Close,
    Contact,
    GivenReferral,
    Referral,
    ReferralEvent,
    Score,
    Share,
    ThankYou,
)


def refs_by_id(session: Session, ids: Sequence[int]) -> dict[int, ContactRef]:
    """Contact references by id, each contact read once per session."""
    known: dict[int, ContactRef] = session.info.setdefault("contact_refs", {})
    archived: set[int] = session.info.setdefault("archived_contacts", set())
    missing = {id for id in ids if id not in known}
    for id, (name, company, is_archived) in queries.contact_refs(session, missing).items():
        known[id] = ContactRef(id, name, company)
        if is_archived:
            archived.add(id)
    return {id: known[id] for id in ids if id in known}


def close_view(close: Close, contact: ContactRef) -> CloseView:
    """A stored close as a domain value."""
    assert close.id is not None
    return CloseView(
        close.id,
        contact,
        close.closed_on,
        close.result,
        close.title,
        close.value_cents,
        close.crm_id,
    )


def referral_views(
    session: Session,
    rows: Sequence[Referral],
    with_history: bool = True,
    with_thanks: bool = True,
) -> list[ReferralView]:
    """Stored referrals as domain values, with their history and whether they were thanked.

    `today` leaves out what a rule does not need, so it reads no more than it shows.
    """
    ids = [r.id for r in rows if r.id is not None]
    refs = refs_by_id(session, [r.referrer_id for r in rows] + [r.prospect_id for r in rows])
    history: dict[int, list[ReferralEventView]] = {}
    if with_history:
        for event in queries.referral_events(session, ids):
            history.setdefault(event.referral_id, []).append(
                ReferralEventView(event.happened_on, event.kind, event.status, event.note)
            )
    thanked = queries.thank_you_days(session, [r.referrer_id for r in rows]) if with_thanks else {}
    return [
        ReferralView(
            id=r.id or 0,
            referrer=refs[r.referrer_id],
            prospect=refs[r.prospect_id],
            received_on=r.received_on,
            status=r.status,
            status_changed_on=r.status_changed_on,
            informed_on=r.informed_on,
            value_cents=r.value_cents,
            note=r.note,
            thanked=any(day >= r.received_on for day in thanked.get(r.referrer_id, [])),
            history=tuple(history.get(r.id or 0, ())),
        )
        for r in rows
    ]


# Closes


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
    with rt.transaction(write=True) as session:
        contact = resolve_contact(session, rt, name)
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
    close = Close(
        rep=rt.rep,
        contact_id=contact.id,
        closed_on=on,
        result=str(result),
        title=clean_optional(title),
        value_cents=value_cents,
        crm_id=clean_optional(crm_id),
        recorded_at=rt.now,
    )
    session.add(close)
    session.flush()
    return close


# Asks


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


@dataclass(frozen=True)
class AskRecorded:
    """An ask as recorded, the contacts it created, and how many asks today has seen."""

    ask: AskView
    new_contacts: tuple[ContactRef, ...]
    asks_that_day: int
    today: bool = True
    daily_goal: int | None = None


@dataclass(frozen=True)
class AskContext:
    """What the rep should know before asking a contact: who, and how their last deal ended."""

    contact: ContactRef
    kind: str
    last_close: str | None


def ask_context(rt: Runtime, name: str) -> AskContext:
    """Who is about to be asked, and whether their latest deal was won or lost."""
    with rt.transaction() as session:
        contact = resolve_contact(session, rt, name)
        row = session.get(Contact, contact.id)
        close = queries.latest_close(session, contact.id)
        return AskContext(contact, row.kind if row else "customer", close.result if close else None)


def _prospect(session: Session, rt: Runtime, text: str, option: str) -> tuple[ContactRef, bool]:
    """The contact a referral names: an existing one by exact name, else a new prospect."""
    name, company = parse_person(text, option)
    name = clean_name(name)
    same = [
        c
        for c in queries.contacts_named(session, rt.rep, name)
        if company is None or (c.company or "").casefold() == company.casefold()
    ]
    if len(same) > 1:
        labels = [ContactRef(c.id or 0, c.name, c.company).label for c in same]
        raise AmbiguousContact(text, labels)
    if same:
        found = same[0]
        return ContactRef(found.id or 0, found.name, found.company), False
    contact = Contact(
        rep=rt.rep,
        name=name,
        company=company,
        kind=str(ContactKind.prospect),
        recorded_at=rt.now,
    )
    session.add(contact)
    session.flush()
    return ContactRef(contact.id or 0, name, company), True


def _add_referral(
    session: Session,
    rt: Runtime,
    referrer: ContactRef,
    prospect: ContactRef,
    on: date,
    ask_id: int | None = None,
    note: str | None = None,
) -> Referral:
    if referrer.id == prospect.id:
        raise ReftrackError(f"{referrer.label} cannot refer themselves")
    referral = Referral(
        rep=rt.rep,
        referrer_id=referrer.id,
        prospect_id=prospect.id,
        ask_id=ask_id,
        received_on=on,
        status=str(ReferralStatus.new),
        status_changed_on=on,
        note=clean_optional(note),
        recorded_at=rt.now,
    )
    session.add(referral)
    session.flush()
    assert referral.id is not None
    session.add(
        ReferralEvent(
            rep=rt.rep,
            referral_id=referral.id,
            happened_on=on,
            kind=str(ReferralEventKind.status),
            status=str(ReferralStatus.new),
            recorded_at=rt.now,
        )
    )
    return referral


def _next_working_day(session: Session, rt: Runtime, day: date) -> date:
    """The day itself if it is a working day, else the next one (a follow-up never on Sunday)."""
    off = {d.day for d in queries.days_off(session, rt.rep, day, day + timedelta(days=60))}
    for _ in range(60):
        if is_working_day(day, rt.settings.workdays, off):
            return day
        day = day + timedelta(days=1)
    return day


def record_ask(rt: Runtime, draft: AskDraft) -> AskRecorded:
    """Record an ask (and the close it follows, when given), and each name it brought."""
    outcome = draft.outcome or (Outcome.referred if draft.referrals else Outcome.pending)
    if draft.referrals and outcome != Outcome.referred:
        raise UsageProblem(
            f"--referral goes with the outcome 'referred', not '{outcome}'",
            "drop --outcome or the names",
        )
    if draft.follow_up_on is not None and draft.follow_up_on < draft.on:
        raise UsageProblem("--follow-up: the follow-up cannot come before the ask")
    with rt.transaction(write=True) as session:
        contact = resolve_contact(session, rt, draft.name)
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
            close = queries.latest_close_without_ask(session, contact.id, draft.on)
        follow_up = draft.follow_up_on
        if follow_up is None and outcome in (Outcome.promised, Outcome.pending):
            follow_up = _next_working_day(
                session, rt, draft.on.add(days=rt.settings.follow_up_days)
            )
        ask = Ask(
            rep=rt.rep,
            contact_id=contact.id,
            close_id=close.id if close else None,
            asked_on=draft.on,
            outcome=str(outcome),
            channel=str(draft.channel) if draft.channel else None,
            follow_up_on=follow_up if outcome in (Outcome.promised, Outcome.pending) else None,
            note=clean_optional(draft.note),
            recorded_at=rt.now,
        )
        session.add(ask)
        session.flush()
        assert ask.id is not None
        new_contacts: list[ContactRef] = []
        rows: list[Referral] = []
        for text in draft.referrals:
            prospect, created = _prospect(session, rt, text, "--referral")
            if created:
                new_contacts.append(prospect)
            rows.append(_add_referral(session, rt, contact, prospect, draft.on, ask.id))
        session.flush()
        view = AskView(
            id=ask.id,
            contact=contact,
            asked_on=ask.asked_on,
            outcome=ask.outcome,
            channel=ask.channel,
            follow_up_on=ask.follow_up_on,
            note=ask.note,
            close=close_view(close, contact) if close else None,
            referrals=tuple(referral_views(session, rows)),
        )
        from reftrack.services.goals import status_on  # goals builds on this module

        status = status_on(session, rt, draft.on)
        return AskRecorded(
            view,
            tuple(new_contacts),
            queries.asks_on(session, rt.rep, draft.on),
            draft.on == rt.today,
            status.daily_goal if status else None,
        )


# Referrals


def add_referral(
    rt: Runtime,
    referrer: str,
    prospect: str,
    on: date,
    company: str | None = None,
    note: str | None = None,
) -> tuple[ReferralView, bool]:
    """Record a referral that came without an ask; True when the prospect is a new contact."""
    with rt.transaction(write=True) as session:
        source = resolve_contact(session, rt, referrer)
        typed = f"{prospect}@{company}" if company else prospect
        target, created = _prospect(session, rt, typed, "PROSPECT")
        row = _add_referral(session, rt, source, target, on, None, note)
        session.flush()
        return referral_views(session, [row])[0], created


def list_referrals(
    rt: Runtime,
    status: ReferralStatus | None = None,
    referrer: str | None = None,
    open_only: bool = False,
) -> list[ReferralView]:
    """Referrals, newest first, maybe of one status, from one referrer, or still open."""
    with rt.transaction() as session:
        referrer_id = resolve_contact(session, rt, referrer).id if referrer else None
        rows = queries.referrals(
            session, rt.rep, str(status) if status else None, referrer_id, open_only=open_only
        )
        return referral_views(session, rows)


def find_referral(session: Session, rt: Runtime, which: str) -> Referral:
    """A referral by its number (`12`, `#12`) or by its prospect's name."""
    number = which.strip().lstrip("#")
    if number.isdigit():
        row = session.get(Referral, int(number))
        if row is None or row.rep != rt.rep:
            raise ReftrackError(f"no referral #{number}", "see `reftrack referral list`")
        return row
    prospect = resolve_contact(session, rt, which, include_archived=True)
    rows = queries.referrals(session, rt.rep, prospect_id=prospect.id)
    if not rows:
        raise ReftrackError(
            f"{prospect.label} was never referred to you", "see `reftrack referral list`"
        )
    open_rows = [r for r in rows if r.status not in ("won", "lost")]
    if len(open_rows) > 1:
        numbers = ", ".join(f"#{r.id}" for r in open_rows)
        raise ReftrackError(
            f"{prospect.label} has several open referrals ({numbers})", "name one by its number"
        )
    return (open_rows or rows)[0]


def update_referral(
    rt: Runtime,
    which: str,
    status: ReferralStatus,
    on: date,
    value_cents: int | None = None,
    note: str | None = None,
) -> ReferralView:
    """Move a referral along the pipeline, keeping the dated history."""
    if value_cents is not None and status != ReferralStatus.won:
        raise UsageProblem("--value goes with --status won", "record the deal value when won")
    with rt.transaction(write=True) as session:
        row = find_referral(session, rt, which)
        assert row.id is not None
        if row.status == str(status):
            raise ReftrackError(f"referral #{row.id} is already {status}")
        if on < row.received_on:
            raise UsageProblem(f"--on: {on} is before the referral arrived ({row.received_on})")
        row.status = str(status)
        row.status_changed_on = on
        if value_cents is not None:
            row.value_cents = value_cents
        session.add(row)
        prospect = session.get(Contact, row.prospect_id)
        if status == ReferralStatus.won and prospect and prospect.kind == ContactKind.prospect:
            # A won prospect is a customer now: someone to ask for referrals in turn.
            prospect.kind = str(ContactKind.customer)
            session.add(prospect)
        session.add(
            ReferralEvent(
                rep=rt.rep,
                referral_id=row.id,
                happened_on=on,
                kind=str(ReferralEventKind.status),
                status=str(status),
                note=clean_optional(note),
                recorded_at=rt.now,
            )
        )
        session.flush()
        return referral_views(session, [row])[0]


def inform_referrer(rt: Runtime, which: str, on: date, note: str | None = None) -> ReferralView:
    """Record that the referrer was told how their referral is going."""
    with rt.transaction(write=True) as session:
        row = find_referral(session, rt, which)
        assert row.id is not None
        if on < row.received_on:
            raise UsageProblem(f"--on: {on} is before the referral arrived ({row.received_on})")
        row.informed_on = max(on, row.informed_on) if row.informed_on else on
        session.add(row)
        session.add(
            ReferralEvent(
                rep=rt.rep,
                referral_id=row.id,
                happened_on=on,
                kind=str(ReferralEventKind.inform),
                note=clean_optional(note),
                recorded_at=rt.now,
            )
        )
        session.flush()
        return referral_views(session, [row])[0]


# Thanks, giving back, sharing, scoring


def record_thanks(
    rt: Runtime,
    name: str,
    on: date,
    for_prospect: str | None = None,
    kind: ThankKind = ThankKind.note,
    gift: str | None = None,
    note: str | None = None,
) -> ThankYouView:
    """Record a thank-you; without a prospect it covers every referral not yet thanked."""
    with rt.transaction(write=True) as session:
        contact = resolve_contact(session, rt, name)
        referral: Referral | None = None
        if for_prospect:
            referral = find_referral(session, rt, for_prospect)
            if referral.referrer_id != contact.id:
                prospect = refs_by_id(session, [referral.prospect_id])[referral.prospect_id]
                raise ReftrackError(f"{prospect.label} was not referred by {contact.label}")
        earlier = queries.referrals(session, rt.rep, referrer_id=contact.id)
        covered = [
            v for v in referral_views(session, earlier) if not v.thanked and v.received_on <= on
        ]
        if referral is not None:
            covered = [v for v in covered if v.id == referral.id]
        row = ThankYou(
            rep=rt.rep,
            contact_id=contact.id,
            referral_id=referral.id if referral else None,
            thanked_on=on,
            kind=str(kind),
            gift=clean_optional(gift),
            note=clean_optional(note),
            recorded_at=rt.now,
        )
        session.add(row)
        session.flush()
        prospect_ref = (
            refs_by_id(session, [referral.prospect_id])[referral.prospect_id] if referral else None
        )
        return ThankYouView(
            row.id or 0,
            contact,
            on,
            row.kind,
            row.gift,
            row.note,
            prospect_ref,
            tuple(v.prospect for v in covered),
        )


def record_given(
    rt: Runtime,
    name: str,
    prospect: str,
    on: date,
    company: str | None = None,
    note: str | None = None,
) -> tuple[GivenView, int]:
    """Record an introduction given to a contact; also return how many they have had."""
    with rt.transaction(write=True) as session:
        contact = resolve_contact(session, rt, name)
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
        view = GivenView(row.id or 0, contact, row.prospect, row.company, on, row.note)
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
    with rt.transaction(write=True) as session:
        contacts = [resolve_contact(session, rt, name) for name in names]
        views = []
        for contact in dict.fromkeys(contacts):
            earlier = queries.share_of(session, contact.id, title) if forwarded else None
            if title is None and earlier is None:
                raise ReftrackError(
                    f"nothing was shared with {contact.label} yet",
                    "record it first: reftrack share NAME --content TITLE",
                )
            row = earlier or Share(
                rep=rt.rep,
                contact_id=contact.id,
                shared_on=on,
                content=title,
                url=clean_optional(url),
                recorded_at=rt.now,
            )
            row.forwarded = row.forwarded or forwarded
            if url and earlier:
                row.url = clean_optional(url)
            session.add(row)
            session.flush()
            views.append(
                ShareView(row.id or 0, contact, row.shared_on, row.content, row.url, row.forwarded)
            )
        return views


def list_shares(rt: Runtime) -> list[ShareView]:
    """Every share, newest first."""
    with rt.transaction() as session:
        rows = queries.shares(session, rt.rep)
        refs = refs_by_id(session, [r.contact_id for r in rows])
        return [
            ShareView(r.id or 0, refs[r.contact_id], r.shared_on, r.content, r.url, r.forwarded)
            for r in rows
        ]


def score_view(row: Score, contact: ContactRef) -> ScoreView:
    """A stored scorecard as a domain value."""
    return ScoreView(
        contact,
        row.scored_on,
        row.liking,
        row.reciprocity,
        row.credibility,
        row.commitment,
        row.note,
    )


def record_score(
    rt: Runtime, name: str, on: date, note: str | None = None, **factors: int | None
) -> ScoreView:
    """Add a scorecard: the factors given, the rest carried from the latest card."""
    with rt.transaction(write=True) as session:
        contact = resolve_contact(session, rt, name)
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
        session.flush()
        return score_view(row, contact)


def list_scores(rt: Runtime) -> list[ScoreView]:
    """Each contact's latest scorecard, strongest relationship first."""
    with rt.transaction() as session:
        rows = queries.latest_scores(session, rt.rep)
        refs = refs_by_id(session, [r.contact_id for r in rows])
        views = [score_view(r, refs[r.contact_id]) for r in rows]
        return sorted(views, key=lambda v: (-v.strength, v.contact.label.casefold()))
