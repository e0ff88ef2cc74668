"""The table of settings: for every key what it means, accepts and defaults to, and `Settings`.

`KEYS` is the one place a setting is declared; reading, writing, `config show` and
key completion all go through it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reftrack.config.kinds import (
    Number,
    Refused,
    RepName,
    Text,
    TimeZone,
    ValueKind,
    Weekday,
    Weekdays,
    zone_loads,
)
from reftrack.errors import ConfigProblem, UsageProblem, did_you_mean

DEFAULT_IDEAL_CUSTOMER = (
    "sales leaders at companies of 20 to 500 people who want their teams to win more "
    "business from referrals"
)


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
        if zone_loads(name):
            return name
    return "UTC"


# ---------------------------------------------------------------- the table of keys


class KeySpec:
    """One setting: its name, what it means and accepts, how it is read, shown and stored."""

    # A plain class like the kinds: a dataclass would cost import time on every command.
    __slots__ = ("help", "kind", "make_default", "name")

    def __init__(
        self, name: str, help: str, kind: ValueKind, make_default: Callable[[], Any]
    ) -> None:
        self.name, self.help, self.kind, self.make_default = name, help, kind, make_default

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
        except Refused as refusal:
            raise UsageProblem(f"{self.name}: {refusal}", f"accepted: {self.accepts}") from None

    def from_toml(self, stored: Any, path: Path) -> Any:
        """The typed value from what the file holds, or ConfigProblem naming the file and fix."""
        try:
            return self.kind.from_toml(stored)
        except Refused as refusal:
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
            RepName("a non-empty name of at most 63 bytes, e.g. ann"),
            _default_rep,
        ),
        KeySpec(
            "timezone",
            "The IANA time zone in which every 'today' is taken.",
            TimeZone(),
            _default_timezone,
        ),
        KeySpec(
            "workdays",
            "Working weekdays, e.g. mon-fri or mon,tue,thu.",
            Weekdays(),
            lambda: (0, 1, 2, 3, 4),
        ),
        KeySpec(
            "week_start",
            "The first day of a week.",
            Weekday(),
            lambda: 0,
        ),
        KeySpec(
            "ask_rate_prior",
            "Referrals per ask assumed until your own history speaks.",
            Number(whole=False, low=0, high=1, low_open=True, example="0.25"),
            lambda: 0.25,
        ),
        KeySpec(
            "prior_weight",
            "How many asks' worth of weight the assumed rate carries.",
            Number(whole=False, low=0, high=10_000, example="10"),
            lambda: 10.0,
        ),
        KeySpec(
            "ask_window_days",
            "Days after a close during which an ask is still due.",
            Number(whole=True, low=1, high=3650, example="14"),
            lambda: 14,
        ),
        KeySpec(
            "follow_up_days",
            "Days from a promised or pending ask to its follow-up.",
            Number(whole=True, low=0, high=365, example="3"),
            lambda: 3,
        ),
        KeySpec(
            "give_back_threshold",
            "How many more referrals a contact may send you than get before you owe one.",
            Number(whole=True, low=1, high=10_000, example="2"),
            lambda: 2,
        ),
        KeySpec(
            "stay_in_touch_days",
            "Quiet days after which a referrer needs a touch.",
            Number(whole=True, low=1, high=3650, example="90"),
            lambda: 90,
        ),
        KeySpec(
            "date_horizon_days",
            "How many days ahead birthdays and important dates are shown.",
            Number(whole=True, low=0, high=366, example="7"),
            lambda: 7,
        ),
        KeySpec(
            "stale_after_days",
            "Days overdue after which a loop leaves the morning list for `today --all`.",
            Number(whole=True, low=1, high=3650, example="30"),
            lambda: 30,
        ),
        KeySpec(
            "ideal_customer",
            "Whom you want to be introduced to, in one sentence (for the intro email).",
            Text("one non-empty sentence"),
            lambda: DEFAULT_IDEAL_CUSTOMER,
        ),
        KeySpec(
            "signature",
            "How messages are signed; empty means your rep name, once set in this file.",
            Text("any text, or '' for your rep name", allow_empty=True, multi_line=True),
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
    stale_after_days: int
    ideal_customer: str
    signature: str
    # Whether `rep` was chosen (set in the file), not guessed from the OS login name.
    rep_named: bool = False

    @property
    def signature_text(self) -> str | None:
        """How messages are signed: the setting, else a chosen rep name; None when neither."""
        # Never the login name: an e-mail signed "root" is worse than one left for the rep to sign.
        return self.signature or (self.rep if self.rep_named else None)


def spec_for(key: str) -> KeySpec:
    """The KeySpec for a key typed on the command line, or UsageProblem with a suggestion."""
    if key in KEYS:
        return KEYS[key]
    raise UsageProblem(
        f"unknown config key '{key}'{did_you_mean(key, KEYS)}",
        "`reftrack config show` lists them",
    )
