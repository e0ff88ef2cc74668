"""The record: a contact's relationship view."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from reftrack.domain.history import ContactRecord
from reftrack.domain.records import format_amount
from reftrack.kinds import ThankKind
from reftrack.render.contacts import contact_document, print_contact_card
from reftrack.render.loop import referral_document, score_document, share_document
from reftrack.render.output import console


def record_document(record: ContactRecord) -> dict[str, Any]:
    """A contact's whole relationship as a JSON object."""
    document = contact_document(record.card)
    document.update(
        {
            "closes": [
                {
                    "id": c.id,
                    "closed_on": c.closed_on,
                    "result": c.result,
                    "deal": c.title,
                    "value": c.value_cents / 100 if c.value_cents is not None else None,
                    "crm_id": c.crm_id,
                }
                for c in record.closes
            ],
            "asks": [
                {
                    "id": a.id,
                    "asked_on": a.asked_on,
                    "outcome": a.outcome,
                    "channel": a.channel,
                    "follow_up_on": a.follow_up_on,
                    "note": a.note,
                    "close_id": a.close.id if a.close else None,
                    "referrals": [r.prospect.label for r in a.referrals],
                }
                for a in record.asks
            ],
            "referrals_received": [referral_document(r) for r in record.referrals_received],
            "referred_by": [referral_document(r) for r in record.referred_by],
            "referrals_given": [
                {
                    "id": g.id,
                    "given_on": g.given_on,
                    "to": g.prospect,
                    "company": g.company,
                    "note": g.note,
                }
                for g in record.given
            ],
            "thank_yous": [
                {
                    "id": t.id,
                    "thanked_on": t.thanked_on,
                    "kind": t.kind,
                    "gift": t.gift,
                    "note": t.note,
                    "for": t.referral_prospect.label if t.referral_prospect else None,
                }
                for t in record.thanks
            ],
            "shares": [share_document(s) for s in record.shares],
            "scores": [score_document(s) for s in record.scores],
            "balance": {
                "received": record.balance.received,
                "given": record.balance.given,
                "owed": record.balance.owed,
            },
        }
    )
    return document


def _section(title: str) -> Text:
    return Text(f"\n{title}", style="bold")


def print_record(record: ContactRecord) -> None:
    """The relationship view: the contact, then each kind of history, then the balance."""
    out = console()
    print_contact_card(record.card)
    if record.closes:
        out.print(_section("Closes"))
        for c in record.closes:
            title = f" “{c.title}”" if c.title else ""
            value = f" {format_amount(c.value_cents)}" if c.value_cents else ""
            out.print(Text(f"  {c.closed_on}  {c.result}{title}{value}"))
    if record.asks:
        out.print(_section("Asks"))
        for a in record.asks:
            names = f" → {', '.join(r.prospect.label for r in a.referrals)}" if a.referrals else ""
            follow = f" (follow up {a.follow_up_on})" if a.follow_up_on else ""
            line = Text(f"  {a.asked_on}  {a.outcome}{names}{follow}")
            if a.note:
                line.append(f" — {a.note}", style="italic")
            out.print(line)
    if record.referrals_received:
        out.print(_section("Referrals they gave you"))
        for r in record.referrals_received:
            thanked = "thanked" if r.thanked else "not thanked yet"
            value = f" {format_amount(r.value_cents)}" if r.value_cents else ""
            out.print(
                Text(
                    f"  #{r.id} {r.received_on}  {r.prospect.label}: {r.status}{value} ({thanked})"
                )
            )
    if record.referred_by:
        out.print(_section("Referred to you by"))
        for r in record.referred_by:
            out.print(Text(f"  #{r.id} {r.received_on}  {r.referrer.label}: {r.status}"))
    if record.given:
        out.print(_section("Introductions you gave them"))
        for g in record.given:
            company = f" ({g.company})" if g.company else ""
            out.print(Text(f"  {g.given_on}  {g.prospect}{company}"))
    if record.thanks:
        out.print(_section("Thank-yous"))
        for t in record.thanks:
            what = f"gift: {t.gift}" if t.kind == ThankKind.gift and t.gift else t.kind
            for_ = f" for {t.referral_prospect.label}" if t.referral_prospect else ""
            note = f" — {t.note}" if t.note else ""
            out.print(Text(f"  {t.thanked_on}  {what}{for_}{note}"))
    if record.shares:
        out.print(_section("Shared with them"))
        for s in record.shares:
            passed = " (passed on)" if s.forwarded else ""
            out.print(Text(f"  {s.shared_on}  {s.content}{passed}"))
    if record.scores:
        latest = record.scores[0]
        out.print(_section("Scorecard"))
        history = ", ".join(f"{s.scored_on} {s.strength:.1f}" for s in record.scores[1:])
        out.print(
            Text(
                f"  liking {latest.liking or '–'}, reciprocity {latest.reciprocity or '–'}, "
                f"credibility {latest.credibility or '–'}, commitment {latest.commitment or '–'}"
                f" (since {latest.scored_on})"
            )
        )
        if latest.commitment_due:
            out.print(Text("  Ready: ask for a formal referral commitment.", style="green"))
        elif latest.ready_for_commitment and latest.asked_since:
            out.print(Text(f"  Asked for a referral commitment on {latest.asked_since}."))
        if history:
            out.print(Text(f"  earlier: {history}", style="dim"))
    balance = record.balance
    if balance.received or balance.given:
        out.print(_section("Balance"))
        advice = (
            f" — you owe them {balance.owed}: who could you introduce them to?"
            if balance.owed > 0
            else ""
        )
        out.print(Text(f"  received {balance.received}, given {balance.given}{advice}"))
