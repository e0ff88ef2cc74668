"""Put off and dismiss (issue 13): each `today` item has a stable key; `snooze KEY` hides it
until a day, `done KEY` dismisses it until it changes, `unsnooze KEY` brings it back, and
`today` counts what is put off in its footer. Both read paths must agree throughout."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.cli.test_bad_input import fingerprint
from tests.conftest import Rep


def agenda(rep: Rep, **env: str) -> dict[str, Any]:
    """`today --all --json`, checked to be the same on the fast sqlite3 path and the full one."""
    on_fast_path(rep)
    fast = rep.ok("today --json --all", **env).stdout
    full = rep.ok("today --json --all", REFTRACK_FULL_READS="1", **env).stdout
    assert fast == full
    document: dict[str, Any] = json.loads(fast)
    return document


def on_fast_path(rep: Rep) -> None:
    """The comparison means something only if the fast path does serve this database."""
    from reftrack.store import fast

    session = fast.open_session(str(rep.db))
    assert session is not None, "the fast path fell back to the full one"
    session.close()


def keys(rep: Rep, **env: str) -> list[str]:
    return [item["key"] for item in agenda(rep, **env)["items"]]


def text(rep: Rep, **env: str) -> str:
    fast = rep.ok("today --all", **env).stdout
    assert fast == rep.ok("today --all", REFTRACK_FULL_READS="1", **env).stdout
    return fast


@pytest.fixture
def busy(rep: Rep) -> Rep:
    """Wednesday 25 November 2026: one of each kind of item that needs no record to clear."""
    rep.ok('contact add "Jane Doe" --company Acme --birthday 11-28')
    rep.ok('contact add "Priya Shah" --company Globex --kind partner')
    rep.ok('contact add "Tom Reed"')
    rep.ok("close tom --deal Fleet --on -2d")  # close #1: ask-c1
    rep.ok("ask jane --outcome promised --on -5d")  # ask #1: follow-a1
    rep.ok('referral add "Eli Park" --from priya --on -3d')  # referral #1: contact-r1
    rep.ok('referral add "Fay Wong" --from priya --on -2d')  # referral #2: contact-r2
    return rep


def test_every_item_has_a_short_stable_key_in_text_and_json(busy: Rep) -> None:
    first = keys(busy)
    assert sorted(first) == sorted(
        ["ask-c1", "follow-a1", "contact-r1", "contact-r2", "thank-2", "give-2", "birthday-1"]
    )
    shown = text(busy)
    for key in first:
        assert f"[{key}]" in shown
    # The same items the next day, and in another run, have the same keys.
    assert set(keys(busy, REFTRACK_NOW="2026-11-26T09:00")) == set(first)
    assert keys(busy) == first
    # A key stays with its record when other items come and go.
    busy.ok("referral update 1 --status contacted")
    later = keys(busy)
    assert "contact-r1" not in later and "inform-r1" in later and "contact-r2" in later


def test_summary_json_open_loops_carry_the_keys(busy: Rep) -> None:
    loops = json.loads(busy.ok("summary --week this --format json").stdout)["open_loops"]
    assert {loop["key"] for loop in loops} == set(keys(busy))


def test_snooze_until_a_day_hides_the_item_until_that_day(busy: Rep) -> None:
    result = busy.ok("snooze ask-c1 --until 2026-11-27")
    assert "Snoozed ask-c1 until Fri 27 Nov 2026: Ask Tom Reed for referrals" in result.stdout
    document = agenda(busy)
    assert "ask-c1" not in [i["key"] for i in document["items"]]
    assert (document["snoozed"], document["dismissed"]) == (1, 0)
    assert "(1 snoozed: reftrack snooze --list)" in text(busy)
    assert "ask-c1" not in keys(busy, REFTRACK_NOW="2026-11-26T18:00")
    assert "ask-c1" in keys(busy, REFTRACK_NOW="2026-11-27T08:00")
    assert agenda(busy, REFTRACK_NOW="2026-11-27T08:00")["snoozed"] == 0


def test_snooze_for_some_days_and_again(busy: Rep) -> None:
    document = json.loads(busy.ok("snooze FOLLOW-A1 --days 3 --json").stdout)
    assert document == {
        "key": "follow-a1",
        "kind": "follow_up",
        "contact": "Jane Doe (Acme)",
        "text": "Follow up with Jane Doe (Acme): promised since 2026-11-20",
        "until": "2026-11-28",
        "dismissed": False,
    }
    assert "follow-a1" not in keys(busy, REFTRACK_NOW="2026-11-27T09:00")
    # Snoozing again moves the day; one row per item, so it comes back once.
    busy.ok("snooze follow-a1 --days 1")
    assert "follow-a1" in keys(busy, REFTRACK_NOW="2026-11-27T09:00")


def test_done_dismisses_and_the_footer_counts_both(busy: Rep) -> None:
    busy.ok("snooze ask-c1 --days 2")
    result = busy.ok("done contact-r2")
    assert "Dismissed contact-r2: Contact Fay Wong" in result.stdout
    document = agenda(busy)
    assert (document["snoozed"], document["dismissed"]) == (1, 1)
    assert "(1 snoozed, 1 dismissed: reftrack snooze --list)" in text(busy)
    # Dismissed for good: days later it is still away.
    assert "contact-r2" not in keys(busy, REFTRACK_NOW="2026-12-02T09:00")
    listed = json.loads(busy.ok("snooze --list --json").stdout)
    assert [(e["key"], e["until"], e["dismissed"]) for e in listed] == [
        ("ask-c1", "2026-11-27", False),
        ("contact-r2", None, True),
    ]
    plain = busy.ok("snooze --list").stdout
    assert "until Fri 27 Nov 2026  ask-c1: Ask Tom Reed" in plain and "Dismissed" in plain


def test_a_dismissed_give_back_returns_only_when_the_balance_changes(busy: Rep) -> None:
    busy.ok("done give-2")
    assert "give-2" not in keys(busy)
    assert "give-2" not in keys(busy, REFTRACK_NOW="2026-12-09T09:00")
    busy.ok('referral add "Gus Hale" --from priya')
    items = {i["key"]: i for i in agenda(busy)["items"]}
    assert items["give-2"]["text"].endswith("3 referrals from them, 0 to them")


def test_a_dismissed_birthday_returns_next_year(busy: Rep) -> None:
    busy.ok("done birthday-1")
    assert "birthday-1" not in keys(busy)
    assert "birthday-1" not in keys(busy, REFTRACK_NOW="2026-11-28T09:00")
    assert "birthday-1" in keys(busy, REFTRACK_NOW="2027-11-25T09:00")


def test_unsnooze_brings_an_item_back(busy: Rep) -> None:
    busy.ok("snooze ask-c1 --days 5")
    busy.ok("done thank-2")
    result = busy.ok("unsnooze ask-c1")
    assert "Brought back ask-c1 (was snoozed): Ask Tom Reed" in result.stdout
    document = json.loads(busy.ok("unsnooze thank-2 --json").stdout)
    assert document["key"] == "thank-2" and document["dismissed"] is True
    assert {"ask-c1", "thank-2"} <= set(keys(busy))
    assert agenda(busy)["snoozed"] == agenda(busy)["dismissed"] == 0
    assert busy.ok("snooze --list").stdout.strip() == "Nothing snoozed or dismissed."


def test_an_item_cleared_while_snoozed_leaves_no_trace_in_today(busy: Rep) -> None:
    busy.ok("snooze ask-c1 --days 5")
    busy.ok("ask tom --outcome declined")
    document = agenda(busy)
    assert document["snoozed"] == 0 and "ask-c1" not in keys(busy)


@pytest.mark.parametrize(
    "args, code, says",
    [
        ("snooze nope --days 2", 1, "no item 'nope' in today's list"),
        ("snooze ask-c9 --until friday", 1, "no item 'ask-c9'"),
        ("snooze", 2, "give the key of an item"),
        ("snooze ask-c1", 2, "give --until DATE or --days N"),
        ("snooze ask-c1 --days 2 --until friday", 2, "give --until DATE or --days N, not both"),
        ("snooze ask-c1 --days 0", 2, "--days: 0 is out of range"),
        ("snooze ask-c1 --days 366", 2, "1 to 365 days"),
        ("snooze ask-c1 --days -3", 2, "out of range"),
        ("snooze ask-c1 --days three", 2, "not a whole number"),
        ("snooze ask-c1 --until today", 2, "is not after today"),
        ("snooze ask-c1 --until 2026-11-02", 2, "is not after today"),
        ("snooze ask-c1 --until 2028-01-01", 2, "more than a year ahead"),
        ("snooze ask-c1 --until 2026-13-01", 2, "2026-13-01"),
        ("snooze --list ask-c1", 2, "--list takes no KEY"),
        ("done nope", 1, "no item 'nope'"),
        ("done ''", 2, "the key is empty"),
        ("unsnooze ask-c1", 1, "neither snoozed nor dismissed"),
    ],
)
def test_bad_keys_dates_and_days_are_refused_and_change_nothing(
    busy: Rep, args: str, code: int, says: str
) -> None:
    before = fingerprint(busy.db)
    result = busy.run(args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert fingerprint(busy.db) == before


def test_put_off_rows_belong_to_the_rep(busy: Rep) -> None:
    busy.ok("snooze ask-c1 --days 3")
    busy.ok("config set rep other")
    assert busy.ok("snooze --list --json").stdout.strip() == "[]"
