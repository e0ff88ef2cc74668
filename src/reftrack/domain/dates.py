"""Dates as a rep types them, periods and working days; pure rules on dates.

Weekdays are numbered 0 = Monday … 6 = Sunday everywhere in reftrack.

Periods, weeks and working days are plain `datetime.date` arithmetic; pendulum is imported
only to read a date a rep typed. `today` and `goal show` then never import it: it is a
tenth of what such a read costs (issue 12).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from reftrack.domain.weekdays import parse_weekday
from reftrack.errors import UsageProblem
from reftrack.kinds import Period

if TYPE_CHECKING:
    import pendulum

ACCEPTED = "use YYYY-MM-DD, today, yesterday, +3d, -2w or a weekday name like friday"
ACCEPTED_MONTH_DAY = "use MM-DD (a day every year, e.g. 03-14) or YYYY-MM-DD"
ACCEPTED_WEEK = "use YYYY-Www, e.g. 2026-W48"

# ASCII only: `\d` would otherwise accept other scripts' digits, which nobody means as a date.
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_MONTH_DAY = re.compile(r"(\d{1,2})-(\d{1,2})", re.ASCII)
_RELATIVE = re.compile(r"([+-]?)(\d{1,5}) ?([dwmy])", re.ASCII)
_ISO_WEEK = re.compile(r"(\d{4})-?W(\d{1,2})", re.ASCII)
_UNITS = {"d": "days", "w": "weeks", "m": "months", "y": "years"}


def _plain(day: date) -> date:
    """The calendar day alone, so pendulum dates, datetimes and plain dates compare alike."""
    return date(day.year, day.month, day.day)


def _as_pendulum(day: date) -> pendulum.Date:
    """The same calendar day as a pendulum.Date."""
    import pendulum

    return pendulum.date(day.year, day.month, day.day)


def _weekday(word: str) -> int | None:
    """0–6 for a weekday name ("fri", "thurs", "Friday"); None when the word is no day."""
    try:
        return parse_weekday(word)
    except ValueError:
        return None


def _calendar_problem(year: int, month: int, day: int) -> str | None:
    """Why year-month-day is not a calendar date, or None when it is one."""
    if not 1 <= year <= 9999:
        return f"there is no year {year}"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{calendar.month_name[month]} {year} has {days} days"
    return None


def _moved(today: pendulum.Date, text: str, option: str, **delta: int) -> pendulum.Date:
    """`today` moved by `delta`, refusing a result beyond the calendar's years 1–9999."""
    try:
        return today.add(**delta)
    except (ValueError, OverflowError):
        raise UsageProblem(f"{option}: {text} is too far from today ({today})") from None


# Far enough for any back-filling or planning, near enough that date arithmetic
# (a year's lookback, a week's end) never leaves the calendar.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2199


def within_reach(day: date, text: str, option: str) -> None:
    """Refuse a date so far off that no rep means it (and arithmetic would overflow)."""
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise UsageProblem(
            f"{option}: {text.strip()} is too far away ({day.isoformat()}); "
            f"use a date between {EARLIEST_YEAR} and {LATEST_YEAR}"
        )


def parse_date(text: str, today: date, option: str = "date") -> pendulum.Date:
    """Read a date the way a rep types it, relative to `today`."""
    day = _parse_date(text, _as_pendulum(today), option)
    within_reach(day, text, option)
    return day


