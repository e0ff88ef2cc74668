"""Dates as a rep types them, periods and working days."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reftrack.domain.dates import (
    MonthDay,
    is_working_day,
    iso_week,
    local_today,
    next_occurrence,
    parse_date,
    parse_date_range,
    parse_iso_week,
    parse_month_day,
    period_bounds,
    week_bounds,
    working_days,
)
from reftrack.errors import UsageProblem
from reftrack.kinds import Period

# A Wednesday, the day the CLI tests pin "now" to as well.
TODAY = pendulum.date(2026, 11, 25)
MON_FRI = frozenset(range(5))
MONDAY, SUNDAY = 0, 6


def d(text: str) -> pendulum.Date:
    """A pendulum date from ISO text, to keep the tables short."""
    year, month, day = (int(part) for part in text.split("-"))
    return pendulum.date(year, month, day)


def test_the_fixed_today_is_a_wednesday() -> None:
    assert TODAY.weekday() == 2


# --- parse_date ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-02", "2026-11-02"),
        ("2024-02-29", "2024-02-29"),
        ("2026-1-5", "2026-01-05"),
        ("today", "2026-11-25"),
        ("  TODAY ", "2026-11-25"),
        ("yesterday", "2026-11-24"),
        ("Yesterday", "2026-11-24"),
        ("tomorrow", "2026-11-26"),
        ("+3d", "2026-11-28"),
        ("3d", "2026-11-28"),
        ("-3d", "2026-11-22"),
        ("+0d", "2026-11-25"),
        ("-2w", "2026-11-11"),
        ("+1w", "2026-12-02"),
        ("2W", "2026-12-09"),
        ("+1m", "2026-12-25"),
        ("-1m", "2026-10-25"),
        ("+3m", "2027-02-25"),
        ("-1y", "2025-11-25"),
        ("1y", "2027-11-25"),
        ("+40d", "2027-01-04"),
        ("friday", "2026-11-27"),
        ("fri", "2026-11-27"),
        ("FRIDAY", "2026-11-27"),
        ("next friday", "2026-11-27"),
        ("Next  Fri", "2026-11-27"),
        ("last friday", "2026-11-20"),
        ("last fri", "2026-11-20"),
        ("thursday", "2026-11-26"),
        ("thurs", "2026-11-26"),
        ("tue", "2026-12-01"),
        ("last tuesday", "2026-11-24"),
        ("monday", "2026-11-30"),
        ("last monday", "2026-11-23"),
        ("sun", "2026-11-29"),
        ("last sunday", "2026-11-22"),
        ("sat", "2026-11-28"),
    ],
)
def test_every_accepted_form(typed: str, expected: str) -> None:
    assert parse_date(typed, TODAY, "--on") == d(expected)


def test_parse_date_returns_pendulum_dates() -> None:
    for typed in ("2026-11-02", "today", "+1m", "friday", "last fri"):
        assert type(parse_date(typed, TODAY)) is pendulum.Date


def test_a_weekday_named_on_that_day_means_a_week_away() -> None:
    assert parse_date("wednesday", TODAY) == d("2026-12-02")
    assert parse_date("wed", TODAY) == d("2026-12-02")
    assert parse_date("next wednesday", TODAY) == d("2026-12-02")
    assert parse_date("last wednesday", TODAY) == d("2026-11-18")
    friday = d("2026-11-27")
    assert parse_date("friday", friday) == d("2026-12-04")
    assert parse_date("last friday", friday) == d("2026-11-20")


def test_a_month_later_stops_at_the_end_of_a_short_month() -> None:
    assert parse_date("+1m", d("2026-01-31")) == d("2026-02-28")
    assert parse_date("+1y", d("2024-02-29")) == d("2025-02-28")


@given(
    today=st.dates(date(1990, 1, 1), date(2100, 12, 31)),
    weekday=st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
)
def test_weekday_names_land_within_the_week_either_side(today: date, weekday: str) -> None:
    today = pendulum.date(today.year, today.month, today.day)
    ahead = parse_date(weekday, today)
    back = parse_date(f"last {weekday}", today)
    assert 1 <= (ahead - today).days <= 7
    assert 1 <= (today - back).days <= 7
    assert ahead.weekday() == back.weekday()
    assert (ahead - back).days == (7 if ahead.weekday() != today.weekday() else 14)


@pytest.mark.parametrize(
    "typed", ["frday", "", "   ", "someday", "2026/11/02", "26-11-02", "+3x", "3 days", "fr", "f"]
)
def test_garbage_is_refused_naming_the_option_and_the_forms(typed: str) -> None:
    with pytest.raises(UsageProblem) as refused:
        parse_date(typed, TODAY, "--on")
    message = str(refused.value)
    assert message.startswith(f"--on: '{typed.strip()}' is not a date; use YYYY-MM-DD")
    assert "+3d" in message
    assert "friday" in message
    assert "\n" not in message


def test_the_garbage_message_reads_as_specified() -> None:
    with pytest.raises(UsageProblem) as refused:
        parse_date("frday", TODAY, "--on")
    assert str(refused.value) == (
        "--on: 'frday' is not a date; "
        "use YYYY-MM-DD, today, yesterday, +3d, -2w or a weekday name like friday"
    )


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("2026-02-30", "February 2026 has 28 days"),
        ("2026-02-29", "February 2026 has 28 days"),
        ("2026-04-31", "April 2026 has 30 days"),
        ("2026-11-00", "November 2026 has 30 days"),
        ("2026-13-01", "there is no month 13"),
        ("2026-00-10", "there is no month 0"),
        ("0000-01-01", "there is no year 0"),
    ],
)
def test_impossible_calendar_dates_say_why(typed: str, why: str) -> None:
    with pytest.raises(UsageProblem) as refused:
        parse_date(typed, TODAY, "--on")
    assert str(refused.value) == f"--on: {typed} is not a date ({why})"


@pytest.mark.parametrize("typed", ["+99999y", "-9999y", "+99999m"])
def test_a_jump_off_the_calendar_is_refused_not_a_crash(typed: str) -> None:
    with pytest.raises(UsageProblem, match=r"^--since: .* too far from today"):
        parse_date(typed, TODAY, "--since")


def test_the_option_defaults_to_date() -> None:
    with pytest.raises(UsageProblem, match=r"^date: 'nope' is not a date"):
        parse_date("nope", TODAY)


# --- month and day ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected", "shown"),
    [
        ("03-14", MonthDay(3, 14), "03-14"),
        ("3-4", MonthDay(3, 4), "03-04"),
        (" 12-31 ", MonthDay(12, 31), "12-31"),
        ("02-29", MonthDay(2, 29), "02-29"),
        ("1984-03-14", MonthDay(3, 14, 1984), "1984-03-14"),
        ("2024-02-29", MonthDay(2, 29, 2024), "2024-02-29"),
    ],
)
def test_month_days(typed: str, expected: MonthDay, shown: str) -> None:
    parsed = parse_month_day(typed, "--birthday")
    assert parsed == expected
    assert str(parsed) == shown


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("02-30", "February has at most 29 days"),
        ("04-31", "April has at most 30 days"),
        ("13-01", "there is no month 13"),
        ("00-10", "there is no month 0"),
        ("01-00", "January has at most 31 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2026-13-01", "there is no month 13"),
    ],
)
def test_impossible_month_days_are_refused_with_the_forms(typed: str, why: str) -> None:
    with pytest.raises(UsageProblem) as refused:
        parse_month_day(typed, "--birthday")
    message = str(refused.value)
    assert message.startswith(f"--birthday: {typed} is not a ")
    assert f"({why})" in message
    assert "MM-DD" in message
    assert "YYYY-MM-DD" in message


@pytest.mark.parametrize("typed", ["march 14", "", "0314", "03/14", "1-2-3-4", "friday"])
def test_month_day_garbage_is_refused(typed: str) -> None:
    with pytest.raises(UsageProblem) as refused:
        parse_month_day(typed, "--date")
    assert str(refused.value).startswith(f"--date: '{typed}' is not a month and day; use MM-DD")


@pytest.mark.parametrize(
    ("md", "today", "expected"),
    [
        (MonthDay(3, 14), "2026-11-25", "2027-03-14"),
        (MonthDay(12, 1), "2026-11-25", "2026-12-01"),
        (MonthDay(11, 25), "2026-11-25", "2026-11-25"),
        (MonthDay(11, 24), "2026-11-25", "2027-11-24"),
        (MonthDay(1, 1), "2026-12-31", "2027-01-01"),
        (MonthDay(12, 31), "2026-12-31", "2026-12-31"),
        (MonthDay(3, 14, 1984), "2026-11-25", "2027-03-14"),
        # 29 February: on the day itself in a leap year, on the 28th otherwise.
        (MonthDay(2, 29), "2027-11-25", "2028-02-29"),
        (MonthDay(2, 29), "2028-01-10", "2028-02-29"),
        (MonthDay(2, 29), "2026-11-25", "2027-02-28"),
        (MonthDay(2, 29), "2027-02-28", "2027-02-28"),
        (MonthDay(2, 29), "2027-03-01", "2028-02-29"),
        (MonthDay(2, 29), "2028-03-01", "2029-02-28"),
        (MonthDay(2, 29, 2000), "2026-11-25", "2027-02-28"),
    ],
)
def test_next_occurrence(md: MonthDay, today: str, expected: str) -> None:
    assert next_occurrence(md, d(today)) == d(expected)


@given(
    today=st.dates(date(1900, 1, 1), date(2200, 12, 31)),
    month=st.integers(1, 12),
    day=st.integers(1, 31),
)
def test_next_occurrence_is_within_a_year_on_that_month_day(
    today: date, month: int, day: int
) -> None:
    md = MonthDay(month, min(day, 29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))
    today = pendulum.date(today.year, today.month, today.day)
    found = next_occurrence(md, today)
    assert today <= found <= today.add(years=1)
    assert found.month == md.month
    if (md.month, md.day) == (2, 29):
        assert found.day == (29 if calendar.isleap(found.year) else 28)
    else:
        assert found.day == md.day
    # Nothing earlier on or after today falls on that day.
    assert all(
        (earlier.month, earlier.day) != (found.month, found.day)
        for earlier in (today.add(days=n) for n in range((found - today).days))
    )


# --- ranges ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "first", "last"),
    [
        ("2026-11-02", "2026-11-02", "2026-11-02"),
        ("2026-11-02..2026-11-06", "2026-11-02", "2026-11-06"),
        ("2026-12-24..2027-01-01", "2026-12-24", "2027-01-01"),
        ("today..friday", "2026-11-25", "2026-11-27"),
        ("-1w..today", "2026-11-18", "2026-11-25"),
        (" yesterday .. +2d ", "2026-11-24", "2026-11-27"),
        ("friday..friday", "2026-11-27", "2026-11-27"),
    ],
)
def test_date_ranges(typed: str, first: str, last: str) -> None:
    assert parse_date_range(typed, TODAY, "off") == (d(first), d(last))


def test_a_range_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(UsageProblem) as refused:
        parse_date_range("2026-11-06..2026-11-02", TODAY, "off")
    assert str(refused.value) == (
        "off: 2026-11-06..2026-11-02 ends (2026-11-02) before it starts (2026-11-06); "
        "put the earlier date first"
    )


@pytest.mark.parametrize("typed", ["2026-11-02..", "..2026-11-02", "2026-11-02..soon"])
def test_a_range_with_a_bad_side_names_the_option(typed: str) -> None:
    with pytest.raises(UsageProblem, match=r"^--range: '.*' is not a date; use YYYY-MM-DD"):
        parse_date_range(typed, TODAY, "--range")


# --- weeks and periods -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "week_start", "first", "last"),
    [
        ("2026-11-25", MONDAY, "2026-11-23", "2026-11-29"),
        ("2026-11-23", MONDAY, "2026-11-23", "2026-11-29"),
        ("2026-11-29", MONDAY, "2026-11-23", "2026-11-29"),
        ("2026-11-25", SUNDAY, "2026-11-22", "2026-11-28"),
        ("2026-11-29", SUNDAY, "2026-11-29", "2026-12-05"),
        ("2026-11-28", SUNDAY, "2026-11-22", "2026-11-28"),
        # Across New Year: 2026-12-31 is a Thursday, 2027-01-03 a Sunday.
        ("2026-12-31", MONDAY, "2026-12-28", "2027-01-03"),
        ("2027-01-01", MONDAY, "2026-12-28", "2027-01-03"),
        ("2027-01-03", MONDAY, "2026-12-28", "2027-01-03"),
        ("2027-01-04", MONDAY, "2027-01-04", "2027-01-10"),
        ("2026-12-31", SUNDAY, "2026-12-27", "2027-01-02"),
        ("2027-01-02", SUNDAY, "2026-12-27", "2027-01-02"),
        ("2027-01-03", SUNDAY, "2027-01-03", "2027-01-09"),
        ("2026-11-25", 5, "2026-11-21", "2026-11-27"),
    ],
)
def test_week_bounds(day: str, week_start: int, first: str, last: str) -> None:
    assert week_bounds(d(day), week_start) == (d(first), d(last))


@given(day=st.dates(date(1900, 1, 8), date(2200, 12, 24)), week_start=st.integers(0, 6))
def test_a_week_is_seven_days_from_week_start_around_the_day(day: date, week_start: int) -> None:
    first, last = week_bounds(day, week_start)
    # Plain dates: a period is date arithmetic, and `today` must not import pendulum (issue 12).
    assert type(first) is date
    assert (last - first).days == 6
    assert first.weekday() == week_start
    assert first <= day <= last


@pytest.mark.parametrize(
    ("day", "period", "first", "last"),
    [
        ("2026-11-25", "week", "2026-11-23", "2026-11-29"),
        ("2026-11-25", "month", "2026-11-01", "2026-11-30"),
        ("2026-11-25", "quarter", "2026-10-01", "2026-12-31"),
        ("2026-11-25", "year", "2026-01-01", "2026-12-31"),
        ("2024-02-10", "month", "2024-02-01", "2024-02-29"),
        ("2026-02-28", "month", "2026-02-01", "2026-02-28"),
        ("2026-01-01", "quarter", "2026-01-01", "2026-03-31"),
        ("2026-03-31", "quarter", "2026-01-01", "2026-03-31"),
        ("2026-04-01", "quarter", "2026-04-01", "2026-06-30"),
        ("2026-06-30", "quarter", "2026-04-01", "2026-06-30"),
        ("2026-08-15", "quarter", "2026-07-01", "2026-09-30"),
        ("2026-12-31", "year", "2026-01-01", "2026-12-31"),
        ("2026-12-31", "week", "2026-12-28", "2027-01-03"),
    ],
)
def test_period_bounds(day: str, period: str, first: str, last: str) -> None:
    assert period_bounds(d(day), period, MONDAY) == (d(first), d(last))
    assert period_bounds(d(day), Period(period), MONDAY) == (d(first), d(last))


def test_a_week_period_follows_week_start() -> None:
    assert period_bounds(d("2026-11-25"), Period.week, SUNDAY) == (
        d("2026-11-22"),
        d("2026-11-28"),
    )


def test_period_bounds_take_plain_dates() -> None:
    first, last = period_bounds(date(2026, 11, 25), "month", MONDAY)
    assert (first, last) == (d("2026-11-01"), d("2026-11-30"))
    assert type(first) is date
    assert type(last) is date


def test_an_unknown_period_is_refused() -> None:
    with pytest.raises(UsageProblem, match="'fortnight' is not a period; use week, month"):
        period_bounds(TODAY, "fortnight", MONDAY)


@given(
    day=st.dates(date(1900, 1, 8), date(2200, 12, 24)),
    period=st.sampled_from(list(Period)),
    week_start=st.integers(0, 6),
)
def test_periods_hold_the_day_and_tile_the_calendar(
    day: date, period: Period, week_start: int
) -> None:
    first, last = period_bounds(day, period, week_start)
    assert first <= day <= last
    # The day before a period belongs to the previous one, the day after to the next.
    before, after = first - timedelta(days=1), last + timedelta(days=1)
    assert period_bounds(before, period, week_start)[1] == before
    assert period_bounds(after, period, week_start)[0] == after


# --- working days ----------------------------------------------------------------------------


def test_spec_worked_examples() -> None:
    assert working_days(d("2026-11-02"), d("2026-11-30"), MON_FRI, ()) == 21
    assert working_days(d("2026-11-23"), d("2026-11-30"), MON_FRI, ()) == 6
    assert working_days(d("2026-11-28"), d("2026-11-30"), MON_FRI, ()) == 1
    assert working_days(d("2026-11-23"), d("2026-11-29"), MON_FRI, ()) == 5


def test_working_days_edges() -> None:
    assert working_days(d("2026-11-30"), d("2026-11-02"), MON_FRI, ()) == 0
    assert working_days(d("2026-11-28"), d("2026-11-29"), MON_FRI, ()) == 0
    assert working_days(d("2026-11-25"), d("2026-11-25"), MON_FRI, ()) == 1
    assert working_days(d("2026-11-25"), d("2026-11-25"), MON_FRI, [d("2026-11-25")]) == 0
    assert working_days(d("2026-01-01"), d("2026-12-31"), MON_FRI, ()) == 261
    assert working_days(d("2026-01-01"), d("2026-12-31"), range(7), ()) == 365
    assert working_days(d("2026-01-01"), d("2026-12-31"), (), ()) == 0


def test_days_off_count_once_and_only_on_working_weekdays() -> None:
    thanksgiving, friday_after = d("2026-11-26"), d("2026-11-27")
    saturday = d("2026-11-28")
    outside = d("2026-12-01")
    days_off = [thanksgiving, friday_after, friday_after, saturday, outside]
    assert working_days(d("2026-11-02"), d("2026-11-30"), MON_FRI, days_off) == 19
    # The same days as plain datetime.date values, mixed with pendulum ones.
    mixed = [date(2026, 11, 26), friday_after, date(2026, 11, 27), date(2026, 11, 28)]
    assert working_days(d("2026-11-02"), d("2026-11-30"), MON_FRI, mixed) == 19


def test_working_days_take_plain_dates() -> None:
    assert working_days(date(2026, 11, 2), date(2026, 11, 30), [0, 1, 2, 3, 4], set()) == 21


def test_is_working_day() -> None:
    days_off = {d("2026-11-26")}
    assert is_working_day(d("2026-11-25"), MON_FRI, days_off)
    assert not is_working_day(d("2026-11-26"), MON_FRI, days_off)
    assert not is_working_day(date(2026, 11, 26), MON_FRI, days_off)
    assert not is_working_day(d("2026-11-26"), MON_FRI, {date(2026, 11, 26)})
    assert not is_working_day(d("2026-11-28"), MON_FRI, days_off)
    assert is_working_day(d("2026-11-28"), {5, 6}, days_off)
    assert not is_working_day(d("2026-11-25"), (), ())


def brute_force_working_days(a: date, b: date, workdays: set[int], days_off: list[date]) -> int:
    """W(a, b) the slow, obvious way: look at every day."""
    off = {(day.year, day.month, day.day) for day in days_off}
    count = 0
    day = a
    while day <= b:
        if day.weekday() in workdays and (day.year, day.month, day.day) not in off:
            count += 1
        day += timedelta(days=1)
    return count


@st.composite
def spans(draw: st.DrawFn) -> tuple[date, date, set[int], list[date]]:
    """A start, an end within 800 days either side, working weekdays and some days off."""
    a = draw(st.dates(date(1990, 1, 1), date(2100, 12, 31)))
    b = a + timedelta(days=draw(st.integers(-800, 800)))
    workdays = draw(st.sets(st.integers(0, 6)))
    low, high = min(a, b) - timedelta(days=30), max(a, b) + timedelta(days=30)
    off = draw(st.lists(st.dates(low, high), max_size=40))
    # Some days off repeated, some as pendulum dates: neither may change the count.
    off += draw(st.lists(st.sampled_from(off), max_size=5)) if off else []
    as_pendulum = draw(st.lists(st.booleans(), min_size=len(off), max_size=len(off)))
    off = [
        pendulum.date(day.year, day.month, day.day) if flip else day
        for day, flip in zip(off, as_pendulum, strict=True)
    ]
    return a, b, workdays, off


@given(spans())
def test_working_days_match_a_day_by_day_count(span: tuple[date, date, set[int], list]) -> None:
    a, b, workdays, days_off = span
    expected = brute_force_working_days(a, b, workdays, days_off)
    assert working_days(a, b, workdays, days_off) == expected
    assert working_days(
        pendulum.date(a.year, a.month, a.day), b, frozenset(workdays), set(days_off)
    ) == (expected)


@given(spans())
def test_working_days_agree_with_is_working_day(span: tuple[date, date, set[int], list]) -> None:
    a, b, workdays, days_off = span
    first, last = min(a, b), min(a, b) + timedelta(days=40)
    off = set(days_off)
    counted = sum(
        is_working_day(first + timedelta(days=n), workdays, off)
        for n in range((last - first).days + 1)
    )
    assert working_days(first, last, workdays, days_off) == counted


@given(spans(), st.integers(-400, 400))
def test_working_days_add_up_over_a_split(
    span: tuple[date, date, set[int], list], cut: int
) -> None:
    a, b, workdays, days_off = span
    first, last = min(a, b), max(a, b)
    middle = min(max(first + timedelta(days=cut), first - timedelta(days=1)), last)
    whole = working_days(first, last, workdays, days_off)
    parts = working_days(first, middle, workdays, days_off) + working_days(
        middle + timedelta(days=1), last, workdays, days_off
    )
    assert whole == parts


# --- ISO weeks and today ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "week"),
    [
        ("2026-11-25", "2026-W48"),
        ("2026-11-23", "2026-W48"),
        ("2026-11-29", "2026-W48"),
        ("2026-11-30", "2026-W49"),
        ("2027-01-01", "2026-W53"),
        ("2027-01-03", "2026-W53"),
        ("2027-01-04", "2027-W01"),
        ("2024-12-30", "2025-W01"),
    ],
)
def test_iso_week(day: str, week: str) -> None:
    assert iso_week(d(day)) == week


@pytest.mark.parametrize(
    ("typed", "monday"),
    [
        ("2026-W48", "2026-11-23"),
        ("2026-w48", "2026-11-23"),
        (" 2026W48 ", "2026-11-23"),
        ("2026-W01", "2025-12-29"),
        ("2026-W1", "2025-12-29"),
        ("2026-W53", "2026-12-28"),
        ("2025-W01", "2024-12-30"),
    ],
)
def test_parse_iso_week(typed: str, monday: str) -> None:
    parsed = parse_iso_week(typed)
    assert parsed == d(monday)
    assert type(parsed) is pendulum.Date


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-W54", "--week: 2026 has no week 54 (it has 53); use YYYY-Www"),
        ("2025-W53", "--week: 2025 has no week 53 (it has 52); use YYYY-Www"),
        ("2026-W00", "--week: 2026 has no week 0 (it has 53); use YYYY-Www"),
        ("0000-W10", "--week: there is no year 0; use YYYY-Www"),
        ("last week", "--week: 'last week' is not an ISO week; use YYYY-Www"),
        ("2026-48", "--week: '2026-48' is not an ISO week; use YYYY-Www"),
        ("", "--week: '' is not an ISO week; use YYYY-Www"),
    ],
)
def test_impossible_iso_weeks_are_refused(typed: str, message: str) -> None:
    with pytest.raises(UsageProblem) as refused:
        parse_iso_week(typed)
    assert str(refused.value).startswith(message)


@given(st.dates(date(1900, 1, 8), date(2199, 12, 24)))
def test_iso_week_round_trip(day: date) -> None:
    week = iso_week(day)
    monday = parse_iso_week(week)
    assert monday.weekday() == 0
    assert monday == day - timedelta(days=day.weekday())
    assert iso_week(monday) == week


def test_local_today_is_the_date_of_a_local_instant() -> None:
    late = pendulum.datetime(2026, 11, 25, 23, 30, tz="America/Los_Angeles")
    assert local_today(late) == d("2026-11-25")
    assert local_today(late.in_timezone("UTC")) == d("2026-11-26")


@pytest.mark.parametrize("typed", ["0001-01-01", "1899-12-31", "2200-01-01", "+500y", "-200y"])
def test_dates_out_of_reach_are_refused(typed: str) -> None:
    with pytest.raises(UsageProblem, match="is too far away"):
        parse_date(typed, pendulum.date(2026, 11, 25), "--on")


def test_weeks_out_of_reach_are_refused() -> None:
    with pytest.raises(UsageProblem, match="is too far away"):
        parse_iso_week("9999-W52")


def test_next_working_day_skips_weekends_and_days_off_and_gives_up_in_bounds() -> None:
    from datetime import date

    from reftrack.domain.dates import NEXT_WORKING_REACH, next_working_day

    weekdays = {0, 1, 2, 3, 4}
    friday, saturday, monday = date(2026, 11, 27), date(2026, 11, 28), date(2026, 11, 30)
    assert next_working_day(friday, weekdays, set()) == friday
    assert next_working_day(saturday, weekdays, set()) == monday
    assert next_working_day(saturday, weekdays, {monday}) == date(2026, 12, 1)
    # No working day at all: the rule keeps going no further than its reach.
    assert next_working_day(saturday, set(), set()) == saturday + timedelta(NEXT_WORKING_REACH)
