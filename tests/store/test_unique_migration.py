"""Migration 0006 upgrades a database already holding duplicates, on both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from reftrack.store import db
from tests.conftest import Rep
from tests.postgres import pg_url

__all__ = ["pg_url"]

DUPLICATES = [
    "INSERT INTO contact (id, rep, name, company, kind, archived, recorded_at) VALUES "
    "(1, 'me', 'Race Same', 'Same', 'customer', false, '2026-01-01 00:00:00'),"
    " (2, 'me', 'race same', 'SAME', 'customer', false, '2026-01-01 00:00:00'),"
    " (3, 'me', 'Race Same', 'Same', 'prospect', false, '2026-01-01 00:00:00'),"
    " (4, 'me', 'Émile Roy', NULL, 'customer', false, '2026-01-01 00:00:00')",
    "INSERT INTO goal (id, rep, target, period, effective_from, recorded_at) VALUES "
    "(1, 'me', 5, 'month', '2026-11-01', '2026-11-01 00:00:00'),"
    " (2, 'me', 8, 'month', '2026-11-01', '2026-11-01 00:00:01'),"
    " (3, 'me', 9, 'week', '2026-10-01', '2026-10-01 00:00:00')",
]


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_duplicates_made_before_0006_are_kept_and_the_database_upgrades(
    engine: str, rep: Rep, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if engine == "sqlite":
        location = str(tmp_path / "old.db")
        db.prepare_sqlite_file(Path(location))
        url = f"sqlite:///{location}"
    else:
        location = url = request.getfixturevalue("pg_url")
    old = create_engine(url)
    db.upgrade(old, "0003")
    with old.begin() as connection:
        for statement in DUPLICATES:
            connection.execute(text(statement))
    old.dispose()

    upgraded = db.open_engine(location)
    with upgraded.connect() as connection:
        folds = connection.execute(
            text("SELECT id, folded_name, folded_company FROM contact ORDER BY id")
        ).all()
        goals = connection.execute(text("SELECT id FROM goal ORDER BY id")).scalars().all()
    upgraded.dispose()
    assert [tuple(row) for row in folds] == [
        (1, "race same", "same"),
        (2, "race same", None),
        (3, "race same", None),
        (4, "émile roy", ""),
    ]
    assert goals == [2, 3]

    env = {"REFTRACK_DB": location, "REFTRACK_CONFIG": str(tmp_path / "config.toml")}
    (tmp_path / "config.toml").write_text('rep = "me"\n')
    assert len(json.loads(rep.ok("contact list --json", **env).stdout)) == 4
    # Found by its fold whatever the case, on both engines; a fourth copy is refused.
    document = json.loads(rep.ok('ask "ÉMILE ROY" --add --json', **env).stdout)
    assert document["new_contacts"] == []
    refused = rep.run('contact add "RACE SAME" --company same', **env)
    assert refused.exit_code == 1 and "already a contact" in refused.stderr
