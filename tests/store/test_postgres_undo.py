"""`undo` on PostgreSQL: the journal lives in the same database and walks back the same way."""

from __future__ import annotations

import json

from sqlalchemy import create_engine

from tests.conftest import Rep
from tests.postgres import pg_rep, pg_url

__all__ = ["pg_rep", "pg_url"]


def test_undo_walks_back_on_postgresql(pg_rep: Rep) -> None:
    pg_rep.ok('contact add "Jane Doe" --company Acme --birthday 03-14')
    pg_rep.ok("close jane --deal Fleet --value 30000000")
    pg_rep.ok('ask jane --referral "Bob Stone"')
    pg_rep.ok("referral update bob --status won --value 9k")
    log = pg_rep.ok("log --json").stdout
    pg_rep.ok("goal set --referrals 8 --per month")
    pg_rep.ok("off add 2026-12-01")
    pg_rep.ok("off rm 2026-12-01")
    assert "restored 1 day off" in pg_rep.ok("undo").stdout
    assert "removed 1 day off" in pg_rep.ok("undo").stdout
    assert "removed 1 goal" in pg_rep.ok("undo").stdout
    assert pg_rep.ok("log --json").stdout == log
    assert "put back 1 contact, 1 referral" in pg_rep.ok("undo").stdout
    assert json.loads(pg_rep.ok("referral list --json").stdout)[0]["status"] == "new"
    pg_rep.ok("undo")
    pg_rep.ok("undo")
    assert json.loads(pg_rep.ok("log --json").stdout) == []
    listed = json.loads(pg_rep.ok("undo --list --json").stdout)
    assert [o["undone_at"] is not None for o in listed] == [True] * 6 + [False]
    # Ids handed out after an undo do not collide with the rows put back or removed.
    pg_rep.ok("close jane --deal Again")
    pg_rep.ok("undo")
    pg_rep.ok("undo")
    assert json.loads(pg_rep.ok("contact list --json").stdout) == []


def test_a_conflict_refuses_on_postgresql(pg_rep: Rep) -> None:
    pg_rep.ok('contact add "Jane Doe"')
    pg_rep.ok('referral add "Dee Lane" --from jane')
    engine = create_engine(pg_rep.env["REFTRACK_DB"])
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE referral SET note = 'by hand'")
    refused = pg_rep.run("undo")
    assert refused.exit_code == 1
    assert "referral 1 was changed since (note)" in refused.stderr
    pg_rep.ok("undo --force")
    with engine.connect() as connection:
        left = connection.exec_driver_sql("SELECT count(*) FROM referral").scalar()
    engine.dispose()
    assert left == 0
