"""The settings file: TOML in the user's config dir, validated, edited without losing comments.

Nothing here runs at import time and nothing heavy is imported, so the CLI can
offer key completion cheaply.
"""

from __future__ import annotations

import contextlib
import difflib
import getpass
import os
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reftrack.errors import ConfigProblem, UsageProblem

CONFIG_VARIABLE = "REFTRACK_CONFIG"
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_IDEAL_CUSTOMER = (
    "sales leaders at companies of 20 to 500 people who want their teams to win more "
    "business from referrals"
)


def _default_rep() -> str:
    try:
        return getpass.getuser() or "rep"
    except Exception:
        # No login name (a container, a bare cron environment): still a usable default.
        return "rep"


def _default_timezone() -> str:
    from zoneinfo import ZoneInfo

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = os.readlink("/etc/localtime")
        candidates.append(target.split("zoneinfo/", 1)[-1])
    except OSError:
        pass
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text().strip())
    for name in candidates:
        if (name and "/" in name) or name == "UTC":
            try:
                ZoneInfo(name)
            except (ValueError, KeyError, OSError):
                continue
            return name
    return "UTC"


def _day(text: str, key: str) -> int:
    word = text.strip().lower()
    for number, (short, full) in enumerate(zip(DAY_NAMES, FULL_DAY_NAMES, strict=True)):
        if word in (short, full):
            return number
    raise UsageProblem(f"{key}: '{text.strip()}' is not a weekday", "use mon, tue, … sun")


def _parse_workdays(raw: Any, key: str) -> tuple[int, ...]:
    """`mon-fri`, `sun-thu`, `mon,wed,fri`, or a TOML array of day names."""
    parts = raw if isinstance(raw, list) else str(raw).replace(" ", ",").split(",")
    days: set[int] = set()
    for part in (str(p) for p in parts):
        if not part.strip():
            continue
        if "-" in part:
            first_text, _, last_text = part.partition("-")
            first, last = _day(first_text, key), _day(last_text, key)
            days.update((first + step) % 7 for step in range((last - first) % 7 + 1))
        else:
            days.add(_day(part, key))
    if not days:
        raise UsageProblem(f"{key}: no working days given", "use e.g. mon-fri or mon,tue,thu")
    return tuple(sorted(days))


def _show_days(days: tuple[int, ...]) -> str:
    return ",".join(DAY_NAMES[d] for d in days)


def _number(kind: type, low: float | None, high: float | None, low_open: bool = False):
    def parse(raw: Any, key: str) -> Any:
        if isinstance(raw, bool):
            raise UsageProblem(f"{key}: {raw!r} is not a number")
        try:
            value = kind(raw) if not isinstance(raw, str) else kind(raw.strip())
        except (TypeError, ValueError):
            noun = "a whole number" if kind is int else "a number"
            raise UsageProblem(f"{key}: '{raw}' is not {noun}") from None
        if kind is int and isinstance(raw, float) and raw != int(raw):
            raise UsageProblem(f"{key}: '{raw}' is not a whole number")
        too_low = low is not None and (value <= low if low_open else value < low)
        if too_low or (high is not None and value > high):
            lower = f"above {low:g}" if low_open else f"at least {low:g}" if low is not None else ""
            upper = f"at most {high:g}" if high is not None else ""
            bounds = " and ".join(b for b in (lower, upper) if b)
            raise UsageProblem(f"{key}: {raw} is out of range; it must be {bounds}")
        return value

    return parse


def _text(allow_empty: bool):
    def parse(raw: Any, key: str) -> str:
        if not isinstance(raw, str):
            raise UsageProblem(f"{key}: {raw!r} is not text")
        value = raw.strip()
        if not value and not allow_empty:
            raise UsageProblem(f"{key}: it cannot be empty")
        return value

    return parse


def _timezone(raw: Any, key: str) -> str:
    from zoneinfo import ZoneInfo, available_timezones

    name = str(raw).strip()
    try:
        if name:
            ZoneInfo(name)
            return name
    except (ValueError, KeyError, OSError):
        pass
    close = difflib.get_close_matches(name, sorted(available_timezones()), n=1, cutoff=0.5)
    hint = f" — did you mean '{close[0]}'?" if close else ""
    raise UsageProblem(
        f"{key}: '{name}' is not a time zone{hint}", "use an IANA name like Europe/Berlin"
    )


@dataclass(frozen=True)
class KeySpec:
    """One setting: its name, what it means, how to read it, its default."""

    name: str
    help: str
    parse: Callable[[Any, str], Any]
    default: Callable[[], Any]
    show: Callable[[Any], str] = str
    store: Callable[[Any], Any] = lambda value: value


def _show_number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


