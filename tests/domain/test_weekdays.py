"""A rep names days the way people do: "fri", "Thursday", "tues", "mon-fri", "sun-thu"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reftrack.domain.weekdays import DAY_NAMES, FULL_DAY_NAMES, parse_weekday, parse_weekday_set


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("mon", 0),
        ("Monday", 0),
        ("TUE", 1),
        ("tues", 1),
        ("wednesday", 2),
        ("Wed", 2),
        ("thurs", 3),
        ("thu", 3),
        ("fri", 4),
        ("  Saturday ", 5),
        ("sun", 6),
        ("SUNDAY", 6),
    ],
)
def test_a_day_name_in_any_case_short_full_or_cut(typed: str, number: int) -> None:
    assert parse_weekday(typed) == number


@given(day=st.integers(0, 6), length=st.integers(3, 9), upper=st.booleans())
def test_every_cut_of_three_letters_or_more_names_its_day(day: int, length: int, upper: bool):
    typed = FULL_DAY_NAMES[day][:length]
    assert parse_weekday(typed.upper() if upper else typed) == day


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("sundy", "'sundy' is not a weekday — did you mean 'sunday'?"),
        ("Fridya", "'Fridya' is not a weekday — did you mean 'friday'?"),
        ("someday", "'someday' is not a weekday — did you mean 'sunday'?"),
        ("lunch", "'lunch' is not a weekday"),
        ("mo", "'mo' is not a weekday"),
        ("mondays", "'mondays' is not a weekday — did you mean 'monday'?"),
        ("mon-fri", "'mon-fri' is not a weekday"),
        ("1", "'1' is not a weekday"),
        ("  ", "a day is missing"),
    ],
)
def test_a_word_that_is_no_day_says_so_and_suggests_the_nearest(typed: str, message: str):
    with pytest.raises(ValueError) as refused:
        parse_weekday(typed)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("mon-fri", (0, 1, 2, 3, 4)),
        ("MON-FRI", (0, 1, 2, 3, 4)),
        ("mon - fri", (0, 1, 2, 3, 4)),
        ("sun-thu", (0, 1, 2, 3, 6)),
        ("fri-mon", (0, 4, 5, 6)),
        ("friday-Monday", (0, 4, 5, 6)),
        ("mon,wed,fri", (0, 2, 4)),
        ("mon, wed, fri", (0, 2, 4)),
        ("mon wed fri", (0, 2, 4)),
        ("TUE, thursday", (1, 3)),
        ("mon - wed,sat", (0, 1, 2, 5)),
        ("wed,mon,wed", (0, 2)),
        ("sat-sat", (5,)),
        ("mon-sun", (0, 1, 2, 3, 4, 5, 6)),
        ("tue-mon", (0, 1, 2, 3, 4, 5, 6)),
        ("", ()),
        (" , ", ()),
    ],
)
def test_ranges_and_lists_name_a_sorted_set_of_days(typed: str, days: tuple[int, ...]) -> None:
    assert parse_weekday_set(typed) == days


@pytest.mark.parametrize("typed", ["*", "daily", "Daily", " * "])
def test_every_day_words_only_where_asked_for(typed: str) -> None:
    assert parse_weekday_set(typed, every_day=True) == tuple(range(7))
    with pytest.raises(ValueError, match="is not a weekday"):
        parse_weekday_set(typed)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("mon-funday", "'funday' is not a weekday — did you mean 'sunday'?"),
        ("someday", "'someday' is not a weekday — did you mean 'sunday'?"),
        ("lunch", "'lunch' is not a weekday"),
        ("mon-", "a day is missing"),
        ("-fri", "a day is missing"),
        ("1-5", "'1' is not a weekday"),
        ("mon-wed-fri", "'wed-fri' is not a weekday"),
    ],
)
def test_a_set_with_a_word_that_is_no_day_is_refused(typed: str, message: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_weekday_set(typed)
    assert str(refused.value) == message


@given(start=st.integers(0, 6), end=st.integers(0, 6), full=st.booleans())
def test_a_range_runs_forward_from_its_first_day_to_its_last(start: int, end: int, full: bool):
    names = FULL_DAY_NAMES if full else DAY_NAMES
    days = parse_weekday_set(f"{names[start]}-{names[end]}")
    assert start in days and end in days
    assert len(days) == (end - start) % 7 + 1
    assert list(days) == sorted(days)


@given(st.sets(st.integers(0, 6)))
def test_a_list_of_names_gives_back_exactly_those_days(chosen: set[int]) -> None:
    assert parse_weekday_set(",".join(DAY_NAMES[day] for day in chosen)) == tuple(sorted(chosen))
