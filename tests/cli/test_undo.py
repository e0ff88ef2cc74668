"""`undo` takes back the whole of the last command that wrote, and walks further back.

Each test compares every table of the rep's database, row by row, before a command and after
its undo: what the command wrote is gone, what it changed or deleted is back as it was.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Rep

JOURNAL = ("operation", "operation_change", "alembic_version")


def snapshot(db: Path, *, journal: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table the rep records in, sorted: the database as a value.

    With `journal`, the journal's tables (and alembic's) are in it too."""
    connection = sqlite3.connect(db)
    try:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
            if journal or name not in JOURNAL
        ]
        return {
            name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
        }
    finally:
        connection.close()


def operations(db: Path) -> list[tuple[Any, ...]]:
    """The journal's operations: (id, command, undone_at), oldest first."""
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT id, command, undone_at FROM operation ORDER BY id"
        ).fetchall()


@pytest.fixture
def jane(rep: Rep) -> Rep:
    rep.ok('contact add "Jane Doe" --company Acme')
    return rep


def undoes(rep: Rep, command: str) -> str:
    """Run `command`, undo it, check the database is as before; return what undo said."""
    before = snapshot(rep.db)
    rep.ok(command)
    assert snapshot(rep.db) != before, f"{command} wrote nothing"
    said = rep.ok("undo").stdout
    assert snapshot(rep.db) == before
    return said


@pytest.mark.parametrize(
    "command",
    [
        "close jane --deal Fleet --value 12k",
        'ask jane --outcome referred --referral "Bob Stone" --referral "Cy Twombly"',
        "ask jane --won --deal Fleet --outcome promised",
        "thank jane --gift Wine",
        'referral add "Dee Lane" --from jane --company Initech',
        'contact add "Max Moss" --company Globex',
        "contact edit jane --email jane@acme.example --company 'Acme Inc' --birthday 03-14",
        "goal set --referrals 8 --per month",
        "off add 2026-12-01..2026-12-03 --note leave",
        'give jane --to "Ann Field" --company Hooli',
        "share jane --content 'Buyer guide' --url https://example.com/guide",
        "score jane --liking 4 --credibility 5",
        "ask Newcomer --add --company Initech --kind partner",
    ],
)
def test_undo_takes_back_the_whole_command(jane: Rep, command: str) -> None:
    said = undoes(jane, command)
    assert said.startswith(f"Undid `reftrack {command.split()[0]}")
    assert "removed" in said or "put back" in said


def test_a_status_update_is_put_back_and_its_step_removed(jane: Rep) -> None:
    jane.ok('ask jane --referral "Bob Stone"')
    said = undoes(jane, "referral update bob --status won --value 9k")
    assert "removed 1 referral step; put back 1 contact, 1 referral." in said
    assert json.loads(jane.ok("referral list --json").stdout)[0]["status"] == "new"


def test_goal_set_again_the_same_day_gets_the_first_goal_back(jane: Rep) -> None:
    jane.ok("goal set --referrals 8 --per month")
    undoes(jane, "goal set --referrals 20 --per week")
    assert json.loads(jane.ok("goal show --json").stdout)["target"] == 8


def test_a_deleted_day_off_comes_back_with_its_id(jane: Rep) -> None:
    jane.ok("off add 2026-12-01..2026-12-02 --note leave")
    said = undoes(jane, "off rm 2026-12-01..2026-12-02")
    assert "restored 2 days off" in said


def test_undo_walks_back_one_command_at_a_time(jane: Rep) -> None:
    start = snapshot(jane.db)
    jane.ok("close jane --deal Fleet")
    after_close = snapshot(jane.db)
    jane.ok('ask jane --referral "Bob Stone"')
    assert "reftrack ask jane" in jane.ok("undo").stdout
    assert snapshot(jane.db) == after_close
    assert "reftrack close jane" in jane.ok("undo").stdout
    assert snapshot(jane.db) == start
    assert "reftrack contact add" in jane.ok("undo").stdout
    assert snapshot(jane.db)["contact"] == []
    nothing = jane.run("undo")
    assert nothing.exit_code == 1
    assert nothing.stderr.startswith("reftrack: nothing to undo")


def test_a_new_command_after_an_undo_is_the_next_to_go(jane: Rep) -> None:
    jane.ok("close jane --deal Fleet")
    jane.ok("undo")
    jane.ok("thank jane")
    assert "reftrack thank jane" in jane.ok("undo").stdout
    # The close was undone already: the next undo goes past it, to the contact.
    assert "reftrack contact add" in jane.ok("undo").stdout


