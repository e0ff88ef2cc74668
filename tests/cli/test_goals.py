"""A rep sets a referral goal, sees what it asks of them, and takes days off."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Rep

# On SQLite and on PostgreSQL: the representative subset that runs on both engines.
pytestmark = pytest.mark.both_engines


def goal(rep: Rep, *args: str, **env: str) -> dict:
    return json.loads(rep.ok(["goal", "show", *args, "--json"], **env).stdout)


def test_goal_show_has_the_contract_fields(rep: Rep) -> None:
    rep.ok("goal set --referrals 8 --per month --rate 0.25 --from 2026-11-01")
    document = goal(rep, "--on", "2026-11-02")
    assert {
        k: document[k]
        for k in (
            "period",
            "start",
            "end",
            "target",
            "received",
            "rate",
            "rate_basis",
            "asks_needed",
            "workdays_left",
            "daily_goal",
            "weekly_goal",
            "on_pace",
        )
    } == {
        "period": "month",
        "start": "2026-11-01",
        "end": "2026-11-30",
        "target": 8,
        "received": 0,
        "rate": 0.25,
        "rate_basis": "fixed",
        "asks_needed": 32,
        "workdays_left": 21,
        "daily_goal": 2,
        "weekly_goal": 8,
        "on_pace": True,
    }


def test_the_spec_examples_through_the_command_line(rep: Rep) -> None:
    rep.ok("goal set --referrals 8 --per month --rate 0.25 --from 2026-11-01")
    rep.ok('contact add "Jane Doe"')
    rep.ok(
        "ask jane --referral A --referral B --referral C --referral D --referral E --on 2026-11-10"
    )
    monday = goal(rep, "--on", "2026-11-23")
    assert (
        monday["received"],
        monday["asks_needed"],
        monday["workdays_left"],
        monday["daily_goal"],
        monday["weekly_goal"],
    ) == (5, 12, 6, 2, 10)
    saturday = goal(rep, "--on", "2026-11-28")
    assert (saturday["asks_needed"], saturday["workdays_left"], saturday["daily_goal"]) == (
        12,
        1,
        0,
    )
    rep.ok("ask jane --referral F --referral G --referral H --on 2026-11-27")
    last = goal(rep, "--on", "2026-11-30")
    assert (last["received"], last["asks_needed"], last["daily_goal"]) == (8, 0, 0)
    # SPEC's weekly goal of 0 is November's part of the week; 8 a month still holds in
    # December, whose part (Tue 1 to Sun 6) adds ceil(32 × 4 / 23) = 6 to the whole week.
    assert [(p["start"], p["weekly_goal"]) for p in last["week_parts"]] == [
        ("2026-11-30", 0),
        ("2026-12-01", 6),
    ]
    assert last["weekly_goal"] == 6


def test_human_output_explains_itself_with_the_prior(rep: Rep) -> None:
    rep.ok("goal set --referrals 8 --per month")
    shown = rep.ok("goal show").stdout
    assert "8 referrals per month (2026-11-01 to 2026-11-30)" in shown
    assert "25 % assumed until you have logged more asks" in shown
    assert "Asks needed: 32 over 4 working days left." in shown
    assert "Per day: 8 today — 0 done." in shown
    assert "Behind pace" in shown
    assert goal(rep)["rate_basis"] == "prior"


def test_the_rate_is_learned_from_the_last_year(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    for n in range(10):
        rep.ok(f"ask jane --outcome declined --on 2026-10-{n + 1:02d}")
    rep.ok("ask jane --referral A --referral B --referral C --on 2026-10-20")
    rep.ok("ask jane --outcome declined --on 2025-10-01")  # older than a year: not counted
    rep.ok("goal set --referrals 8 --per month")
    document = goal(rep)
    assert document["rate_basis"] == "history"
    assert document["rate"] == round((3 + 0.25 * 10) / (11 + 10), 4)
    assert "your rate: 26 % over 11 asks" in rep.ok("goal show").stdout


def test_past_periods_are_judged_by_the_goal_then_in_force(rep: Rep) -> None:
    rep.ok("goal set --referrals 4 --per month --rate 0.5 --from 2026-10-01")
    rep.ok("goal set --referrals 12 --per quarter --rate 0.5 --from 2026-11-15")
    october = goal(rep, "--on", "2026-10-15")
    assert (october["period"], october["target"]) == ("month", 4)
    now = goal(rep)
    assert (now["period"], now["target"], now["start"]) == ("quarter", 12, "2026-10-01")
    before = rep.run("goal show --on 2026-09-01 --json")
    assert json.loads(before.stdout)["goal"] is None


def test_setting_a_goal_again_on_the_same_day_replaces_it(rep: Rep) -> None:
    rep.ok("goal set --referrals 8 --per month")
    rep.ok("goal set --referrals 6 --per month")
    assert goal(rep)["target"] == 6


def test_no_goal_yet_says_how_to_set_one(rep: Rep) -> None:
    assert "reftrack goal set" in rep.ok("goal show").stdout


def test_bad_goals_are_refused_and_nothing_changes(rep: Rep) -> None:
    rep.ok("goal set --referrals 8 --per month")
    for args in (
        "goal set --referrals -1 --per month",
        "goal set --referrals 3 --per decade",
        "goal set --referrals 3 --per month --rate 0",
        "goal set --referrals 3 --per month --rate 11",
        "goal set --referrals 3 --per month --from nope",
        "goal set --referrals many --per month",
        "goal show --on 2026-02-31",
    ):
        result = rep.run(args)
        assert result.exit_code == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert goal(rep)["target"] == 8


def test_days_off_are_added_listed_and_removed(rep: Rep) -> None:
    result = rep.ok("off 2026-12-24..2026-12-26 --note holidays")
    assert "Off: 2026-12-24..2026-12-26 (3 days)." in result.stdout
    assert "Already off: 2026-12-24" in rep.ok("off 2026-12-24").stdout
    listed = json.loads(rep.ok("off list --json").stdout)
    assert [d["date"] for d in listed] == ["2026-12-24", "2026-12-25", "2026-12-26"]
    assert listed[0]["note"] == "holidays"
    rep.ok("off yesterday")
    assert len(json.loads(rep.ok("off list --json").stdout)) == 3
    assert len(json.loads(rep.ok("off list --all --json").stdout)) == 4
    assert "Working again: 2026-12-25" in rep.ok("off rm 2026-12-25").stdout
    assert "Thu" in rep.ok("off list").stdout


def test_days_off_shrink_the_working_days_left(rep: Rep) -> None:
    rep.ok("goal set --referrals 8 --per month --rate 0.25")
    assert goal(rep)["workdays_left"] == 4
    rep.ok("off 2026-11-26..2026-11-27")
    assert goal(rep)["workdays_left"] == 2
    assert goal(rep)["daily_goal"] == 16


def test_bad_days_off_are_refused(rep: Rep) -> None:
    rep.ok("off 2026-12-24")
    for args, code in (
        ("off 2026-12-26..2026-12-24", 2),
        ("off rm 2026-12-31", 1),
        ("off someday", 2),
        ("off rm", 2),
        ("off a b", 2),
    ):
        result = rep.run(args)
        assert result.exit_code == code, (args, result.stderr)
    assert len(json.loads(rep.ok("off list --json").stdout)) == 1


def test_a_goal_set_late_in_its_period_says_what_it_means_and_offers_two_ways_out(
    rep: Rep,
) -> None:
    late = rep.ok("goal set --referrals 8 --per month --rate 0.25", REFTRACK_NOW="2026-11-30")
    assert "That is 32 asks a day for the 1 working day left in November." in late.stdout
    assert (
        "reftrack goal set --referrals 8 --per month --rate 0.25 --from 2026-12-01" in late.stdout
    )
    assert (
        "(8 → 1): reftrack goal set --referrals 8 --per month --rate 0.25 --prorate" in late.stdout
    )
    early = rep.ok("goal set --referrals 8 --per month --rate 0.25", REFTRACK_NOW="2026-11-02")
    assert "That is" not in early.stdout


def test_prorate_scales_the_target_to_the_working_days_left(rep: Rep) -> None:
    # 25 November 2026: 4 of November's 21 working days are left; ceil(8 × 4 / 21) = 2.
    result = rep.ok("goal set --referrals 8 --per month --rate 0.25 --prorate --json")
    document = json.loads(result.stdout)
    assert (document["target"], document["workdays_left"]) == (2, 4)
    # From the first day of a period nothing is scaled.
    result = rep.ok("goal set --referrals 8 --per month --prorate --from 2026-12-01 --json")
    assert json.loads(result.stdout)["target"] == 8
    assert "That is" not in rep.ok("goal set --referrals 8 --per month --prorate").stdout
