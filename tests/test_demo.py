"""The demo history keeps to the rep's calendar: their working days and their follow-up rule."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from reftrack.demo import FOLLOW_UP_DAYS, MONDAY_TO_FRIDAY, DemoHistory, generate
from reftrack.kinds import Outcome
from tests.conftest import Rep

TODAY = date(2026, 11, 25)
SUNDAY_TO_THURSDAY = (6, 0, 1, 2, 3)
FRIDAY, SATURDAY = 4, 5


def _next_working(day: date, workdays: tuple[int, ...], off: set[date]) -> date:
    """The rule `reftrack ask` states for a follow-up, spelled out again for the test."""
    while day.weekday() not in workdays or day in off:
        day += timedelta(days=1)
    return day


def _dated(history: DemoHistory) -> dict[str, list[date]]:
    """The days on which the rep did something on purpose: closed, asked, gave, shared, scored."""
    return {
        "close": [row["closed_on"] for row in history.closes],
        "ask": [row["asked_on"] for row in history.asks],
        "given": [row["given_on"] for row in history.given],
        "share": [row["shared_on"] for row in history.shares],
        "score": [row["scored_on"] for row in history.scores],
    }


def test_the_defaults_are_the_configs_defaults_and_keep_a_seed_as_it_was() -> None:
    plain = generate("ann", TODAY, 2, 150, seed=7)
    explicit = generate(
        "ann", TODAY, 2, 150, seed=7, workdays=MONDAY_TO_FRIDAY, follow_up_days=FOLLOW_UP_DAYS
    )
    assert plain == explicit
    # Pinned: a change here means every seed's demo (and the figures in the docs) moved.
    counts = plain.counts()
    assert (counts["contacts"], counts["closes"], counts["asks"], counts["referrals"]) == (
        150,
        341,
        435,
        115,
    )


def test_with_sunday_to_thursday_nothing_is_done_on_a_friday_or_saturday() -> None:
    history = generate("ann", TODAY, 2, 150, seed=3, workdays=SUNDAY_TO_THURSDAY)
    off = {row["day"] for row in history.days_off}
    for what, days in _dated(history).items():
        assert days, what
        weekdays = {day.weekday() for day in days}
        assert FRIDAY not in weekdays and SATURDAY not in weekdays, what
        assert not off & set(days), what
    assert {day.weekday() for day in _dated(history)["close"]} == set(SUNDAY_TO_THURSDAY)


def test_a_follow_up_is_follow_up_days_after_the_ask_moved_to_a_working_day() -> None:
    history = generate("ann", TODAY, 2, 150, seed=3, workdays=SUNDAY_TO_THURSDAY, follow_up_days=5)
    off = {row["day"] for row in history.days_off}
    open_asks = [
        row for row in history.asks if row["outcome"] in (Outcome.promised, Outcome.pending)
    ]
    assert len(open_asks) > 50
    moved = 0
    for ask in open_asks:
        due = ask["asked_on"] + timedelta(days=5)
        assert ask["follow_up_on"] == _next_working(due, SUNDAY_TO_THURSDAY, off), ask
        moved += ask["follow_up_on"] != due
    assert moved > 0  # some fell on a Friday, Saturday or holiday and moved on
    closed = [row for row in history.asks if row["outcome"] in (Outcome.referred, Outcome.declined)]
    assert closed and all(row["follow_up_on"] is None for row in closed)


def test_the_demo_command_takes_the_workdays_and_follow_up_days_from_the_config(
    rep: Rep, tmp_path: Path
) -> None:
    rep.ok("config set workdays sun-thu")
    rep.ok("config set follow_up_days 4")
    db = tmp_path / "demo.db"
    rep.ok(["--db", str(db), "demo", "--years", "1", "--contacts", "60"])
    with sqlite3.connect(db) as connection:
        off = {date.fromisoformat(d) for (d,) in connection.execute("SELECT day FROM day_off")}
        asks = [
            (date.fromisoformat(on), date.fromisoformat(due) if due else None)
            for on, due in connection.execute("SELECT asked_on, follow_up_on FROM ask")
        ]
        closes = [
            date.fromisoformat(d) for (d,) in connection.execute("SELECT closed_on FROM close")
        ]
    assert asks and closes
    for day in closes + [asked for asked, _ in asks]:
        assert day.weekday() in SUNDAY_TO_THURSDAY and day not in off, day
    follow_ups = [(asked, due) for asked, due in asks if due is not None]
    assert follow_ups
    for asked, due in follow_ups:
        assert due == _next_working(asked + timedelta(days=4), SUNDAY_TO_THURSDAY, off)
