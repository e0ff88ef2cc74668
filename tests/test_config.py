"""The settings file as a rep lives with it: defaults, set and get, comments kept, typos caught."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reftrack.config import (
    KEYS,
    Settings,
    config_path,
    get_value,
    load_settings,
    set_value,
    show_values,
    unset_value,
)
from reftrack.errors import ConfigProblem, UsageProblem

SRC = Path(__file__).resolve().parent.parent / "src"
DEFAULT_DISPLAY = {
    "workdays": "mon,tue,wed,thu,fri",
    "week_start": "mon",
    "ask_rate_prior": "0.25",
    "prior_weight": "10",
    "ask_window_days": "14",
    "follow_up_days": "3",
    "give_back_threshold": "2",
    "stay_in_touch_days": "90",
    "date_horizon_days": "7",
    "signature": "",
}


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private HOME and config location; the file itself does not exist yet."""
    home = tmp_path / "home"
    home.mkdir()
    path = tmp_path / "settings" / "config.toml"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("REFTRACK_CONFIG", str(path))
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.setenv("USER", "ann")
    monkeypatch.setenv("LOGNAME", "ann")
    return path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


# ---------------------------------------------------------------- defaults


def test_with_no_file_every_key_is_its_default(config: Path) -> None:
    rows = show_values()
    assert [key for key, _value, _source in rows] == list(KEYS)
    assert {source for _key, _value, source in rows} == {"default"}
    values = {key: value for key, value, _source in rows}
    for key, expected in DEFAULT_DISPLAY.items():
        assert values[key] == expected, key
    assert values["rep"] == "ann"
    assert values["timezone"] == "Europe/Berlin"
    assert "referrals" in values["ideal_customer"]
    assert not config.exists()
    assert not config.parent.exists()


def test_defaults_as_typed_settings(config: Path) -> None:
    settings = load_settings()
    assert settings == Settings(
        rep="ann",
        timezone="Europe/Berlin",
        workdays=(0, 1, 2, 3, 4),
        week_start=0,
        ask_rate_prior=0.25,
        prior_weight=10.0,
        ask_window_days=14,
        follow_up_days=3,
        give_back_threshold=2,
        stay_in_touch_days=90,
        date_horizon_days=7,
        stale_after_days=30,
        ideal_customer=settings.ideal_customer,
        signature="",
    )
    # The login name is a guess: messages are not signed with it.
    assert settings.signature_text is None
    set_value("rep", "ann")
    assert load_settings().signature_text == "ann"


