"""The ask loop's output: what was recorded (Rich only where needed: render.lines), what next."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reftrack.domain.messages import phrasings
from reftrack.domain.records import (
    AskView,
    CloseView,
    GivenView,
    ReferralView,
    ScoreView,
    ShareView,
    ThankYouView,
    format_amount,
)
from reftrack.invocation import reftrack
from reftrack.kinds import ReferralStatus, ScriptSituation
from reftrack.render.lines import Line, line, print_lines
from reftrack.render.referrals import already_open_line, open_before_ids
from reftrack.render.reminders import stage
from reftrack.render.words import plural

if TYPE_CHECKING:
    from rich.console import Console


def _next(steps: list[tuple[str, str]]) -> list[Line]:
    """The "what next" block: why, then the command that does it."""
    if not steps:
        return []
    return [
        line("Next:", style="bold"),
        *(line("  ", why, "  ", (command, "cyan")) for why, command in steps),
    ]


def print_close(view: CloseView) -> None:
    """A close recorded, and the nudge to ask now."""
    value = f", {format_amount(view.value_cents)}" if view.value_cents else ""
    title = f" “{view.title}”" if view.title else ""
    situation = ScriptSituation(view.result)
    print_lines(
        [
            line(
                f"Recorded a {view.result} deal with {view.contact.label}{title}{value} "
                f"on {view.closed_on}."
            ),
            *_next(
                [
                    ("Ask while it is fresh:", f"{reftrack()} ask {view.contact.typed}"),
                    ("How to put it:", f"{reftrack()} script --for {situation}"),
                ]
            ),
        ]
    )


def print_ask(recorded: Any) -> None:
    """An ask recorded, the referrals it brought, and the steps that follow."""
    ask: AskView = recorded.ask
    close = ""
    if ask.close and ask.close.closed_on == ask.asked_on:
        close = f", right after the {ask.close.result} deal"
    elif ask.close:
        close = f", after the {ask.close.result} deal of {ask.close.closed_on}"
    created = {c.id for c in recorded.new_contacts}
    lines: list[Line] = []
    if ask.contact.id in created:
        lines.append(line(f"Added {ask.contact.label} as a new contact."))
    lines.append(line(f"Asked {ask.contact.label} on {ask.asked_on}{close}: {ask.outcome}."))
    for referral in ask.referrals:
        marker = " (new contact)" if referral.prospect.id in created else ""
        lines.append(line(f"  referral #{referral.id}: {referral.prospect.label}{marker}"))
        if already := already_open_line(referral, recorded.open_before):
            lines.append(line(already, style="yellow"))
    steps: list[tuple[str, str]] = []
    for referral in ask.referrals:
        steps.append(
            (
                f"Contact {referral.prospect.label}:",
                f"{reftrack()} referral update {referral.id} --status contacted",
            )
        )
    if ask.referrals:
        steps.append((f"Thank {ask.contact.label}:", f"{reftrack()} thank {ask.contact.typed}"))
    if ask.follow_up_on:
        steps.append(
            (
                f"Follow up on {ask.follow_up_on}:",
                f"{reftrack()} template email {ask.contact.typed}",
            )
        )
    lines += _next(steps)
    count = recorded.asks_that_day
    when = "today" if recorded.today else f"on {ask.asked_on}"
    goal = recorded.daily_goal
    if goal:
        verdict = "daily goal met." if count >= goal else "keep going."
        tally = f"{count} of {plural(goal, 'ask')} {when}: {verdict}"
    else:
        tally = f"{plural(count, 'ask')} {when}. Keep going."
    lines.append(line(tally, style="dim"))
    print_lines(lines)


def referral_document(
    view: ReferralView, earlier: Sequence[ReferralView] | None = None
) -> dict[str, Any]:
    """A referral as a JSON object (with the prospect's earlier open referrals, when known)."""
    extra = {} if earlier is None else {"open_before": open_before_ids(view, earlier)}
    return {
        "id": view.id,
        "referrer": view.referrer.label,
        "prospect": view.prospect.label,
        "received_on": view.received_on,
        "status": view.status,
        "status_changed_on": view.status_changed_on,
        "informed_on": view.informed_on,
        "value": view.value_cents / 100 if view.value_cents is not None else None,
        "note": view.note,
        "thanked": view.thanked,
        "history": [
            {"date": e.happened_on, "kind": e.kind, "status": e.status, "note": e.note}
            for e in view.history
        ],
        **extra,
    }


def print_referrals(views: list[ReferralView]) -> None:
    """Referrals one a row."""
    from rich.table import Table
    from rich.text import Text

    from reftrack.render.output import console, keep_whole

    out = console()
    if not views:
        out.print(f"No referrals here yet. Ask for some: {reftrack()} ask NAME")
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    for heading in ("#", "received", "prospect", "from", "status", "since", "told", "thanked"):
        table.add_column(heading)
    for v in views:
        status = v.status + (f" {format_amount(v.value_cents)}" if v.value_cents else "")
        table.add_row(
            str(v.id),
            str(v.received_on),
            Text(v.prospect.label),
            Text(v.referrer.label),
            status,
            str(v.status_changed_on),
            str(v.informed_on or "—"),
            "yes" if v.thanked else "no",
        )
    out.print(keep_whole(table, 0, 1, 4, 5, 6, 7))


def print_referral_added(
    view: ReferralView, created: bool, earlier: Sequence[ReferralView] = ()
) -> None:
    """A referral recorded without an ask (and any open one of the same prospect)."""
    marker = " (new contact)" if created else ""
    lines = [
        line(
            f"Referral #{view.id}: {view.prospect.label}{marker}, "
            f"from {view.referrer.label}, on {view.received_on}."
        )
    ]
    if already := already_open_line(view, earlier):
        lines.append(line(already, style="yellow"))
    lines += _next(
        [
            (
                f"Contact {view.prospect.label}:",
                f"{reftrack()} referral update {view.id} --status contacted",
            ),
            (f"Thank {view.referrer.label}:", f"{reftrack()} thank {view.referrer.typed}"),
        ],
    )
    print_lines(lines)


def print_referral_moved(view: ReferralView) -> None:
    """A status change, and the reminder to tell the referrer."""
    value = f" ({format_amount(view.value_cents)})" if view.value_cents else ""
    moved = line(f"Referral #{view.id} {view.prospect.label} is now {stage(view.status)}{value}.")
    steps = [
        (f"Tell {view.referrer.label} how it is going:", f"{reftrack()} referral inform {view.id}")
    ]
    if view.status == ReferralStatus.won:
        amount = f" --value {view.value_cents // 100}" if view.value_cents else ""
        steps.append(("Record the deal:", f"{reftrack()} close {view.prospect.typed}{amount}"))
        steps.append(
            (f"Then ask {view.prospect.label} too:", f"{reftrack()} ask {view.prospect.typed}")
        )
    print_lines([moved, *_next(steps)])


def print_referrer_informed(views: list[ReferralView]) -> None:
    """Reports to referrers recorded, one line each."""
    print_lines(
        [
            line(
                f"Told {view.referrer.label} about {view.prospect.label} "
                f"({view.status}) on {view.informed_on}."
            )
            for view in views
        ]
    )


def print_thanks(view: ThankYouView) -> None:
    """A thank-you recorded, and which referrals it settles."""
    what = {"gift": f"a gift ({view.gift})" if view.gift else "a gift", "call": "a call"}.get(
        view.kind, "a note"
    )
    lines = [line(f"Thanked {view.contact.label} with {what} on {view.thanked_on}.")]
    if view.covers:
        lines.append(line("  for " + ", ".join(c.label for c in view.covers)))
    print_lines(lines)


def print_given(view: GivenView, count: int) -> None:
    """An introduction given, and how many this contact has had."""
    company = f" ({view.company})" if view.company else ""
    print_lines(
        [
            line(
                f"Introduced {view.contact.label} to {view.prospect}{company} on {view.given_on}. "
                f"That is {count} introduction{'s' if count != 1 else ''} you have given them."
            )
        ]
    )


def share_document(view: ShareView) -> dict[str, Any]:
    """A share as a JSON object."""
    return {
        "id": view.id,
        "contact": view.contact.label,
        "shared_on": view.shared_on,
        "content": view.content,
        "url": view.url,
        "forwarded": view.forwarded,
    }


def print_shares(views: list[ShareView], listing: bool) -> None:
    """Shares recorded, or the list of all."""
    from rich.table import Table
    from rich.text import Text

    from reftrack.render.output import console, keep_whole

    out = console()
    if not listing:
        for v in views:
            passed = " — passed on" if v.forwarded else ""
            out.print(
                Text(f"Shared “{v.content}” with {v.contact.label} on {v.shared_on}{passed}.")
            )
        return
    if not views:
        out.print(f"Nothing shared yet: {reftrack()} share <name> --content <title>")
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    for heading in ("date", "contact", "content", "passed on"):
        table.add_column(heading)
    for v in views:
        table.add_row(
            str(v.shared_on), Text(v.contact.label), Text(v.content), "yes" if v.forwarded else "no"
        )
    out.print(keep_whole(table, 0, 3))


def score_document(view: ScoreView) -> dict[str, Any]:
    """A scorecard as a JSON object."""
    return {
        "contact": view.contact.label,
        "scored_on": view.scored_on,
        "liking": view.liking,
        "reciprocity": view.reciprocity,
        "credibility": view.credibility,
        "commitment": view.commitment,
        "strength": round(view.strength, 2),
        "ready_for_commitment": view.commitment_due,
        "commitment_asked_on": view.asked_since if view.ready_for_commitment else None,
        "note": view.note,
    }


def _factor(value: int | None) -> str:
    return "–" if value is None else str(value)


def print_scores(views: list[ScoreView], listing: bool) -> None:
    """Scorecards, strongest first, marking those ready for a commitment ask."""
    from rich.table import Table
    from rich.text import Text

    from reftrack.render.output import console, keep_whole

    out = console()
    if not views:
        out.print(f"No scorecards yet: {reftrack()} score NAME --liking 4 --credibility 5")
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    for heading in ("contact", "L", "R", "Cr", "Co", "strength", ""):
        table.add_column(heading)
    for v in views:
        ready = Text("")
        if v.commitment_due:
            ready = Text("ask for a referral commitment", style="green")
        elif v.ready_for_commitment and v.asked_since:
            ready = Text(f"commitment asked {v.asked_since}", style="dim")
        table.add_row(
            Text(v.contact.label),
            _factor(v.liking),
            _factor(v.reciprocity),
            _factor(v.credibility),
            _factor(v.commitment),
            f"{v.strength:.1f}",
            ready,
        )
    if not listing:
        out.print(Text(f"Scored {views[0].contact.label} on {views[0].scored_on}:"))
    out.print(keep_whole(table, 1, 2, 3, 4, 5))


def print_phrasing(
    out: Console, contact: str, situation: ScriptSituation, ideal_customer: str
) -> None:
    """One phrasing to use now, before the rep asks."""
    from rich.text import Text

    first = phrasings(situation, ideal_customer)[0]
    out.print(Text.assemble(("Try: ", "bold"), f"“{first}”"))


def close_document(view: CloseView) -> dict[str, Any]:
    """A close as a JSON object."""
    return {
        "id": view.id,
        "contact": view.contact.label,
        "closed_on": view.closed_on,
        "result": view.result,
        "deal": view.title,
        "value": view.value_cents / 100 if view.value_cents is not None else None,
        "crm_id": view.crm_id,
    }


def ask_document(recorded: Any) -> dict[str, Any]:
    """A recorded ask as a JSON object: the ask, its close, its referrals, the day's count."""
    ask: AskView = recorded.ask
    return {
        "id": ask.id,
        "contact": ask.contact.label,
        "asked_on": ask.asked_on,
        "outcome": ask.outcome,
        "channel": ask.channel,
        "follow_up_on": ask.follow_up_on,
        "note": ask.note,
        "close": close_document(ask.close) if ask.close else None,
        "referrals": [referral_document(r, recorded.open_before) for r in ask.referrals],
        "new_contacts": [c.label for c in recorded.new_contacts],
        "asks_that_day": recorded.asks_that_day,
        "daily_goal": recorded.daily_goal,
    }


def thanks_document(view: ThankYouView) -> dict[str, Any]:
    """A thank-you as a JSON object."""
    return {
        "id": view.id,
        "contact": view.contact.label,
        "thanked_on": view.thanked_on,
        "kind": view.kind,
        "gift": view.gift,
        "note": view.note,
        "for": view.referral_prospect.label if view.referral_prospect else None,
        "covers": [c.label for c in view.covers],
    }


def given_document(view: GivenView, count: int) -> dict[str, Any]:
    """An introduction given, as a JSON object."""
    return {
        "id": view.id,
        "contact": view.contact.label,
        "to": view.prospect,
        "company": view.company,
        "given_on": view.given_on,
        "note": view.note,
        "introductions_given_to_contact": count,
    }
