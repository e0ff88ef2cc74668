"""`today` each morning: every reminder appears when it should and leaves once the rep acts."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Rep


def agenda(rep: Rep, **env: str) -> dict:
    """`today --json`, checked to be the same on the fast sqlite3 path and the full one."""
    fast = rep.ok("today --json", **env).stdout
    full = rep.ok("today --json", REFTRACK_FULL_READS="1", **env).stdout
    assert fast == full
    return json.loads(fast)


def kinds(rep: Rep, **env: str) -> list[tuple[str, str]]:
    return [(i["kind"], i["contact"]) for i in agenda(rep, **env)["items"]]


@pytest.fixture
def jane(rep: Rep) -> Rep:
    rep.ok('contact add "Jane Doe" --company Acme')
    return rep


def test_nothing_to_do_is_a_quiet_encouraging_line(rep: Rep) -> None:
    result = rep.ok("today")
    assert "Wednesday 25 November 2026" in result.stdout
    assert "Nothing waiting" in result.stdout
    document = agenda(rep)
    assert document["date"] == "2026-11-25" and document["items"] == []
    assert set(document["progress"]) >= {
        "asks_today",
        "daily_goal",
        "referrals_in_period",
        "target",
        "streak",
    }


def test_ask_close_until_the_rep_asks(jane: Rep) -> None:
    jane.ok("close jane --deal Fleet --on -2d")
    (item,) = agenda(jane)["items"]
    assert item["kind"] == "ask_close" and item["due"] == "2026-11-23" and item["overdue"]
    assert item["command"] == 'reftrack ask "Jane Doe (Acme)"'
    jane.ok("ask jane --outcome declined")
    assert kinds(jane) == []


def test_ask_close_ends_with_the_ask_window_and_ignores_asks_before_the_close(jane: Rep) -> None:
    jane.ok("ask jane --outcome declined --on -20d")
    jane.ok("close jane --lost --on -14d")
    assert kinds(jane) == [("ask_close", "Jane Doe (Acme)")]
    assert kinds(jane, REFTRACK_NOW="2026-11-26") == []
    jane.ok("config set ask_window_days 30")
    assert kinds(jane, REFTRACK_NOW="2026-11-26") == [("ask_close", "Jane Doe (Acme)")]


def test_follow_up_comes_due_and_clears_with_a_later_ask(jane: Rep) -> None:
    jane.ok("ask jane --outcome promised --on -2d")
    assert kinds(jane) == []
    assert kinds(jane, REFTRACK_NOW="2026-11-26") == [("follow_up", "Jane Doe (Acme)")]
    jane.ok('ask jane --referral "Bob Stone"', REFTRACK_NOW="2026-11-26")
    assert ("follow_up", "Jane Doe (Acme)") not in kinds(jane, REFTRACK_NOW="2026-11-26")


def test_contact_referral_until_contacted_then_inform_until_told(jane: Rep) -> None:
    jane.ok('ask jane --referral "Bob Stone"')
    jane.ok("thank jane")
    assert kinds(jane) == [("contact_referral", "Bob Stone")]
    jane.ok("referral update bob --status contacted")
    assert kinds(jane) == [("inform_referrer", "Jane Doe (Acme)")]
    jane.ok("referral inform bob")
    assert kinds(jane) == []
    jane.ok("referral update bob --status meeting", REFTRACK_NOW="2026-11-27")
    assert kinds(jane, REFTRACK_NOW="2026-11-27") == [("inform_referrer", "Jane Doe (Acme)")]


def test_thank_until_thanked_on_or_after_the_day_received(jane: Rep) -> None:
    jane.ok("thank jane --on -5d")
    jane.ok('ask jane --referral "Bob Stone" --on -3d')
    jane.ok("referral update bob --status contacted --on -3d")
    jane.ok("referral inform bob --on -3d")
    (item,) = agenda(jane)["items"]
    assert (item["kind"], item["text"]) == (
        "thank",
        "Thank Jane Doe (Acme) for referring Bob Stone",
    )
    jane.ok("thank jane --call")
    assert kinds(jane) == []


def test_dates_show_within_the_horizon(jane: Rep) -> None:
    jane.ok("contact edit jane --birthday 12-03 --date anniversary=2019-11-26")
    texts = [i["text"] for i in agenda(jane)["items"]]
    assert texts == ["Jane Doe (Acme)'s anniversary (7 years) on Thu 26 Nov"]
    jane.ok("config set date_horizon_days 6")
    assert len(agenda(jane)["items"]) == 1
    jane.ok("config set date_horizon_days 10")
    assert [i["kind"] for i in agenda(jane)["items"]] == ["date", "date"]


def test_dates_across_the_year_end_and_a_leap_birthday(jane: Rep) -> None:
    jane.ok("contact edit jane --birthday 01-02")
    jane.ok('contact add "Leap Baby" --birthday 02-29')
    assert [i["due"] for i in agenda(jane, REFTRACK_NOW="2026-12-30")["items"]] == ["2027-01-02"]
    assert [i["due"] for i in agenda(jane, REFTRACK_NOW="2027-02-25")["items"]] == ["2027-02-28"]


def test_give_back_once_they_sent_two_more_than_they_got(jane: Rep) -> None:
    jane.ok('ask jane --referral "Bob Stone" --referral "Carla Mendes"')
    jane.ok("thank jane")
    jane.ok("referral update bob --status contacted")
    jane.ok("referral update carla --status contacted")
    jane.ok("referral inform bob")
    jane.ok("referral inform carla")
    assert kinds(jane) == [("give_back", "Jane Doe (Acme)")]
    jane.ok('give jane --to "Zoe Park"')
    assert kinds(jane) == []


def test_stay_in_touch_after_ninety_quiet_days(jane: Rep) -> None:
    jane.ok('ask jane --referral "Bob Stone" --on 2026-06-01')
    jane.ok("thank jane --on 2026-06-01")
    jane.ok("referral update bob --status won --on 2026-06-02")
    jane.ok("referral inform bob --on 2026-06-02")
    jane.ok('give jane --to "Zoe Park" --on 2026-06-03')
    assert kinds(jane, REFTRACK_NOW="2026-08-31") == []
    assert kinds(jane, REFTRACK_NOW="2026-09-01") == [("stay_in_touch", "Jane Doe (Acme)")]
    jane.ok('share jane --content "Year-end guide"', REFTRACK_NOW="2026-09-01")
    assert kinds(jane, REFTRACK_NOW="2026-09-01") == []


def test_commitment_for_strong_relationships_until_asked(jane: Rep) -> None:
    jane.ok("score jane --liking 5 --reciprocity 4 --credibility 4 --commitment 1 --on -1d")
    assert kinds(jane) == [("commitment", "Jane Doe (Acme)")]
    jane.ok("ask jane --outcome promised")
    assert kinds(jane) == []


def test_commitment_clears_when_commitment_rises(jane: Rep) -> None:
    jane.ok("score jane --liking 5 --reciprocity 5 --credibility 5")
    assert kinds(jane) == [("commitment", "Jane Doe (Acme)")]
    jane.ok("score jane --commitment 4")
    assert kinds(jane) == []


def test_archived_contacts_drop_out_of_today(jane: Rep) -> None:
    jane.ok("close jane")
    jane.ok("contact archive jane")
    assert kinds(jane) == []


def test_most_pressing_first_overdue_before_due_oldest_first(jane: Rep) -> None:
    jane.ok('contact add "Bob Stone"')
    jane.ok("close bob --on -1d")
    jane.ok("close jane --on -5d")
    jane.ok("contact edit jane --birthday 11-27")
    jane.ok("ask jane --outcome pending --on -5d --follow-up today")
    items = agenda(jane)["items"]
    assert [(i["kind"], i["due"], i["overdue"]) for i in items] == [
        ("ask_close", "2026-11-24", True),
        ("follow_up", "2026-11-25", False),
        ("date", "2026-11-27", False),
    ]
    shown = jane.ok("today").stdout
    assert shown.index("Ask Bob Stone") < shown.index("Follow up with") < shown.index("birthday")
    assert 'reftrack ask "Bob Stone"' in shown


def test_a_non_working_day_says_so_and_shows_only_what_is_overdue(jane: Rep) -> None:
    jane.ok("close jane --on 2026-11-27")
    jane.ok('contact add "Bob Stone"')
    jane.ok("ask bob --outcome promised --on 2026-11-25 --follow-up 2026-11-28")
    saturday = {"REFTRACK_NOW": "2026-11-28"}
    document = agenda(jane, **saturday)
    assert document["working_day"] is False
    assert [i["kind"] for i in document["items"]] == ["ask_close"]
    shown = jane.ok("today", **saturday).stdout
    assert "Not a working day" in shown
    assert "1 more on your next working day" in shown


def test_a_day_off_is_not_a_working_day(jane: Rep) -> None:
    jane.ok("off today --note 'dentist'")
    assert agenda(jane)["working_day"] is False


def test_progress_counts_asks_against_the_daily_goal_and_the_streak(jane: Rep) -> None:
    jane.ok("goal set --referrals 8 --per month --rate 0.25 --from 2026-11-01")
    for day in ("2026-11-19", "2026-11-20", "2026-11-23", "2026-11-24"):
        jane.ok(f"ask jane --outcome declined --on {day}")
    progress = agenda(jane)["progress"]
    assert progress["streak"] == 4
    assert (progress["target"], progress["referrals_in_period"]) == (8, 0)
    assert progress["daily_goal"] == 8  # 32 asks over the 4 working days left
    jane.ok("ask jane --outcome declined")
    progress = agenda(jane)["progress"]
    assert (progress["asks_today"], progress["daily_goal"], progress["streak"]) == (1, 8, 5)
    assert "Asks today: 1 of 8" in jane.ok("today").stdout


def test_the_daily_goal_is_fixed_at_the_start_of_the_day(jane: Rep) -> None:
    jane.ok("goal set --referrals 8 --per month --rate 0.25 --from 2026-11-01")
    before = agenda(jane)["progress"]["daily_goal"]
    jane.ok("ask jane --referral A --referral B --referral C --referral D")
    after = agenda(jane)["progress"]
    assert after["daily_goal"] == before
    assert after["referrals_in_period"] == 4


def test_a_streak_survives_the_weekend_and_a_day_off_but_not_a_missed_day(jane: Rep) -> None:
    for day in ("2026-11-18", "2026-11-20", "2026-11-23"):
        jane.ok(f"ask jane --outcome declined --on {day}")
    jane.ok("off 2026-11-19")
    assert agenda(jane, REFTRACK_NOW="2026-11-24")["progress"]["streak"] == 3
    jane.ok("off rm 2026-11-19")
    assert agenda(jane, REFTRACK_NOW="2026-11-24")["progress"]["streak"] == 2
    assert agenda(jane, REFTRACK_NOW="2026-11-25")["progress"]["streak"] == 0


def test_week_start_sunday_moves_the_week(jane: Rep) -> None:
    jane.ok("config set week_start sun")
    jane.ok("config set workdays sun-thu")
    jane.ok("goal set --referrals 5 --per week --rate 0.5 --from 2026-11-01")
    goal = json.loads(jane.ok("goal show --json").stdout)
    assert (goal["start"], goal["end"]) == ("2026-11-22", "2026-11-28")
    assert goal["workdays_left"] == 2  # Wednesday and Thursday
    assert goal["daily_goal"] == 5
    saturday = json.loads(jane.ok("goal show --on 2026-11-28 --json").stdout)
    assert saturday["daily_goal"] == 0


def test_a_non_utc_time_zone_decides_what_today_is(jane: Rep) -> None:
    jane.ok("config set timezone Pacific/Auckland")
    late_tuesday_utc = {"REFTRACK_NOW": "2026-11-24T20:00:00Z"}
    assert agenda(jane, **late_tuesday_utc)["date"] == "2026-11-25"
    jane.ok("ask jane --outcome declined", **late_tuesday_utc)
    (ask,) = json.loads(jane.ok("contact show jane --json").stdout)["asks"]
    assert ask["asked_on"] == "2026-11-25"


def test_across_a_daylight_saving_change(jane: Rep) -> None:
    jane.ok("config set timezone Europe/Berlin")
    # Clocks go back at 03:00 on Sunday 25 October 2026; 23:30 UTC is already Monday in Berlin.
    monday = {"REFTRACK_NOW": "2026-10-25T23:30:00Z"}
    jane.ok("ask jane --outcome declined --on 2026-10-23")
    document = agenda(jane, **monday)
    assert document["date"] == "2026-10-26"
    assert document["progress"]["streak"] == 1
    jane.ok("ask jane --outcome promised", **monday)
    (latest, _) = json.loads(jane.ok("contact show jane --json").stdout)["asks"]
    assert (latest["asked_on"], latest["follow_up_on"]) == ("2026-10-26", "2026-10-29")


def test_a_new_month_starts_the_count_again(jane: Rep) -> None:
    jane.ok("goal set --referrals 2 --per month --rate 0.5 --from 2026-11-01")
    jane.ok("ask jane --referral A --referral B --on 2026-11-27")
    assert agenda(jane, REFTRACK_NOW="2026-11-30")["progress"]["referrals_in_period"] == 2
    december = agenda(jane, REFTRACK_NOW="2026-12-01")["progress"]
    assert (december["referrals_in_period"], december["daily_goal"]) == (0, 1)


def test_today_on_another_day_and_a_bad_day(jane: Rep) -> None:
    assert agenda(jane, REFTRACK_NOW="2026-11-25")["date"] == "2026-11-25"
    assert json.loads(jane.ok("today --on friday --json").stdout)["date"] == "2026-11-27"
    result = jane.run("today --on someday")
    assert result.exit_code == 2 and "is not a date" in result.stderr
