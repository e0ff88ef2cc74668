"""Contacts list in one order on SQLite and PostgreSQL, whatever the server's collation."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Rep
from tests.postgres import pg_rep, pg_url

__all__ = ["pg_rep", "pg_url"]

NAMES = ["zoë Quinn", "Émile Roy", "emma Stone", "Zed Adams", "ann Lee", "Ann Lee", "Åsa Berg"]
EXPECTED = ["Ann Lee", "ann Lee", "Åsa Berg", "Émile Roy", "emma Stone", "Zed Adams", "zoë Quinn"]


def listed(rep: Rep) -> list[str]:
    for number, name in enumerate(NAMES):
        rep.ok(["contact", "add", name, "--company", f"Firm {number}"])
    return [contact["name"] for contact in json.loads(rep.ok("contact list --json").stdout)]


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_contact_list_ignores_case_and_accents_then_breaks_ties(
    engine: str, request: pytest.FixtureRequest
) -> None:
    rep: Rep = request.getfixturevalue("rep" if engine == "sqlite" else "pg_rep")
    assert listed(rep) == EXPECTED
