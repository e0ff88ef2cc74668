"""What reftrack says reads right: counts agree with their nouns, errors name the option the
rep typed and what it accepts, and no table cuts a date or a number."""

from __future__ import annotations

import re

import pytest

from tests.conftest import Rep


def test_counts_agree_with_their_nouns(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    rep.ok("close jane --on 2026-11-17")
    rep.ok("goal set --referrals 1 --per month --rate 1 --from 2026-11-01")
    text = rep.ok("summary").stdout
    assert "0 of 1 close asked" in text
    assert "1 of 1 referral" not in text and "0 of 1 referral this month" in text
    assert re.search(r"Next week\s+1 ask\n", text), text
    assert not re.search(r"\b1 (asks|closes|referrals|introductions|working days)\b", text)
    assert "Goal set: 1 referral per month" in rep.ok("goal set --referrals 1 --per month").stdout


def test_a_value_without_a_deal_result_names_value(rep: Rep) -> None:
    rep.ok('contact add "John Roe"')
    result = rep.run("ask John --value abc")
    assert result.exit_code == 2
    assert "--value goes with --won or --lost" in result.stderr
    assert "--deal" not in result.stderr


@pytest.mark.parametrize(
    ("command", "option", "accepted"),
    [
        ("ask jane --outcome maybe", "--outcome", "'referred', 'promised', 'declined', 'pending'"),
        ("referral update bob --status done", "--status", "'new', 'contacted', 'meeting'"),
        ("goal set --referrals 3 --per fortnight", "--per", "'week', 'month', 'quarter', 'year'"),
        ("contact add Zed --kind friend", "--kind", "'customer', 'prospect'"),
    ],
)
def test_a_choice_error_is_one_clear_line(rep: Rep, command: str, option: str, accepted: str):
    rep.ok('contact add "Jane Doe"')
    result = rep.run(command)
    assert result.exit_code == 2
    error = result.stderr.strip().splitlines()[-1]
    assert "Value error" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert error.startswith(f"reftrack: Invalid value for '{option}': ") and accepted in error


def test_close_takes_won_as_the_default_it_is(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    assert "Recorded a won deal" in rep.ok("close jane --won").stdout
    both = rep.run("close jane --won --lost")
    assert both.exit_code == 2 and "either --won or --lost" in both.stderr


@pytest.mark.parametrize("columns", ["80", ""])
def test_no_table_cuts_a_date_or_a_number(rep: Rep, columns: str) -> None:
    # 80 columns, and piped with no width given (which Rich takes as 80).
    rep.ok(
        'contact add "Maximiliana Featherstonehaugh" --company "Consolidated Intercontinental '
        'Logistics" --phone "+44 20 7946 0958" --email maxi@consolidated-logistics.example'
    )
    rep.ok(
        'ask maxi --won --value 1250000 --referral "Bartholomew Stone-Whitfield@Umbrella '
        'Corporation International" --on 2026-11-20'
    )
    rep.ok("referral update bart --status won --value 1.25m --on 2026-12-01")
    rep.ok("referral inform bart --on 2026-12-02")
    rep.ok("share maxi --content 'The real cost of dispatcher overtime (2026 benchmark)'")
    rep.ok("score maxi --liking 4 --reciprocity 4 --credibility 4 --commitment 1")
    for command in ("referral list", "contact list", "score list", "share list", "log"):
        text = rep.ok(command, COLUMNS=columns).stdout
        assert "…" not in text, (command, text)
    listed = rep.ok("referral list", COLUMNS=columns).stdout
    for day in ("2026-11-20", "2026-12-01", "2026-12-02"):
        assert day in listed
    assert "1,250,000" in listed
    assert "+44 20 7946 0958" in rep.ok("contact list", COLUMNS=columns).stdout
