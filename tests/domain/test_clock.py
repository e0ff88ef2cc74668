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
