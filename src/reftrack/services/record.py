"""The record: one contact's whole relationship, and everything logged, newest first."""

from __future__ import annotations

from datetime import date

from reftrack.domain.records import (
    AskView,
    Balance,
    ContactRecord,
    GivenView,
    LogEntry,
    ShareView,
    ThankYouView,
    format_amount,
)
from reftrack.services.contacts import contact_card, resolve_contact
from reftrack.services.loop import close_view, referral_views, refs_by_id, score_view
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


def contact_record(rt: Runtime, name: str) -> ContactRecord:
    """Everything recorded with one contact, for `contact show`."""
    with rt.transaction() as session:
        ref = resolve_contact(session, rt, name, include_archived=True)
        contact = session.get(Contact, ref.id)
        assert contact is not None
        closes = queries.rows_of_contact(session, Close, ref.id, "closed_on")
        close_views = {c.id: close_view(c, ref) for c in closes}
        asks = [
            AskView(
                a.id or 0,
                ref,
                a.asked_on,
                a.outcome,
                a.channel,
                a.follow_up_on,
                a.note,
                close_views.get(a.close_id),
                tuple(
                    referral_views(
                        session,
                        [
                            r
                            for r in queries.referrals(session, rt.rep, referrer_id=ref.id)
                            if r.ask_id == a.id
                        ],
                    )
                ),
            )
            for a in queries.asks_of_contact(session, ref.id)
        ]
        received = referral_views(session, queries.referrals(session, rt.rep, referrer_id=ref.id))
        referred_by = referral_views(
            session, queries.referrals(session, rt.rep, prospect_id=ref.id)
        )
        given = [
            GivenView(g.id or 0, ref, g.prospect, g.company, g.given_on, g.note)
            for g in queries.rows_of_contact(session, GivenReferral, ref.id, "given_on")
        ]
        thank_rows = queries.rows_of_contact(session, ThankYou, ref.id, "thanked_on")
        by_referral = {v.id: v.prospect for v in received}
        thanks = [
            ThankYouView(
                t.id or 0,
                ref,
                t.thanked_on,
                t.kind,
                t.gift,
                t.note,
                by_referral.get(t.referral_id) if t.referral_id else None,
            )
            for t in thank_rows
        ]
        shares = [
            ShareView(s.id or 0, ref, s.shared_on, s.content, s.url, s.forwarded)
            for s in queries.rows_of_contact(session, Share, ref.id, "shared_on")
        ]
        scores = [
            score_view(s, ref) for s in queries.rows_of_contact(session, Score, ref.id, "scored_on")
        ]
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
    """Everything recorded on or after `first`, newest first."""
    entries: list[LogEntry] = []
    with rt.transaction() as session:
        closes = queries.since(session, Close, rt.rep, "closed_on", first)
        asks = queries.since(session, Ask, rt.rep, "asked_on", first)
        referrals = {r.id: r for r in queries.since(session, Referral, rt.rep, "received_on", None)}
        events = queries.since(session, ReferralEvent, rt.rep, "happened_on", first)
        thanks = queries.since(session, ThankYou, rt.rep, "thanked_on", first)
        given = queries.since(session, GivenReferral, rt.rep, "given_on", first)
        shares = queries.since(session, Share, rt.rep, "shared_on", first)
        scores = queries.since(session, Score, rt.rep, "scored_on", first)
        ids = [
            row.contact_id for rows in (closes, asks, thanks, given, shares, scores) for row in rows
        ]
        ids += [r.referrer_id for r in referrals.values()]
        ids += [r.prospect_id for r in referrals.values()]
        refs = refs_by_id(session, ids)

    def add(
        day: date, kind: str, contact_id: int, text: str, note: str | None, sequence: float
    ) -> None:
        entries.append(LogEntry(day, kind, refs[contact_id], text, note, int(sequence)))

    for c in closes:
        value = f", {format_amount(c.value_cents)}" if c.value_cents else ""
        title = f" “{c.title}”" if c.title else ""
        add(
            c.closed_on,
            "close",
            c.contact_id,
            f"deal {c.result}{title}{value}",
            None,
            c.recorded_at.timestamp(),
        )
    for a in asks:
        channel = f" ({a.channel})" if a.channel else ""
        follow = f", follow up {a.follow_up_on}" if a.follow_up_on else ""
        add(
            a.asked_on,
            "ask",
            a.contact_id,
            f"asked{channel}: {a.outcome}{follow}",
            a.note,
            a.recorded_at.timestamp(),
        )
    for e in events:
        r = referrals[e.referral_id]
        prospect = refs[r.prospect_id].label
        referrer = refs[r.referrer_id].label
        if e.kind == "inform":
            add(
                e.happened_on,
                "inform",
                r.referrer_id,
                f"told how {prospect} is going ({r.status})",
                e.note,
                e.recorded_at.timestamp(),
            )
        elif e.status == "new":
            add(
                e.happened_on,
                "referral",
                r.prospect_id,
                f"referred by {referrer}",
                e.note,
                e.recorded_at.timestamp(),
            )
        else:
            value = (
                f", {format_amount(r.value_cents)}" if e.status == "won" and r.value_cents else ""
            )
            add(
                e.happened_on,
                "status",
                r.prospect_id,
                f"referral now {e.status}{value}",
                e.note,
                e.recorded_at.timestamp(),
            )
    for t in thanks:
        what = {"gift": f"gift: {t.gift}" if t.gift else "gift", "call": "thank-you call"}.get(
            t.kind, "thank-you note"
        )
        if t.referral_id and t.referral_id in referrals:
            what += f" for {refs[referrals[t.referral_id].prospect_id].label}"
        add(t.thanked_on, "thank", t.contact_id, what, t.note, t.recorded_at.timestamp())
    for g in given:
        company = f" ({g.company})" if g.company else ""
        add(
            g.given_on,
            "give",
            g.contact_id,
            f"introduced to {g.prospect}{company}",
            g.note,
            g.recorded_at.timestamp(),
        )
    for s in shares:
        passed = ", passed on" if s.forwarded else ""
        add(
            s.shared_on,
            "share",
            s.contact_id,
            f"shared “{s.content}”{passed}",
            None,
            s.recorded_at.timestamp(),
        )
    for s in scores:
        factors = " ".join(
            f"{name}{value}"
            for name, value in (
                ("L", s.liking),
                ("R", s.reciprocity),
                ("Cr", s.credibility),
                ("Co", s.commitment),
            )
            if value is not None
        )
        add(
            s.scored_on,
            "score",
            s.contact_id,
            f"scored {factors}",
            s.note,
            s.recorded_at.timestamp(),
        )
    entries.sort(key=lambda e: (e.day, e.sequence), reverse=True)
    return entries
