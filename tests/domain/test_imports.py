"""Reading CRM cells: dates, amounts and stages as the three CRMs and Excel write them."""

from __future__ import annotations

from datetime import date

import pytest

from reftrack.domain.dates import MonthDay
from reftrack.domain.imports import (
    RowProblem,
    detect_format,
    full_name,
    parse_birthday,
    parse_crm_amount,
    parse_crm_date,
    stage_result,
)
from reftrack.kinds import CloseResult, ImportFormat


@pytest.mark.parametrize(
    "text, day",
    [
        ("2026-11-20", date(2026, 11, 20)),
        ("2026-11-20 14:03", date(2026, 11, 20)),
        ("2026-11-20T14:03:11Z", date(2026, 11, 20)),
        ("2026-11-20 14:03:11.123+01:00", date(2026, 11, 20)),
        ("11/20/2026", date(2026, 11, 20)),
        ("11/20/2026 2:03 PM", date(2026, 11, 20)),
        ("20/11/2026", date(2026, 11, 20)),
        ("3/4/2026", date(2026, 3, 4)),
        ("20.11.2026", date(2026, 11, 20)),
        ("2026/11/20", date(2026, 11, 20)),
        ("20261120", date(2026, 11, 20)),
        ("2028-02-29", date(2028, 2, 29)),
    ],
)
def test_crm_dates(text: str, day: date) -> None:
    assert parse_crm_date(text) == day


@pytest.mark.parametrize(
    "text, says",
    [
        ("2026-02-30", "February 2026 has 28 days"),
        ("2026-13-01", "no month 13"),
        ("31.04.2026", "April 2026 has 30 days"),
        ("tomorrow", "is not a date"),
        ("2026-11-20 lunchtime", "is not a date"),
        ("", "is not a date"),
    ],
)
def test_impossible_dates_are_refused(text: str, says: str) -> None:
    with pytest.raises(RowProblem, match=says):
        parse_crm_date(text)


@pytest.mark.parametrize(
    "text, cents",
    [
        ("12500", 1_250_000),
        ("12,500.50", 1_250_050),
        ("12.500,50", 1_250_050),
        ("12 500,50", 1_250_050),
        ("1,500", 150_000),
        ("12,5", 1_250),
        ("1.234.567", 123_456_700),
        ("$12,500", 1_250_000),
        ("€ 99.99", 9_999),
        ("12500 EUR", 1_250_000),
        ("USD 7200.00", 720_000),
        ("0", None),
        ("0.004", None),
    ],
)
def test_crm_amounts(text: str, cents: int | None) -> None:
    assert parse_crm_amount(text) == cents


@pytest.mark.parametrize("text", ["lots", "12abc", "-5", "1e9", "1.2.3,4,5", "9" * 40])
def test_amounts_that_are_no_amounts(text: str) -> None:
    with pytest.raises(RowProblem):
        parse_crm_amount(text)


@pytest.mark.parametrize(
    "text, result",
    [
        ("Closed Won", CloseResult.won),
        ("closedwon", CloseResult.won),
        ("CLOSED  LOST", CloseResult.lost),
        ("won", CloseResult.won),
        ("lost", CloseResult.lost),
        ("Contract Sent", None),
        ("Negotiation/Review", None),
        ("open", None),
    ],
)
def test_stages(text: str, result: CloseResult | None) -> None:
    assert stage_result(text) == result


def test_an_unknown_stage_is_a_bad_row() -> None:
    with pytest.raises(RowProblem, match="unknown deal stage 'Almost Won'"):
        stage_result("Almost Won")


@pytest.mark.parametrize(
    "headers, source",
    [
        (["\ufeffFirst Name", "Last Name", "Email", "Company Name"], ImportFormat.hubspot),
        (["Deal Name", "Deal Stage", "Amount"], ImportFormat.hubspot),
        (["Opportunity Name", "Account Name", "Stage"], ImportFormat.salesforce),
        (["Deal - Title", "Person - Name"], ImportFormat.pipedrive),
        (["name", "email"], ImportFormat.csv),
        (["Full name", "E-mail"], ImportFormat.csv),
    ],
)
def test_the_header_row_tells_the_crm(headers: list[str], source: ImportFormat) -> None:
    assert detect_format(headers) == source


def test_names_in_several_scripts() -> None:
    assert full_name("Søren", "Ås") == "Søren Ås"
    assert full_name("雷", "李") == "李雷"
    assert full_name("민준", "김") == "김민준"
    assert full_name("Ωμέγα", None) == "Ωμέγα"


def test_birthdays_as_cards_and_crms_write_them() -> None:
    assert parse_birthday("--1128") == MonthDay(11, 28)
    assert parse_birthday("--11-28") == MonthDay(11, 28)
    assert parse_birthday("1980-05-17") == MonthDay(5, 17, 1980)
    assert parse_birthday("19800517") == MonthDay(5, 17, 1980)
    assert parse_birthday("05/17/1980") == MonthDay(5, 17, 1980)
