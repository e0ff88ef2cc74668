"""A put-off's key renumbered with the records it names, as an import into a database with data."""

from __future__ import annotations

import pytest

from reftrack.domain.put_off import rekeyed
from reftrack.kinds import ExportKind as K

# Each kind's ids as numbered in the database imported into: old id + 100 * (kind's place).
PLACE = {K.contacts: 1, K.closes: 2, K.asks: 3, K.referrals: 4, K.dates: 5}


def renumber(kind: K, number: int) -> int | None:
    return None if number == 404 else number + 100 * PLACE[kind]


@pytest.mark.parametrize(
    ("key", "state", "expected"),
    [
        ("ask-c3", None, ("ask-c203", None)),
        ("follow-a3", None, ("follow-a303", None)),
        ("contact-r3", None, ("contact-r403", None)),
        ("inform-r3", "contacted-2026-11-20", ("inform-r403", "contacted-2026-11-20")),
        ("thank-3", "7", ("thank-103", "407")),
        ("birthday-3", "2026-03-14", ("birthday-103", "2026-03-14")),
        ("date-3", "2026-05-01", ("date-503", "2026-05-01")),
        ("date-3-0314", "2027-03-14", ("date-103-0314", "2027-03-14")),
        ("give-3", "2-0", ("give-103", "2-0")),
        ("touch-3", "2026-01-01", ("touch-103", "2026-01-01")),
        ("commit-3", "2026-11-01", ("commit-103", "2026-11-01")),
    ],
)
def test_each_kind_of_key_follows_its_record(
    key: str, state: str | None, expected: tuple[str, str | None]
) -> None:
    assert rekeyed(key, state, renumber) == expected


@pytest.mark.parametrize(
    ("key", "state"),
    [
        ("ask-c404", None),  # a record the file does not hold
        ("thank-3", "404"),  # a referral thanked for that it does not hold
        ("ask-3", None),  # a close's key has its letter
        ("give-c3", None),
        ("thank-3-0314", None),  # only a date has a day after its number
        ("walk-3", None),
        ("ask-c3 ", None),
        ("", None),
    ],
)
def test_a_key_of_no_item_or_of_no_record_known_is_none(key: str, state: str | None) -> None:
    assert rekeyed(key, state, renumber) is None