def _parse_date(text: str, today: pendulum.Date, option: str = "date") -> pendulum.Date:
    """The date a typed text means, before the check that it is within reach."""
    shown = text.strip()
    typed = " ".join(shown.lower().split())
    if typed == "today":
        return today
    if typed == "yesterday":
        return _moved(today, shown, option, days=-1)
    if typed == "tomorrow":
        return _moved(today, shown, option, days=1)
    iso = _ISO.fullmatch(typed)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        problem = _calendar_problem(year, month, day)
        if problem:
            raise UsageProblem(f"{option}: {shown} is not a date ({problem})")
        return _as_pendulum(date(year, month, day))
    relative = _RELATIVE.fullmatch(typed)
    if relative:
        sign, amount, unit = relative.groups()
        count = -int(amount) if sign == "-" else int(amount)
        return _moved(today, shown, option, **{_UNITS[unit]: count})
    words = typed.split(" ")
    direction = "next"
    if len(words) == 2 and words[0] in ("last", "next"):
        direction, words = words[0], words[1:]
    weekday = _weekday(words[0]) if len(words) == 1 else None
    if weekday is not None:
        # Strictly after (or before) today: "friday" said on a Friday means next week's.
        if direction == "last":
            back = (today.weekday() - weekday - 1) % 7 + 1
            return _moved(today, shown, option, days=-back)
        ahead = (weekday - today.weekday() - 1) % 7 + 1
        return _moved(today, shown, option, days=ahead)
    raise UsageProblem(f"{option}: '{shown}' is not a date; {ACCEPTED}")


@dataclass(frozen=True)
class MonthDay:
    """A day that comes back every year (a birthday), maybe with the year it began."""

    month: int
    day: int
    year: int | None = None

    def __str__(self) -> str:
        """`MM-DD`, or `YYYY-MM-DD` when the year is known."""
        base = f"{self.month:02d}-{self.day:02d}"
        return base if self.year is None else f"{self.year:04d}-{base}"


def parse_month_day(text: str, option: str = "date") -> MonthDay:
    """Read `MM-DD` (a day every year; 02-29 allowed) or `YYYY-MM-DD` (keeping the year)."""
    shown = text.strip()
    iso = _ISO.fullmatch(shown)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        problem = _calendar_problem(year, month, day)
        if problem:
            raise UsageProblem(f"{option}: {shown} is not a date ({problem}); {ACCEPTED_MONTH_DAY}")
        return MonthDay(month, day, year)
    short = _MONTH_DAY.fullmatch(shown)
    if short:
        month, day = (int(part) for part in short.groups())
        # 2000 was a leap year, so 02-29 counts as a day that comes back (on the 28th otherwise).
        problem = _calendar_problem(2000, month, day)
        if problem:
            if 1 <= month <= 12:
                most = calendar.monthrange(2000, month)[1]
                problem = f"{calendar.month_name[month]} has at most {most} days"
            raise UsageProblem(
                f"{option}: {shown} is not a day of the year ({problem}); {ACCEPTED_MONTH_DAY}"
            )
        return MonthDay(month, day)
    raise UsageProblem(f"{option}: '{shown}' is not a month and day; {ACCEPTED_MONTH_DAY}")


def occurrence_in(md: MonthDay, year: int) -> date:
    """The date a yearly day falls on in `year` (29 February on the 28th in other years)."""
    day = min(md.day, calendar.monthrange(year, md.month)[1])
    return date(year, md.month, day)


def next_occurrence(md: MonthDay, today: date) -> date:
    """The next date, on or after today, that falls on this yearly day."""
    this_year = occurrence_in(md, today.year)
    return this_year if this_year >= _plain(today) else occurrence_in(md, today.year + 1)


# A year with its leap day: a longer range of days off is more likely a typo than leave.
LONGEST_RANGE_DAYS = 366


def parse_date_range(
    text: str, today: date, option: str = "date"
) -> tuple[pendulum.Date, pendulum.Date]:
    """Read `DATE` or `DATE..DATE` into (first day, last day), both included."""
    first_text, separator, last_text = text.partition("..")
    first = parse_date(first_text, today, option)
    last = parse_date(last_text, today, option) if separator else first
    if last < first:
        raise UsageProblem(
            f"{option}: {text.strip()} ends ({last}) before it starts ({first}); "
            "put the earlier date first"
        )
    if (last - first).days >= LONGEST_RANGE_DAYS:
        raise UsageProblem(
            f"{option}: {text.strip()} is {(last - first).days + 1} days long; "
            f"a range runs 1 to {LONGEST_RANGE_DAYS} days"
        )
    return first, last


