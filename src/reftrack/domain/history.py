"""A contact's whole record and the activity log, built from the values of domain/records.

Kept apart from those values, which `today` imports: these are for `contact show` and
`log` alone (issue 12).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from reftrack.domain.contacts import ContactCard, ContactRef
from reftrack.domain.entries import EntryRef
from reftrack.domain.records import (
    AskView,
    Balance,
    CloseView,
    GivenView,
    ReferralEventView,
    ReferralView,
    ScoreView,
    ShareView,
    ThankYouView,
)
from reftrack.kinds import LogKind, ReferralEventKind, ReferralStatus


@dataclass(frozen=True)
class ContactRecord:
    """The relationship view: everything recorded with one contact."""

    card: ContactCard
    closes: tuple[CloseView, ...] = ()
    asks: tuple[AskView, ...] = ()
    referrals_received: tuple[ReferralView, ...] = ()
    referred_by: tuple[ReferralView, ...] = ()
    given: tuple[GivenView, ...] = ()
    thanks: tuple[ThankYouView, ...] = ()
    shares: tuple[ShareView, ...] = ()
    scores: tuple[ScoreView, ...] = ()
    balance: Balance = field(default_factory=lambda: Balance(0, 0))


@dataclass(frozen=True)
class ReferralStep:
    """One step of a referral's history, with the referral as it stands now.

    `status` is where the referral stood when the step happened: the status it moved to,
    or, for a report to the referrer, the status the referrer was told about.
    """

    referral: ReferralView
    event: ReferralEventView
    status: ReferralStatus | None = None


def status_at(
    steps: Sequence[tuple[ReferralEventKind, ReferralStatus | None]], index: int
) -> ReferralStatus | None:
    """The status a referral had at its step `index` (steps oldest first): the latest it moved
    to at or before that step."""
    for kind, status in reversed(steps[: index + 1]):
        if kind == ReferralEventKind.status and status is not None:
            return status
    return None


LoggedRecord = CloseView | AskView | ReferralStep | ThankYouView | GivenView | ShareView | ScoreView


@dataclass(frozen=True)
class LogEntry:
    """One thing recorded, for `reftrack log`: when, what kind, with whom, and the record."""

    day: date
    kind: LogKind
    contact: ContactRef
    record: LoggedRecord
    note: str | None = None
    # Orders a day's entries as they were written: when, then the order one command writes
    # its rows in, then the row's id; so the order is total even when the clock is pinned.
    sequence: tuple[float, int, int] = (0.0, 0, 0)
    # The id `edit` and `delete` take (`c12`): a referral's arrival is the referral's.
    ref: EntryRef | None = None
