"""Deal values: read one way only, ASCII digits, and every value written reads back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reftrack.domain.records import MAXIMUM_CENTS, format_amount, parse_amount
from reftrack.errors import UsageProblem

# Digits of other scripts: Arabic-Indic, Devanagari, fullwidth, mathematical bold.
FOREIGN_DIGITS = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())


@pytest.mark.parametrize(
    "typed, cents",
    [
        ("12500", 1_250_000),
        ("12,500", 1_250_000),
        ("12_500", 1_250_000),
        ("12,500.50", 1_250_050),
        ("12.5", 1_250),
        ("$12.5k", 1_250_000),
        ("€ 12", 1_200),
        ("1.2m", 120_000_000),
        ("1,250k", 125_000_000),
        (".5", 50),
        ("1,000,000m", MAXIMUM_CENTS),
        ("30m", 3_000_000_000),
    ],
)
def test_an_amount_in_an_unambiguous_form_is_read(typed: str, cents: int) -> None:
    assert parse_amount(typed) == cents


@pytest.mark.parametrize(
    "typed",
    ["12,5k", "12,50", "1,2,3", "1,0000", "12.500", "12.", "1,000_000", "١٢", "１２", "12x", "-5"],
)
def test_an_ambiguous_or_foreign_amount_is_refused_with_an_example(typed: str) -> None:
    with pytest.raises(UsageProblem) as refused:
        parse_amount(typed)
    assert "is not an amount" in str(refused.value)
    assert "e.g. 12500, 12,500.50 or 12.5k" in str(refused.value)


@pytest.mark.parametrize("typed", ["0", "0.00", "1,000,000,000,000.01", "1,000,001m", "9" * 5000])
def test_an_amount_out_of_range_names_the_range(typed: str) -> None:
    with pytest.raises(UsageProblem, match=r"amounts run from 0\.01 to 1,000,000,000,000"):
        parse_amount(typed)


@given(st.integers(min_value=1, max_value=MAXIMUM_CENTS))
def test_every_formatted_amount_reads_back_as_itself(cents: int) -> None:
    assert parse_amount(format_amount(cents)) == cents


@given(st.text(alphabet="0123456789,._$kKm "), FOREIGN_DIGITS, st.integers(min_value=0))
def test_no_amount_with_a_foreign_digit_is_read(text: str, digit: str, where: int) -> None:
    at = where % (len(text) + 1)
    with pytest.raises(UsageProblem):
        parse_amount(text[:at] + digit + text[at:])