KEYS: dict[str, KeySpec] = {
    spec.name: spec
    for spec in (
        KeySpec(
            "rep",
            "Whose records these are; one database can hold a team.",
            _text(False),
            _default_rep,
        ),
        KeySpec(
            "timezone",
            "The IANA time zone every 'today' is taken in.",
            _timezone,
            _default_timezone,
        ),
        KeySpec(
            "workdays",
            "Working weekdays, e.g. mon-fri or mon,tue,thu.",
            _parse_workdays,
            lambda: (0, 1, 2, 3, 4),
            _show_days,
            lambda days: [DAY_NAMES[d] for d in days],
        ),
        KeySpec(
            "week_start",
            "The first day of a week.",
            _day,
            lambda: 0,
            lambda d: DAY_NAMES[d],
            lambda d: DAY_NAMES[d],
        ),
        KeySpec(
            "ask_rate_prior",
            "Referrals per ask assumed until your history speaks.",
            _number(float, 0, 1, low_open=True),
            lambda: 0.25,
            _show_number,
        ),
        KeySpec(
            "prior_weight",
            "How many asks' worth of weight the assumed rate carries.",
            _number(float, 0, None),
            lambda: 10.0,
            _show_number,
        ),
        KeySpec(
            "ask_window_days",
            "Days after a close during which an ask is still due.",
            _number(int, 1, None),
            lambda: 14,
            _show_number,
        ),
        KeySpec(
            "follow_up_days",
            "Default days to a follow-up after a promised or pending ask.",
            _number(int, 0, None),
            lambda: 3,
            _show_number,
        ),
        KeySpec(
            "give_back_threshold",
            "How many more referrals a contact may send than get.",
            _number(int, 1, None),
            lambda: 2,
            _show_number,
        ),
        KeySpec(
            "stay_in_touch_days",
            "Quiet days after which a referrer needs a touch.",
            _number(int, 1, None),
            lambda: 90,
            _show_number,
        ),
        KeySpec(
            "date_horizon_days",
            "How many days ahead birthdays and dates are shown.",
            _number(int, 0, None),
            lambda: 7,
            _show_number,
        ),
        KeySpec(
            "ideal_customer",
            "Whom you want to be introduced to (for the intro email).",
            _text(False),
            lambda: DEFAULT_IDEAL_CUSTOMER,
        ),
        KeySpec(
            "signature",
            "How messages are signed; empty means your rep name.",
            _text(True),
            lambda: "",
        ),
    )
}


@dataclass(frozen=True)
class Settings:
    """Every setting, typed; weekdays are 0 = Monday … 6 = Sunday."""

    rep: str
    timezone: str
    workdays: tuple[int, ...]
    week_start: int
    ask_rate_prior: float
    prior_weight: float
    ask_window_days: int
    follow_up_days: int
    give_back_threshold: int
    stay_in_touch_days: int
    date_horizon_days: int
    ideal_customer: str
    signature: str

    @property
    def signature_text(self) -> str:
        """The signature to put under messages: the setting, or the rep's name."""
        return self.signature or self.rep


def config_path() -> Path:
    """Where the settings file is: `REFTRACK_CONFIG`, else the user config dir."""
    override = os.environ.get(CONFIG_VARIABLE)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_config_path("reftrack") / "config.toml"


def _spec(key: str) -> KeySpec:
    if key in KEYS:
        return KEYS[key]
    close = difflib.get_close_matches(key, list(KEYS), n=1)
    hint = f" — did you mean '{close[0]}'?" if close else ""
    raise UsageProblem(f"unknown config key '{key}'{hint}", "see `reftrack config show`")


def _read(path: Path) -> dict[str, Any]:
    """The file's table, checked: valid TOML, known keys only."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigProblem(f"cannot read config file {path}: {error}") from None
    try:
        table = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise ConfigProblem(
            f"config file {path} is not valid TOML: {error}", "fix or remove the file"
        ) from None
    for key in table:
        if key not in KEYS:
            close = difflib.get_close_matches(key, list(KEYS), n=1)
            hint = f" — did you mean '{close[0]}'?" if close else ""
            raise ConfigProblem(
                f"config file {path} has an unknown key '{key}'{hint}", "rename or remove it"
            )
    return table


def _effective(path: Path) -> dict[str, tuple[Any, str]]:
    """Each key's typed value and whether it came from the file or the default."""
    table = _read(path)
    values: dict[str, tuple[Any, str]] = {}
    for key, spec in KEYS.items():
        if key in table:
            try:
                values[key] = (spec.parse(table[key], key), "file")
            except UsageProblem as problem:
                raise ConfigProblem(
                    f"config file {path}: {problem.message}",
                    f"reftrack config set {key} VALUE",
                ) from None
        else:
            values[key] = (spec.default(), "default")
    return values


def load_settings(path: Path | None = None) -> Settings:
    """The settings in force: the file's values over the defaults."""
    values = _effective(path or config_path())
    return Settings(**{key: value for key, (value, _source) in values.items()})


def get_value(key: str, path: Path | None = None) -> str:
    """One setting's effective value, as it would be typed."""
    spec = _spec(key)
    value, _source = _effective(path or config_path())[key]
    return spec.show(value)


def show_values(path: Path | None = None) -> list[tuple[str, str, str]]:
    """(key, value as typed, 'file' or 'default') for every setting, in order."""
    values = _effective(path or config_path())
    return [(key, KEYS[key].show(value), source) for key, (value, source) in values.items()]


def _write(path: Path, text: str) -> None:
    """Replace the file atomically, private to the user."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    mode = (path.stat().st_mode & 0o777) if path.exists() else 0o600
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".toml")
    try:
        os.fchmod(descriptor, mode)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _document(path: Path):  # type: ignore[no-untyped-def]
    import tomlkit

    _read(path)  # refuse to edit a broken file: the user's text would be lost
    try:
        return tomlkit.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return tomlkit.document()


def set_value(key: str, raw: str, path: Path | None = None) -> str:
    """Validate and store a setting, keeping the file's comments and layout."""
    spec = _spec(key)
    value = spec.parse(raw, key)
    target = path or config_path()
    document = _document(target)
    document[key] = spec.store(value)
    _write(target, document.as_string())
    return spec.show(value)


def unset_value(key: str, path: Path | None = None) -> str:
    """Remove a setting from the file; return the default now in force."""
    spec = _spec(key)
    target = path or config_path()
    if target.exists():
        document = _document(target)
        if key in document:
            del document[key]
            _write(target, document.as_string())
    return spec.show(spec.default())
