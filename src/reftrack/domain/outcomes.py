"""What an outcome implies: an ask's outcome from what was given with it, and a won
prospect's new standing. Rules a service applies before it writes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reftrack.domain.reminders import FOLLOWED_UP
from reftrack.errors import UsageProblem
from reftrack.kinds import ContactKind, Outcome, ReferralStatus


def ask_outcome(
    given: Outcome | None, referrals: Sequence[str], follow_up_on: date | None, on: date
) -> Outcome:
    """The outcome of an ask: as given, else referred when names came, else pending.

    Refused: names with any outcome but referred, and a follow-up date that would never
    show (an outcome that is not followed up, or a day before the ask).
    """
    outcome = given or (Outcome.referred if referrals else Outcome.pending)
    if referrals and outcome != Outcome.referred:
        raise UsageProblem(
            f"--referral goes with the outcome 'referred', not '{outcome}'",
            "drop --outcome or the names",
        )
    if follow_up_on is not None and outcome not in FOLLOWED_UP:
        raise UsageProblem(
            f"--follow-up goes with the outcome {' or '.join(sorted(FOLLOWED_UP))}, "
            f"not '{outcome}'",
            "drop --follow-up or --outcome",
        )
    if follow_up_on is not None and follow_up_on < on:
        raise UsageProblem("--follow-up: the follow-up cannot come before the ask")
    return outcome


def kind_after(status: ReferralStatus, kind: ContactKind) -> ContactKind:
    """A prospect whose referral is won is a customer now: someone to ask in turn."""
    if status == ReferralStatus.won and kind == ContactKind.prospect:
        return ContactKind.customer
    return kind
