"""`calendar`: the next days' reminders and the yearly dates as an iCalendar file.

Every file is read back with the `icalendar` library, as a calendar app would read it.
"""

from __future__ import annotations

import json
import stat
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from reftrack.kinds import ReminderKind
from tests.cli.test_cron import Crontab, make_crontab
from tests.cli.test_every_command_runs import STORY, TODAY
from tests.cli.test_hostile_text import HOSTILE
from tests.conftest import Rep


def ics(rep: Rep, args: str | list[str] = "calendar", **env: str) -> bytes:
    """The calendar file exactly as printed (CliRunner's `stdout` folds CRLF into LF)."""
    return rep.ok(args, **env).stdout_bytes


def events(raw: bytes) -> dict[str, Any]:
    """The events of a calendar file, by UID, after checking the file's framing."""
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    found = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert len(found) == len(calendar.walk("VEVENT")), "every UID is unique"
    return found


def day_of(event: Any) -> date:
    value = event.decoded("DTSTART")
    assert type(value) is date, "reminders are all-day events"
    assert event.decoded("DTEND") == date.fromordinal(value.toordinal() + 1)
    return value


@pytest.fixture
def story(rep: Rep) -> Rep:
    for day, args in STORY:
        rep.ok(args, REFTRACK_NOW=f"{day}T10:00")
    rep.env["REFTRACK_NOW"] = TODAY
    return rep


def test_every_reminder_of_today_is_an_event_with_the_command_that_clears_it(
    story: Rep,
) -> None:
    found = events(ics(story, "calendar"))
    items = json.loads(story.ok("today --json").stdout)["items"]
    fresh = [i for i in items if not i["stale"] and i["kind"] != ReminderKind.date]
    on_today = {str(e["SUMMARY"]): e for e in found.values() if day_of(e) == date(2026, 11, 25)}
    for item in fresh:
        event = on_today[item["text"]]
        assert str(event["DESCRIPTION"]).startswith(f"Clear it with: {item['command']}\n")
        assert str(event["CATEGORIES"].cats[0]) == item["kind"]
        assert event.decoded("DTSTAMP").isoformat() == "2026-11-25T09:00:00+00:00"
    assert len(on_today) == len(fresh)
    # Stale loops are left out; every kind has its events, dates as yearly ones.
    assert {str(e["CATEGORIES"].cats[0]) for e in found.values()} == set(ReminderKind)
    yearly = [e for e in found.values() if "RRULE" in e]
    assert {str(e["SUMMARY"]) for e in yearly} == {
        "Jane Doe (Acme)'s birthday",
        "Sean O'Brien (Smith & Sons)'s founder's day",
    }
    assert all(str(e["CATEGORIES"].cats[0]) == ReminderKind.date for e in yearly)


def test_uids_are_stable_from_run_to_run_and_day_to_day(story: Rep) -> None:
    first = ics(story, "calendar")
    assert ics(story, "calendar") == first
    tomorrow = ics(story, REFTRACK_NOW="2026-11-26T07:00")
    before, after = events(first), events(tomorrow)
    assert set(before) & set(after)
    # What is still due tomorrow is the same event, moved to tomorrow, not a second one.
    for uid in set(before) & set(after):
        if "RRULE" not in before[uid]:
            assert day_of(after[uid]) == date(2026, 11, 26)
        assert str(after[uid]["SUMMARY"]) == str(before[uid]["SUMMARY"])
    # Cleared reminders leave the file, so a re-reading calendar app drops them.
    story.ok('thank "Priya Shah"')
    gone = set(before) - set(events(ics(story, "calendar")))
    assert len(gone) == 1 and gone.pop().startswith("thank-c")


