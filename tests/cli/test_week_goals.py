"""Every view gives one week one goal, and judges pace on a day that has happened."""

from __future__ import annotations

import json

from tests.conftest import Rep

# W49: Monday 30 November to Sunday 6 December 2026, across two months.
W49_MONDAY, W49_TUESDAY = "2026-11-30", "2026-12-01"


def views_of_a_week(rep: Rep, week: str, monday: str, day: str) -> dict[str, int]:
    """The week's goal as `summary`, `stats`, `goal show` and `today` (on `day`) give it."""
    after = {"REFTRACK_NOW": "2026-12-14T09:00"}
    summary = json.loads(rep.ok(["summary", "--week", week, "--format", "json"], **after).stdout)
    stats = json.loads(rep.ok("stats --weeks 4 --json", **after).stdout)
    shown = json.loads(rep.ok(["goal", "show", "--on", day, "--json"]).stdout)
    today = json.loads(rep.ok("today --json", REFTRACK_NOW=f"{day}T09:00").stdout)
    return {
        "summary": summary["weekly_goals"][-1],
        "stats": next(w["weekly_goal"] for w in stats["weeks"] if w["start"] == monday),
        "goal show": shown["weekly_goal"],
        "today": today["progress"]["weekly_goal"],
    }


def test_a_week_across_two_months_has_one_goal_in_every_view(rep: Rep) -> None:
    rep.ok("goal set --referrals 8 --per month --rate 0.25 --from 2026-11-01")
    # November's part, Monday 30th: 32 asks needed, its last working day: 32.
    # December's part, Tuesday 1 to Sunday 6: ceil(32 × 4 / 23) = 6.
    for day in (W49_MONDAY, W49_TUESDAY, "2026-12-06"):
        assert views_of_a_week(rep, "2026-W49", W49_MONDAY, day) == dict.fromkeys(
            ("summary", "stats", "goal show", "today"), 38
        )
    shown = rep.ok(["goal", "show", "--on", W49_TUESDAY]).stdout
    assert "This week (2026-11-30 to 2026-12-06): 38 asks" in shown
    assert "38 asks (32 on 2026-11-30, 6 from 2026-12-01) — 0 done." in shown
    text = rep.ok("summary --week 2026-W49", REFTRACK_NOW="2026-12-14T09:00").stdout
    chart = [line for line in text.splitlines() if line.startswith(" W49 ")]
    assert chart and chart[0].endswith(" 0 / 38")
    # The summary of the week before announces the same figure for next week.
    before = rep.ok("summary --week 2026-W48", REFTRACK_NOW="2026-12-14T09:00").stdout
    assert "Next week   38 asks" in before


def test_a_goal_taking_effect_mid_week_cuts_the_week_there(rep: Rep) -> None:
    rep.ok("goal set --referrals 8 --per month --rate 0.25 --from 2026-11-01")
    rep.ok("goal set --referrals 16 --per month --rate 0.25 --from 2026-11-25")
    # Monday 23 and Tuesday 24 under 8 a month: ceil(32 × 2 / 6) = 11;
    # Wednesday 25 on under 16 a month: ceil(64 × 3 / 4) = 48.
    for day in ("2026-11-23", "2026-11-25"):
        assert views_of_a_week(rep, "2026-W48", "2026-11-23", day) == dict.fromkeys(
            ("summary", "stats", "goal show", "today"), 59
        )
    shown = rep.ok("goal show --on 2026-11-24").stdout
    assert "This week (2026-11-23 to 2026-11-29): 59 asks (11 from 2026-11-23, 48 from " in shown


def test_days_before_the_first_goal_ask_for_nothing(rep: Rep) -> None:
    rep.ok("goal set --referrals 8 --per month --rate 0.25 --from 2026-11-25")
    # Only Wednesday 25 to Sunday 29 has a goal: ceil(32 × 3 / 4) = 24.
    assert views_of_a_week(rep, "2026-W48", "2026-11-23", "2026-11-25") == dict.fromkeys(
        ("summary", "stats", "goal show", "today"), 24
    )
    before = json.loads(rep.ok("today --json", REFTRACK_NOW="2026-11-23T09:00").stdout)
    assert before["progress"]["weekly_goal"] == 24
    assert before["progress"]["target"] is None
    shown = rep.ok("goal show --on 2026-11-27").stdout
    assert "24 asks (no goal before 2026-11-25, 24 from 2026-11-25)" in shown


def test_the_summary_of_this_week_judges_pace_today_like_today_does(rep: Rep) -> None:
    monday = {"REFTRACK_NOW": "2026-11-02T09:00"}
    rep.ok("goal set --referrals 8 --per month", **monday)
    assert "(on pace)" in rep.ok("today", **monday).stdout
    text = rep.ok("summary --week this", **monday).stdout
    assert "0 of 8 referrals this month (on pace)" in text
    document = json.loads(rep.ok("summary --week this --format json", **monday).stdout)
    assert document["goal"]["on_pace"] is True
    assert document["goal"]["referrals_in_period"] == 0


def test_the_referrals_of_the_period_count_up_to_today_only(rep: Rep) -> None:
    rep.ok("goal set --referrals 8 --per month --rate 0.25 --from 2026-11-01")
    rep.ok('contact add "Jane Doe"')
    rep.ok('ask jane --referral "Bob Stone" --on 2026-11-02')
    rep.ok('referral add "Carla Mendes" --from jane --on 2026-11-06')  # dated ahead
    wednesday = {"REFTRACK_NOW": "2026-11-04T09:00"}
    document = json.loads(rep.ok("summary --week this --format json", **wednesday).stdout)
    today = json.loads(rep.ok("today --json", **wednesday).stdout)
    assert document["goal"]["referrals_in_period"] == 1
    assert today["progress"]["referrals_in_period"] == 1
    # Expected by Wednesday 4th: 8 × 2 / 21 ≈ 0.76; 1 is in: on pace, as `today` says.
    assert document["goal"]["on_pace"] is today["progress"]["on_pace"] is True
