"""The kinds of value a setting takes: how each is read from text and TOML, shown and stored.

Every kind has `accepts` (in words), `from_text` (what a person typed), `from_toml`
(what the file holds), `show` (as a person would type it) and `to_toml` (for tomlkit).
A refusal is a `Refused`; the caller says whether the value was typed or stored.
"""

from __future__ import annotations

from typing import Any, Protocol

from reftrack.domain.weekdays import DAY_NAMES, parse_weekday, parse_weekday_set
from reftrack.errors import did_you_mean, suggestions


class ValueKind(Protocol):
    """What each kind of setting knows: what it accepts, and how to read, show and store it."""

    accepts: str

    def from_text(self, text: str) -> Any:
        """The value from what a person typed."""

    def from_toml(self, stored: Any) -> Any:
        """The value from what the file holds."""

    def show(self, value: Any) -> str:
        """The value as a person would type it."""

    def to_toml(self, value: Any) -> Any:
        """The value as the file holds it."""


class Refused(ValueError):
    """A value a setting does not accept; the caller says whether it was typed or stored."""


def toml_text(stored: Any) -> str:
    """A value read from the file as it looks there, for messages."""
    if isinstance(stored, dict):
        return "a table"
    # Imported here: only a refusal needs it, and reading settings must stay light.
    import tomlkit

    if isinstance(stored, list):
        # An array item, so a table inside it shows inline ({a = 1}) as in the file.
        array = tomlkit.array()
        array.extend(stored)
        return array.as_string()
    return str(tomlkit.item(stored).as_string())


def _weekday(word: str) -> int:
    """parse_weekday, refusing with its reason."""
    try:
        return parse_weekday(word)
    except ValueError as reason:
        raise Refused(str(reason)) from None


# The kinds below are plain classes, not dataclasses: building a dataclass costs
# about a millisecond at import, and this module is imported by every command.


class Weekday:
    """One day of the week, stored as its three-letter name."""

    accepts = "a weekday name: mon … sun, or monday … sunday"

    def from_text(self, text: str) -> int:
        """The day a typed name means."""
        return _weekday(text)

    def from_toml(self, stored: Any) -> int:
        """The day a stored name means."""
        if not isinstance(stored, str):
            raise Refused(f"{toml_text(stored)} is not a weekday name in quotes")
        return _weekday(stored)

    def show(self, value: int) -> str:
        """The day's three-letter name."""
        return DAY_NAMES[value]

    def to_toml(self, value: int) -> Any:
        """The day's three-letter name."""
        return DAY_NAMES[value]


class Weekdays:
    """A set of weekdays, typed as ranges or lists, stored as a list of names."""

    accepts = "weekday names or ranges, e.g. mon-fri, sun-thu or mon,wed,fri"

    def from_text(self, text: str) -> tuple[int, ...]:
        """The days a typed range or list means."""
        try:
            return self._checked(parse_weekday_set(text))
        except ValueError as reason:
            raise Refused(str(reason)) from None

    def from_toml(self, stored: Any) -> tuple[int, ...]:
        """The days a stored list of names means."""
        if not isinstance(stored, list):
            raise Refused(f'{toml_text(stored)} is not a list of day names like ["mon", "tue"]')
        for day in stored:
            if not isinstance(day, str):
                raise Refused(f"{toml_text(day)} is not a weekday name")
        return self._checked(tuple(sorted({_weekday(day) for day in stored})))

    @staticmethod
    def _checked(days: tuple[int, ...]) -> tuple[int, ...]:
        if not days:
            raise Refused("no working days given; at least one is needed")
        return days

    def show(self, value: tuple[int, ...]) -> str:
        """The days' names, comma-separated."""
        return ",".join(DAY_NAMES[day] for day in value)

    def to_toml(self, value: tuple[int, ...]) -> Any:
        """The days' names, as a list."""
        return [DAY_NAMES[day] for day in value]


