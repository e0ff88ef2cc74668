"""A damaged database file is one clear line and exit 1 on both read paths, never 'a bug'."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import Rep


@pytest.mark.parametrize("full_path", ["", "1"])
def test_a_damaged_database_is_one_line_not_a_bug(rep: Rep, full_path: str) -> None:
    for n in range(30):
        rep.ok(["contact", "add", f"Person {n}", "--company", "Acme"])
        rep.ok(["ask", f"Person {n} (Acme)", "--outcome", "pending", "--on", "2026-11-20"])
    with sqlite3.connect(rep.db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'ask'"
        ).fetchone()
    data = bytearray(rep.db.read_bytes())
    page = 4096
    # The ask table's root page, and only it: the schema still reads, the asks do not.
    data[(root - 1) * page : root * page] = b"\xff" * page
    rep.db.write_bytes(bytes(data))
    result = rep.run("today", REFTRACK_FULL_READS=full_path)
    assert result.exit_code == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reftrack: "), result.stderr
    assert "unexpected" not in result.stderr and "SELECT" not in result.stderr


def test_the_fast_path_reads_an_instant_with_an_offset_as_the_full_path_does() -> None:
    from datetime import UTC, datetime

    from reftrack.store.sqlite_values import _utc

    assert _utc("2026-11-29 17:41:55+02:00") == datetime(2026, 11, 29, 15, 41, 55, tzinfo=UTC)
    assert _utc("2026-11-29 17:41:55") == datetime(2026, 11, 29, 17, 41, 55, tzinfo=UTC)


@pytest.mark.parametrize("command", ["today", "log", "summary", "stats"])
@pytest.mark.parametrize("full_path", ["", "1"])
def test_a_value_this_version_cannot_read_is_one_line_not_a_bug(
    rep: Rep, full_path: str, command: str
) -> None:
    rep.ok(["contact", "add", "Bob Stone"])
    rep.ok(["close", "Bob Stone", "--on", "2026-11-20"])
    with sqlite3.connect(rep.db) as connection:
        connection.execute("UPDATE close SET result = 'maybe-later'")
    result = rep.run(command, REFTRACK_FULL_READS=full_path)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "'maybe-later'" in lines[0], result.stderr
    assert "unexpected" not in result.stderr
