"""The settings file: TOML in the user's config dir, validated, edited without losing comments.

One table, `KEYS`, says for every setting what it means, what it accepts, how it
is read from the command line and from the file, how it is shown and how it is
stored. Nothing here runs at import time and only the standard library's light
modules are imported up front, so `--help` and key completion stay cheap.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable
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
NEW_FILE_HEADER = (
    "# reftrack settings. Change them with `reftrack config set KEY VALUE` or edit this file;\n"
    "# `reftrack config show` lists every key.\n\n"
)


class _Refused(ValueError):
    """A value a setting does not accept; the caller says whether it was typed or stored."""


# ---------------------------------------------------------------- kinds of value


def _did_you_mean(names: list[str]) -> str:
    """' — did you mean 'a', 'b' or 'c'?', or '' for no names."""
    if not names:
        return ""
    quoted = [f"'{name}'" for name in names]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" — did you mean {listed}?"


def _suggestion(word: str, choices: Iterable[str], spelled: dict[str, str] | None = None) -> str:
    """' — did you mean 'x'?' for the closest choice, or '' when none is close.

    `spelled` maps a compared form (say, lower case) to the form to show.
    """
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1)
    return _did_you_mean([(spelled or {}).get(c, c) for c in close])


def _weekday(word: Any) -> int:
    """0 = Monday … 6 = Sunday, from a 3-letter or full day name in any case."""
    if not isinstance(word, str):
        raise _Refused(f"{word!r} is not a weekday name")
    cleaned = word.strip().lower()
    for number, (short, full) in enumerate(zip(DAY_NAMES, FULL_DAY_NAMES, strict=True)):
        if cleaned in (short, full):
            return number
    raise _Refused(f"'{word.strip()}' is not a weekday{_suggestion(cleaned, FULL_DAY_NAMES)}")


# The kinds below are plain classes, not dataclasses: building a dataclass costs
# about a millisecond at import, and this module is imported by every command.


class _Weekday:
    accepts = "a weekday name: mon … sun, or monday … sunday"

    def from_text(self, text: str) -> int:
        return _weekday(text)

    def from_toml(self, stored: Any) -> int:
        if not isinstance(stored, str):
            raise _Refused(f"{_toml_repr(stored)} is not a weekday name in quotes")
        return _weekday(stored)

    def show(self, value: int) -> str:
        return DAY_NAMES[value]

    def to_toml(self, value: int) -> Any:
        return DAY_NAMES[value]


class _Weekdays:
    accepts = "weekday names or ranges, e.g. mon-fri, sun-thu or mon,wed,fri"

    def from_text(self, text: str) -> tuple[int, ...]:
        days: set[int] = set()
        # "mon - fri" is a range too: only commas and spaces away from a dash separate days.
        for part in re.split(r"[,\s]+", re.sub(r"\s*-\s*", "-", text.strip())):
            if not part:
                continue
            first, dash, last = part.partition("-")
            if dash:
                start, end = _weekday(first), _weekday(last)
                # A range may wrap past Sunday: sun-thu is Sunday through Thursday.
                days.update((start + step) % 7 for step in range((end - start) % 7 + 1))
            else:
                days.add(_weekday(part))
        return self._checked(days)

    def from_toml(self, stored: Any) -> tuple[int, ...]:
        if not isinstance(stored, list):
            raise _Refused(f'{_toml_repr(stored)} is not a list of day names like ["mon", "tue"]')
        return self._checked({_weekday(day) for day in stored})

    @staticmethod
    def _checked(days: set[int]) -> tuple[int, ...]:
        if not days:
            raise _Refused("no working days given; at least one is needed")
        return tuple(sorted(days))

    def show(self, value: tuple[int, ...]) -> str:
        return ",".join(DAY_NAMES[day] for day in value)

    def to_toml(self, value: tuple[int, ...]) -> Any:
        return [DAY_NAMES[day] for day in value]


class _Number:
    def __init__(
        self,
        whole: bool,
        low: float | None = None,
        high: float | None = None,
        low_open: bool = False,
        example: str = "",
    ) -> None:
        self.whole, self.low, self.high, self.low_open = whole, low, high, low_open
        self.noun = "a whole number" if whole else "a number"
        words = [self.noun]
        if low is not None:
            words.append(f"above {low:g}" if low_open else f"at least {low:g}")
        if high is not None:
            words.append(f"{'and ' if len(words) > 1 else ''}at most {high:g}")
        self.accepts = " ".join(words) + (f", e.g. {example}" if example else "")

    def from_text(self, text: str) -> int | float:
        cleaned = text.strip()
        try:
            number = float(cleaned)
        except ValueError:
            raise _Refused(f"'{cleaned}' is not {self.noun}") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise _Refused(f"'{cleaned}' is not a finite number")
        if self.whole and not number.is_integer():
            raise _Refused(f"'{cleaned}' is not a whole number")
        return self._in_range(int(number) if self.whole else number, cleaned)

    def from_toml(self, stored: Any) -> int | float:
        usable = (int,) if self.whole else (int, float)
        if isinstance(stored, bool) or not isinstance(stored, usable):
            raise _Refused(f"{_toml_repr(stored)} is not {self.noun}")
        if isinstance(stored, float) and (stored != stored or abs(stored) == float("inf")):
            raise _Refused(f"{_toml_repr(stored)} is not a finite number")
        return self._in_range(stored if self.whole else float(stored), _toml_repr(stored))

    def _in_range(self, value: int | float, as_given: str) -> int | float:
        too_low = self.low is not None and (
            value <= self.low if self.low_open else value < self.low
        )
        too_high = self.high is not None and value > self.high
        if too_low or too_high:
            raise _Refused(f"{as_given} is out of range")
        return value

    def show(self, value: int | float) -> str:
        if isinstance(value, float):
            # Shown as a person would type it: 10 rather than 10.0, 0.25 as 0.25.
            text = repr(value)
            return text[:-2] if text.endswith(".0") else text
        return str(value)

    def to_toml(self, value: int | float) -> Any:
        return value


class _Text:
    def __init__(self, accepts: str, allow_empty: bool = False, multi_line: bool = False) -> None:
        self.accepts, self.allow_empty, self.multi_line = accepts, allow_empty, multi_line

    def from_text(self, text: str) -> str:
        value = text.strip()
        if not value and not self.allow_empty:
            raise _Refused("it cannot be empty")
        allowed = "\n\t" if self.multi_line else ""
        if any(ord(c) < 32 and c not in allowed for c in value):
            raise _Refused("it must be one line of text, without control characters")
        return value

    def from_toml(self, stored: Any) -> str:
        if not isinstance(stored, str):
            raise _Refused(f"{_toml_repr(stored)} is not text in quotes")
        return self.from_text(stored)

    def show(self, value: str) -> str:
        return value

    def to_toml(self, value: str) -> Any:
        return value


def _zone_loads(name: str) -> bool:
    """Whether the system's time zone database knows `name`."""
    from zoneinfo import ZoneInfo

    if not name or name.startswith("/") or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return False
    return True


