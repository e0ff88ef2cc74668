"""`reftrack referral inform 1 2 3`: several referrers told at once, all or none."""

from __future__ import annotations

import json

from tests.conftest import Rep


def _three(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    rep.ok('ask jane --referral "Bob Stone" --referral "Carla Mendes" --referral "Dan Wu"')
    for number in (1, 2, 3):
        rep.ok(f"referral update {number} --status contacted")


def test_several_referrals_are_reported_in_one_command(rep: Rep) -> None:
    _three(rep)
    result = rep.ok("referral inform 1 '#2' dan --note 'weekly call'")
    assert result.stdout.splitlines() == [
        f"Told Jane Doe about {name} (contacted) on 2026-11-25."
        for name in ("Bob Stone", "Carla Mendes", "Dan Wu")
    ]
    listed = json.loads(rep.ok("referral list --json").stdout)
    assert {r["informed_on"] for r in listed} == {"2026-11-25"}
    today = json.loads(rep.ok("today --json").stdout)
    assert "inform_referrer" not in {item["kind"] for item in today["items"]}


def test_one_unknown_number_refuses_them_all(rep: Rep) -> None:
    _three(rep)
    result = rep.run("referral inform 1 2 9")
    assert result.exit_code == 1
    assert "no referral #9" in result.stderr
    listed = json.loads(rep.ok("referral list --json").stdout)
    assert {r["informed_on"] for r in listed} == {None}


def test_json_is_one_document_for_one_and_a_list_for_several(rep: Rep) -> None:
    _three(rep)
    one = json.loads(rep.ok("referral inform 1 --json").stdout)
    assert one["prospect"] == "Bob Stone"
    several = json.loads(rep.ok("referral inform 2 3 2 --json").stdout)
    assert [r["prospect"] for r in several] == ["Carla Mendes", "Dan Wu"]