def test_a_row_changed_since_refuses_the_undo_and_changes_nothing(jane: Rep) -> None:
    jane.ok('referral add "Dee Lane" --from jane')
    # Changed behind the journal's back: another tool, or a hand in sqlite3.
    with sqlite3.connect(jane.db) as connection:
        connection.execute("UPDATE referral SET status = 'contacted', note = 'called'")
    before, journal = snapshot(jane.db), operations(jane.db)
    refused = jane.run("undo")
    assert refused.exit_code == 1
    assert refused.stdout == ""
    line = refused.stderr.strip()
    assert "\n" not in line
    assert line.startswith("reftrack: cannot undo `reftrack referral add 'Dee Lane' --from jane`")
    assert "referral 1 was changed since (note, status)" in line
    assert "--force" in line
    assert snapshot(jane.db) == before
    assert operations(jane.db) == journal
    forced = jane.ok("undo --force")
    assert "removed" in forced.stdout
    assert snapshot(jane.db)["referral"] == []


def test_a_row_deleted_since_is_a_conflict_too(jane: Rep) -> None:
    jane.ok("contact edit jane --email jane@acme.example")
    with sqlite3.connect(jane.db) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("DELETE FROM contact")
    refused = jane.run("undo")
    assert refused.exit_code == 1
    assert "contact 1 was deleted since" in refused.stderr
    jane.ok("undo --force")
    names = [row[2] for row in snapshot(jane.db)["contact"]]
    assert names == ["Jane Doe"]


def test_list_shows_the_last_commands_newest_first(jane: Rep) -> None:
    jane.ok("close jane --deal Fleet")
    jane.ok('ask jane --referral "Bob Stone"')
    jane.ok("undo")
    text = jane.ok("undo --list").stdout.splitlines()
    assert "reftrack ask jane --referral 'Bob Stone'  (undone)" in text[0]
    assert text[1].strip() == "added 1 ask, 1 contact, 1 referral, 1 referral step"
    assert "reftrack close jane --deal Fleet" in text[2]
    assert text[3].strip() == "added 1 close"
    assert "reftrack contact add 'Jane Doe' --company Acme" in text[4]
    assert len(text) == 6
    assert len(jane.ok("undo --list --limit 1").stdout.splitlines()) == 2


def test_list_json_is_a_list_of_operations_with_their_rows(jane: Rep) -> None:
    jane.ok("referral add Dee --from jane")
    jane.ok("referral update dee --status contacted")
    listed = json.loads(jane.ok("undo --list --json").stdout)
    assert [o["command"] for o in listed] == [
        "reftrack referral update dee --status contacted",
        "reftrack referral add Dee --from jane",
        "reftrack contact add 'Jane Doe' --company Acme",
    ]
    update = listed[0]
    assert update["undone_at"] is None
    assert update["recorded_at"] == "2026-11-25T09:00:00+00:00"
    assert {(s["table"], s["kind"], s["count"]) for s in update["summary"]} == {
        ("referral", "update", 1),
        ("referral_event", "insert", 1),
    }
    changed = next(c for c in update["changes"] if c["table"] == "referral")
    assert changed["fields"] == ["status"]
    assert (changed["before"]["status"], changed["after"]["status"]) == ("new", "contacted")
    assert json.loads(jane.ok("undo --list --json --limit 1").stdout)[0]["id"] == update["id"]


def test_undo_json_says_what_was_undone(jane: Rep) -> None:
    jane.ok("thank jane")
    undone = json.loads(jane.ok("undo --json").stdout)
    assert undone["command"] == "reftrack thank jane"
    assert undone["undone_at"] == "2026-11-25T09:00:00+00:00"
    assert [(c["table"], c["kind"]) for c in undone["changes"]] == [("thank_you", "insert")]


def test_an_empty_journal(rep: Rep) -> None:
    nothing = rep.run("undo")
    assert nothing.exit_code == 1
    assert nothing.stderr == (
        "reftrack: nothing to undo: no command that wrote is left in the journal "
        "(see `reftrack undo --list`)\n"
    )
    assert "Nothing in the journal" in rep.ok("undo --list").stdout
    assert json.loads(rep.ok("undo --list --json").stdout) == []


def test_reading_commands_write_nothing_to_the_journal(jane: Rep) -> None:
    jane.ok('ask jane --referral "Bob Stone"')
    journal = operations(jane.db)
    for command in (
        "today",
        "log",
        "summary",
        "stats",
        "goal show",
        "referral list",
        "undo --list",
    ):
        jane.ok(command)
    assert operations(jane.db) == journal


