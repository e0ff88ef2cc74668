"""A crowd of writers on one database: each waits its turn, none is refused, nothing lost."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import Rep

REFTRACK = [sys.executable, "-m", "reftrack"]
REFERRERS = ["Ada Quinn", "Bo Lind", "Cy Marsh", "Di Noor", "Ed Park", "Flo Reyes"]


def start(rep: Rep, args: list[str]) -> subprocess.Popen[str]:
    """Start reftrack as a separate program, as a second shell would."""
    return subprocess.Popen(
        [*REFTRACK, *args],
        env={**os.environ, **rep.env},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """Hold the database's write lock, as a long write by another program would."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def crowd_command(index: int) -> list[str]:
    """The index-th writer of the crowd: an ask, a close, a thank-you or a new contact."""
    name = REFERRERS[index % len(REFERRERS)]
    return [
        ["ask", name, "--referral", f"Prospect {index}"],
        ["close", name, "--deal", f"Deal {index}", "--value", "1200"],
        ["thank", name, "--note", f"Note {index}"],
        ["contact", "add", f"Newcomer {index}", "--company", "Crowd"],
    ][index % 4]


def test_two_dozen_writers_at_once_all_succeed_and_every_row_lands(rep: Rep) -> None:
    for name in REFERRERS:
        rep.ok(["contact", "add", name])
    before = {t: count(rep.db, t) for t in ("ask", "close", "thank_you", "referral", "contact")}
    writers = [start(rep, crowd_command(i)) for i in range(24)]
    readers = [start(rep, ["today", "--json"]) for _ in range(2)]
    for process in writers + readers:
        _, stderr = process.communicate(timeout=150)
        assert process.returncode == 0, (process.args, stderr)
    landed = {t: count(rep.db, t) - n for t, n in before.items()}
    assert landed == {"ask": 6, "close": 6, "thank_you": 6, "referral": 6, "contact": 12}


def test_a_writer_waits_out_a_long_write_instead_of_being_refused(rep: Rep) -> None:
    rep.ok(["contact", "add", "Ada Quinn"])
    with write_lock_held(rep.db):
        writer = start(rep, ["close", "Ada Quinn", "--deal", "Patient"])
        reader = start(rep, ["today", "--json"])
        assert reader.wait(timeout=60) == 0, "a reader never waits for a writer"
        time.sleep(9)
        assert writer.poll() is None, "the writer is still waiting for the lock"
    _, stderr = writer.communicate(timeout=60)
    assert writer.returncode == 0, stderr
    assert count(rep.db, "close") == 1


def test_a_name_is_resolved_and_checked_before_the_write_lock_is_taken(rep: Rep) -> None:
    rep.ok(["contact", "add", "Ada Quinn"])
    with write_lock_held(rep.db):
        unknown = start(rep, ["close", "Nobody Atall"])
        duplicate = start(rep, ["contact", "add", "Ada Quinn"])
        _, unknown_error = unknown.communicate(timeout=60)
        _, duplicate_error = duplicate.communicate(timeout=60)
    assert unknown.returncode == 1
    assert "no contact 'Nobody Atall'" in unknown_error
    assert duplicate.returncode == 1
    assert "there is already a contact 'Ada Quinn'" in duplicate_error
