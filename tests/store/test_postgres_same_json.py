"""The same demo on SQLite and on PostgreSQL reads back byte for byte the same JSON."""

from __future__ import annotations

from tests.conftest import Rep
from tests.postgres import pg_url

__all__ = ["pg_url"]

VIEWS = [
    "today --json",
    "summary --format json",
    "goal show --json",
    "stats --json",
    "log --json",
    "contact list --json",
    "referral list --json",
]


def test_every_view_is_byte_identical_on_both_engines(rep: Rep, pg_url: str) -> None:
    demo = "demo --years 3 --contacts 300"
    rep.ok(demo)
    rep.ok(demo, REFTRACK_DB=pg_url)
    differing = [
        view for view in VIEWS if rep.ok(view).stdout != rep.ok(view, REFTRACK_DB=pg_url).stdout
    ]
    assert differing == []
