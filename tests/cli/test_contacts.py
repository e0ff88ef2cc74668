"""A rep keeps their contacts: add, list, show, edit, archive, and names typed loosely."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Rep

# On SQLite and on PostgreSQL: the representative subset that runs on both engines.
pytestmark = pytest.mark.both_engines


def add_team(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe" --company Acme --email jane@acme.test --birthday 03-14')
    rep.ok('contact add "Jane Doe" --company Globex --kind partner')
    rep.ok('contact add "Bob Stone" --kind prospect --phone "+1 555 0100"')
    rep.ok('contact add "Carla Mendes" --company Initech --date anniversary=2019-06-01')


def test_add_then_list_shows_every_contact_by_name(rep: Rep) -> None:
    add_team(rep)
    result = rep.ok("contact list")
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[1:5]] == ["Bob", "Carla", "Jane", "Jane"]
    assert "4 contacts" in result.stdout


def test_list_json_is_one_document_with_iso_dates(rep: Rep) -> None:
    add_team(rep)
    documents = json.loads(rep.ok("contact list --json").stdout)
    jane = next(d for d in documents if d["label"] == "Jane Doe (Acme)")
    assert jane["email"] == "jane@acme.test"
    assert jane["birthday"] == "03-14"
    carla = next(d for d in documents if d["name"] == "Carla Mendes")
    assert carla["dates"] == [{"label": "anniversary", "date": "2019-06-01"}]


def test_list_filters_by_kind(rep: Rep) -> None:
    add_team(rep)
    documents = json.loads(rep.ok("contact list --kind partner --json").stdout)
    assert [d["label"] for d in documents] == ["Jane Doe (Globex)"]


def test_show_by_unique_prefix_and_any_case(rep: Rep) -> None:
    add_team(rep)
    for typed in ("bob", "BOB STONE", "bo", "stone"):
        document = json.loads(rep.ok(["contact", "show", typed, "--json"]).stdout)
        assert document["name"] == "Bob Stone", typed


def test_ambiguous_name_lists_candidates_and_fails_off_a_terminal(rep: Rep) -> None:
    add_team(rep)
    result = rep.run("contact show jane")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "'Jane Doe (Acme)'" in result.stderr and "'Jane Doe (Globex)'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_company_narrows_a_shared_name(rep: Rep) -> None:
    add_team(rep)
    for typed in ("Jane Doe (Globex)", "jane@glob"):
        document = json.loads(rep.ok(["contact", "show", typed, "--json"]).stdout)
        assert document["company"] == "Globex", typed


def test_unknown_name_suggests_a_close_match(rep: Rep) -> None:
    add_team(rep)
    result = rep.run("contact show cralla")
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == "reftrack: no contact 'cralla' — did you mean 'Carla Mendes (Initech)'?"
    )


def test_same_name_and_company_is_refused(rep: Rep) -> None:
    add_team(rep)
    result = rep.run('contact add "jane doe" --company acme')
    assert result.exit_code == 1
    assert "already a contact 'Jane Doe (Acme)'" in result.stderr
    assert len(json.loads(rep.ok("contact list --json").stdout)) == 4


def test_edit_changes_only_what_is_named(rep: Rep) -> None:
    add_team(rep)
    rep.ok('contact edit bob --company "Stone & Sons" --kind customer --birthday 1980-02-29')
    document = json.loads(rep.ok("contact show bob --json").stdout)
    assert document["company"] == "Stone & Sons"
    assert document["kind"] == "customer"
    assert document["phone"] == "+1 555 0100"
    assert document["birthday"] == "1980-02-29"
    rep.ok("contact edit bob --remove-date birthday --phone ''")
    document = json.loads(rep.ok("contact show bob --json").stdout)
    assert document["birthday"] is None and document["phone"] is None


def test_edit_refuses_a_rename_onto_another_contact(rep: Rep) -> None:
    add_team(rep)
    result = rep.run('contact edit bob --name "Jane Doe" --company Acme')
    assert result.exit_code == 1
    assert json.loads(rep.ok("contact show bob --json").stdout)["name"] == "Bob Stone"


def test_archive_hides_from_list_and_names_but_show_still_finds(rep: Rep) -> None:
    add_team(rep)
    assert "Archived Bob Stone" in rep.ok("contact archive bob").stdout
    assert "Bob" not in rep.ok("contact list").stdout
    assert "Bob Stone" in rep.ok("contact list --all").stdout
    assert json.loads(rep.ok("contact show bob --json").stdout)["archived"] is True
    rep.ok("contact archive bob --restore")
    assert "Bob Stone" in rep.ok("contact list").stdout


def test_markup_in_names_and_notes_prints_as_typed(rep: Rep) -> None:
    rep.ok(["contact", "add", "[bold]Eve[/]", "--note", "likes [red]golf[/red] and [/]"])
    result = rep.ok(["contact", "show", "[bold]Eve[/]"])
    assert "[bold]Eve[/]" in result.stdout
    assert "likes [red]golf[/red] and [/]" in result.stdout


def test_empty_list_tells_how_to_start(rep: Rep) -> None:
    assert "reftrack contact add" in rep.ok("contact list").stdout
    assert json.loads(rep.ok("contact list --json").stdout) == []


def test_bad_details_are_refused_and_nothing_is_written(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    for args in (
        'contact add "Bob" --email not-an-address',
        'contact add "Bob" --birthday 02-30',
        'contact add "Bob" --date anniversary',
        'contact add "Bob" --kind friend',
        'contact add "   "',
    ):
        result = rep.run(args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.stderr
    assert [d["name"] for d in json.loads(rep.ok("contact list --json").stdout)] == ["Jane Doe"]


def test_a_second_rep_in_the_same_database_sees_only_their_own(rep: Rep) -> None:
    add_team(rep)
    rep.config.parent.mkdir(parents=True, exist_ok=True)
    rep.config.write_text('rep = "sam"\n')
    assert json.loads(rep.ok("contact list --json").stdout) == []
    rep.ok('contact add "Bob Stone"')
    assert len(json.loads(rep.ok("contact list --json").stdout)) == 1


def test_contact_show_lists_an_asks_names_in_the_order_given(rep: Rep) -> None:
    rep.ok('contact add "Marta Jensen"')
    rep.ok('ask marta --referral "Tom Okafor@Northwind" --referral "Priya Shah"')
    shown = rep.ok("contact show marta").stdout
    assert "referred → Tom Okafor (Northwind), Priya Shah" in shown
