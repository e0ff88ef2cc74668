"""Numbers a rep types: ASCII digits only, each within a range the refusal names."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reftrack.domain.goals import ask_rate, asks_needed
from reftrack.domain.numbers import (
    RATE,
    REFERRAL_NUMBER,
    SCORE,
    TARGET,
    decimal_number,
    referral_number,
    whole_number,
)
from reftrack.errors import UsageProblem

# Digits of other scripts: Arabic-Indic, Devanagari, fullwidth, mathematical bold.
FOREIGN_DIGITS = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())


@given(st.text(alphabet="0123456789+-e. "), FOREIGN_DIGITS, st.integers(min_value=0))
def test_no_other_number_with_a_foreign_digit_is_read(text: str, digit: str, where: int) -> None:
    at = where % (len(text) + 1)
    typed = text[:at] + digit + text[at:]
    with pytest.raises(UsageProblem):
        whole_number(typed, "--referrals", TARGET)
    with pytest.raises(UsageProblem):
        decimal_number(typed, "--rate", RATE)
    assert referral_number(typed) is None


@pytest.mark.parametrize(
    "typed, message",
    [
        ("9", "--liking: 9 is out of range; scores run from 1 to 5"),
        ("0", "--liking: 0 is out of range; scores run from 1 to 5"),
        ("-3", "--liking: -3 is out of range; scores run from 1 to 5"),
        ("9" * 5000, "is out of range; scores run from 1 to 5"),
        ("4.5", "--liking: '4.5' is not a whole number; scores run from 1 to 5"),
        ("", "--liking: '' is not a whole number"),
    ],
)
def test_a_whole_number_out_of_range_names_the_range(typed: str, message: str) -> None:
    with pytest.raises(UsageProblem) as refused:
        whole_number(typed, "--liking", SCORE)
    assert message in str(refused.value)
    assert len(str(refused.value)) < 200


@pytest.mark.parametrize("typed", ["1e-320", "1e-300", "0", "0.009", "10.01", "1e999", "-1"])
def test_a_rate_outside_a_hundredth_to_ten_is_refused(typed: str) -> None:
    with pytest.raises(UsageProblem, match=r"a rate is 0\.01 to 10 referrals per ask"):
        decimal_number(typed, "--rate", RATE)


@pytest.mark.parametrize("typed", ["nan", "inf", "0x10", "1,5", "٠.٥", "1_0"])
def test_a_rate_that_is_no_plain_number_is_refused(typed: str) -> None:
    with pytest.raises(UsageProblem, match="is not a number"):
        decimal_number(typed, "--rate", RATE)


@pytest.mark.parametrize(
    "typed, rate", [("0.01", 0.01), (".25", 0.25), ("10", 10.0), ("1e-1", 0.1)]
)
def test_a_rate_within_range_is_read(typed: str, rate: float) -> None:
    assert decimal_number(typed, "--rate", RATE) == rate


@pytest.mark.parametrize(
    "typed, number",
    [("12", 12), ("#12", 12), (" # 7 ", 7), (f"#{REFERRAL_NUMBER.high}", 2**31 - 1)],
)
def test_a_referral_number_is_read(typed: str, number: int) -> None:
    assert referral_number(typed) == number


@pytest.mark.parametrize("typed", ["Dana", "Dana 2", "١", "-1", "12b"])
def test_a_name_is_no_referral_number(typed: str) -> None:
    assert referral_number(typed) is None


@pytest.mark.parametrize(
    "typed", ["#0", "0", "#99999999999999999999999", "99999999999999999999999", "#2147483648"]
)
def test_a_referral_number_out_of_range_names_the_range(typed: str) -> None:
    with pytest.raises(UsageProblem, match=r"referral numbers run from #1 to #2147483647"):
        referral_number(typed)


@pytest.mark.parametrize("typed", ["#", "#abc", "#-1", "#١", "#1.5"])
def test_a_hash_with_no_number_after_it_is_refused(typed: str) -> None:
    with pytest.raises(UsageProblem, match="is not a referral number"):
        referral_number(typed)


@pytest.mark.parametrize(
    "stored, used", [(1e-320, 0.01), (1e-300, 0.01), (float("nan"), 0.01), (1e9, 10)]
)
def test_a_fixed_rate_stored_out_of_range_is_used_within_it(stored: float, used: float) -> None:
    # Goals set before --rate was bounded must not ask for 10**300 asks, or overflow.
    rate = ask_rate(stored, 0, 0, 0.25, 10)
    assert (rate.value, rate.basis) == (used, "fixed")
    assert asks_needed(8, 0, rate.value) == math.ceil(8 / used)
