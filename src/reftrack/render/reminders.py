"""The words of `today` and the summary's open loops: what each reminder says, what to type.

The rules in domain/reminders decide what is due; here each item is worded for the rep,
with the command that clears it, and a referral's status is put as a phrase.
"""

from __future__ import annotations

from reftrack.domain.contacts import BIRTHDAY, shell_word
from reftrack.domain.records import Balance, ReferralView, ScoreView
from reftrack.domain.reminders import (
    DateAhead,
    OpenAsk,
    Owed,
    QuietReferrer,
    RecentClose,
    Reminder,
)
from reftrack.invocation import reftrack
from reftrack.kinds import ReferralStatus

STAGES = {
    ReferralStatus.new: "new",
    ReferralStatus.contacted: "contacted",
    ReferralStatus.meeting: "at the meeting stage",
    ReferralStatus.proposal: "at the proposal stage",
    ReferralStatus.won: "won",
    ReferralStatus.lost: "lost",
}


def stage(status: ReferralStatus) -> str:
    """A referral's status as a phrase: "at the meeting stage", "won"."""
    return STAGES[status]


def reminder_text(item: Reminder) -> str:
    """What a reminder asks of the rep, in a line."""
    about = item.about
    who = item.contact.label
    if isinstance(about, RecentClose):
        deal = f" “{about.title}”" if about.title else ""
        return f"Ask {who} for referrals: deal{deal} {about.result} on {about.closed_on}"
    if isinstance(about, OpenAsk):
        return f"Follow up with {who}: {about.outcome} since {about.asked_on}"
    if isinstance(about, ReferralView):
        if about.status == ReferralStatus.new:
            return (
                f"Contact {about.prospect.label}, referred by {about.referrer.label} "
                f"on {about.received_on}"
            )
        return f"Tell {who} that {about.prospect.label} is now {stage(about.status)}"
    if isinstance(about, Owed):
        names = ", ".join(r.prospect.label for r in about.referrals)
        return f"Thank {who} for referring {names}"
    if isinstance(about, DateAhead):
        day = about.day
        what = f"{who}'s birthday" if day.label == BIRTHDAY else f"{who}'s {day.label}"
        if day.year:
            what += f" ({about.when.year - day.year} years)"
        when = "today" if about.is_today else f"on {about.when:%a %d %b}"
        return f"{what} {when}"
    if isinstance(about, Balance):
        return f"Give back to {who}: {about.received} referrals from them, {about.given} to them"
    if isinstance(about, QuietReferrer):
        touched = f"last touch {about.last_touch}" if about.last_touch else "no touch logged"
        return f"Stay in touch with {who} ({touched})"
    card: ScoreView = about
    return (
        f"Ask {who} for a formal referral commitment "
        f"(liking {card.liking}, reciprocity {card.reciprocity}, "
        f"credibility {card.credibility})"
    )


def reminder_command(item: Reminder) -> str:
    """The command that does what a reminder asks, ready to copy."""
    about = item.about
    typed = item.contact.typed
    if isinstance(about, ReferralView):
        # By number: a prospect may have several open referrals, and a name may be ambiguous.
        if about.status == ReferralStatus.new:
            return f"{reftrack()} referral update {about.id} --status contacted"
        return f"{reftrack()} referral inform {about.id}"
    if isinstance(about, Owed):
        return f"{reftrack()} thank {typed}"
    if isinstance(about, DateAhead):
        return f"{reftrack()} thank {typed} --note {shell_word(about.day.label)}"
    if isinstance(about, Balance):
        return f"{reftrack()} give {typed} --to <name>"
    if isinstance(about, QuietReferrer):
        return f"{reftrack()} share {typed} --content <title>"
    return f"{reftrack()} ask {typed}"
