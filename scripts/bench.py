"""Measure what a rep feels: `today` on ten years of demo data, `--help`, and a crowd of writers.

Each figure is the median wall time of several runs of a fresh process, set
against a floor timed in the same interleaved rounds (issue 12; ARCHITECTURE rule 13):

  today (piped, and at a terminal  ≤ 2.5 × `python -c "import typer"`, the least any
  in colour), today --json,           Typer program pays; peak memory of today ≤ 40 MB
  goal show, completing `ask Ja<TAB>`
  --help, --version                 ≤ 1.3 × import typer
  ask, close, thank (writes)        ≤ 1.15 × `python -c "import sqlmodel"`, and none of
                                      them imports Alembic (no migration is due)

The scaling section builds 1, 10 and 30 years of demo data (3,000 contacts each) and
times `today` and `summary` on each, twice as many runs as the other sections (a 10 %
budget is near this machine's noise: medians of 15 moved by 5-8 % between runs, and the
least of them more): within 10 % of each other, and summary on 30 years ≤ 2 × on 1 year.

The writers section starts N processes at once against one database (a mix of
`ask`, `close`, `thank` and `contact add`, with N/8 `today` readers among them)
and reports how many succeeded or were refused, their slowest and median wall
time, the longest any of them held the write lock, and whether every write
landed. Budget: every writer and reader succeeds and every row is there.

Usage: python scripts/bench.py [--runs N] [--scaling-runs N] [--writers N] [--writers-only]
                               [--no-scaling] [--check]
       (--writers 0 skips the crowd; --no-scaling skips the 1/10/30-year section;
       --check exits 1 over budget)
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

READ_BUDGET = 2.5
HELP_BUDGET = 1.3
WRITE_BUDGET = 1.15
MEMORY_BUDGET_MB = 40
FLAT_BUDGET = 0.10  # today and summary on 1, 10, 30 years: the slowest ≤ 1.1 × the fastest
SUMMARY_30_OVER_1 = 2.0


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """One fresh run of a command: (wall seconds, its peak memory in MB)."""
    if command and command[0] == "env":  # ["env", "NAME=value", …, program, args…]
        extra = dict(item.split("=", 1) for item in command[1:] if "=" in item)
        command = [item for item in command[1:] if "=" not in item]
        env = {**env, **extra}
    if command and command[0] == "tty":
        return run_at_terminal(command[1:], env)
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return elapsed, usage.ru_maxrss / 1024


def run_at_terminal(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """One fresh run with stdin, stdout and stderr on a terminal (a pty), in colour, as a
    rep at their terminal runs it: (wall seconds, peak memory in MB)."""
    import pty

    leader, follower = pty.openpty()
    shown = {**{k: v for k, v in env.items() if k != "NO_COLOR"}, "TERM": "xterm-256color"}

    def drain() -> None:  # a full pty would stall the child
        with contextlib.suppress(OSError):
            while os.read(leader, 65536):
                pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    started = time.perf_counter()
    child = subprocess.Popen(command, env=shown, stdin=follower, stdout=follower, stderr=follower)
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    os.close(follower)
    reader.join(timeout=5)
    os.close(leader)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed at a terminal")
    return elapsed, usage.ru_maxrss / 1024


def option(name: str, default: int) -> int:
    """The number after `name` on the command line, or the default."""
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def compile_reftrack() -> None:
    """Byte-compile reftrack's own modules first, as pip does when it installs them.

    An editable install (or PYTHONDONTWRITEBYTECODE=1, set on some machines) would
    otherwise compile every module from source in every run timed, a cost no installed
    reftrack pays; Python reads the cached bytecode whatever that variable says.
    """
    import compileall

    import reftrack

    compileall.compile_dir(str(Path(reftrack.__file__).parent), quiet=1)


def main() -> int:
    """Run the sections asked for; exit 1 with --check when one is over budget."""
    compile_reftrack()
    over = False
    if "--writers-only" not in sys.argv:
        over = time_commands(option("--runs", 15))
        if "--no-scaling" not in sys.argv:
            over = flat_in_data(option("--scaling-runs", 2 * option("--runs", 15))) or over
    writers = option("--writers", 64)
    if writers:
        over = crowd_of_writers(writers) or over
    return 1 if over and "--check" in sys.argv else 0


def time_commands(runs: int) -> bool:
    """Build the demo database, time the commands, print the ratios; True when over budget."""
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
        name = unique_names(env["REFTRACK_DB"], 1)[0]
        complete = [
            "_REFTRACK_COMPLETE=complete_bash",
            "COMP_WORDS=reftrack ask Ja",
            "COMP_CWORD=2",
        ]
        commands = {
            "import typer": [python, "-c", "import typer"],
            "reftrack today": [reftrack, "today"],
            "reftrack today, at a terminal": ["tty", reftrack, "today"],
            "reftrack today --json": [reftrack, "today", "--json"],
            "reftrack goal show": [reftrack, "goal", "show"],
            "complete reftrack ask Ja<TAB>": ["env", *complete, reftrack],
            "reftrack --help": [reftrack, "--help"],
            "reftrack --version": [reftrack, "--version"],
            "import sqlmodel": [python, "-c", "import sqlmodel"],
            "reftrack ask (a write)": [reftrack, "ask", name, "--outcome", "declined"],
            "reftrack close (a write)": [
                reftrack,
                "close",
                name,
                "--deal",
                "Bench",
                "--value",
                "1k",
            ],
            "reftrack thank (a write)": [reftrack, "thank", name, "--note", "bench"],
        }
        alembic = [w for w in WRITES if alembic_imported([reftrack, *commands[w][1:]], env)]
        # Interleaved rounds, so a burst of load on the machine falls on every command alike.
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for command in commands.values():
            run_once(command, env)
        for _ in range(runs):
            for name, command in commands.items():
                samples[name].append(run_once(command, env))
    wall = {n: statistics.median(r[0] for r in rows) for n, rows in samples.items()}
    peak = {n: statistics.median(r[1] for r in rows) for n, rows in samples.items()}
    print(f"{'demo, 10 years, 3000 contacts':<32} {demo * 1000:8.0f} ms")
    over = False
    for name in commands:
        floor, budget = budget_of(name)
        line = f"{name:<32} {wall[name] * 1000:8.0f} ms {peak[name]:6.1f} MB"
        if not name.startswith("import"):
            ratio = wall[name] / wall[floor]
            verdict = "ok" if ratio <= budget else "OVER BUDGET"
            over = over or ratio > budget
            line += f"   {ratio:4.2f}× {floor} (budget {budget}×) {verdict}"
        if name == "reftrack today":
            fits = peak[name] <= MEMORY_BUDGET_MB
            over = over or not fits
            line += f"; memory budget {MEMORY_BUDGET_MB} MB {'ok' if fits else 'OVER BUDGET'}"
        if name in WRITES:
            line += "; imports Alembic: OVER BUDGET" if name in alembic else "; no Alembic"
            over = over or name in alembic
        print(line)
    return over


WRITES = ("reftrack ask (a write)", "reftrack close (a write)", "reftrack thank (a write)")


def budget_of(name: str) -> tuple[str, float]:
    """The floor a command is set against, and its budget as a multiple of that floor."""
    if name in WRITES:
        return "import sqlmodel", WRITE_BUDGET
    if name in ("reftrack --help", "reftrack --version"):
        return "import typer", HELP_BUDGET
    return "import typer", READ_BUDGET


def alembic_imported(command: list[str], env: dict[str, str]) -> bool:
    """Whether one run of a command imports Alembic (it must not unless a migration is due)."""
    done = subprocess.run(
        command, env={**env, "PYTHONPROFILEIMPORTTIME": "1"}, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()[-300:]}")
    return any(line.rstrip().endswith("| alembic") for line in done.stderr.splitlines())


def flat_in_data(runs: int) -> bool:
    """Time today and summary on 1, 10 and 30 years of demo data; True when over budget."""
    python = sys.executable
    reftrack = str(Path(python).parent / "reftrack")
    years = (1, 10, 30)
    with tempfile.TemporaryDirectory() as scratch:
        base = {
            **os.environ,
            "REFTRACK_CONFIG": f"{scratch}/config.toml",
            "REFTRACK_NOW": "2026-11-25T09:00",
            "NO_COLOR": "1",
        }
        envs = {y: {**base, "REFTRACK_DB": f"{scratch}/{y}.db"} for y in years}
        for y in years:
            subprocess.run(
                [reftrack, "demo", "--years", str(y), "--contacts", "3000"],
                env=envs[y],
                stdout=subprocess.DEVNULL,
                check=True,
            )
        cases = [(c, y) for c in ("today", "summary") for y in years]
        samples: dict[tuple[str, int], list[float]] = {case: [] for case in cases}
        for command, y in cases:
            run_once([reftrack, command], envs[y])
        for _ in range(runs):
            for command, y in cases:
                samples[command, y].append(run_once([reftrack, command], envs[y])[0])
    wall = {case: statistics.median(times) for case, times in samples.items()}
    over = False
    for command in ("today", "summary"):
        times = [wall[command, y] for y in years]
        spread = max(times) / min(times) - 1
        flat = spread <= FLAT_BUDGET
        over = over or not flat
        shown = ", ".join(f"{y}y {t * 1000:.0f} ms" for y, t in zip(years, times, strict=True))
        shown += f" (median of {runs})"
        line = (
            f"reftrack {command:<8} {shown}: spread {spread:.0%}"
            f" (budget {FLAT_BUDGET:.0%}) {'ok' if flat else 'OVER BUDGET'}"
        )
        if command == "summary":
            ratio = wall[command, 30] / wall[command, 1]
            fits = ratio <= SUMMARY_30_OVER_1
            over = over or not fits
            verdict = "ok" if fits else "OVER BUDGET"
            line += f"; 30y/1y {ratio:.2f}× (budget {SUMMARY_30_OVER_1}×) {verdict}"
        print(line)
    return over


# Runs one reftrack command in a child process, noting how long it held SQLite's
# write lock: from the end of BEGIN IMMEDIATE, or from its first write statement
# in a deferred transaction, to the end of COMMIT or ROLLBACK. The child calls
# reftrack's own entry point; only the statement trace is added, to every sqlite3
# connection, so writes on the full (SQLAlchemy) and the fast (sqlite3) path alike.
PROBE = """
import atexit, json, os, sqlite3, sys, time