def test_an_unknown_tz_falls_back_to_a_real_zone(config: Path, monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Nowhere/Special")
    zone = get_value("timezone")
    from zoneinfo import ZoneInfo

    assert zone != "Nowhere/Special"
    ZoneInfo(zone)


def test_the_spec_table_documents_every_key(config: Path) -> None:
    for key, spec in KEYS.items():
        assert spec.name == key
        assert spec.help and "\n" not in spec.help
        assert spec.accepts
        assert isinstance(spec.default, str)
    assert KEYS["workdays"].default == "mon,tue,wed,thu,fri"


# ---------------------------------------------------------------- set and get


@pytest.mark.parametrize(
    ("key", "typed", "shown", "stored", "attribute", "value"),
    [
        ("rep", "  sam  ", "sam", 'rep = "sam"', "rep", "sam"),
        (
            "timezone",
            "America/New_York",
            "America/New_York",
            'timezone = "America/New_York"',
            "timezone",
            "America/New_York",
        ),
        ("timezone", "europe/paris", "Europe/Paris", None, "timezone", "Europe/Paris"),
        (
            "workdays",
            "mon-fri",
            "mon,tue,wed,thu,fri",
            'workdays = ["mon", "tue", "wed", "thu", "fri"]',
            "workdays",
            (0, 1, 2, 3, 4),
        ),
        (
            "workdays",
            "sun-thu",
            "mon,tue,wed,thu,sun",
            'workdays = ["mon", "tue", "wed", "thu", "sun"]',
            "workdays",
            (0, 1, 2, 3, 6),
        ),
        ("workdays", "Mon,Wed", "mon,wed", 'workdays = ["mon", "wed"]', "workdays", (0, 2)),
        ("workdays", "friday-Monday", "mon,fri,sat,sun", None, "workdays", (0, 4, 5, 6)),
        ("workdays", "TUE, thursday", "tue,thu", None, "workdays", (1, 3)),
        ("workdays", "mon - wed,sat", "mon,tue,wed,sat", None, "workdays", (0, 1, 2, 5)),
        ("week_start", "Sunday", "sun", 'week_start = "sun"', "week_start", 6),
        ("week_start", "SAT", "sat", None, "week_start", 5),
        ("ask_rate_prior", "0.3", "0.3", "ask_rate_prior = 0.3", "ask_rate_prior", 0.3),
        ("ask_rate_prior", "1", "1", None, "ask_rate_prior", 1.0),
        ("prior_weight", "0", "0", None, "prior_weight", 0.0),
        ("prior_weight", "2.5", "2.5", "prior_weight = 2.5", "prior_weight", 2.5),
        ("ask_window_days", "21", "21", "ask_window_days = 21", "ask_window_days", 21),
        ("follow_up_days", "0", "0", "follow_up_days = 0", "follow_up_days", 0),
        ("give_back_threshold", "3", "3", None, "give_back_threshold", 3),
        ("stay_in_touch_days", "60", "60", None, "stay_in_touch_days", 60),
        ("date_horizon_days", "0", "0", None, "date_horizon_days", 0),
        (
            "ideal_customer",
            "a CFO at a mid-size logistics firm",
            "a CFO at a mid-size logistics firm",
            'ideal_customer = "a CFO at a mid-size logistics firm"',
            "ideal_customer",
            "a CFO at a mid-size logistics firm",
        ),
        ("signature", "Sam from Acme", "Sam from Acme", None, "signature", "Sam from Acme"),
    ],
)
def test_set_then_get_for_every_kind_of_value(
    config: Path,
    key: str,
    typed: str,
    shown: str,
    stored: str | None,
    attribute: str,
    value: object,
) -> None:
    assert set_value(key, typed) == shown
    assert get_value(key) == shown
    if stored is not None:
        assert stored in config.read_text().splitlines()
    assert getattr(load_settings(), attribute) == value
    assert dict((k, source) for k, _v, source in show_values())[key] == "file"


def test_signature_text_prefers_the_signature(config: Path) -> None:
    set_value("rep", "sam")
    assert load_settings().signature_text == "sam"
    set_value("signature", "Sam Stone, Acme")
    assert load_settings().signature_text == "Sam Stone, Acme"


def test_settings_values_have_their_declared_types(config: Path) -> None:
    write(config, "prior_weight = 12\nask_rate_prior = 1\n")
    settings = load_settings()
    assert isinstance(settings.prior_weight, float) and settings.prior_weight == 12.0
    assert isinstance(settings.ask_rate_prior, float)
    assert isinstance(settings.ask_window_days, int)
    assert isinstance(settings.workdays, tuple)
    assert get_value("prior_weight") == "12"


def test_an_explicit_path_wins_over_the_environment(config: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.toml"
    set_value("follow_up_days", "9", elsewhere)
    assert get_value("follow_up_days", elsewhere) == "9"
    assert load_settings(elsewhere).follow_up_days == 9
    assert get_value("follow_up_days") == "3"
    assert not config.exists()


# ---------------------------------------------------------------- the file keeps its shape


def test_set_changes_only_its_line_and_keeps_comments_and_blank_lines(config: Path) -> None:
    original = (
        "# my reftrack settings\n"
        "\n"
        'rep = "ann"   # that is me\n'
        "\n"
        "\n"
        "# be gentle with me\n"
        "follow_up_days   =   4 # days\n"
        'workdays = ["mon", "tue"]\n'
        "# trailing thought\n"
    )
    write(config, original)
    set_value("follow_up_days", "7")
    assert config.read_text() == original.replace("=   4 #", "=   7 #")
    set_value("workdays", "mon-wed")
    assert config.read_text() == original.replace("=   4 #", "=   7 #").replace(
        '["mon", "tue"]', '["mon", "tue", "wed"]'
    )


def test_a_new_key_is_added_and_nothing_else_moves(config: Path) -> None:
    original = '# mine\nrep = "ann"  # me\n\n# end\n'
    write(config, original)
    set_value("timezone", "Asia/Tokyo")
    text = config.read_text()
    assert text.startswith(original)
    assert text[len(original) :] == 'timezone = "Asia/Tokyo"\n'


def test_windows_line_endings_survive_a_set(config: Path) -> None:
    config.parent.mkdir(parents=True)
    config.write_bytes(b'rep = "ann"\r\n\r\nfollow_up_days = 4\r\n')
    set_value("follow_up_days", "5")
    set_value("week_start", "sun")
    assert config.read_bytes() == b'rep = "ann"\r\n\r\nfollow_up_days = 5\r\nweek_start = "sun"\r\n'


def test_unset_removes_the_key_and_returns_the_default(config: Path) -> None:
    original = '# keep me\nrep = "ann"\nweek_start = "sun"  # church\n\n# bye\n'
    write(config, original)
    assert get_value("week_start") == "sun"
    assert unset_value("week_start") == "mon"
    assert get_value("week_start") == "mon"
    assert config.read_text() == '# keep me\nrep = "ann"\n\n# bye\n'
    assert dict((k, s) for k, _v, s in show_values())["week_start"] == "default"


def test_unset_of_an_absent_key_or_file_writes_nothing(config: Path) -> None:
    assert unset_value("follow_up_days") == "3"
    assert not config.exists()
    write(config, 'rep = "ann"\n')
    before = config.stat().st_mtime_ns, config.read_bytes()
    assert unset_value("follow_up_days") == "3"
    assert (config.stat().st_mtime_ns, config.read_bytes()) == before


# ---------------------------------------------------------------- a private file


def test_a_new_file_is_private_in_new_private_dirs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    existing = tmp_path / "existing"
    existing.mkdir(mode=0o755)
    os.chmod(existing, 0o755)
    path = existing / "deep" / "er" / "config.toml"
    monkeypatch.setenv("REFTRACK_CONFIG", str(path))
    set_value("rep", "ann")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(existing.stat().st_mode) == 0o755
    assert get_value("rep") == "ann"
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]


def test_an_existing_file_keeps_its_mode(config: Path) -> None:
    write(config, 'rep = "ann"\n')
    os.chmod(config, 0o640)
    set_value("rep", "sam")
    assert stat.S_IMODE(config.stat().st_mode) == 0o640
    assert [p.name for p in config.parent.iterdir()] == ["config.toml"]


def test_a_symlinked_config_stays_a_symlink(config: Path, tmp_path: Path) -> None:
    real = write(tmp_path / "dotfiles" / "reftrack.toml", 'rep = "ann"\n')
    config.parent.mkdir(parents=True)
    config.symlink_to(real)
    set_value("rep", "sam")
    assert config.is_symlink()
    assert real.read_text() == 'rep = "sam"\n'


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("key", "typed", "reason"),
    [
        ("rep", "", "cannot be empty"),
        ("rep", "   ", "cannot be empty"),
        ("rep", "ann\nsam", "one line"),
        ("timezone", "Europe/Berln", "did you mean 'Europe/Berlin'"),
        ("timezone", "Mars/Olympus", "is not a time zone"),
        ("timezone", "new york", "did you mean 'America/New_York'"),
        ("timezone", "", "is not a time zone"),
        ("workdays", "someday", "is not a weekday"),
        ("workdays", "", "no working days"),
        ("workdays", " , ", "no working days"),
        ("workdays", "mon-funday", "is not a weekday"),
        ("week_start", "sundy", "did you mean 'sunday'"),
        ("week_start", "mon-fri", "is not a weekday"),
        ("ask_rate_prior", "0", "out of range"),
        ("ask_rate_prior", "1.5", "out of range"),
        ("ask_rate_prior", "-0.1", "out of range"),
        ("ask_rate_prior", "lots", "is not a number"),
        ("ask_rate_prior", "nan", "not a finite number"),
        ("prior_weight", "-1", "out of range"),
        ("prior_weight", "inf", "not a finite number"),
        ("ask_window_days", "0", "out of range"),
        ("ask_window_days", "2.5", "is not a whole number"),
        ("ask_window_days", "two", "is not a whole number"),
        ("follow_up_days", "-1", "out of range"),
        ("give_back_threshold", "0", "out of range"),
        ("stay_in_touch_days", "0", "out of range"),
        ("date_horizon_days", "-3", "out of range"),
        ("ideal_customer", "", "cannot be empty"),
    ],
)
def test_bad_values_are_refused_and_the_file_is_untouched(
    config: Path, key: str, typed: str, reason: str
) -> None:
    original = '# mine\nrep = "ann"\n\nfollow_up_days = 4  # soon\n'
    write(config, original)
    before = config.read_bytes()
    with pytest.raises(UsageProblem) as refused:
        set_value(key, typed)
    message = str(refused.value)
    assert reason in message
    assert message.startswith(f"{key}: ")
    assert "accepted: " in message
    assert "\n" not in message
    assert config.read_bytes() == before
    assert [p.name for p in config.parent.iterdir()] == ["config.toml"]


