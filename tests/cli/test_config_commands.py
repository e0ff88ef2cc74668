"""A rep reads and changes settings from the command line; the file keeps their comments."""

from __future__ import annotations

import json
import stat

from tests.conftest import Rep


def test_show_lists_every_key_with_defaults_marked(rep: Rep) -> None:
    result = rep.ok("config show")
    assert str(rep.config) in result.stdout
    for key in (
        "rep",
        "timezone",
        "workdays",
        "week_start",
        "ask_rate_prior",
        "prior_weight",
        "ask_window_days",
        "follow_up_days",
        "give_back_threshold",
        "stay_in_touch_days",
        "date_horizon_days",
        "ideal_customer",
        "signature",
    ):
        assert key in result.stdout
    assert "(default)" in result.stdout


def test_show_json_gives_values_and_sources(rep: Rep) -> None:
    rep.ok("config set follow_up_days 5")
    document = json.loads(rep.ok("config show --json").stdout)
    assert document["path"] == str(rep.config)
    assert document["settings"]["follow_up_days"] == {"value": "5", "source": "file"}
    assert document["settings"]["ask_window_days"] == {"value": "14", "source": "default"}
    assert document["settings"]["workdays"]["value"] == "mon,tue,wed,thu,fri"


def test_set_then_get_round_trips_and_creates_a_private_file(rep: Rep) -> None:
    assert rep.ok("config set workdays sun-thu").stdout == "workdays = mon,tue,wed,thu,sun\n"
    assert rep.ok("config get workdays").stdout == "mon,tue,wed,thu,sun\n"
    assert stat.S_IMODE(rep.config.stat().st_mode) == 0o600
    assert stat.S_IMODE(rep.config.parent.stat().st_mode) == 0o700
    assert 'workdays = ["mon", "tue", "wed", "thu", "sun"]' in rep.config.read_text()


def test_set_keeps_comments_and_layout(rep: Rep) -> None:
    rep.config.parent.mkdir(parents=True)
    original = (
        "# my reftrack settings\n"
        'rep = "ann"   # that is me\n'
        "\n"
        "# be gentle with me\n"
        "follow_up_days = 4\n"
    )
    rep.config.write_text(original)
    rep.ok("config set follow_up_days 7")
    assert rep.config.read_text() == original.replace("= 4", "= 7")


def test_unset_returns_to_the_default(rep: Rep) -> None:
    rep.ok("config set week_start sunday")
    assert rep.ok("config get week_start").stdout == "sun\n"
    assert "week_start = mon (default)" in rep.ok("config unset week_start").stdout
    assert rep.ok("config get week_start").stdout == "mon\n"


def test_path_honours_reftrack_config(rep: Rep) -> None:
    assert rep.ok("config path").stdout.strip() == str(rep.config)


def test_path_defaults_to_the_user_config_dir(rep: Rep) -> None:
    result = rep.run("config path", REFTRACK_CONFIG="")
    assert result.stdout.strip() == str(rep.home / ".config" / "reftrack" / "config.toml")


def test_the_rep_setting_decides_whose_rows_are_written(rep: Rep) -> None:
    rep.ok("config set rep sam")
    rep.ok('contact add "Jane Doe"')
    rep.ok("config set rep ann")
    assert json.loads(rep.ok("contact list --json").stdout) == []


def test_bad_values_are_refused_with_the_reason_and_file_untouched(rep: Rep) -> None:
    rep.ok("config set follow_up_days 4")
    before = rep.config.read_bytes()
    cases = {
        "config set ask_rate_prior 0": "out of range",
        "config set ask_rate_prior lots": "is not a number",
        "config set ask_window_days 2.5": "is not a whole number",
        "config set timezone Europe/Berln": "did you mean 'Europe/Berlin'",
        "config set week_start someday": "is not a weekday",
        "config set rep ''": "cannot be empty",
        "config set folow_up_days 3": "did you mean 'follow_up_days'",
    }
    for args, reason in cases.items():
        result = rep.run(args)
        assert result.exit_code == 2, args
        assert reason in result.stderr, (args, result.stderr)
    assert rep.config.read_bytes() == before


def test_day_counts_have_sane_upper_bounds(rep: Rep) -> None:
    for key, value in (
        ("ask_window_days", "99999999999999999999"),
        ("follow_up_days", "400"),
        ("stay_in_touch_days", "4000"),
        ("date_horizon_days", "367"),
        ("prior_weight", "1e9"),
        ("give_back_threshold", "20000"),
    ):
        result = rep.run(["config", "set", key, value])
        assert result.exit_code == 2 and "out of range" in result.stderr, key
    assert rep.ok("today").stdout