marks = []
_connect = sqlite3.connect

class Traced(sqlite3.Connection):
    # Both paths end a transaction here: SQLAlchemy's pool and reftrack's fast writes.
    def commit(self):
        super().commit()
        marks.append((time.perf_counter(), "DONE"))

    def rollback(self):
        super().rollback()
        marks.append((time.perf_counter(), "DONE"))

def connect(*args, **kwargs):
    connection = _connect(*args, **{"factory": Traced, **kwargs})
    connection.set_trace_callback(
        lambda sql: marks.append((time.perf_counter(), sql.lstrip()[:16].upper()))
    )
    return connection

sqlite3.connect = connect

def report():
    longest, since, state = 0.0, None, "idle"
    for when, sql in [*marks, (time.perf_counter(), "END")]:
        if state == "begun":
            since, state = when, "held"
        elif state == "ending":
            longest, since, state = max(longest, when - since), None, "idle"
        if state == "idle" and sql.startswith("BEGIN IMMEDIATE"):
            state = "begun"
        elif state == "idle" and sql.startswith(("INSERT", "UPDATE", "DELETE", "REPLACE")):
            since, state = when, "held"
        elif state == "held" and sql.startswith(("COMMIT", "ROLLBACK")):
            state = "ending"
    with open(os.environ["BENCH_PROBE"], "w") as out:
        json.dump({"lock": longest}, out)

