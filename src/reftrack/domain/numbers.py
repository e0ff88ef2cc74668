"""Numbers a person types: ASCII digits only, each within a range that the refusal names."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from reftrack.errors import UsageProblem
from reftrack.invocation import reftrack

# ASCII only: `\d` and int() would accept other scripts' digits, which dates already refuse.
_WHOLE = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# More digits than any range here holds: refused before int() spends time on them.
_MOST_DIGITS = 24


@dataclass(frozen=True)
class Range:
    """The numbers an option accepts, and how a refusal says so."""

    low: float
    high: float
    says: str

    def holds(self, number: float) -> bool:
        """Whether `number` is within the range, both ends included."""
        return self.low <= number <= self.high


# The integer columns hold up to 2**31 - 1 on PostgreSQL: the largest number a row can have.
LARGEST_ID = 2**31 - 1

SCORE = Range(1, 5, "scores run from 1 to 5")
TARGET = Range(0, 1_000_000, "a goal is 0 to 1,000,000 referrals per period")
RATE = Range(0.01, 10, "a rate is 0.01 to 10 referrals per ask")
STATS_WEEKS = Range(1, 520, "stats look back 1 to 520 weeks")
UNDO_LIST = Range(1, 1_000_000, "undo --list shows 1 to 1,000,000 commands")
DEMO_YEARS = Range(1, 50, "the demo spans 1 to 50 years")
DEMO_CONTACTS = Range(10, 100_000, "the demo holds 10 to 100,000 contacts")
DEMO_SEED = Range(0, 999_999_999, "a seed is a whole number from 0 to 999,999,999")
CALENDAR_DAYS = Range(1, 92, "a calendar covers 1 to 92 days ahead")
REFERRAL_NUMBER = Range(1, LARGEST_ID, f"referral numbers run from #1 to #{LARGEST_ID}")


def shown(typed: str) -> str:
    """What a person typed, cut short enough to quote in a one-line message."""
    return typed if len(typed) <= 40 else typed[:37] + "..."


def whole_number(text: str, option: str, accepted: Range) -> int:
    """A whole number typed for `option`, within `accepted`: `12`, never `1e3` or `١٢`."""
    typed = text.strip()
    if not _WHOLE.fullmatch(typed):
        raise UsageProblem(f"{option}: '{shown(typed)}' is not a whole number; {accepted.says}")
    if len(typed.lstrip("+-").lstrip("0")) > _MOST_DIGITS or not accepted.holds(int(typed)):
        raise UsageProblem(f"{option}: {shown(typed)} is out of range; {accepted.says}")
    return int(typed)


def decimal_number(text: str, option: str, accepted: Range) -> float:
    """A number typed for `option`, within `accepted`: `0.25`, `.5`, `2`."""
    typed = text.strip()
    if not _DECIMAL.fullmatch(typed):
        raise UsageProblem(f"{option}: '{shown(typed)}' is not a number; {accepted.says}")
    number = float(typed)
    if not math.isfinite(number) or not accepted.holds(number):
        raise UsageProblem(f"{option}: {shown(typed)} is out of range; {accepted.says}")
    return number


def referral_number(text: str) -> int | None:
    """The number in `12` or `#12`; None when the text is a name rather than a number."""
    typed = text.strip()
    marked = typed.startswith("#")
    digits = typed[1:].strip() if marked else typed
    if _WHOLE.fullmatch(digits) and digits[0].isdigit():
        return whole_number(digits, "referral number", REFERRAL_NUMBER)
    if marked:
        raise UsageProblem(
            f"'{shown(typed)}' is not a referral number; {REFERRAL_NUMBER.says}",
            f"see `{reftrack()} referral list`",
        )
    return None
