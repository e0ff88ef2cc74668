"""The record: one contact's whole relationship, and everything logged, newest first."""

from __future__ import annotations

from datetime import date

from reftrack.domain.entries import EntryRef
from reftrack.domain.history import ContactRecord, LogEntry, ReferralStep, status_at
from reftrack.domain.records import Balance, ReferralView
from reftrack.kinds import EntryKind, LogKind, ReferralEventKind, ReferralStatus
from reftrack.services.names import resolve_contact
from reftrack.services.runtime import Runtime
from reftrack.services.views import (
    ask_view,
    close_view,
    contact_card,
    event_view,
    given_view,
    referral_views,
    refs_by_id,
    score_view,
    score_views,
    share_view,
    thank_you_view,
)
from reftrack.store import queries
from reftrack.store.models import (
    Ask,
    Close,
    Contact,
    GivenReferral,
    ReferralEvent,
    Score,
    Share,
    ThankYou,
)


def contact_record(rt: Runtime, name: str) -> ContactRecord:
    """Everything recorded with one contact, for `contact show`."""
    with rt.transaction() as session:
        ref = resolve_contact(session, rt, name, include_archived=True)
        contact = session.get(Contact, ref.id)
        assert contact is not None
        closes = queries.rows_of_contact(session, Close, ref.id, "closed_on")
        close_views = {c.id: close_view(c, ref) for c in closes}
        received_rows = queries.referrals(session, rt.rep, referrer_id=ref.id)
        received = referral_views(session, received_rows)
        by_ask: dict[int | None, list[ReferralView]] = {}
        # An ask's names in the order they were given (the list itself is newest first).
        for row, view in sorted(zip(received_rows, received, strict=True), key=lambda p: p[1].id):
            by_ask.setdefault(row.ask_id, []).append(view)
        asks = [
            ask_view(a, ref, close_views.get(a.close_id), by_ask.get(a.id, ()))
            for a in queries.asks_of_contact(session, ref.id)
        ]
        referred_by = referral_views(
            session, queries.referrals(session, rt.rep, prospect_id=ref.id)
        )
        given = [
            given_view(g, ref)
            for g in queries.rows_of_contact(session, GivenReferral, ref.id, "given_on")
        ]
        thank_rows = queries.rows_of_contact(session, ThankYou, ref.id, "thanked_on")
        by_referral = {v.id: v.prospect for v in received}
        thanks = [
            thank_you_view(t, ref, by_referral.get(t.referral_id) if t.referral_id else None)
            for t in thank_rows
        ]
        shares = [
            share_view(s, ref) for s in queries.rows_of_contact(session, Share, ref.id, "shared_on")
        ]
        scores = score_views(session, queries.rows_of_contact(session, Score, ref.id, "scored_on"))
        return ContactRecord(
            card=contact_card(session, contact),
            closes=tuple(close_views.values()),
            asks=tuple(asks),
            referrals_received=tuple(received),
            referred_by=tuple(referred_by),
            given=tuple(given),
            thanks=tuple(thanks),
            shares=tuple(shares),
            scores=tuple(scores),
            balance=Balance(received=len(received), given=len(given)),
        )


