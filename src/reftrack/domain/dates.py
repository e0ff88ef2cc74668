"""Dates as a rep types them, periods and working days; pure rules on pendulum dates.

Weekdays are numbered 0 = Monday … 6 = Sunday everywhere in reftrack.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import pendulum

from reftrack.errors import UsageProblem

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ACCEPTED = "use YYYY-MM-DD, today, yesterday, +3d, -2w or a weekday name like friday"
ACCEPTED_MONTH_DAY = "use MM-DD (or YYYY-MM-DD), e.g. 03-14"
_RELATIVE = re.compile(r"([+-]?)(\d{1,4})\s*([dwmy])")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH_DAY = re.compile(r"(\d{1,2})-(\d{1,2})")


def _weekday(word: str) -> int | None:
    """0–6 for a weekday name, full or three letters; None otherwise."""
    word = word.lower()
    for number, name in enumerate(WEEKDAYS):
        if word == name or (len(word) >= 3 and name.startswith(word)):
            return number
    return None


def _checked_date(year: int, month: int, day: int, text: str, option: str) -> pendulum.Date:
    """A calendar date, or a UsageProblem that says why it is not one."""
    if not 1 <= month <= 12:
        raise UsageProblem(f"{option}: {text} is not a date (there is no month {month})", ACCEPTED)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        month_name = calendar.month_name[month]
        raise UsageProblem(
            f"{option}: {text} is not a date ({month_name} {year} has {days} days)", ACCEPTED
        )
    return pendulum.date(year, month, day)


def parse_date(text: str, today: pendulum.Date, option: str = "date") -> pendulum.Date:
    """Read a date the way a rep types it, relative to `today`."""
    typed = " ".join(text.strip().lower().split())
    if typed == "today":
        return today
    if typed == "yesterday":
        return today.subtract(days=1)
    if typed == "tomorrow":
        return today.add(days=1)
    iso = _ISO.fullmatch(typed)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        return _checked_date(year, month, day, text.strip(), option)
    relative = _RELATIVE.fullmatch(typed)
    if relative:
        sign, amount, unit = relative.groups()
        count = -int(amount) if sign == "-" else int(amount)
        unit_name = {"d": "days", "w": "weeks", "m": "months", "y": "years"}[unit]
        return today.add(**{unit_name: count})
    words = typed.split(" ")
    direction = "next"
    if len(words) == 2 and words[0] in ("last", "next"):
        direction, words = words[0], words[1:]
    weekday = _weekday(words[0]) if len(words) == 1 else None
    if weekday is not None:
        if direction == "last":
            back = (today.weekday() - weekday - 1) % 7 + 1
            return today.subtract(days=back)
        ahead = (weekday - today.weekday() - 1) % 7 + 1
        return today.add(days=ahead)
    raise UsageProblem(f"{option}: '{text.strip()}' is not a date", ACCEPTED)


@dataclass(frozen=True)
class MonthDay:
    """A day that comes back every year (a birthday), maybe with the year it began."""

    month: int
    day: int
    year: int | None = None

    def __str__(self) -> str:
        base = f"{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{base}" if self.year else base


def parse_month_day(text: str, option: str = "date") -> MonthDay:
    """Read `MM-DD` (a day every year; 02-29 allowed) or `YYYY-MM-DD` (keeping the year)."""
    typed = text.strip()
    iso = _ISO.fullmatch(typed)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        try:
            _checked_date(year, month, day, typed, option)
        except UsageProblem as problem:
            raise UsageProblem(problem.message, ACCEPTED_MONTH_DAY) from None
        return MonthDay(month, day, year)
    short = _MONTH_DAY.fullmatch(typed)
    if short:
        month, day = (int(part) for part in short.groups())
        # 2000 was a leap year, so 02-29 counts as a real yearly date.
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]:
            return MonthDay(month, day)
        raise UsageProblem(f"{option}: {typed} is not a day of the year", ACCEPTED_MONTH_DAY)
    raise UsageProblem(f"{option}: '{typed}' is not a month and day", ACCEPTED_MONTH_DAY)


def occurrence_in(md: MonthDay, year: int) -> pendulum.Date:
    """The date a yearly day falls on in `year` (29 February on the 28th in other years)."""
    day = min(md.day, calendar.monthrange(year, md.month)[1])
    return pendulum.date(year, md.month, day)


def next_occurrence(md: MonthDay, today: pendulum.Date) -> pendulum.Date:
    """The next date, on or after today, that falls on this yearly day."""
    this_year = occurrence_in(md, today.year)
    return this_year if this_year >= today else occurrence_in(md, today.year + 1)


def parse_date_range(
    text: str, today: pendulum.Date, option: str = "date"
) -> tuple[pendulum.Date, pendulum.Date]:
    """Read `DATE` or `DATE..DATE` into (first day, last day)."""
    first_text, separator, last_text = text.partition("..")
    first = parse_date(first_text, today, option)
    last = parse_date(last_text, today, option) if separator else first
    if last < first:
        raise UsageProblem(
            f"{option}: the range {text.strip()} ends before it starts",
            "put the earlier date first",
        )
    return first, last


def week_bounds(day: date, week_start: int) -> tuple[pendulum.Date, pendulum.Date]:
    """The seven days containing `day`, starting on `week_start`."""
    day = pendulum.date(day.year, day.month, day.day)
    start = day.subtract(days=(day.weekday() - week_start) % 7)
    return start, start.add(days=6)


def period_bounds(day: date, period: str, week_start: int) -> tuple[pendulum.Date, pendulum.Date]:
    """First and last day of the week, month, quarter or year containing `day`."""
    day = pendulum.date(day.year, day.month, day.day)
    if period == "week":
        return week_bounds(day, week_start)
    if period == "month":
        return day.start_of("month"), day.end_of("month")
    if period == "quarter":
        first_month = 3 * ((day.month - 1) // 3) + 1
        start = pendulum.date(day.year, first_month, 1)
        return start, start.add(months=3).subtract(days=1)
    if period == "year":
        return pendulum.date(day.year, 1, 1), pendulum.date(day.year, 12, 31)
    raise UsageProblem(f"'{period}' is not a period", "use week, month, quarter or year")


def is_working_day(day: date, workdays: Collection[int], days_off: Collection[date]) -> bool:
    """Whether `day` is one of the working weekdays and not a day off."""
    return day.weekday() in workdays and date(day.year, day.month, day.day) not in _as_dates(
        days_off
    )


def _as_dates(days: Collection[date]) -> set[date]:
    return {date(d.year, d.month, d.day) for d in days}


def working_days(
    first: date, last: date, workdays: Collection[int], days_off: Collection[date]
) -> int:
    """W(first, last): working days in [first, last], both ends included; 0 when empty."""
    if last < first:
        return 0
    start = date(first.year, first.month, first.day)
    end = date(last.year, last.month, last.day)
    span = (end - start).days + 1
    weeks, rest = divmod(span, 7)
    working = set(workdays)
    count = weeks * len(working)
    count += sum(1 for offset in range(rest) if (start.weekday() + offset) % 7 in working)
    off = sum(1 for d in _as_dates(days_off) if start <= d <= end and d.weekday() in working)
    return count - off


def iso_week(day: date) -> str:
    """The ISO week of a day, like 2026-W48."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_iso_week(text: str, option: str = "--week") -> pendulum.Date:
    """The Monday of an ISO week written `YYYY-Www`."""
    typed = text.strip().upper()
    found = re.fullmatch(r"(\d{4})-?W(\d{1,2})", typed)
    if found:
        year, week = int(found.group(1)), int(found.group(2))
        weeks_in_year = date(year, 12, 28).isocalendar()[1]
        if 1 <= week <= weeks_in_year:
            monday = date.fromisocalendar(year, week, 1)
            return pendulum.date(monday.year, monday.month, monday.day)
        raise UsageProblem(
            f"{option}: {year} has no week {week} (it has {weeks_in_year})", "use e.g. 2026-W48"
        )
    raise UsageProblem(f"{option}: '{text.strip()}' is not an ISO week", "use e.g. 2026-W48")


def local_today(now: pendulum.DateTime) -> pendulum.Date:
    """The local date of an instant already in the rep's time zone."""
    return now.date()
