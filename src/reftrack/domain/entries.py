"""Entry ids (`c12`, `a34`, `r5`…): one home for how a recorded row is named by the rep.

An id is a letter for the kind of entry and the row's number. The letters differ without
regard to case, so `C12` is `c12`; the number is the row's own, so an id never changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reftrack.domain.numbers import LARGEST_ID, shown
from reftrack.errors import ReftrackError, UsageProblem
from reftrack.invocation import reftrack
from reftrack.kinds import EntryKind

LETTERS: dict[EntryKind, str] = {
    EntryKind.close: "c",
    EntryKind.ask: "a",
    EntryKind.referral: "r",
    EntryKind.event: "e",
    EntryKind.thank: "t",
    EntryKind.give: "i",
    EntryKind.share: "s",
    EntryKind.score: "k",
    EntryKind.day_off: "o",
    EntryKind.goal: "g",
}
KINDS = {letter: kind for kind, letter in LETTERS.items()}
_ID = re.compile(r"([A-Za-z])#?([0-9]{1,12})", re.ASCII)
ID_FORMS = (
    "an entry id is a letter and a number, as `reftrack log` shows it: c12 close, a34 ask, "
    "r5 referral, e7 referral step, t3 thank-you, i2 introduction given, s4 share, k1 score, "
    "o2 day off (`off list`), g1 goal (`goal show`)"
)


@dataclass(frozen=True, order=True)
class EntryRef:
    """One recorded entry: its kind and its row's number."""

    kind: EntryKind
    number: int

    def __str__(self) -> str:
        return f"{LETTERS[self.kind]}{self.number}"


def parse_entry_id(text: str) -> EntryRef:
    """Read an entry id as typed (`c12`, `C12`, ` a34 `); a UsageProblem names the forms."""
    typed = text.strip()
    found = _ID.fullmatch(typed)
    kind = KINDS.get(found.group(1).lower()) if found else None
    if found is None or kind is None:
        raise UsageProblem(f"'{shown(typed)}' is not an entry id", ID_FORMS)
    number = int(found.group(2))
    if not 1 <= number <= LARGEST_ID:
        raise no_such_entry(typed)
    return EntryRef(kind, number)


def no_such_entry(typed: str) -> ReftrackError:
    """The error for an id that names no entry of this rep."""
    return ReftrackError(f"no such entry '{shown(typed.strip())}'", f"see `{reftrack()} log`")