def activity_log(rt: Runtime, first: date | None = None) -> list[LogEntry]:
    """Everything recorded on or after `first`, newest first; reads only that window."""
    with rt.transaction() as session:
        closes = queries.since(session, Close, rt.rep, "closed_on", first)
        asks = queries.since(session, Ask, rt.rep, "asked_on", first)
        events = queries.since(session, ReferralEvent, rt.rep, "happened_on", first)
        thanks = queries.since(session, ThankYou, rt.rep, "thanked_on", first)
        given = queries.since(session, GivenReferral, rt.rep, "given_on", first)
        shares = queries.since(session, Share, rt.rep, "shared_on", first)
        scores = queries.since(session, Score, rt.rep, "scored_on", first)
        # Only the referrals that the window's events and thank-yous speak of.
        wanted = {e.referral_id for e in events} | {t.referral_id for t in thanks if t.referral_id}
        referral_rows = queries.referrals_by_id(session, wanted)
        views = referral_views(
            session, list(referral_rows.values()), with_history=False, with_thanks=False
        )
        referrals = {view.id: view for view in views}
        # A report to the referrer says the status they were told about, from the history.
        told = {e.referral_id for e in events if e.kind == ReferralEventKind.inform}
        histories: dict[int, list[ReferralEvent]] = {}
        for row in queries.referral_events(session, list(told)):
            histories.setdefault(row.referral_id, []).append(row)
        refs = refs_by_id(
            session,
            [
                row.contact_id
                for rows in (closes, asks, thanks, given, shares, scores)
                for row in rows
            ],
        )

    entries: list[LogEntry] = []
    for c in closes:
        contact = refs[c.contact_id]
        entries.append(
            LogEntry(
                c.closed_on,
                LogKind.close,
                contact,
                close_view(c, contact),
                None,
                _at(c),
                _ref(EntryKind.close, c.id),
            )
        )
    for a in asks:
        contact = refs[a.contact_id]
        entries.append(
            LogEntry(
                a.asked_on,
                LogKind.ask,
                contact,
                ask_view(a, contact),
                a.note,
                _at(a),
                _ref(EntryKind.ask, a.id),
            )
        )
    for e in events:
        referral = referrals[e.referral_id]
        if e.kind == ReferralEventKind.inform:
            kind, contact = LogKind.inform, referral.referrer
        elif e.status == ReferralStatus.new:
            kind, contact = LogKind.referral, referral.prospect
        else:
            kind, contact = LogKind.status, referral.prospect
        step = ReferralStep(referral, event_view(e), e.status or _told(histories, e))
        # A referral's arrival is the referral itself; a later step has an id of its own.
        ref = (
            _ref(EntryKind.referral, referral.id)
            if kind == LogKind.referral
            else _ref(EntryKind.event, e.id)
        )
        entries.append(LogEntry(e.happened_on, kind, contact, step, e.note, _at(e), ref))
    for t in thanks:
        contact = refs[t.contact_id]
        prospect = referrals[t.referral_id].prospect if t.referral_id in referrals else None
        thank = thank_you_view(t, contact, prospect)
        ref = _ref(EntryKind.thank, t.id)
        entries.append(LogEntry(t.thanked_on, LogKind.thank, contact, thank, t.note, _at(t), ref))
    for g in given:
        contact = refs[g.contact_id]
        gift = given_view(g, contact)
        ref = _ref(EntryKind.give, g.id)
        entries.append(LogEntry(g.given_on, LogKind.give, contact, gift, g.note, _at(g), ref))
    for sh in shares:
        contact = refs[sh.contact_id]
        shared = share_view(sh, contact)
        ref = _ref(EntryKind.share, sh.id)
        entries.append(LogEntry(sh.shared_on, LogKind.share, contact, shared, None, _at(sh), ref))
    for sc in scores:
        contact = refs[sc.contact_id]
        card = score_view(sc, contact)
        ref = _ref(EntryKind.score, sc.id)
        entries.append(LogEntry(sc.scored_on, LogKind.score, contact, card, sc.note, _at(sc), ref))
    entries.sort(key=lambda e: (e.day, e.sequence), reverse=True)
    return entries


def _ref(kind: EntryKind, number: int | None) -> EntryRef:
    return EntryRef(kind, number or 0)


def _told(histories: dict[int, list[ReferralEvent]], event: ReferralEvent) -> ReferralStatus | None:
    """The status a referral had when its referrer was told: its latest on or before then."""
    steps = histories.get(event.referral_id, [])
    index = next((i for i, step in enumerate(steps) if step.id == event.id), None)
    if index is None:
        return None
    return status_at([(step.kind, step.status) for step in steps], index)


# The order one command writes its rows in: `ask --won` writes the close, the ask, then
# the referrals it brought.
WRITE_ORDER = {Close: 0, Ask: 1, ReferralEvent: 2, ThankYou: 3, GivenReferral: 4, Share: 5}


def _at(
    row: Close | Ask | ReferralEvent | ThankYou | GivenReferral | Share | Score,
) -> tuple[float, int, int]:
    """When a row was written, to order a day's entries as they happened (ties: by id)."""
    return (row.recorded_at.timestamp(), WRITE_ORDER.get(type(row), 6), row.id or 0)