def _zone_refusal(name: str) -> _Refused:
    """'X is not a time zone', with the closest real zones as suggestions."""
    from zoneinfo import available_timezones

    zones = sorted(available_timezones())
    wanted = name.lower().replace(" ", "_")
    cities = [z for z in zones if z.rsplit("/", 1)[-1].lower() == wanted]
    if cities:
        hint = _did_you_mean(cities[:3])
    else:
        by_lower = {zone.lower(): zone for zone in zones}
        hint = _suggestion(wanted, by_lower, spelled=by_lower)
    return _Refused(f"'{name}' is not a time zone{hint}")


class _TimeZone:
    accepts = "an IANA time zone name, e.g. Europe/Berlin or America/New_York"

    def from_text(self, text: str) -> str:
        from zoneinfo import available_timezones

        name = text.strip()
        zones = available_timezones()
        if name in zones:
            return name
        # Typed in the wrong case ("europe/berlin"): store the zone's own spelling.
        by_lower = {zone.lower(): zone for zone in zones}
        if name.lower() in by_lower:
            return by_lower[name.lower()]
        if _zone_loads(name) and "/" in name:
            return name
        raise _zone_refusal(name)

    def from_toml(self, stored: Any) -> str:
        if not isinstance(stored, str):
            raise _Refused(f"{_toml_repr(stored)} is not a time zone name in quotes")
        name = stored.strip()
        if not _zone_loads(name):
            raise _zone_refusal(name)
        return name

    def show(self, value: str) -> str:
        return value

    def to_toml(self, value: str) -> Any:
        return value


def _toml_repr(stored: Any) -> str:
    """A stored value as it looks in the file, for messages."""
    if isinstance(stored, bool):
        return "true" if stored else "false"
    if isinstance(stored, str):
        return '"' + stored.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(stored, list):
        return "[" + ", ".join(_toml_repr(item) for item in stored) + "]"
    if isinstance(stored, dict):
        return "a table"
    return str(stored)


# ---------------------------------------------------------------- defaults


def _default_rep() -> str:
    """The OS login name, or 'rep' where there is none (a bare container, cron)."""
    import getpass

    try:
        return getpass.getuser().strip() or "rep"
    except Exception:
        return "rep"


