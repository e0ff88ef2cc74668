"""The calendar file (iCalendar, RFC 5545) and its JSON: reminders as events, dates yearly.

Written by hand, it needs no library: lines end in CRLF and are folded at 75 octets
(never inside a UTF-8 character), and text has its backslashes, semicolons, commas and
line breaks escaped. User text is shown safely here as everywhere (control and bidi
characters as their escapes): a calendar app shows it to the rep as text.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from reftrack import __version__
from reftrack.domain.calendar import CalendarEntry, CalendarFeed, YearlyDate
from reftrack.domain.contacts import BIRTHDAY
from reftrack.domain.reminders import DateAhead, Reminder
from reftrack.kinds import ReminderKind
from reftrack.render.reminders import reminder_command, reminder_text
from reftrack.render.safe import visible

DOMAIN = "reftrack"
FOLD_AT = 75
# How often a calendar app subscribed to the file should read it again.
REFRESH = "PT6H"


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): controls shown as escapes, then \\ ; , and breaks."""
    shown = visible(text.replace("\r\n", "\n"), keep="\n")
    return shown.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded at 75 octets (RFC 5545 3.1), each fold a CRLF and a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= FOLD_AT:
        return line + "\r\n"
    parts: list[str] = []
    start, limit = 0, FOLD_AT
    while start < len(encoded):
        end = min(start + limit, len(encoded))
        # Step back off a UTF-8 continuation byte, so a character is never split.
        while end < len(encoded) and end > start and encoded[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(encoded[start:end].decode("utf-8"))
        start, limit = end, FOLD_AT - 1
    return "\r\n ".join(parts) + "\r\n"


def _day(value: date) -> str:
    return f"{value:%Y%m%d}"


def _stamp(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def _date_title(entry: YearlyDate) -> str:
    who = entry.contact.label
    return f"{who}'s birthday" if entry.day.label == BIRTHDAY else f"{who}'s {entry.day.label}"


def _date_command(entry: YearlyDate) -> str:
    """The command that marks a yearly date's wishes as sent, as `today` suggests it."""
    when = date(2000, entry.day.month, entry.day.day)
    item = Reminder(ReminderKind.date, entry.contact, when, DateAhead(entry.day, when, False))
    return reminder_command(item)


def _first_day(entry: YearlyDate) -> date:
    """The day the yearly event starts: the first one known (its year), or in 2000 (a leap
    year, so 29 February exists)."""
    return date(entry.day.year or 2000, entry.day.month, entry.day.day)


def _rule(entry: YearlyDate) -> str:
    if (entry.day.month, entry.day.day) == (2, 29):
        # 29 February falls on the 28th in other years: the last day of February each year.
        return "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    return "FREQ=YEARLY"


def _event(uid: str, stamp: str, first: date, summary: str, description: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}@{DOMAIN}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_day(first)}",
        f"DTEND;VALUE=DATE:{_day(first + timedelta(days=1))}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        "TRANSP:TRANSPARENT",
    ]


def _reminder_lines(entry: CalendarEntry, stamp: str) -> list[str]:
    item = entry.reminder
    description = f"Clear it with: {reminder_command(item)}\nDue {item.due}."
    lines = _event(entry.key, stamp, entry.day, reminder_text(item), description)
    lines.append(f"CATEGORIES:{escape_text(item.kind.value)}")
    return [*lines, "END:VEVENT"]


def _yearly_lines(entry: YearlyDate, stamp: str) -> list[str]:
    description = f"Wishes sent? Mark them with: {_date_command(entry)}\n{entry.day.text}"
    lines = _event(entry.key, stamp, _first_day(entry), _date_title(entry), description)
    lines += [f"RRULE:{_rule(entry)}", f"CATEGORIES:{ReminderKind.date.value}"]
    return [*lines, "END:VEVENT"]


def calendar_text(feed: CalendarFeed) -> str:
    """The whole calendar file, CRLF line ends, folded: what a calendar app subscribes to."""
    stamp = _stamp(feed.stamp)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//reftrack//reftrack {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:reftrack",
        f"X-WR-CALDESC:Referral reminders {feed.first} to {feed.last}\\, and yearly dates",
        f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}",
        f"X-PUBLISHED-TTL:{REFRESH}",
    ]
    for entry in feed.entries:
        lines += _reminder_lines(entry, stamp)
    for yearly in feed.yearly:
        lines += _yearly_lines(yearly, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)


def calendar_document(feed: CalendarFeed) -> dict[str, Any]:
    """The calendar's events as JSON values: each with its UID, day, kind and command."""
    return {
        "from": feed.first,
        "to": feed.last,
        "events": [
            {
                "uid": f"{entry.key}@{DOMAIN}",
                "date": entry.day,
                "due": entry.reminder.due,
                "kind": entry.reminder.kind,
                "contact": entry.reminder.contact.label,
                "text": reminder_text(entry.reminder),
                "command": reminder_command(entry.reminder),
            }
            for entry in feed.entries
        ],
        "yearly": [
            {
                "uid": f"{entry.key}@{DOMAIN}",
                "label": entry.day.label,
                "date": entry.day.text,
                "contact": entry.contact.label,
                "command": _date_command(entry),
            }
            for entry in feed.yearly
        ],
    }