atexit.register(report)
sys.argv[0] = "reftrack"
from reftrack.cli import main
main()
"""


@dataclass
class Run:
    """One child of the crowd: what it ran and how it went."""

    kind: str
    argv: list[str]
    seconds: float = 0.0
    code: int = -1
    error: str = ""
    lock: float = 0.0


def crowd_argv(index: int, name: str) -> tuple[str, list[str]]:
    """The `index`-th writer's command: ask, close, thank or contact add, in turn."""
    kind = ("ask", "close", "thank", "contact add")[index % 4]
    if kind == "ask":
        return kind, ["ask", name, "--referral", f"Crowd Prospect {index}"]
    if kind == "close":
        return kind, ["close", name, "--deal", f"Crowd deal {index}", "--value", "12.5k"]
    if kind == "thank":
        return kind, ["thank", name, "--note", f"crowd {index}"]
    return kind, ["contact", "add", f"Crowd Contact {index}", "--company", "Crowd Co"]


def row_counts(path: str) -> dict[str, int]:
    """How many asks, closes, thank-yous, referrals and contacts the database holds."""
    with sqlite3.connect(path) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("ask", "close", "thank_you", "referral", "contact")
        }


def unique_names(path: str, count: int) -> list[str]:
    """Names of `count` demo contacts that each match exactly one contact."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT name FROM contact WHERE NOT archived GROUP BY lower(name)"
            " HAVING count(*) = 1 ORDER BY id LIMIT ?",
            (count,),
        ).fetchall()
    return [name for (name,) in rows]


def crowd_of_writers(writers: int) -> bool:
    """Start `writers` writers and a few readers at once; True when any failed or a row is lost."""
    python = sys.executable
    reftrack = str(Path(python).parent / "reftrack")
    with tempfile.TemporaryDirectory() as scratch:
        db = f"{scratch}/crowd.db"
        env = {
            **os.environ,
            "REFTRACK_DB": db,
            "REFTRACK_CONFIG": f"{scratch}/config.toml",
            "REFTRACK_NOW": "2026-11-25T09:00",
            "NO_COLOR": "1",
        }
        subprocess.run(
            [reftrack, "demo", "--years", "1", "--contacts", "3000"],
            env=env,
            stdout=subprocess.DEVNULL,
            check=True,
        )
        names = unique_names(db, writers)
        runs = [Run(*crowd_argv(i, names[i % len(names)])) for i in range(writers)]
        runs += [Run("today", ["today"]) for _ in range(max(1, writers // 8))]
        before = row_counts(db)
        start = threading.Barrier(len(runs))

        def run(index: int, child: Run) -> None:
            probe = f"{scratch}/probe-{index}.json"
            start.wait()
            began = time.perf_counter()
            done = subprocess.run(
                [python, "-c", PROBE, *child.argv],
                env={**env, "BENCH_PROBE": probe},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            child.seconds = time.perf_counter() - began
            child.code = done.returncode
            child.error = done.stderr.strip().splitlines()[0] if done.stderr.strip() else ""
            if Path(probe).exists():
                child.lock = json.loads(Path(probe).read_text())["lock"]

        threads = [threading.Thread(target=run, args=item) for item in enumerate(runs)]
        cpu = children_cpu()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        cpu = children_cpu() - cpu
        after = row_counts(db)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {cpu:.0f} s CPU in all")
    return report_crowd(writers, runs, before, after)


def children_cpu() -> float:
    """CPU seconds used by finished child processes: a figure that load hardly moves."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def report_crowd(
    writers: int, runs: list[Run], before: dict[str, int], after: dict[str, int]
) -> bool:
    """Print the crowd's figures; True when anyone failed or a write is missing."""
    kinds = [r.kind for r in runs]
    expected = {
        "ask": kinds.count("ask"),
        "close": kinds.count("close"),
        "thank_you": kinds.count("thank"),
        "referral": kinds.count("ask"),
        "contact": kinds.count("ask") + kinds.count("contact add"),
    }
    over = False
    for label, group in (
        ("writers", [r for r in runs if r.kind != "today"]),
        ("readers (today)", [r for r in runs if r.kind == "today"]),
    ):
        ok = sum(r.code == 0 for r in group)
        refused = sum(r.code != 0 and "locked" in r.error for r in group)
        seconds = [r.seconds for r in group]
        print(
            f"{label:<16} {ok:3d}/{len(group):<3d} ok, {refused} refused,"
            f" {len(group) - ok - refused} failed;"
            f" slowest {max(seconds):6.1f} s, median {statistics.median(seconds):5.1f} s"
        )
        for error in sorted({r.error for r in group if r.code != 0})[:3]:
            print(f"    {error}")
        over = over or ok < len(group)
    held = [r.lock for r in runs if r.kind != "today" and r.lock] or [0.0]
    print(
        f"write lock held   longest {max(held):5.2f} s, median {statistics.median(held):5.2f} s"
        f" (writers that got it); readers {max(r.lock for r in runs if r.kind == 'today'):.2f} s"
    )
    landed = {table: after[table] - before[table] for table in expected}
    missing = {t: (landed[t], n) for t, n in expected.items() if landed[t] != n}
    print(
        f"rows landed       {', '.join(f'{t} +{landed[t]}' for t in expected)}"
        + (f"; MISSING {missing}" if missing else " (all there)")
    )
    print(f"{writers} writers: " + ("OVER BUDGET" if over or missing else "ok"))
    return over or bool(missing)


if __name__ == "__main__":
    raise SystemExit(main())