def test_a_refused_first_value_creates_no_file(config: Path) -> None:
    with pytest.raises(UsageProblem):
        set_value("ask_window_days", "zero")
    assert not config.exists()
    assert not config.parent.exists()


@pytest.mark.parametrize("action", ["get", "set", "unset"])
def test_an_unknown_key_is_refused_with_a_suggestion(config: Path, action: str) -> None:
    write(config, 'rep = "ann"\n')
    before = config.read_bytes()
    with pytest.raises(UsageProblem) as refused:
        if action == "get":
            get_value("tmezone")
        elif action == "set":
            set_value("tmezone", "UTC")
        else:
            unset_value("tmezone")
    assert refused.value.message == "unknown config key 'tmezone' — did you mean 'timezone'?"
    assert config.read_bytes() == before


def test_a_key_like_nothing_gets_no_suggestion(config: Path) -> None:
    with pytest.raises(UsageProblem) as refused:
        get_value("xyzzy")
    assert refused.value.message == "unknown config key 'xyzzy'"


# ---------------------------------------------------------------- a broken file


def test_invalid_toml_names_the_file_and_the_line(config: Path) -> None:
    write(config, '# fine\nrep = "ann"\nfollow_up_days = \n')
    for read in (load_settings, show_values, lambda: get_value("rep")):
        with pytest.raises(ConfigProblem) as problem:
            read()
        message = str(problem.value)
        assert f"config file {config} is not valid TOML (line 3): " in message
        assert problem.value.fix