def test_a_follow_up_ahead_is_on_its_day_and_a_weekend_one_on_monday(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    rep.ok('contact add "Bob Stone"')
    rep.ok("ask jane --outcome promised --follow-up 2026-11-27")  # a Friday
    rep.ok("ask bob --outcome pending --follow-up 2026-11-28")  # a Saturday
    found = events(ics(rep, "calendar --days 7"))
    days = {str(e["SUMMARY"]).split(":")[0]: day_of(e) for e in found.values()}
    assert days == {
        "Follow up with Jane Doe": date(2026, 11, 27),
        "Follow up with Bob Stone": date(2026, 11, 30),
    }
    assert str(found["follow_up-a1@reftrack"]["DESCRIPTION"]) == (
        'Clear it with: reftrack ask "Jane Doe"\nDue 2026-11-27.'
    )
    # Two days ahead reach Friday, not Monday.
    assert list(events(ics(rep, "calendar --days 3"))) == ["follow_up-a1@reftrack"]
    assert events(ics(rep, "calendar --days 1")) == {}


def test_birthdays_and_dates_are_yearly_all_day_events(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe" --birthday 1980-03-14 --date "wedding=06-12"')
    rep.ok('contact add "Leap Year" --birthday 2004-02-29')
    rep.ok('contact add "Gone Away" --birthday 05-05')
    rep.ok('contact archive "Gone Away"')
    found = events(ics(rep, "calendar"))
    rules = {str(e["SUMMARY"]): (e.decoded("DTSTART"), dict(e["RRULE"])) for e in found.values()}
    yearly = {"FREQ": ["YEARLY"]}
    assert rules == {
        "Jane Doe's birthday": (date(1980, 3, 14), yearly),
        "Jane Doe's wedding": (date(2000, 6, 12), yearly),
        # 29 February falls on the 28th in other years: the last day of February.
        "Leap Year's birthday": (date(2004, 2, 29), {**yearly, "BYMONTH": [2], "BYMONTHDAY": [-1]}),
    }
    leap = next(e for e in found.values() if "Leap" in str(e["SUMMARY"]))
    rule = rrulestr(leap["RRULE"].to_ical().decode(), dtstart=datetime(2004, 2, 29))
    assert [d.date() for d in rule.between(datetime(2026, 1, 1), datetime(2029, 1, 1))] == [
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]
    wedding = next(e for e in found.values() if "wedding" in str(e["SUMMARY"]))
    assert 'reftrack thank "Jane Doe" --note wedding' in str(wedding["DESCRIPTION"])
    assert all(uid.startswith("date-d") for uid in found)


def test_hostile_text_is_escaped_and_shown_safely(rep: Rep) -> None:
    name = 'Zoë "Z" O\'Neil, Jr.; 🚀 ' + HOSTILE
    deal = "Fleet, phase 2;\nrenewal \\ 🚀"
    rep.ok(["contact", "add", name, "--birthday", "11-30"])
    rep.ok(["close", "zoë", "--deal", deal])
    raw = ics(rep)
    text = raw.decode("utf-8")
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    found = events(raw)
    (ask,) = [e for e in found.values() if "RRULE" not in e]
    summary = str(ask["SUMMARY"])
    assert summary.startswith('Ask Zoë "Z" O\'Neil, Jr.; 🚀 [bold red]x [/] \\x1b[2J')
    assert "\\u202e\\u2066\\u200f" in summary
    assert "“Fleet, phase 2;\nrenewal \\ 🚀”" in summary
    assert "\\;" in text and "\\," in text and "\\n" in text and "\\\\" in text
    (birthday,) = [e for e in found.values() if "RRULE" in e]
    assert str(birthday["SUMMARY"]).startswith('Zoë "Z" O\'Neil, Jr.; 🚀 [bold red]x [/]')
    # JSON carries the exact text.
    document = json.loads(rep.ok("calendar --json").stdout)
    assert document["yearly"][0]["contact"] == name
    assert deal in document["events"][0]["text"]


def test_output_is_a_private_file_written_whole(rep: Rep, tmp_path: Path) -> None:
    rep.ok('contact add "Jane Doe" --birthday 12-01')
    target = tmp_path / "sync" / "reftrack.ics"
    target.parent.mkdir()
    result = rep.ok(["calendar", "--output", str(target)])
    assert result.stdout == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == ics(rep)
    assert sorted(p.name for p in target.parent.iterdir()) == ["reftrack.ics"]
    document = json.loads(rep.ok(["calendar", "--output", str(target), "--json"]).stdout)
    assert document["from"] == "2026-11-25" and document["to"] == "2026-12-08"
    assert [y["uid"] for y in document["yearly"]] == ["date-d1@reftrack"]
    refused = rep.run(["calendar", "--output", str(tmp_path)])
    assert refused.exit_code == 1 and "directory" in refused.stderr


@pytest.mark.parametrize(
    "days, code, says",
    [
        ("0", 2, "--days: 0 is out of range; a calendar covers 1 to 92 days ahead"),
        ("93", 2, "--days: 93 is out of range"),
        ("two", 2, "--days: 'two' is not a whole number"),
        ("1", 0, ""),
        ("92", 0, ""),
    ],
)
def test_days_are_bounded(rep: Rep, days: str, code: int, says: str) -> None:
    result = rep.run(["calendar", "--days", days, "--json"])
    assert result.exit_code == code, result.stderr
    if code:
        assert result.stdout == "" and says in result.stderr
        assert len(result.stderr.splitlines()) == 1
    else:
        document = json.loads(result.stdout)
        assert (date.fromisoformat(document["to"]) - date(2026, 11, 25)).days == int(days) - 1


@pytest.fixture
def cron_table(tmp_path: Path) -> Crontab:
    return make_crontab(tmp_path / "cron")


def test_cron_refreshes_the_calendar_each_morning(
    rep: Rep, cron_table: Crontab, tmp_path: Path
) -> None:
    target = tmp_path / "Dropbox" / "reftrack.ics"
    target.parent.mkdir()
    shown = rep.ok(["cron", "show", "--calendar", str(target), "--json"], PATH=cron_table.path)
    jobs = {job["job"]: job for job in json.loads(shown.stdout)["jobs"]}
    assert jobs["calendar"]["command"] == ["reftrack", "calendar", "--output", str(target)]
    assert jobs["calendar"]["days"] == "*" and jobs["calendar"]["time"] == "06:00"
    rep.ok(["cron", "install", "--calendar", str(target)], PATH=cron_table.path)
    (line,) = [line for line in cron_table.own_lines() if "calendar" in line]
    assert line.startswith("0 6 * * * ")
    assert line.endswith(f"calendar --output {target} # reftrack:calendar")
    # Installed again with another time: one line, the new one.
    rep.ok(
        ["cron", "install", "--calendar", str(target), "--calendar-at", "MON-FRI 07:15"],
        PATH=cron_table.path,
    )
    lines = [line for line in cron_table.own_lines() if "calendar" in line]
    assert len(lines) == 1 and lines[0].startswith("15 7 * * MON-FRI ")
    # Without --calendar the next install drops it; remove takes every line back.
    rep.ok(["cron", "install"], PATH=cron_table.path)
    assert not [line for line in cron_table.own_lines() if "calendar" in line]
    rep.ok(["cron", "install", "--calendar", str(target)], PATH=cron_table.path)
    removed = json.loads(rep.ok("cron remove --json", PATH=cron_table.path).stdout)
    assert sorted(removed["removed_jobs"]) == ["calendar", "summary", "today"]
    assert cron_table.own_lines() == []


@pytest.mark.parametrize(
    "args, says",
    [
        (["--calendar", "/no/such/folder/r.ics"], "--calendar: the folder /no/such/folder"),
        (["--calendar", "{tmp}"], "is a directory"),
        (["--calendar", "{tmp}/r.ics", "--calendar-at", "MON 25:00"], "--calendar-at"),
    ],
)
def test_cron_refuses_a_calendar_it_cannot_write(
    rep: Rep, cron_table: Crontab, tmp_path: Path, args: list[str], says: str
) -> None:
    argv = ["cron", "install", *(a.format(tmp=tmp_path) for a in args)]
    result = rep.run(argv, PATH=cron_table.path)
    assert result.exit_code == 2 and says in result.stderr, result.stderr
    assert not cron_table.table.exists()
