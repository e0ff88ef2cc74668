"""How a typed name finds its contact: exact, prefix, word prefix, then close matches."""

from __future__ import annotations

import pytest

from reftrack.domain.contacts import (
    ContactRef,
    clean_email,
    clean_name,
    match_name,
    parse_labelled_date,
)
from reftrack.errors import UsageProblem

JANE_ACME = ContactRef(1, "Jane Doe", "Acme")
JANE_GLOBEX = ContactRef(2, "Jane Doe", "Globex")
JANET = ContactRef(3, "Janet Ray")
BOB = ContactRef(4, "Bob Stone")
BOBBY = ContactRef(5, "Bob")
CONTACTS = [JANE_ACME, JANE_GLOBEX, JANET, BOB, BOBBY]


def test_exact_name_wins_over_a_longer_prefix_match() -> None:
    assert match_name("bob", CONTACTS).found == BOBBY


def test_case_and_spaces_do_not_matter() -> None:
    assert match_name("  janet   RAY ", CONTACTS).found == JANET


def test_a_unique_prefix_is_enough() -> None:
    assert match_name("bob s", CONTACTS).found == BOB


def test_a_word_prefix_finds_a_surname() -> None:
    assert match_name("ray", CONTACTS).found == JANET


def test_a_shared_name_is_ambiguous_with_every_candidate() -> None:
    match = match_name("jane doe", CONTACTS)
    assert match.found is None
    assert match.candidates == (JANE_ACME, JANE_GLOBEX)


def test_a_prefix_shared_by_several_lists_them_in_order() -> None:
    assert match_name("jan", CONTACTS).candidates == (JANE_ACME, JANE_GLOBEX, JANET)


@pytest.mark.parametrize("typed", ["Jane Doe (Globex)", "jane doe (glob)", "jane@globex", "jane@g"])
def test_a_company_picks_one_of_a_shared_name(typed: str) -> None:
    assert match_name(typed, CONTACTS).found == JANE_GLOBEX


def test_a_near_miss_gets_suggestions_not_a_match() -> None:
    match = match_name("jnae doe", CONTACTS)
    assert match.found is None and match.candidates == ()
    assert set(match.suggestions) == {JANE_ACME, JANE_GLOBEX}


def test_nothing_like_it_gets_nothing() -> None:
    assert match_name("zebulon", CONTACTS) == match_name("zebulon", CONTACTS).__class__(None)


def test_labels_show_the_company_only_when_there_is_one() -> None:
    assert JANE_ACME.label == "Jane Doe (Acme)"
    assert BOB.label == "Bob Stone"


def test_names_are_tidied_and_empty_ones_refused() -> None:
    assert clean_name("  Jane   Doe ") == "Jane Doe"
    with pytest.raises(UsageProblem):
        clean_name("   ")


@pytest.mark.parametrize("address", ["jane", "jane@", "@acme.test", "jane@acme", "a b@c.d"])
def test_malformed_addresses_are_refused(address: str) -> None:
    with pytest.raises(UsageProblem, match="not an e-mail address"):
        clean_email(address)


def test_labelled_dates_split_on_the_first_equals() -> None:
    assert parse_labelled_date("Work Anniversary=06-14") == ("work anniversary", "06-14")
    with pytest.raises(UsageProblem):
        parse_labelled_date("06-14")
