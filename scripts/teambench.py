"""Measure a team on PostgreSQL: N reps × Y years in one guarded database (issue 14, item 5).

Fills a fresh team database with `reftrack --rep NAME demo` for each rep (run as the
owner), and a one-rep database with the same history as the first rep, then reports:

  team --week last      the manager's week over every rep, from the views  (budget ≤ 3 s)
  today, one rep        connected as that rep (row-level security applies) against the
                        same history alone in its own database              (within 10 %)

Each figure is the median of several runs, both as a fresh process (what a person waits
for) and in-process (the database work alone, without Python's start-up). The default is
the issue's scale, 100 reps × 10 years at 5 × the demo's pace (about a million asks, a
long fill); --reps and
--years make a quick run. Not part of the test suite.

Usage: python scripts/teambench.py [--reps N] [--years Y] [--contacts C] [--runs K]
       [--server "host=127.0.0.1 port=5432 user=postgres"] [--keep] [--reuse] [--check]

The fill of the full scale takes a long while: `--keep` leaves the databases and roles in
place, and a later `--reuse` (same --reps) measures them again without filling, say on a
quieter machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TEAM_BUDGET_SECONDS = 3.0
TODAY_MARGIN = 0.10
NOW = "2026-11-25T09:00:00"
PROGRAM = [sys.executable, "-m", "reftrack"]


def admin(server: str, database: str = "postgres") -> Any:
    """An autocommit connection to the server."""
    import psycopg

    return psycopg.connect(f"{server} dbname={database}", autocommit=True)


def url(server: str, role: str, database: str) -> str:
    """A reftrack URL for a role on the server (trust or ~/.pgpass: no password here)."""
    parts = dict(item.split("=", 1) for item in server.split())
    host, port = parts.get("host", "127.0.0.1"), parts.get("port", "5432")
    return f"postgresql+psycopg://{role}@{host}:{port}/{database}"


def reftrack(env: dict[str, str], *args: str) -> str:
    """Run reftrack; its stdout, or stop with its error."""
    done = subprocess.run([*PROGRAM, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"reftrack {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def median_wall(run: Callable[[], object], runs: int) -> float:
    """The median wall time of `runs` calls, after one to warm the caches."""
    run()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def in_process(location: str, rep: str | None, what: str) -> Callable[[], object]:
    """A call of the service behind `today` or `team`, on a fresh runtime each time."""
    from reftrack.services.runtime import Runtime
    from reftrack.services.summary import week_of
    from reftrack.services.team import team_week
    from reftrack.services.today import today_agenda

    def call() -> object:
        rt = Runtime.load(location, rep=rep)
        try:
            if what == "team":
                return team_week(rt, week_of(rt, "last"))
            return today_agenda(rt, rt.today)
        finally:
            rt.close()

    return call


def fill(
    options: argparse.Namespace,
    server: str,
    databases: tuple[str, str],
    urls: tuple[str, str],
    reps: list[str],
    manager: str,
) -> None:
    """Fresh team and one-rep databases, each rep's demo history in them, analysed."""
    (team_db, one_db), (team_url, one_url) = databases, urls
    with admin(server) as connection:
        for name in (team_db, one_db):
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    started = time.perf_counter()
    # In-process: a fresh process per rep would spend most of the fill importing reftrack.
    from reftrack.services.demo import fill_demo
    from reftrack.services.runtime import Runtime
    from reftrack.services.team import add_member

    def with_runtime(location: str, rep: str | None, work: Callable[[Runtime], object]) -> None:
        rt = Runtime.load(location, rep=rep)
        try:
            work(rt)
        finally:
            rt.close()

    for role in reps:
        with_runtime(team_url, None, lambda rt, role=role: add_member(rt, role, False))
    with_runtime(team_url, None, lambda rt: add_member(rt, manager, True))
    for n, role in enumerate(reps):
        with_runtime(
            team_url,
            role,
            lambda rt, n=n: fill_demo(rt, options.years, options.contacts, n + 1, options.pace),
        )
        print(f"\rfilled {n + 1}/{len(reps)} reps", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    with_runtime(
        one_url, reps[0], lambda rt: fill_demo(rt, options.years, options.contacts, 1, options.pace)
    )
    for name in (team_db, one_db):
        with admin(server, name) as connection:
            connection.execute("ANALYZE")
    print(
        f"{len(reps)} reps x {options.years} years filled in {time.perf_counter() - started:.0f} s"
    )


def main() -> int:
    """Fill, measure, report; exit 1 over budget with --check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=100)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--contacts", type=int, default=3000)
    parser.add_argument(
        "--pace",
        type=int,
        default=5,
        help="closes (and so asks) a day, times the demo's: 5 gives about a million asks",
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--server", default="host=127.0.0.1 port=5432 user=postgres")
    parser.add_argument("--keep", action="store_true", help="keep the databases and roles")
    parser.add_argument("--check", action="store_true", help="exit 1 over budget")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the databases a --keep run left"
    )
    options = parser.parse_args()

    team_db, one_db = "reftrack_teambench", "reftrack_teambench_one"
    reps = [f"tb_rep{n:03d}" for n in range(options.reps)]
    manager = "tb_manager"
    env = {
        **os.environ,
        "REFTRACK_NOW": NOW,
        "REFTRACK_CONFIG": str(Path(os.environ.get("TMPDIR", "/tmp")) / "teambench.toml"),
        "NO_COLOR": "1",
    }
    env.pop("REFTRACK_REP", None)
    server = options.server
    owner_user = dict(p.split("=", 1) for p in server.split()).get("user", "postgres")
    team_url, one_url = url(server, owner_user, team_db), url(server, owner_user, one_db)
    os.environ.update({k: v for k, v in env.items() if k.startswith("REFTRACK_")})
    if not options.reuse:
        fill(options, server, (team_db, one_db), (team_url, one_url), reps, manager)
    with admin(server, team_db) as connection:
        asks = connection.execute("SELECT count(*) FROM ask").fetchone()[0]
        members = connection.execute("SELECT count(DISTINCT rep) FROM ask").fetchone()[0]
    print(f"{members} reps: {asks:,} asks")

    rep_url = url(server, reps[0], team_db)
    manager_url = url(server, manager, team_db)
    figures = {
        "team (process)": median_wall(
            lambda: reftrack({**env, "REFTRACK_DB": manager_url}, "team", "--json"), options.runs
        ),
        "team (in-process)": median_wall(in_process(manager_url, None, "team"), options.runs),
        "today, rep in team (process)": median_wall(
            lambda: reftrack({**env, "REFTRACK_DB": rep_url}, "today", "--json"), options.runs
        ),
        "today, rep alone (process)": median_wall(
            lambda: reftrack(
                {**env, "REFTRACK_DB": one_url, "REFTRACK_REP": reps[0]}, "today", "--json"
            ),
            options.runs,
        ),
        "today, rep in team (in-process)": median_wall(
            in_process(rep_url, None, "today"), options.runs
        ),
        "today, rep alone (in-process)": median_wall(
            in_process(one_url, reps[0], "today"), options.runs
        ),
    }
    for name, seconds in figures.items():
        print(f"{name:<34} {seconds * 1000:8.0f} ms")
    ratio = figures["today, rep in team (in-process)"] / figures["today, rep alone (in-process)"]
    print(f"today in the team / alone (in-process): {ratio:.2f}")
    over = figures["team (process)"] > TEAM_BUDGET_SECONDS or ratio > 1 + TODAY_MARGIN

    if not options.keep:
        with admin(server) as connection:
            for name in (team_db, one_db):
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in [*reps, manager, f"{team_db}_rep", f"{team_db}_manager"]:
                connection.execute(f'DROP ROLE IF EXISTS "{role}"')
    return 1 if options.check and over else 0


if __name__ == "__main__":
    raise SystemExit(main())