def test_a_broken_file_is_never_rewritten(config: Path) -> None:
    write(config, 'rep = "ann"\nfollow_up_days = [\n')
    before = config.read_bytes()
    with pytest.raises(ConfigProblem):
        set_value("rep", "sam")
    with pytest.raises(ConfigProblem):
        unset_value("rep")
    assert config.read_bytes() == before


def test_a_file_that_is_not_utf8_is_a_config_problem(config: Path) -> None:
    config.parent.mkdir(parents=True)
    config.write_bytes(b'rep = "\xff"\n')
    with pytest.raises(ConfigProblem) as problem:
        load_settings()
    assert str(config) in str(problem.value)


@pytest.mark.parametrize(
    ("text", "key", "reason"),
    [
        ('follow_up_days = "3"\n', "follow_up_days", "is not a whole number"),
        ("ask_window_days = 14.0\n", "ask_window_days", "is not a whole number"),
        ("ask_window_days = 0\n", "ask_window_days", "out of range"),
        ("give_back_threshold = true\n", "give_back_threshold", "is not a whole number"),
        ('ask_rate_prior = "high"\n', "ask_rate_prior", "is not a number"),
        ("ask_rate_prior = 2\n", "ask_rate_prior", "out of range"),
        ("prior_weight = nan\n", "prior_weight", "not a finite number"),
        ('workdays = "mon-fri"\n', "workdays", "is not a list of day names"),
        ('workdays = ["mon", "someday"]\n', "workdays", "is not a weekday"),
        ("workdays = []\n", "workdays", "no working days"),
        ("week_start = 1\n", "week_start", "is not a weekday name"),
        ('timezone = "Europe/Berln"\n', "timezone", "did you mean 'Europe/Berlin'"),
        ('rep = ""\n', "rep", "cannot be empty"),
        ("rep = 7\n", "rep", "is not text"),
        ("signature = false\n", "signature", "is not text"),
    ],
)
def test_a_wrong_stored_value_names_the_key_the_file_and_the_fix(
    config: Path, text: str, key: str, reason: str
) -> None:
    write(config, text)
    with pytest.raises(ConfigProblem) as problem:
        load_settings()
    message = str(problem.value)
    assert str(config) in message
    assert f"{key}: " in message
    assert reason in message
    assert f"reftrack config set {key} VALUE" in message


