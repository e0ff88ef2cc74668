"""Measure what a rep feels: `today` on ten years of demo data, and `--help`.

Each figure is the median wall time of several runs of a fresh process, set
against the import time of the libraries the command cannot do without:

  today   ≤ 1.3 × importing typer, rich, sqlmodel (with SQLAlchemy and its SQLite
            dialect), pendulum, sqlite3 and tomllib: the libraries `today` runs on
  --help  ≤ 1.5 × importing typer

Usage: python scripts/bench.py [--runs N] [--check]   (--check exits 1 over budget)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TODAY_BUDGET = 1.3
HELP_BUDGET = 1.5
LIBRARIES = (
    "import typer, rich.console, rich.table, sqlmodel, pendulum, sqlite3, tomllib,"
    " sqlalchemy.dialects.sqlite"
)


def median_seconds(command: list[str], env: dict[str, str], runs: int) -> float:
    """The median wall time of `runs` fresh runs of a command (after one warm-up)."""
    times = []
    for attempt in range(runs + 1):
        started = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
        if attempt:
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    """Build the demo database, time the commands, print the ratios."""
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 15
    python = sys.executable
    reftrack = str(Path(python).parent / "reftrack")
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "REFTRACK_DB": f"{scratch}/bench.db",
            "REFTRACK_CONFIG": f"{scratch}/config.toml",
            "REFTRACK_NOW": "2026-11-25T09:00",
            "NO_COLOR": "1",
        }
        started = time.perf_counter()
        subprocess.run(
            [reftrack, "demo", "--years", "10", "--contacts", "3000"],
            env=env,
            stdout=subprocess.DEVNULL,
            check=True,
        )
        demo = time.perf_counter() - started
        libraries = median_seconds([python, "-c", LIBRARIES], env, runs)
        today = median_seconds([reftrack, "today"], env, runs)
        typer_only = median_seconds([python, "-c", "import typer"], env, runs)
        help_ = median_seconds([reftrack, "--help"], env, runs)
    rows = [
        ("demo, 10 years, 3000 contacts", demo, None, None),
        ("import the libraries", libraries, None, None),
        ("reftrack today", today, today / libraries, TODAY_BUDGET),
        ("import typer", typer_only, None, None),
        ("reftrack --help", help_, help_ / typer_only, HELP_BUDGET),
    ]
    over = False
    for name, seconds, ratio, budget in rows:
        line = f"{name:<32} {seconds * 1000:8.0f} ms"
        if ratio is not None:
            verdict = "ok" if ratio <= budget else "OVER BUDGET"
            over = over or ratio > budget
            line += f"   {ratio:4.2f}× (budget {budget}×) {verdict}"
        print(line)
    return 1 if over and "--check" in sys.argv else 0


if __name__ == "__main__":
    raise SystemExit(main())
