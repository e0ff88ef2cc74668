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


def test_every_other_writer_checks_what_it_was_told_before_the_write_lock(rep: Rep) -> None:
    rep.ok(["contact", "add", "Ada Quinn"])
    rep.ok(["referral", "add", "Pat Prospect", "--from", "Ada Quinn"])
    refusals = {
        ("share", "Nobody Atall", "--content", "Playbook"): "no contact 'Nobody Atall'",
        ("share", "Ada Quinn", "--forwarded"): "nothing was shared with Ada Quinn yet",
        ("score", "Nobody Atall", "--liking", "5"): "no contact 'Nobody Atall'",
        ("referral", "add", "Kim Lo", "--from", "Nobody Atall"): "no contact 'Nobody Atall'",
        ("referral", "add", "Ada Quinn", "--from", "Ada Quinn"): "cannot refer themselves",
        ("referral", "update", "#999", "--status", "won"): "no referral #999",
        ("referral", "update", "pat", "--status", "new"): "is already new",
        ("referral", "inform", "#999"): "no referral #999",
        ("off", "rm", "2026-12-25"): "is not a day off",
        ("demo",): "already holds data",
    }
    with write_lock_held(rep.db):
        started = {args: start(rep, list(args)) for args in refusals}
        for args, process in started.items():
            _, stderr = process.communicate(timeout=60)
            assert process.returncode == 1, (args, stderr)
            assert refusals[args] in stderr, (args, stderr)


def test_a_crowd_of_every_kind_of_writer_all_lands(rep: Rep) -> None:
    for name in REFERRERS[:3]:
        rep.ok(["contact", "add", name])
        rep.ok(["referral", "add", f"First of {name}", "--from", name])
    tables = ("share", "score", "referral", "referral_event", "day_off", "goal", "contact")
    before = {t: count(rep.db, t) for t in tables}
    commands = []
    for index, name in enumerate(REFERRERS[:3]):
        commands += [
            ["share", name, "--content", f"Post {index}"],
            ["score", name, "--liking", "4", "--reciprocity", "3", "--credibility", "5"],
            ["referral", "add", f"Second of {name}", "--from", name],
            ["referral", "inform", f"First of {name}"],
            ["off", "add", f"2026-12-{index + 28}"],
            [
                "goal",
                "set",
                "--referrals",
                f"{index + 4}",
                "--per",
                "month",
                "--from",
                f"2027-0{index + 1}-01",
            ],
        ]
    writers = [start(rep, args) for args in commands]
    for process in writers:
        _, stderr = process.communicate(timeout=150)
        assert process.returncode == 0, (process.args, stderr)
    landed = {t: count(rep.db, t) - n for t, n in before.items()}
    assert landed == {
        "share": 3,
        "score": 3,
        "referral": 3,
        "referral_event": 6,
        "day_off": 3,
        "goal": 3,
        "contact": 3,
    }
