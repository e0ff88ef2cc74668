"""The one source of "now": the system clock, or `REFTRACK_NOW` for tests and what-ifs."""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from reftrack.errors import UsageProblem

if TYPE_CHECKING:
    import pendulum

NOW_VARIABLE = "REFTRACK_NOW"

# REFTRACK_NOW forms whose local date the standard library reads exactly as pendulum does:
# a date, or a local time of day before 22:00 (a DST gap pendulum skips forward over then
# stays within the day). Anything else is left to pendulum.
_PINNED_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T(?:[01]\d|2[01]):[0-5]\d(?::[0-5]\d)?)?")


def pinned() -> bool:
    """Whether `REFTRACK_NOW` pins the clock."""
    return bool(os.environ.get(NOW_VARIABLE, "").strip())


def system_now(timezone: str) -> datetime | None:
    """The system clock's instant in `timezone`, without pendulum; None with `REFTRACK_NOW`.

    `today` and `goal show` need only the local date (issue 12); `now(timezone, moment)`
    turns the same instant into pendulum's DateTime for whatever needs the time.
    """
    from zoneinfo import ZoneInfo

    if pinned():
        return None
    try:
        return datetime.now(ZoneInfo(timezone))
    except (ValueError, KeyError, OSError):
        return None


def pinned_day() -> date | None:
    """The local date `REFTRACK_NOW` stands for, when read without pendulum; else None."""
    found = _PINNED_DAY.fullmatch(os.environ.get(NOW_VARIABLE, "").strip())
    if found is None:
        return None
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        return None  # not a calendar date: now() words the error


def now(timezone: str, moment: datetime | None = None) -> pendulum.DateTime:
    """Return the current instant in `timezone`, honouring `REFTRACK_NOW`.

    `moment`, the system clock read once by `system_now`, is that instant when given.
    """
    import pendulum

    override = os.environ.get(NOW_VARIABLE, "").strip()
    if not override:
        if moment is not None:
            return pendulum.instance(moment).in_timezone(timezone)
        return pendulum.now(timezone)
    try:
        parsed = pendulum.parse(override, tz=timezone)
    except (ValueError, pendulum.parsing.exceptions.ParserError) as error:
        raise UsageProblem(
            f"{NOW_VARIABLE}='{override}' is not an ISO date or datetime ({error})",
            "use e.g. 2026-11-25 or 2026-11-25T09:30",
        ) from None
    if isinstance(parsed, pendulum.DateTime):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", override):
            # A bare date stands for the middle of that day, clear of midnight and DST shifts.
            return pendulum.datetime(parsed.year, parsed.month, parsed.day, 12, tz=timezone)
        return parsed.in_timezone(timezone)
    if isinstance(parsed, pendulum.Date):
        return pendulum.datetime(parsed.year, parsed.month, parsed.day, 12, tz=timezone)
    raise UsageProblem(
        f"{NOW_VARIABLE}='{override}' is not an ISO date or datetime",
        "use e.g. 2026-11-25 or 2026-11-25T09:30",
    )