def _zone_from_path(text: str) -> str:
    """'Europe/Berlin' from '/usr/share/zoneinfo/Europe/Berlin', ':Europe/Berlin' and the like."""
    name = text.strip().lstrip(":")
    if "zoneinfo/" in name:
        name = name.split("zoneinfo/", 1)[1]
    for variant in ("posix/", "right/"):
        if name.startswith(variant):
            name = name[len(variant) :]
    return name


def _default_timezone() -> str:
    """The system's IANA zone: TZ if valid, else /etc/localtime's link target, else UTC."""
    candidates = [_zone_from_path(os.environ.get("TZ", ""))]
    with contextlib.suppress(OSError):
        candidates.append(_zone_from_path(os.readlink("/etc/localtime")))
    with contextlib.suppress(OSError, UnicodeDecodeError):
        # Debian-style systems whose /etc/localtime is a copy rather than a link.
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    for name in candidates:
        if _zone_loads(name):
            return name
    return "UTC"


# ---------------------------------------------------------------- the table of keys


@dataclass(frozen=True)
class KeySpec:
    """One setting: its name, what it means and accepts, how it is read, shown and stored."""

    name: str
    help: str
    kind: Any
    make_default: Callable[[], Any]

    @property
    def accepts(self) -> str:
        """What a value of this setting may be, in words."""
        return self.kind.accepts

    @property
    def default(self) -> str:
        """The default value, shown as it would be typed."""
        return self.kind.show(self.make_default())

    def from_text(self, raw: str) -> Any:
        """The typed value from what a person typed, or UsageProblem naming what is accepted."""
        try:
            return self.kind.from_text(raw)
        except _Refused as refusal:
            raise UsageProblem(f"{self.name}: {refusal}", f"accepted: {self.accepts}") from None

    def from_toml(self, stored: Any, path: Path) -> Any:
        """The typed value from what the file holds, or ConfigProblem naming the file and fix."""
        try:
            return self.kind.from_toml(stored)
        except _Refused as refusal:
            raise ConfigProblem(
                f"config file {path}: {self.name}: {refusal}",
                f"run `reftrack config set {self.name} VALUE` with {self.accepts}",
            ) from None

    def show(self, value: Any) -> str:
        """A typed value as a person would type it."""
        return self.kind.show(value)