def week_bounds(day: date, week_start: int) -> tuple[date, date]:
    """The seven days containing `day`, starting on weekday `week_start`."""
    start = _plain(day) - timedelta(days=(day.weekday() - week_start) % 7)
    return start, start + timedelta(days=6)


def period_bounds(day: date, period: Period, week_start: int) -> tuple[date, date]:
    """First and last day of the week, month, quarter or year containing `day`."""
    day = _plain(day)
    if period == Period.week:
        return week_bounds(day, week_start)
    if period == Period.month:
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if period == Period.quarter:
        first_month = 3 * ((day.month - 1) // 3) + 1
        last_month = first_month + 2
        last = calendar.monthrange(day.year, last_month)[1]
        return date(day.year, first_month, 1), date(day.year, last_month, last)
    if period == Period.year:
        return date(day.year, 1, 1), date(day.year, 12, 31)
    raise UsageProblem(f"'{period}' is not a period; use {', '.join(Period)}")


def is_working_day(day: date, workdays: Collection[int], days_off: Collection[date]) -> bool:
    """Whether `day` falls on a working weekday and is not a day off."""
    # pendulum.Date hashes and compares like datetime.date, so a set of either answers in O(1).
    return day.weekday() in workdays and _plain(day) not in days_off


# How far a follow-up may move forward past days off before the rule gives up and keeps
# the day: a calendar with no working day at all must not hang anything.
NEXT_WORKING_REACH = 60


def next_working_day(day: date, workdays: Collection[int], days_off: Collection[date]) -> date:
    """The day itself if it is a working day, else the next one (a follow-up never on Sunday)."""
    for _ in range(NEXT_WORKING_REACH):
        if is_working_day(day, workdays, days_off):
            return day
        day = day + timedelta(days=1)
    return day


def working_days(
    first: date, last: date, workdays: Collection[int], days_off: Collection[date]
) -> int:
    """W(first, last): working days in [first, last], both ends included; 0 when empty."""
    start, end = _plain(first), _plain(last)
    if end < start:
        return 0
    working = {weekday for weekday in workdays if 0 <= weekday <= 6}
    weeks, rest = divmod((end - start).days + 1, 7)
    # Every whole week holds each working weekday once; only the last partial week is walked.
    count = weeks * len(working)
    count += sum(1 for offset in range(rest) if (start.weekday() + offset) % 7 in working)
    # A set, so a day off listed twice, or on a weekend, is not taken off twice (or at all).
    off = {_plain(day) for day in days_off}
    return count - sum(1 for day in off if start <= day <= end and day.weekday() in working)


def iso_week(day: date) -> str:
    """The ISO week of a day, like 2026-W48."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def parse_iso_week(text: str, option: str = "--week") -> pendulum.Date:
    """The Monday of an ISO week written `YYYY-Www`."""
    shown = text.strip()
    found = _ISO_WEEK.fullmatch(shown.upper())
    if not found:
        raise UsageProblem(f"{option}: '{shown}' is not an ISO week; {ACCEPTED_WEEK}")
    year, week = int(found.group(1)), int(found.group(2))
    if not 1 <= year <= 9999:
        raise UsageProblem(f"{option}: there is no year {year}; {ACCEPTED_WEEK}")
    # 28 December is always in the last ISO week of its year.
    weeks_in_year = date(year, 12, 28).isocalendar()[1]
    if not 1 <= week <= weeks_in_year:
        raise UsageProblem(
            f"{option}: {year} has no week {week} (it has {weeks_in_year}); {ACCEPTED_WEEK}"
        )
    monday = _as_pendulum(date.fromisocalendar(year, week, 1))
    within_reach(monday, shown, option)
    return monday


def local_today(now: pendulum.DateTime) -> pendulum.Date:
    """The local date of an instant already in the rep's time zone."""
    return now.date()