def test_a_failed_command_leaves_no_journal_entry(
    jane: Rep, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal, before = operations(jane.db), snapshot(jane.db)
    refused = jane.run("ask nobody")
    assert refused.exit_code == 1
    assert operations(jane.db) == journal

    def broken(*_args: Any) -> int:
        raise RuntimeError("the disk went away")

    # Fails inside the write transaction, after the ask and its referral were flushed.
    monkeypatch.setattr("reftrack.store.queries.asks_on", broken)
    failed = jane.run('ask jane --referral "Bob Stone"')
    assert failed.exit_code == 1
    assert operations(jane.db) == journal
    assert snapshot(jane.db) == before
    # The same on the fast write path (stdlib sqlite3), after the ask was inserted: only
    # the fast read fails now, so the full path, were it taken, would write.
    monkeypatch.undo()
    monkeypatch.setattr("reftrack.store.fast.asks_on", broken)
    failed = jane.run("ask jane --outcome declined")
    assert failed.exit_code == 1
    assert operations(jane.db) == journal
    assert snapshot(jane.db) == before


def test_undo_sees_only_the_reps_own_commands(jane: Rep) -> None:
    jane.ok("config set rep Robin")
    assert jane.run("undo").exit_code == 1
    assert json.loads(jane.ok("undo --list --json").stdout) == []
    jane.ok('contact add "Kim Park"')
    assert "reftrack contact add 'Kim Park'" in jane.ok("undo").stdout
    assert jane.run("undo").exit_code == 1
    assert [row[1:3] for row in snapshot(jane.db)["contact"]] == [("root", "Jane Doe")]


def test_a_command_typed_with_the_database_option_keeps_it_out(jane: Rep) -> None:
    jane.ok(["--db", str(jane.db), "thank", "jane", "--note", "a\x1b[2Jb"])
    listed = json.loads(jane.ok("undo --list --json --limit 1").stdout)
    assert listed[0]["command"] == "reftrack thank jane --note 'a\x1b[2Jb'"
    text = jane.ok("undo --list --limit 1").stdout
    assert "\x1b" not in text
    assert "a\\x1b[2Jb" in text


def test_list_and_force_together_are_a_usage_error(jane: Rep) -> None:
    result = jane.run("undo --list --force")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_edit_and_a_delete_are_undone_whole(jane: Rep) -> None:
    jane.ok("close jane --deal Fleet --value 12k --on 2026-11-20")
    jane.ok('ask jane --referral "Bob Stone" --on 2026-11-20')
    undoes(jane, "edit c1 --value 15k")
    # A cascade takes the ask, its referral and the referral's step: undo brings all back.
    undoes(jane, "delete c1 --cascade")


def test_the_journal_keeps_the_rep_given_and_never_the_database(rep: Rep, tmp_path: Path) -> None:
    other = str(tmp_path / "shared.db")
    rep.ok(["--db", other, "--rep", "bob", "contact", "add", "Ann Lee"])
    rep.ok(["--db=" + other, "--rep=bob", "contact", "add", "Cy Chen"])
    listed = json.loads(rep.ok(["--db", other, "--rep", "bob", "undo", "--list", "--json"]).stdout)
    commands = [entry["command"] for entry in listed]
    assert commands == [
        "reftrack --rep=bob contact add 'Cy Chen'",
        "reftrack --rep bob contact add 'Ann Lee'",
    ]
    assert not any(other in command for command in commands)


DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.mark.parametrize(
    "command",
    [
        f"import {DATA / 'hubspot-deals.csv'}",
        f"import {DATA / 'contacts.vcf'}",
        "snooze ask-c1 --days 3",
        "done ask-c1",
    ],
)
def test_undo_takes_back_an_import_and_a_put_off(jane: Rep, command: str) -> None:
    jane.ok("close jane --deal Fleet")  # today's ask-c1, to put off
    said = undoes(jane, command)
    assert said.startswith(f"Undid `reftrack {command.split()[0]}")


def test_undo_takes_back_an_unsnooze(jane: Rep) -> None:
    jane.ok("close jane --deal Fleet")
    jane.ok("snooze ask-c1 --days 3")
    said = undoes(jane, "unsnooze ask-c1")
    assert said.startswith("Undid `reftrack unsnooze")
    keys = {item["key"] for item in json.loads(jane.ok("today --all --json").stdout)["items"]}
    assert "ask-c1" not in keys
