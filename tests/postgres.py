"""A fresh PostgreSQL database for one test, on the server at 127.0.0.1:5432.

Where no server answers, the test is skipped with one reason; with `CI` set, a missing
server is a failure instead, so CI never silently runs without PostgreSQL.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import Rep

if TYPE_CHECKING:
    import psycopg

SERVER = os.environ.get("REFTRACK_TEST_PG", "host=127.0.0.1 port=5432 dbname=test user=postgres")
NO_SERVER = f"no PostgreSQL server answers at '{SERVER}' (set CI to make this a failure)"


def _admin() -> psycopg.Connection[Any]:
    """An autocommit connection to the server's maintenance database, or skip (fail on CI)."""
    try:
        import psycopg

        return psycopg.connect(SERVER, autocommit=True, connect_timeout=3)
    except Exception as error:  # no driver or no server: one clear reason
        if os.environ.get("CI"):
            pytest.fail(f"{NO_SERVER}: {error}")
        pytest.skip(NO_SERVER)


@contextmanager
def fresh_database(template: str | None = None) -> Iterator[str]:
    """The URL of a new PostgreSQL database, empty or a copy of `template`, dropped after."""
    admin = _admin()
    name = f"reftrack_t_{secrets.token_hex(6)}"
    with admin:
        copy = f' TEMPLATE "{template}"' if template else ""
        admin.execute(f'CREATE DATABASE "{name}"{copy}')
        info = admin.info
        try:
            yield f"postgresql+psycopg://{info.user}@{info.host}:{info.port}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def migrated_template() -> Iterator[str]:
    """A database migrated to the newest schema, for `fresh_database` to copy (fast)."""
    from reftrack.store import db

    with fresh_database() as url:
        db.open_engine(url).dispose()
        yield url.rsplit("/", 1)[1]


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a new, empty database of this test's own, dropped afterwards."""
    with fresh_database() as url:
        yield url


@pytest.fixture
def pg_rep(rep: Rep, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Rep:
    """The test's rep, recording in a fresh PostgreSQL database instead of a SQLite file."""
    rep.env["REFTRACK_DB"] = pg_url
    monkeypatch.setenv("REFTRACK_DB", pg_url)
    return rep
