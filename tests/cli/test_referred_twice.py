"""A prospect referred again while an earlier referral is open: said so, and named by number."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Rep

# On SQLite and on PostgreSQL: the representative subset that runs on both engines.
pytestmark = pytest.mark.both_engines


def test_referring_a_prospect_with_an_open_referral_says_so(rep: Rep) -> None:
    rep.ok('contact add "Ann Lee" --company Acme')
    rep.ok('contact add "Omar Said" --company Initrode')
    first = rep.ok('referral add "Bob Stone" --company Umbrella --from ann')
    assert "already has" not in first.stdout
    asked = rep.ok('ask omar --referral "Bob Stone@Umbrella"')
    assert (
        "Bob Stone (Umbrella) already has an open referral #1 from Ann Lee (Acme); this is #2."
        in (asked.stdout)
    )
    assert "reftrack referral update 2 --status contacted" in asked.stdout
    third = rep.ok('referral add "Bob Stone" --company Umbrella --from omar --json')
    assert json.loads(third.stdout)["open_before"] == [1, 2]
    shown = rep.ok('referral add "Bob Stone (Umbrella)" --from ann').stdout
    assert "already has open referrals #1 from Ann Lee (Acme), #2 from Omar Said" in shown
    assert "this is #4." in shown


def test_a_won_referral_is_not_open(rep: Rep) -> None:
    rep.ok('contact add "Ann Lee"')
    rep.ok('referral add "Bob Stone" --from ann')
    rep.ok("referral update 1 --status won")
    assert "already has" not in rep.ok('referral add "Bob Stone" --from ann').stdout


def test_the_full_label_names_one_contact_beside_a_longer_one(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    rep.ok('contact add "Jane Doe" --company Acme')
    rep.ok('contact add "Jane Doe" --company "Acme Corp"')
    assert json.loads(rep.ok('ask "Jane Doe" --json').stdout)["contact"] == "Jane Doe"
    shown = json.loads(rep.ok('ask "Jane Doe (Acme)" --json').stdout)
    assert shown["contact"] == "Jane Doe (Acme)"