def test_a_wrong_stored_value_can_be_fixed_with_set(config: Path) -> None:
    write(config, '# note\nfollow_up_days = "3"  # why quotes?\n')
    assert set_value("follow_up_days", "3") == "3"
    assert config.read_text() == "# note\nfollow_up_days = 3  # why quotes?\n"
    assert load_settings().follow_up_days == 3


def test_an_unknown_key_in_the_file_is_not_silently_ignored(config: Path) -> None:
    write(config, 'rep = "ann"\nfolow_up_days = 5\n')
    with pytest.raises(ConfigProblem) as problem:
        load_settings()
    message = str(problem.value)
    assert str(config) in message
    assert "unknown key 'folow_up_days' — did you mean 'follow_up_days'?" in message


def test_a_table_in_the_file_is_an_unknown_key(config: Path) -> None:
    write(config, '[reftrack]\nrep = "ann"\n')
    with pytest.raises(ConfigProblem) as problem:
        load_settings()
    assert "unknown key 'reftrack'" in str(problem.value)


# ---------------------------------------------------------------- where the file is


def test_config_path_honours_reftrack_config(config: Path) -> None:
    assert config_path() == config


def test_config_path_defaults_to_the_user_config_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("REFTRACK_CONFIG", raising=False)
    if sys.platform.startswith("linux"):
        assert config_path() == tmp_path / "xdg" / "reftrack" / "config.toml"
    else:
        import platformdirs

        assert config_path() == platformdirs.user_config_path("reftrack") / "config.toml"
    monkeypatch.setenv("REFTRACK_CONFIG", "")
    assert config_path().name == "config.toml"
    assert config_path().parent.name == "reftrack"


def test_reading_touches_nothing_under_home(tmp_path: Path, monkeypatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("REFTRACK_CONFIG", raising=False)
    load_settings()
    show_values()
    assert list(home.iterdir()) == []


# ---------------------------------------------------------------- staying light


def test_importing_config_loads_nothing_heavy(tmp_path: Path) -> None:
    probe = "import json, sys\nimport reftrack.config\nprint(json.dumps(sorted(sys.modules)))\n"
    env = {**os.environ, "PYTHONPATH": str(SRC), "HOME": str(tmp_path)}
    env.pop("REFTRACK_CONFIG", None)
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    loaded = {name.split(".")[0] for name in json.loads(result.stdout)}
    heavy = {"pendulum", "sqlalchemy", "sqlmodel", "typer", "rich", "click", "tomlkit"}
    assert loaded & heavy == set()
    assert list(tmp_path.iterdir()) == []