KEYS: dict[str, KeySpec] = {
    spec.name: spec
    for spec in (
        KeySpec(
            "rep",
            "Whose records these are; one database can hold a team.",
            _Text("a non-empty name, e.g. ann"),
            _default_rep,
        ),
        KeySpec(
            "timezone",
            "The IANA time zone in which every 'today' is taken.",
            _TimeZone(),
            _default_timezone,
        ),
        KeySpec(
            "workdays",
            "Working weekdays, e.g. mon-fri or mon,tue,thu.",
            _Weekdays(),
            lambda: (0, 1, 2, 3, 4),
        ),
        KeySpec(
            "week_start",
            "The first day of a week.",
            _Weekday(),
            lambda: 0,
        ),
        KeySpec(
            "ask_rate_prior",
            "Referrals per ask assumed until your own history speaks.",
            _Number(whole=False, low=0, high=1, low_open=True, example="0.25"),
            lambda: 0.25,
        ),
        KeySpec(
            "prior_weight",
            "How many asks' worth of weight the assumed rate carries.",
            _Number(whole=False, low=0, high=10_000, example="10"),
            lambda: 10.0,
        ),
        KeySpec(
            "ask_window_days",
            "Days after a close during which an ask is still due.",
            _Number(whole=True, low=1, high=3650, example="14"),
            lambda: 14,
        ),
        KeySpec(
            "follow_up_days",
            "Days from a promised or pending ask to its follow-up.",
            _Number(whole=True, low=0, high=365, example="3"),
            lambda: 3,
        ),
        KeySpec(
            "give_back_threshold",
            "How many more referrals a contact may send you than get before you owe one.",
            _Number(whole=True, low=1, high=10_000, example="2"),
            lambda: 2,
        ),
        KeySpec(
            "stay_in_touch_days",
            "Quiet days after which a referrer needs a touch.",
            _Number(whole=True, low=1, high=3650, example="90"),
            lambda: 90,
        ),
        KeySpec(
            "date_horizon_days",
            "How many days ahead birthdays and important dates are shown.",
            _Number(whole=True, low=0, high=366, example="7"),
            lambda: 7,
        ),
        KeySpec(
            "ideal_customer",
            "Whom you want to be introduced to, in one sentence (for the intro email).",
            _Text("one non-empty sentence"),
            lambda: DEFAULT_IDEAL_CUSTOMER,
        ),
        KeySpec(
            "signature",
            "How messages are signed; empty means your rep name.",
            _Text("any text, or '' for your rep name", allow_empty=True, multi_line=True),
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


# ---------------------------------------------------------------- reading


def config_path() -> Path:
    """Where the settings file is: `REFTRACK_CONFIG`, else the user config dir."""
    override = os.environ.get(CONFIG_VARIABLE)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_config_path("reftrack") / "config.toml"


def _spec(key: str) -> KeySpec:
    """The KeySpec for a key typed on the command line, or UsageProblem with a suggestion."""
    if key in KEYS:
        return KEYS[key]
    raise UsageProblem(
        f"unknown config key '{key}'{_suggestion(key, list(KEYS))}",
        "`reftrack config show` lists them",
    )


def _read_text(path: Path) -> str | None:
    """The file's text exactly as stored (line endings kept), or None when there is none."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ConfigProblem(
            f"cannot read config file {path}: {error.strerror or error}",
            "check that it is a readable file",
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigProblem(
            f"config file {path} is not UTF-8 text", "save it as UTF-8 or move it aside"
        ) from None


def _parse(path: Path, text: str) -> dict[str, Any]:
    """The file's table, checked: valid TOML and known keys only."""
    import tomllib

    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        reason = str(error)
        found = re.search(r"\s*\(at line (\d+), column \d+\)$", reason)
        if found:
            where, reason = f"line {found.group(1)}", reason[: found.start()]
        else:
            where, reason = "end of file", re.sub(r"\s*\(at end of document\)$", "", reason)
        raise ConfigProblem(
            f"config file {path} is not valid TOML ({where}): {reason}",
            "correct that line, or move the file aside to start from the defaults",
        ) from None
    for key in table:
        if key not in KEYS:
            raise ConfigProblem(
                f"config file {path} has an unknown key '{key}'{_suggestion(key, list(KEYS))}",
                "rename or remove it; `reftrack config show` lists the keys",
            )
    return table


def _effective(path: Path) -> dict[str, tuple[Any, str]]:
    """Each key's typed value and whether it came from the file or the default."""
    text = _read_text(path)
    table = _parse(path, text) if text is not None else {}
    values: dict[str, tuple[Any, str]] = {}
    for key, spec in KEYS.items():
        if key in table:
            values[key] = (spec.from_toml(table[key], path), "file")
        else:
            values[key] = (spec.make_default(), "default")
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


# ---------------------------------------------------------------- writing


def _make_private_dirs(directory: Path) -> None:
    """Create `directory` and any missing parents as 0700; leave existing ones alone."""
    missing: list[Path] = []
    for folder in (directory, *directory.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError as error:
            raise ConfigProblem(
                f"cannot create the config directory {folder}: {error.strerror or error}",
                f"create it yourself, or point {CONFIG_VARIABLE} elsewhere",
            ) from None


def _write(path: Path, text: str) -> None:
    """Replace the file atomically: a private temp file beside it, then a rename."""
    # Write through a symlink (a dotfiles checkout) rather than replacing the link.
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    _make_private_dirs(target.parent)
    try:
        existing_mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        existing_mode = None
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            if existing_mode is not None and existing_mode != 0o600:
                os.fchmod(descriptor, existing_mode)
            os.write(descriptor, text.encode("utf-8"))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ConfigProblem(
            f"cannot write config file {target}: {error.strerror or error}",
            "check the directory's permissions and free space",
        ) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_directory(target.parent)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _document(path: Path) -> tuple[Any, str | None]:
    """The file as an editable tomlkit document (checked first), and its text."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    text = _read_text(path)
    if text is None:
        return tomlkit.document(), None
    # Refuse to edit a broken file: rewriting it would lose the user's text.
    _parse(path, text)
    try:
        return tomlkit.parse(text), text
    except TOMLKitError as error:
        raise ConfigProblem(
            f"config file {path} cannot be edited safely: {error}", "edit the file by hand"
        ) from None


def set_value(key: str, raw: str, path: Path | None = None) -> str:
    """Validate and store a setting, keeping the file's comments and layout."""
    import tomlkit

    spec = _spec(key)
    value = spec.from_text(raw)
    target = path or config_path()
    document, text = _document(target)
    item = tomlkit.item(spec.kind.to_toml(value))
    if text is not None and key not in document and "\r\n" in text:
        # A new line in a Windows-style file ends the way the others do.
        item.trivia.trail = "\r\n"
    document[key] = item
    new_text = document.as_string()
    _write(target, new_text if text is not None else NEW_FILE_HEADER + new_text)
    return spec.show(value)


def unset_value(key: str, path: Path | None = None) -> str:
    """Remove a setting from the file; return the default now in force."""
    spec = _spec(key)
    target = path or config_path()
    document, text = _document(target)
    if text is not None and key in document:
        del document[key]
        _write(target, document.as_string())
    return spec.default
