"""The journal hook: one operation a command, however many write transactions, cascades kept."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlmodel import select

from reftrack.services.runtime import Runtime
from reftrack.store.models import Contact, Referral
from tests.cli.test_undo import operations, snapshot
from tests.conftest import Rep


def runtime(rep: Rep) -> Runtime:
    rt = Runtime.load(str(rep.db))
    rt.command = "reftrack by hand"
    return rt


def test_the_write_transactions_of_one_command_are_one_operation(rep: Rep) -> None:
    before = snapshot(rep.db)
    rt = runtime(rep)
    with rt.transaction(write=True) as session:
        session.add(Contact(rep=rt.rep, name="Ann", recorded_at=rt.now))
    with rt.transaction(write=True) as session:
        ann = session.exec(select(Contact)).one()
        ann.company = "Acme"
        session.add(Contact(rep=rt.rep, name="Bo", recorded_at=rt.now))
    rt.close()
    assert [command for _id, command, _undone in operations(rep.db)] == ["reftrack by hand"]
    undone = json.loads(rep.ok("undo --json").stdout)
    # Ann was added, then changed: one undo takes both back, and Bo with them.
    assert [(c["table"], c["kind"]) for c in undone["changes"]] == [
        ("contact", "insert"),
        ("contact", "update"),
        ("contact", "insert"),
    ]
    assert snapshot(rep.db) == before


def test_a_transaction_that_fails_adds_nothing_to_the_operation(rep: Rep) -> None:
    rt = runtime(rep)
    with rt.transaction(write=True) as session:
        session.add(Contact(rep=rt.rep, name="Ann", recorded_at=rt.now))
    with pytest.raises(RuntimeError), rt.transaction(write=True) as session:
        session.add(Contact(rep=rt.rep, name="Bo", recorded_at=rt.now))
        session.flush()
        raise RuntimeError("changed its mind")
    rt.close()
    listed = json.loads(rep.ok("undo --list --json").stdout)
    assert [len(o["changes"]) for o in listed] == [1]


def test_a_change_that_comes_back_to_where_it_was_is_no_change(rep: Rep) -> None:
    rep.ok('contact add "Ann Lee"')
    rt = runtime(rep)
    with rt.transaction(write=True) as session:
        ann = session.exec(select(Contact)).one()
        ann.company = "Acme"
        session.flush()
        ann.company = None
    rt.close()
    assert len(operations(rep.db)) == 1


def test_a_delete_keeps_the_rows_the_database_cascades_to(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe" --birthday 03-14')
    rep.ok('ask jane --referral "Bob Stone"')
    rep.ok("referral update bob --status contacted")
    before = snapshot(rep.db)
    rt = runtime(rep)
    with rt.transaction(write=True) as session:
        session.delete(session.exec(select(Referral)).one())
    rt.close()
    assert snapshot(rep.db)["referral_event"] == []
    listed = json.loads(rep.ok("undo --list --json --limit 1").stdout)
    assert {(s["table"], s["kind"], s["count"]) for s in listed[0]["summary"]} == {
        ("referral", "delete", 1),
        ("referral_event", "delete", 2),
    }
    assert "restored 1 referral, 2 referral steps" in rep.ok("undo").stdout
    assert snapshot(rep.db) == before


def test_undo_refuses_when_a_later_row_hangs_on_what_it_would_remove(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    # A row written outside the journal (by hand) that needs the contact.
    with sqlite3.connect(rep.db) as connection:
        connection.execute(
            "INSERT INTO thank_you (rep, contact_id, thanked_on, kind, recorded_at) "
            "VALUES ('root', 1, '2026-11-25', 'note', '2026-11-25 09:00:00')"
        )
    before = snapshot(rep.db)
    refused = rep.run("undo")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("reftrack: cannot undo `reftrack contact add 'Jane Doe'`")
    assert snapshot(rep.db) == before
    assert operations(rep.db)[0][2] is None
