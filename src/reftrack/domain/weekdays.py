"""Weekday names as a rep types them: one day ("fri", "Thursday") or a set ("mon-fri").

The one home for reading day names, used by the settings file, dates and cron
schedules alike. Days are numbered 0 = Monday … 6 = Sunday. Only the standard
library's light modules are imported, because the settings are read on every command.
"""

from __future__ import annotations

import re

from reftrack.errors import did_you_mean

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EVERY_DAY = ("*", "daily")

# Around a dash, spaces join ("mon - fri" is a range); elsewhere commas and spaces separate.
_AROUND_DASH = re.compile(r"\s*-\s*")
_SEPARATORS = re.compile(r"[,\s]+")


def parse_weekday(word: str) -> int:
    """0 = Monday … 6 = Sunday from a day name in any case, in full or cut to 3+ letters."""
    cleaned = word.strip().lower()
    if not cleaned:
        raise ValueError("a day is missing")
    if len(cleaned) >= 3:
        for number, name in enumerate(FULL_DAY_NAMES):
            # Three letters or more, so "tues" and "thurs" work as well as "tue" and "thu".
            if name.startswith(cleaned):
                return number
    raise ValueError(f"'{word.strip()}' is not a weekday{did_you_mean(cleaned, FULL_DAY_NAMES)}")


def parse_weekday_set(text: str, *, every_day: bool = False) -> tuple[int, ...]:
    """The days named by "mon-fri", "sun-thu", "mon,wed,fri" or "mon - wed sat", sorted.

    A range may wrap past Sunday: sun-thu is Sunday through Thursday. With `every_day`,
    "*" and "daily" (as cron schedules take them) mean all seven days. Nothing named
    gives an empty tuple; whether that is allowed is the caller's to say.
    """
    cleaned = text.strip()
    if every_day and cleaned.lower() in EVERY_DAY:
        return tuple(range(7))
    days: set[int] = set()
    for part in _SEPARATORS.split(_AROUND_DASH.sub("-", cleaned)):
        if not part:
            continue
        first, dash, last = part.partition("-")
        start = parse_weekday(first)
        end = parse_weekday(last) if dash else start
        days.update((start + step) % 7 for step in range((end - start) % 7 + 1))
    return tuple(sorted(days))
