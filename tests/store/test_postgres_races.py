"""Real concurrent reftrack processes against a live PostgreSQL: one row, and no surprise.

Each race starts a crowd of processes at once on one fresh database. A write takes the
rep's advisory lock (as SQLite's BEGIN IMMEDIATE takes the file's), so each sees the one
before it; the unique indexes of migration 0006 stand behind that for any other writer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from tests.conftest import Rep
from tests.postgres import pg_rep, pg_url

__all__ = ["pg_rep", "pg_url"]

# Processes racing in each test. The issue measured its duplicates with 16 and 32; 10 at
# once still race (each process spends ~1 s starting, then writes within milliseconds of
# the others), and the seven crowds then cost the suite about a minute less on 2 cores.
CROWD = 10
UNEXPECTED = ("Traceback", "unexpected", "IntegrityError", "duplicate key")


def crowd(rep: Rep, args: list[str] | list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Run `reftrack ARGS` in CROWD processes at once (or one process per argument list)."""
    argvs = args if args and isinstance(args[0], list) else [args] * CROWD
    env = {**os.environ, **rep.env}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "reftrack", *argv],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for argv in argvs
    ]
    done = []
    for process, argv in zip(processes, argvs, strict=True):
        stdout, stderr = process.communicate(timeout=180)
        done.append(subprocess.CompletedProcess(argv, process.returncode, stdout, stderr))
    for result in done:
        assert not any(word in result.stderr for word in UNEXPECTED), result.stderr
    return done


def count(rep: Rep, sql: str) -> Any:
    """One value read straight from the rep's PostgreSQL database."""
    import psycopg

    url = rep.env["REFTRACK_DB"].replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as connection:
        row = connection.execute(sql).fetchone()
        assert row is not None
        return row[0]


def test_a_crowd_adding_one_contact_makes_one_and_refuses_the_rest(pg_rep: Rep) -> None:
    results = crowd(pg_rep, ["contact", "add", "Race Same", "--company", "Same"])
    assert sorted(r.returncode for r in results) == [0] + [1] * (CROWD - 1)
    refused = [r.stderr for r in results if r.returncode]
    assert all("already a contact" in text for text in refused), refused
    assert count(pg_rep, "SELECT count(*) FROM contact") == 1


def test_a_crowd_asking_one_new_prospect_adds_them_once(pg_rep: Rep) -> None:
    results = crowd(pg_rep, ["ask", "Race New", "--add", "--company", "Fresh"])
    assert [r.returncode for r in results] == [0] * CROWD, [r.stderr for r in results]
    assert count(pg_rep, "SELECT count(*) FROM contact") == 1
    assert count(pg_rep, "SELECT count(*) FROM ask") == CROWD


def test_a_crowd_moving_one_referral_records_one_event(pg_rep: Rep) -> None:
    pg_rep.ok('contact add "Ann Lee"')
    pg_rep.ok('referral add "Dana Fox" --from ann')
    results = crowd(pg_rep, ["referral", "update", "dana", "--status", "contacted"])
    assert sorted(r.returncode for r in results) == [0] + [1] * (CROWD - 1)
    assert all("already contacted" in r.stderr for r in results if r.returncode)
    events = "SELECT count(*) FROM referral_event WHERE status = 'contacted'"
    assert count(pg_rep, events) == 1


def test_a_crowd_setting_goals_on_one_day_leaves_one(pg_rep: Rep) -> None:
    results = crowd(
        pg_rep,
        [["goal", "set", "--referrals", str(n), "--per", "month"] for n in range(1, CROWD + 1)],
    )
    assert [r.returncode for r in results] == [0] * CROWD, [r.stderr for r in results]
    assert count(pg_rep, "SELECT count(*) FROM goal") == 1


def test_a_crowd_taking_one_day_off_marks_it_once(pg_rep: Rep) -> None:
    results = crowd(pg_rep, ["off", "2026-12-24"])
    assert [r.returncode for r in results] == [0] * CROWD, [r.stderr for r in results]
    assert count(pg_rep, "SELECT count(*) FROM day_off") == 1


def test_a_crowd_dating_one_contact_stores_the_date_once(pg_rep: Rep) -> None:
    pg_rep.ok('contact add "Ann Lee"')
    results = crowd(pg_rep, ["contact", "edit", "ann", "--date", "wedding=06-12"])
    assert [r.returncode for r in results] == [0] * CROWD, [r.stderr for r in results]
    assert count(pg_rep, "SELECT count(*) FROM important_date") == 1


@pytest.mark.no_database
def test_first_runs_racing_on_an_empty_database_all_succeed(pg_rep: Rep) -> None:
    results = crowd(pg_rep, [["contact", "add", f"First {n}"] for n in range(CROWD)])
    assert [r.returncode for r in results] == [0] * CROWD, [r.stderr for r in results]
    assert len(json.loads(pg_rep.ok("contact list --json").stdout)) == CROWD