class Number:
    """A whole or decimal number within optional bounds."""

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
        """The number a person typed, checked against the bounds."""
        cleaned = text.strip()
        try:
            # ASCII only: float() reads other scripts' digits and `1_0`, which nobody types here.
            if not cleaned.isascii() or "_" in cleaned:
                raise ValueError(cleaned)
            number = float(cleaned)
        except ValueError:
            raise Refused(f"'{cleaned}' is not {self.noun}") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise Refused(f"'{cleaned}' is not a finite number")
        if self.whole and not number.is_integer():
            raise Refused(f"'{cleaned}' is not a whole number")
        value = int(number) if self.whole else number
        if self._out_of_range(value):
            raise Refused(f"{cleaned} is out of range")
        return value

    def from_toml(self, stored: Any) -> int | float:
        """The number the file holds, checked against the bounds."""
        usable = (int,) if self.whole else (int, float)
        if isinstance(stored, bool) or not isinstance(stored, usable):
            raise Refused(f"{toml_text(stored)} is not {self.noun}")
        if isinstance(stored, float) and (stored != stored or abs(stored) == float("inf")):
            raise Refused(f"{toml_text(stored)} is not a finite number")
        value = stored if self.whole else float(stored)
        if self._out_of_range(value):
            raise Refused(f"{toml_text(stored)} is out of range")
        return value

    def _out_of_range(self, value: int | float) -> bool:
        too_low = self.low is not None and (
            value <= self.low if self.low_open else value < self.low
        )
        return too_low or (self.high is not None and value > self.high)

    def show(self, value: int | float) -> str:
        """The number as a person would type it: 10 rather than 10.0, 0.25 as 0.25."""
        if isinstance(value, float):
            text = repr(value)
            return text[:-2] if text.endswith(".0") else text
        return str(value)

    def to_toml(self, value: int | float) -> Any:
        """The number itself."""
        return value


class Text:
    """Text, one line unless `multi_line`, never with other control characters."""

    def __init__(self, accepts: str, allow_empty: bool = False, multi_line: bool = False) -> None:
        self.accepts, self.allow_empty, self.multi_line = accepts, allow_empty, multi_line

    def from_text(self, text: str) -> str:
        """The text trimmed, or a refusal when empty or holding control characters."""
        value = text.strip()
        if not value and not self.allow_empty:
            raise Refused("it cannot be empty")
        allowed = "\n\t" if self.multi_line else ""
        if any(ord(c) < 32 and c not in allowed for c in value):
            raise Refused("it must be one line of text, without control characters")
        if len(value) > 2 and value[0] == "<" and value[-1] == ">":
            # A hint's placeholder (`config set signature "<your name>"`) pasted as printed.
            raise Refused(f"{value} is a placeholder: put your own text in its place")
        return value

    def from_toml(self, stored: Any) -> str:
        """The stored text, checked as if typed."""
        if not isinstance(stored, str):
            raise Refused(f"{toml_text(stored)} is not text in quotes")
        return self.from_text(stored)

    def show(self, value: str) -> str:
        """The text itself."""
        return value

    def to_toml(self, value: str) -> Any:
        """The text itself."""
        return value


def zone_loads(name: str) -> bool:
    """Whether the system's time zone database knows `name`."""
    from zoneinfo import ZoneInfo

    if not name or name.startswith("/") or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return False
    return True


def _zone_refusal(name: str) -> Refused:
    """'X is not a time zone', with the closest real zones as suggestions."""
    from zoneinfo import available_timezones

    zones = sorted(available_timezones())
    wanted = name.lower().replace(" ", "_")
    cities = [z for z in zones if z.rsplit("/", 1)[-1].lower() == wanted]
    if cities:
        hint = suggestions(cities[:3])
    else:
        by_lower = {zone.lower(): zone for zone in zones}
        hint = did_you_mean(wanted, by_lower, spelled=by_lower)
    return Refused(f"'{name}' is not a time zone{hint}")


class RepName(Text):
    """A rep's name: one line of text, by the rule `--rep` and `team add` use too."""

    def from_text(self, text: str) -> str:
        """The name trimmed, or a refusal naming what is wrong with it."""
        from reftrack.domain.reps import REP_RULE, rep_problem

        value = super().from_text(text)
        problem = rep_problem(value)
        if problem is not None:
            raise Refused(f"{problem}; {REP_RULE}")
        return value


class TimeZone:
    """An IANA time zone name the system knows."""

    accepts = "an IANA time zone name, e.g. Europe/Berlin or America/New_York"

    def from_text(self, text: str) -> str:
        """The zone a person typed, in the zone's own spelling."""
        from zoneinfo import available_timezones

        name = text.strip()
        zones = available_timezones()
        if name in zones:
            return name
        # Typed in the wrong case ("europe/berlin"): store the zone's own spelling.
        by_lower = {zone.lower(): zone for zone in zones}
        if name.lower() in by_lower:
            return by_lower[name.lower()]
        if zone_loads(name) and "/" in name:
            return name
        raise _zone_refusal(name)

    def from_toml(self, stored: Any) -> str:
        """The zone the file names, if the system knows it."""
        if not isinstance(stored, str):
            raise Refused(f"{toml_text(stored)} is not a time zone name in quotes")
        name = stored.strip()
        if not zone_loads(name):
            raise _zone_refusal(name)
        return name

    def show(self, value: str) -> str:
        """The zone's name."""
        return value

    def to_toml(self, value: str) -> Any:
        """The zone's name."""
        return value
