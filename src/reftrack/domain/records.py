"""What the ask loop records, as plain values, and the small rules about them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from reftrack.domain.contacts import ContactRef
from reftrack.errors import UsageProblem
from reftrack.kinds import (
    CLOSED_STATUSES,
    Channel,
    CloseResult,
    Outcome,
    ReferralEventKind,
    ReferralStatus,
    ThankKind,
)


@dataclass(frozen=True)
class CloseView:
    """A deal that ended."""

    id: int
    contact: ContactRef
    closed_on: date
    result: CloseResult
    title: str | None = None
    value_cents: int | None = None
    crm_id: str | None = None


@dataclass(frozen=True)
class ReferralEventView:
    """One dated step in a referral's history: a status change or a report to the referrer."""

    happened_on: date
    kind: ReferralEventKind
    status: ReferralStatus | None = None
    note: str | None = None


@dataclass(frozen=True)
class ReferralView:
    """A referral and where it stands."""

    id: int
    referrer: ContactRef
    prospect: ContactRef
    received_on: date
    status: ReferralStatus
    status_changed_on: date
    informed_on: date | None = None
    value_cents: int | None = None
    note: str | None = None
    thanked: bool = False
    history: tuple[ReferralEventView, ...] = ()

    @property
    def is_open(self) -> bool:
        """Still in the pipeline: neither won nor lost."""
        return self.status not in CLOSED_STATUSES


@dataclass(frozen=True)
class AskView:
    """An ask, what came of it, and the names it brought."""

    id: int
    contact: ContactRef
    asked_on: date
    outcome: Outcome
    channel: Channel | None = None
    follow_up_on: date | None = None
    note: str | None = None
    close: CloseView | None = None
    referrals: tuple[ReferralView, ...] = ()


@dataclass(frozen=True)
class ThankYouView:
    """A thank-you to a contact."""

    id: int
    contact: ContactRef
    thanked_on: date
    kind: ThankKind
    gift: str | None = None
    note: str | None = None
    referral_prospect: ContactRef | None = None
    covers: tuple[ContactRef, ...] = ()


@dataclass(frozen=True)
class GivenView:
    """An introduction the rep gave to a contact."""

    id: int
    contact: ContactRef
    prospect: str
    company: str | None
    given_on: date
    note: str | None = None


@dataclass(frozen=True)
class ShareView:
    """Content sent to a contact, and whether they passed it on."""

    id: int
    contact: ContactRef
    shared_on: date
    content: str
    url: str | None = None
    forwarded: bool = False


SCORE_FACTORS = ("liking", "reciprocity", "credibility", "commitment")


@dataclass(frozen=True)
class ScoreView:
    """A scorecard of a relationship, each factor 1–5 (None: not scored yet)."""

    contact: ContactRef
    scored_on: date
    liking: int | None = None
    reciprocity: int | None = None
    credibility: int | None = None
    commitment: int | None = None
    note: str | None = None
    asked_since: date | None = None

    @property
    def strength(self) -> float:
        """The mean of the scored factors; 0 when none is scored."""
        values = [
            v
            for v in (self.liking, self.reciprocity, self.credibility, self.commitment)
            if v is not None
        ]
        return sum(values) / len(values) if values else 0.0

    @property
    def ready_for_commitment(self) -> bool:
        """Liked, owed and trusted, yet not committed: time to ask for a formal commitment."""
        return ready_for_commitment(
            self.liking, self.reciprocity, self.credibility, self.commitment
        )

    @property
    def commitment_due(self) -> bool:
        """Ready for a commitment ask, and not asked on or after the day of this card."""
        return self.ready_for_commitment and self.asked_since is None


def first_ask_since(scored_on: date, ask_days: Iterable[date]) -> date | None:
    """The first ask on or after a scorecard's day: the one that asked for the commitment."""
    return min((day for day in ask_days if day >= scored_on), default=None)


def ready_for_commitment(
    liking: int | None, reciprocity: int | None, credibility: int | None, commitment: int | None
) -> bool:
    """Liking, reciprocity and credibility at least 4, commitment at most 2 (or unscored)."""
    strong = all(v is not None and v >= 4 for v in (liking, reciprocity, credibility))
    return strong and (commitment is None or commitment <= 2)


