"""`log` tells what was true when each thing happened, newest first, in a total order."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Rep

# On SQLite and on PostgreSQL: the representative subset that runs on both engines.
pytestmark = pytest.mark.both_engines


@pytest.fixture
def jane(rep: Rep) -> Rep:
    rep.ok('contact add "Jane Doe" --company Acme')
    return rep


def test_an_inform_line_keeps_the_status_the_referrer_was_told(jane: Rep) -> None:
    jane.ok('ask jane --referral "Bob Stone" --on 2026-11-16')
    jane.ok("referral update bob --status contacted --on 2026-11-17")
    jane.ok("referral inform bob --on 2026-11-18")
    jane.ok("referral update bob --status meeting --on 2026-11-20")
    jane.ok("referral update bob --status won --value 9k --on 2026-11-24")
    text = jane.ok("log").stdout
    assert "told how Bob Stone is going (contacted)" in text
    assert "(won)" not in text
    informed = [e for e in json.loads(jane.ok("log --json").stdout) if e["kind"] == "inform"]
    assert [(e["date"], e["status"]) for e in informed] == [("2026-11-18", "contacted")]
    # Seen from a window that starts after the status change, it is still what was told.
    since = json.loads(jane.ok("log --since 2026-11-18 --json").stdout)
    assert [e["status"] for e in since if e["kind"] == "inform"] == ["contacted"]
    # Only the won line carries the value won.
    values = {e["status"]: e["value"] for e in since if e["kind"] == "status"}
    assert values == {"meeting": None, "won": 9000.0}


def test_a_report_before_a_same_day_status_change_says_the_status_before_it(jane: Rep) -> None:
    jane.ok('ask jane --referral "Bob Stone"')
    jane.ok("referral inform bob")
    jane.ok("referral update bob --status meeting")
    assert "told how Bob Stone is going (new)" in jane.ok("log").stdout


def test_one_days_entries_come_newest_first_with_the_clock_pinned(jane: Rep) -> None:
    # Every command below is written at the same pinned instant.
    jane.ok('ask jane --won --deal Fleet --referral "Bob Stone"')
    jane.ok("referral update bob --status contacted")
    jane.ok("referral inform bob")
    jane.ok("referral update bob --status meeting")
    entries = json.loads(jane.ok("log --json").stdout)
    assert [(e["kind"], e.get("status")) for e in entries] == [
        ("status", "meeting"),
        ("inform", "contacted"),
        ("status", "contacted"),
        ("referral", "new"),
        ("ask", None),
        ("close", None),
    ]


def test_entries_written_at_different_times_of_a_day_come_newest_first(jane: Rep) -> None:
    jane.ok("score jane --liking 4", REFTRACK_NOW="2026-11-25T09:00")
    jane.ok("thank jane", REFTRACK_NOW="2026-11-25T09:05")
    jane.ok("close jane", REFTRACK_NOW="2026-11-25T09:10")
    kinds = [e["kind"] for e in json.loads(jane.ok("log --json").stdout)]
    assert kinds == ["close", "thank", "score"]


def test_nothing_since_a_day_says_since_that_day(jane: Rep) -> None:
    jane.ok("close jane --on 2026-11-20")
    assert jane.ok("log --since today").stdout.strip() == "Nothing recorded since 2026-11-25."
    assert jane.ok("log --since today --json").stdout.strip() == "[]"
