"""Old loops age out of the morning list into a count; `today --all` and --json keep them."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Rep

# On SQLite and on PostgreSQL: the representative subset that runs on both engines.
pytestmark = pytest.mark.both_engines


def _story(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe" --company Acme --birthday 11-27')
    rep.ok('contact add "Tom Reed"')
    rep.ok("ask tom --outcome pending --on 2026-09-01")  # follow-up due 09-04: stale
    rep.ok("ask jane --outcome promised --on 2026-11-16")  # follow-up due 11-19: fresh
    rep.ok("score tom --liking 5 --reciprocity 5 --credibility 5 --on 2026-09-10")


def test_loops_overdue_past_stale_after_days_leave_the_morning_list(rep: Rep) -> None:
    _story(rep)
    shown = rep.ok("today").stdout
    assert "Follow up with Jane Doe (Acme)" in shown
    assert "Follow up with Tom Reed" not in shown
    # Commitments and dates never go stale, however old.
    assert "Ask Tom Reed for a formal referral commitment" in shown
    assert "birthday on Fri 27 Nov" in shown
    assert "(1 older loop, more than 30 days overdue: reftrack today --all)" in shown

    everything = rep.ok("today --all").stdout
    assert everything.index("1 older loop, more than 30 days overdue:") < everything.index(
        "Follow up with Tom Reed"
    )
    items = json.loads(rep.ok("today --json").stdout)["items"]
    assert [(i["kind"], i["contact"], i["stale"]) for i in items] == [
        ("commitment", "Tom Reed", False),
        ("follow_up", "Jane Doe (Acme)", False),
        ("date", "Jane Doe (Acme)", False),
        ("follow_up", "Tom Reed", True),
    ]


def test_stale_after_days_is_a_setting_and_the_summary_counts_old_loops(rep: Rep) -> None:
    _story(rep)
    summary = rep.ok("summary").stdout
    assert "Open loops as of 2026-11-25 (3)" in summary
    assert "(1 older loop, long overdue: reftrack today --all)" in summary
    assert "Follow up with Tom Reed" not in summary
    loops = json.loads(rep.ok("summary --format json").stdout)["open_loops"]
    assert [loop["stale"] for loop in loops] == [False, False, False, True]
    assert (
        "older loop, long overdue: `reftrack today --all`"
        in rep.ok("summary --format markdown").stdout
    )

    rep.ok("config set stale_after_days 120")
    assert "older loop" not in rep.ok("today").stdout
    assert "Follow up with Tom Reed" in rep.ok("today").stdout
    assert rep.run("config set stale_after_days 0").exit_code != 0
