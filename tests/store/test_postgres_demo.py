"""After the demo's bulk insert on PostgreSQL, every later insert gets a fresh id."""

from __future__ import annotations

import json

from tests.conftest import Rep
from tests.postgres import pg_rep, pg_url

__all__ = ["pg_rep", "pg_url"]


def test_records_after_the_demo_get_fresh_ids_on_postgresql(pg_rep: Rep) -> None:
    pg_rep.ok("demo --years 1 --contacts 40")
    pg_rep.ok('contact add "Newly Met" --company Fresh')
    pg_rep.ok('contact add "Also New" --company Fresh --kind prospect')
    pg_rep.ok("close newly --value 12,500")
    pg_rep.ok('ask newly --outcome referred --note "after the demo"')
    pg_rep.ok("referral add also --from newly")
    contacts = json.loads(pg_rep.ok("contact list --json").stdout)
    assert {"Newly Met", "Also New"} <= {contact["name"] for contact in contacts}
