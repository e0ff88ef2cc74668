"""The one rule that says an imported contact or close is one the rep already has."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from reftrack.domain.matching import KnownContacts, close_key, fold


def known() -> KnownContacts[int]:
    contacts: KnownContacts[int] = KnownContacts()
    contacts.remember(1, "Bob Stone", "Stone", "bob@stone.example")
    contacts.remember(2, "Info Desk", "Acme", "info@acme.example")
    contacts.remember(3, "Ann Lee", "Acme", "info@acme.example")
    contacts.remember(4, "José Núñez", "Acme Ibérica", None)
    return contacts


def test_an_e_mail_finds_its_contact_whatever_the_name_and_case() -> None:
    assert known().find("Robert Stone", "Stone Ltd", " BOB@Stone.example ") == 1


def test_several_sharing_an_e_mail_the_one_of_that_name_else_the_first() -> None:
    assert known().find("ann  LEE", None, "INFO@acme.example") == 3
    assert known().find("Someone Else", "Acme", "info@acme.example") == 2


def test_without_an_e_mail_match_the_name_and_company_folded() -> None:
    assert known().find("josé  núñez", "ACME IBÉRICA", None) == 4
    assert known().find("José Núñez", "Acme Ibérica", "jose@other.example") == 4
    assert known().find("José Núñez", None, None) is None
    assert known().find("Bob Stone", "Elsewhere", "bob@elsewhere.example") is None


def test_a_close_is_the_same_by_contact_day_and_deal_name_folded() -> None:
    day = date(2026, 11, 20)
    assert close_key(1, day, "Fleet  Renewal") == close_key(1, day, "fleet renewal")
    assert close_key(1, day, None) == close_key(1, day, "")
    assert close_key(1, day, "Fleet") != close_key(2, day, "Fleet")


@given(st.text(), st.lists(st.sampled_from([" ", "\t", "\n", "\u00a0"]), min_size=1))
def test_folding_is_settled_and_any_run_of_spacing_is_one_space(
    text: str, spacing: list[str]
) -> None:
    assert fold(fold(text)) == fold(text)
    assert fold(" Ann" + "".join(spacing) + "LEE ") == "ann lee"