def merge_score(latest: ScoreView | None, **given: int | None) -> dict[str, int | None]:
    """A new card: the factors given, the rest carried over from the latest card."""
    merged: dict[str, int | None] = {}
    for factor in SCORE_FACTORS:
        value = given.get(factor)
        if value is not None and not 1 <= value <= 5:
            raise UsageProblem(f"--{factor}: {value} is out of range; scores run from 1 to 5")
        merged[factor] = value if value is not None else getattr(latest, factor, None)
    if all(given.get(f) is None for f in SCORE_FACTORS) and latest is None:
        raise UsageProblem("give at least one score", "e.g. --liking 4 --credibility 5 (each 1–5)")
    return merged


@dataclass(frozen=True)
class Balance:
    """Referrals received from a contact against introductions given to them."""

    received: int
    given: int

    @property
    def owed(self) -> int:
        """How many more the contact has sent than received: positive means give back."""
        return self.received - self.given


# The value columns are 64-bit integers of cents (BIGINT on PostgreSQL): a trillion is far
# above any deal a referral brings and far below what the column holds.
MAXIMUM_CENTS = 1_000_000_000_000_00
AMOUNTS = "amounts run from 0.01 to 1,000,000,000,000"
# Unambiguous forms only: ASCII digits, commas (or underscores) between groups of three, a
# point before one or two decimals. `12,5k` or `12,50` could mean two things; both are refused.
_AMOUNT = re.compile(
    r"[$€£]?\s*"
    r"(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:_[0-9]{3})+|[0-9]+)?"
    r"(?:\.(?P<part>[0-9]{1,2}))?"
    r"\s*(?P<scale>[kKmM]?)",
    re.ASCII,
)
_SCALES = {"": 1, "k": 1_000, "m": 1_000_000}


def parse_amount(text: str, option: str = "--value") -> int:
    """A deal value in whole cents: `12500`, `12,500.50`, `$12.5k`, `1.2m`."""
    typed = text.strip()
    shown = typed if len(typed) <= 40 else typed[:37] + "..."
    found = _AMOUNT.fullmatch(typed)
    if not found or not (found["whole"] or found["part"]):
        raise UsageProblem(
            f"{option}: '{shown}' is not an amount",
            "use e.g. 12500, 12,500.50 or 12.5k: commas only between groups of three digits,"
            " a point before the decimals",
        )
    digits = (found["whole"] or "0").replace(",", "").replace("_", "").lstrip("0")
    if len(digits) > len(str(MAXIMUM_CENTS)):
        raise UsageProblem(f"{option}: {shown} is out of range; {AMOUNTS}")
    cents = int(digits or "0") * 100 + int((found["part"] or "0").ljust(2, "0"))
    cents *= _SCALES[found["scale"].lower()]
    if not 0 < cents <= MAXIMUM_CENTS:
        raise UsageProblem(f"{option}: {shown} is out of range; {AMOUNTS}")
    return cents


def format_amount(cents: int | None) -> str:
    """Cents as a readable amount: 1250050 → 12,500.50; whole amounts without decimals."""
    if cents is None:
        return ""
    whole, part = divmod(cents, 100)
    return f"{whole:,}" if part == 0 else f"{whole:,}.{part:02d}"


def parse_person(text: str, option: str = "--referral") -> tuple[str, str | None]:
    """Read `NAME`, `NAME@COMPANY` or `NAME (COMPANY)` into a name and a company."""
    typed = " ".join(text.split())
    bracketed = re.fullmatch(r"(.+?)\s*\(\s*(.+?)\s*\)", typed)
    if bracketed:
        return bracketed.group(1), bracketed.group(2)
    name, at, company = typed.partition("@")
    name, company = name.strip(), company.strip()
    if not name or (at and not company):
        raise UsageProblem(f"{option}: '{text}' is not a name", "use NAME or NAME@COMPANY")
    return name, company or None
