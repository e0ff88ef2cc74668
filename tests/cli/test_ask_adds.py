"""`reftrack ask NAME --add`: someone new is added as they are asked, in the same write."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Rep

# On SQLite and on PostgreSQL: the representative subset that runs on both engines.
pytestmark = pytest.mark.both_engines


def test_an_unknown_name_is_an_error_that_names_add(rep: Rep) -> None:
    result = rep.run('ask "Maria Lopez" --outcome declined')
    assert result.exit_code == 1
    assert "no contact 'Maria Lopez'" in result.stderr
    assert "reftrack ask 'Maria Lopez' --add" in result.stderr
    assert json.loads(rep.ok("contact list --json").stdout) == []


def test_add_creates_the_contact_and_records_the_ask(rep: Rep) -> None:
    result = rep.ok('ask "Maria Lopez" --add --company Initech --kind prospect --lost')
    assert "Added Maria Lopez (Initech) as a new contact." in result.stdout
    assert "Asked Maria Lopez (Initech) on 2026-11-25, right after the lost deal" in result.stdout
    card = json.loads(rep.ok("contact show maria --json").stdout)
    assert (card["company"], card["kind"]) == ("Initech", "prospect")
    assert [a["outcome"] for a in card["asks"]] == ["pending"]


def test_add_uses_the_contact_of_exactly_that_name(rep: Rep) -> None:
    rep.ok('contact add "Maria Lopez" --company Initech')
    document = json.loads(rep.ok('ask "maria lopez" --add --outcome declined --json').stdout)
    assert (document["contact"], document["new_contacts"]) == ("Maria Lopez (Initech)", [])
    assert len(json.loads(rep.ok("contact list --json").stdout)) == 1


def test_add_takes_a_prefix_as_a_new_name_not_as_a_match(rep: Rep) -> None:
    rep.ok('contact add "Maria Lopez"')
    document = json.loads(rep.ok("ask Maria --add --outcome declined --json").stdout)
    assert document["new_contacts"] == ["Maria"]
    assert {c["name"] for c in json.loads(rep.ok("contact list --json").stdout)} == {
        "Maria",
        "Maria Lopez",
    }


def test_add_with_another_company_adds_a_namesake(rep: Rep) -> None:
    rep.ok('contact add "Maria Lopez" --company Initech')
    rep.ok('ask "Maria Lopez" --add --company Globex --outcome declined')
    listed = json.loads(rep.ok("contact list --json").stdout)
    assert sorted(c["company"] for c in listed) == ["Globex", "Initech"]


def test_a_refused_ask_adds_no_one(rep: Rep) -> None:
    result = rep.run('ask "Maria Lopez" --add --outcome declined --referral "Maria Lopez"')
    assert result.exit_code == 2
    assert json.loads(rep.ok("contact list --json").stdout) == []


def test_the_printed_fix_for_an_unknown_name_runs_as_printed(rep: Rep) -> None:
    import re
    import shlex

    refused = rep.run(["ask", "Jane O'Neil"])
    assert refused.exit_code == 1
    printed = re.search(r"as you ask: (reftrack .+?) \(", refused.stderr)
    assert printed is not None, refused.stderr
    argv = shlex.split(printed.group(1))
    assert argv[0] == "reftrack"
    rep.ok(argv[1:])
    assert "Jane O'Neil" in rep.ok("contact list").stdout
