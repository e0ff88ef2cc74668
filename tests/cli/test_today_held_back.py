"""A day off or a weekend holds back what is not overdue, and `today` says how much."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Rep


@pytest.mark.parametrize(
    ("day", "make_it_off"),
    [("2026-12-10", True), ("2026-12-12", False)],
    ids=["day-off", "saturday"],
)
def test_what_is_held_back_is_counted_even_when_nothing_is_overdue(
    rep: Rep, day: str, make_it_off: bool
) -> None:
    rep.ok('contact add "Jane Doe" --company Acme --birthday 12-14')
    rep.ok('contact add "Tom Reed"')
    rep.ok('referral add "Bob Stone" --from "Tom Reed"', REFTRACK_NOW=day)
    rep.ok(f"close tom --on {day}")
    if make_it_off:
        rep.ok(f"off {day}")
    shown = rep.ok("today", REFTRACK_NOW=day).stdout
    assert "Not a working day" in shown
    assert "Nothing waiting" not in shown
    assert "(4 more on your next working day)" in shown
    document = json.loads(rep.ok("today --json", REFTRACK_NOW=day).stdout)
    assert document["items"] == [] and document["held_back"] == 4


def test_the_suggested_thank_you_clears_a_birthday(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe" --company Acme --birthday 11-28')
    rep.ok("thank jane --note 'referral last year'", REFTRACK_NOW="2026-11-20")
    (item,) = json.loads(rep.ok("today --json").stdout)["items"]
    assert (
        item["kind"] == "date"
        and item["command"] == 'reftrack thank "Jane Doe (Acme)" --note birthday'
    )
    rep.ok(item["command"].removeprefix("reftrack "))
    assert json.loads(rep.ok("today --json").stdout)["items"] == []
    # Next year the birthday comes back.
    assert len(json.loads(rep.ok("today --json", REFTRACK_NOW="2027-11-25").stdout)["items"]) == 1
