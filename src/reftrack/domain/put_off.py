"""Putting off an item of `today`: its key, what brings a dismissed one back, what is hidden.

A key names an item by the rule and the record it looked at (`ask-c12`: the close #12
is not asked about yet), so the same item has the same key on every day and in every run,
short enough to type. A snoozed item is hidden until a day; a dismissed one stays hidden
while it looks as it did when dismissed (its `state`: a balance, this year's birthday).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from reftrack.domain.contacts import BIRTHDAY
from reftrack.domain.numbers import Range
from reftrack.domain.records import Balance, ReferralView, ScoreView
from reftrack.domain.reminders import DateAhead, OpenAsk, Owed, QuietReferrer, RecentClose, Reminder
from reftrack.errors import UsageProblem
from reftrack.invocation import reftrack
from reftrack.kinds import ExportKind, ReferralStatus

SNOOZE_DAYS = Range(1, 365, "an item is snoozed for 1 to 365 days")


def item_key(item: Reminder) -> str:
    """The item's stable key: the rule's word and the number of the record it is about."""
    about = item.about
    if isinstance(about, RecentClose):
        return f"ask-c{about.id}"
    if isinstance(about, OpenAsk):
        return f"follow-a{about.id}"
    if isinstance(about, ReferralView):
        word = "contact" if about.status == ReferralStatus.new else "inform"
        return f"{word}-r{about.id}"
    if isinstance(about, Owed):
        return f"thank-{item.contact.id}"
    if isinstance(about, DateAhead):
        if about.day.label == BIRTHDAY:
            return f"birthday-{item.contact.id}"
        if about.day.id is not None:
            return f"date-{about.day.id}"
        return f"date-{item.contact.id}-{about.day.month:02d}{about.day.day:02d}"
    if isinstance(about, Balance):
        return f"give-{item.contact.id}"
    if isinstance(about, QuietReferrer):
        return f"touch-{item.contact.id}"
    return f"commit-{item.contact.id}"


def item_state(item: Reminder) -> str:
    """What a dismissal remembers of the item: when this changes, the item comes back.

    A give-back returns when the balance moves, a date next year, a report owed on the
    referral's next move, a thank-you when another referral arrives, a commitment ask
    with a new scorecard, a quiet referrer after the next touch has gone quiet too.
    """
    about = item.about
    if isinstance(about, Balance):
        return f"{about.received}-{about.given}"
    if isinstance(about, DateAhead):
        return about.when.isoformat()
    if isinstance(about, ReferralView):
        return f"{about.status}-{about.status_changed_on.isoformat()}"
    if isinstance(about, Owed):
        return str(max(r.id for r in about.referrals))
    if isinstance(about, ScoreView):
        return about.scored_on.isoformat()
    if isinstance(about, QuietReferrer):
        return (about.last_touch or about.last_referral).isoformat()
    return ""


def typed_key(text: str) -> str:
    """A key as typed, in the form keys are stored: no spaces around it, lower case."""
    key = text.strip().lower()
    if not key:
        raise UsageProblem("the key is empty", f"copy it from `{reftrack()} today`")
    return key


def snooze_until(today: date, until: date | None, days: int | None) -> date:
    """The day a snoozed item comes back: `until`, or `days` after today; later than today."""
    if (until is None) == (days is None):
        both = until is not None
        raise UsageProblem(
            "give --until DATE or --days N" + (", not both" if both else ""), "e.g. --days 3"
        )
    end = until if until is not None else today + timedelta(days=days or 0)
    if end <= today:
        raise UsageProblem(f"--until: {end} is not after today ({today})", "give a later day")
    if (end - today).days > SNOOZE_DAYS.high:
        raise UsageProblem(f"--until: {end} is more than a year ahead", SNOOZE_DAYS.says)
    return end


@dataclass(frozen=True)
class PutOffRow:
    """An item put off: snoozed until a day, or dismissed (no day) in the state it was in."""

    key: str
    until: date | None
    state: str | None = None

    @property
    def dismissed(self) -> bool:
        """Dismissed rather than snoozed."""
        return self.until is None


@dataclass(frozen=True)
class PutOffItem:
    """An item put off (or brought back): its key, the item if due today, until when."""

    key: str
    item: Reminder | None
    until: date | None
    dismissed: bool


@dataclass(frozen=True)
class PutAside:
    """Today's items split: those still shown, those snoozed and those dismissed."""

    shown: tuple[Reminder, ...]
    snoozed: tuple[Reminder, ...]
    dismissed: tuple[Reminder, ...]


def put_aside(items: Iterable[Reminder], put_off: Iterable[PutOffRow], today: date) -> PutAside:
    """Hide the items snoozed past today, and the dismissed ones that have not changed."""
    by_key = {row.key: row for row in put_off}
    shown: list[Reminder] = []
    snoozed: list[Reminder] = []
    dismissed: list[Reminder] = []
    for item in items:
        row = by_key.get(item_key(item))
        if row is None:
            shown.append(item)
        elif row.until is None:
            (dismissed if row.state == item_state(item) else shown).append(item)
        elif row.until > today:
            snoozed.append(item)
        else:
            shown.append(item)
    return PutAside(tuple(shown), tuple(snoozed), tuple(dismissed))


# What the number in a key names, by the key's word and the letter before the number.
_NAMED = {
    ("ask", "c"): ExportKind.closes,
    ("follow", "a"): ExportKind.asks,
    ("contact", "r"): ExportKind.referrals,
    ("inform", "r"): ExportKind.referrals,
    ("thank", ""): ExportKind.contacts,
    ("birthday", ""): ExportKind.contacts,
    ("give", ""): ExportKind.contacts,
    ("touch", ""): ExportKind.contacts,
    ("commit", ""): ExportKind.contacts,
    ("date", ""): ExportKind.dates,
}
_KEY = re.compile(r"(?P<word>[a-z]+)-(?P<letter>[a-z]?)(?P<id>\d+)(?P<day>-\d{4})?")

Renumber = Callable[[ExportKind, int], int | None]


def rekeyed(key: str, state: str | None, new_id: Renumber) -> tuple[str, str | None] | None:
    """A put-off's key and state with the records they name renumbered, as an import into
    a database with data renumbers them; None when the key is no item's or names a record
    `new_id` does not know.

    `date-12-0314` (a date without a record of its own) names its contact; the state of a
    thank-you names the latest referral thanked for.
    """
    found = _KEY.fullmatch(key)
    if found is None:
        return None
    word, letter, day = found["word"], found["letter"], found["day"] or ""
    kind = ExportKind.contacts if word == "date" and day else _NAMED.get((word, letter))
    if kind is None or (day and word != "date"):
        return None
    number = new_id(kind, int(found["id"]))
    if number is None:
        return None
    if word == "thank" and state is not None and state.isdigit():
        referral = new_id(ExportKind.referrals, int(state))
        if referral is None:
            return None
        state = str(referral)
    return f"{word}-{letter}{number}{day}", state
