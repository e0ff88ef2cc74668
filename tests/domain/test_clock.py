"""One clock for every command, pinned by REFTRACK_NOW."""

from __future__ import annotations

import pytest

from reftrack import clock
from reftrack.errors import UsageProblem


def test_a_bare_date_means_midday_in_the_configured_zone(monkeypatch) -> None:
    monkeypatch.setenv("REFTRACK_NOW", "2026-03-29")
    now = clock.now("Europe/Berlin")
    assert (now.date().isoformat(), now.hour, now.timezone_name) == (
        "2026-03-29",
        12,
        "Europe/Berlin",
    )


def test_a_local_datetime_is_taken_in_the_configured_zone(monkeypatch) -> None:
    monkeypatch.setenv("REFTRACK_NOW", "2026-11-25T23:30")
    now = clock.now("America/New_York")
    assert now.isoformat() == "2026-11-25T23:30:00-05:00"


def test_an_instant_with_an_offset_is_converted_to_local_time(monkeypatch) -> None:
    monkeypatch.setenv("REFTRACK_NOW", "2026-11-25T23:30:00Z")
    assert clock.now("Asia/Tokyo").date().isoformat() == "2026-11-26"


def test_without_an_override_it_is_the_real_time(monkeypatch) -> None:
    import pendulum

    monkeypatch.delenv("REFTRACK_NOW", raising=False)
    assert abs((clock.now("UTC") - pendulum.now("UTC")).total_seconds()) < 5


@pytest.mark.parametrize("bad", ["soon", "2026-02-30", "25/11/2026"])
def test_a_bad_override_is_a_usage_problem(monkeypatch, bad: str) -> None:
    monkeypatch.setenv("REFTRACK_NOW", bad)
    with pytest.raises(UsageProblem, match="REFTRACK_NOW"):
        clock.now("UTC")


# The local date `today` and `goal show` take without pendulum (issue 12) is pendulum's own,
# for every pinned form the standard library reads, across DST gaps and overlaps.
ZONES = ["Europe/Berlin", "America/New_York", "America/Santiago", "Australia/Lord_Howe", "UTC"]
PINNED = [
    "2026-03-29",
    "2026-03-29T02:30",  # Berlin's spring gap
    "2026-10-25T02:30",  # Berlin's autumn overlap
    "2026-03-08T02:30:15",  # New York's spring gap
    "2026-04-05T00:30",  # Santiago at its autumn change
    "2026-09-06T00:00",  # Santiago's spring gap at midnight
    "2026-10-04T02:15",  # Lord Howe's half-hour gap
    "2026-11-25T21:59:59",
    "2026-11-25T09:00",
]


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("pinned", PINNED)
def test_the_pinned_day_is_pendulums_local_date(monkeypatch, zone: str, pinned: str) -> None:
    monkeypatch.setenv("REFTRACK_NOW", pinned)
    assert clock.pinned_day() == clock.now(zone).date()
    assert clock.system_now(zone) is None


@pytest.mark.parametrize(
    "left_to_pendulum",
    ["2026-11-25T23:30", "2026-11-25T22:00", "2026-11-25T09:00Z", "2026-11-25T09:00+01:00", ""],
)
def test_other_forms_are_left_to_pendulum(monkeypatch, left_to_pendulum: str) -> None:
    monkeypatch.setenv("REFTRACK_NOW", left_to_pendulum)
    assert clock.pinned_day() is None


def test_the_system_clock_read_once_is_the_instant_pendulum_gets(monkeypatch) -> None:
    monkeypatch.delenv("REFTRACK_NOW", raising=False)
    moment = clock.system_now("Asia/Tokyo")
    assert moment is not None
    now = clock.now("Asia/Tokyo", moment)
    assert (now.timezone_name, now.isoformat()) == ("Asia/Tokyo", moment.isoformat())
