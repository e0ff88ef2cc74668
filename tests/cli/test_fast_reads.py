"""The fast read path (stdlib sqlite3) answers as the full one (SQLModel), and stays light."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Rep

ROOT = Path(__file__).resolve().parent.parent.parent
# pydantic too: Typer builds its adapters only for values plain Python cannot coerce.
HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "pydantic")
COMPLETE_ASK = {"_REFTRACK_COMPLETE": "complete_bash", "COMP_WORDS": "reftrack ask Ja"}

# Month, quarter and year ends, a week's first and last days, both DST changes, a leap day.
DAYS = [
    "2026-11-17T09:00",
    "2026-11-30T09:00",
    "2026-12-31T23:30",
    "2027-01-01T00:30",
    "2026-11-22T09:00",
    "2026-11-23T09:00",
    "2026-03-08T03:30",
    "2026-10-25T01:30",
    "2026-11-01T01:30",
    "2024-02-29T09:00",
    "2026-09-30T09:00",
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Two years of demo data, built once for the module."""
    scratch = tmp_path_factory.mktemp("demo")
    env = {
        **os.environ,
        "REFTRACK_DB": str(scratch / "demo.db"),
        "REFTRACK_CONFIG": str(scratch / "config.toml"),
        "REFTRACK_NOW": "2026-11-17T09:00",
        "NO_COLOR": "1",
        "COLUMNS": "120",
    }
    env.pop("REFTRACK_FULL_READS", None)
    reftrack(env, "demo", "--years", "2", "--contacts", "400")
    return env


def probe(command: list[str], modules: tuple[str, ...], first: str = "") -> str:
    """Code that runs reftrack with `command`, then prints, last on stdout, how it exited
    and which of `modules` it imported: `exit 0 loaded []` for a clean, light run."""
    return (
        "import sys, runpy\n"
        f"{first}"
        f"sys.argv = ['reftrack', *{command!r}]\n"
        "code = 0\n"
        "try:\n"
        "    runpy.run_module('reftrack', run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    code = done.code or 0\n"
        f"print('exit', code, 'loaded', sorted(m for m in {modules!r} if m in sys.modules))\n"
    )


def last_line(text: str) -> str:
    return text.strip().splitlines()[-1] if text.strip() else ""


def reftrack(env: dict[str, str], *args: str) -> str:
    """Run reftrack in a fresh process; its stdout."""
    result = subprocess.run(
        [sys.executable, "-m", "reftrack", *args], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("now", DAYS)
@pytest.mark.parametrize("timezone", ["America/New_York", "Europe/Berlin"])
def test_today_and_goal_show_agree_on_both_paths(
    demo: dict[str, str], now: str, timezone: str
) -> None:
    env = {**demo, "REFTRACK_NOW": now, "TZ": timezone}
    reftrack(env, "config", "set", "timezone", timezone)
    for command in (["today", "--json"], ["today", "--all"], ["goal", "show", "--json"]):
        fast = reftrack(env, *command)
        assert fast == reftrack({**env, "REFTRACK_FULL_READS": "1"}, *command), command
    assert '"items": [' in reftrack(env, "today", "--json")


def test_completion_of_names_agrees_on_both_paths(demo: dict[str, str]) -> None:
    env = {**demo, **COMPLETE_ASK, "COMP_CWORD": "2"}
    fast = reftrack(env)
    assert fast == reftrack({**env, "REFTRACK_FULL_READS": "1"})
    # Quoted for bash where a name has a space (issue 13); every one starts as typed.
    assert fast.split() and all(name.strip('"').startswith("Ja") for name in fast.splitlines())


@pytest.mark.parametrize(
    "command",
    [["today"], ["today", "--json"], ["goal", "show"], ["goal", "show", "--on", "-1w"], []],
)
def test_the_fast_path_imports_no_database_stack(demo: dict[str, str], command: list[str]) -> None:
    # No command: the shell completing `reftrack ask Ja<TAB>`.
    env = demo if command else {**demo, **COMPLETE_ASK, "COMP_CWORD": "2"}
    code = probe(command, HEAVY)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert last_line(result.stdout) == "exit 0 loaded []", (result.stdout, result.stderr)


@pytest.mark.parametrize("newcomer", [False, True])
def test_today_at_a_terminal_without_a_settings_file_stays_on_the_fast_path(
    demo: dict[str, str], tmp_path: Path, migrated_database: Path, newcomer: bool
) -> None:
    """At a terminal with no settings file, `today` checks for a newcomer: on the fast path.

    It had imported SQLModel to count contacts, ~400 ms on every morning's `today` of a
    rep who never wrote settings; tests off a terminal could not see it.
    """
    import pty

    env = {**demo, "REFTRACK_CONFIG": str(tmp_path / "none.toml"), "TERM": "xterm"}
    if newcomer:  # no contacts at all: offered `reftrack init`
        shutil.copyfile(migrated_database, tmp_path / "empty.db")
        env["REFTRACK_DB"] = str(tmp_path / "empty.db")
    code = probe(["today"], HEAVY, first="assert sys.stdin.isatty() and sys.stderr.isatty()\n")
    # A person is there when stdin and stderr are terminals (cli.context.interactive).
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            stdin=follower,
            stdout=subprocess.PIPE,
            stderr=follower,
            text=True,
            timeout=60,
        )
        # What went to the terminal (stderr): the newcomer's offer, if made.
        os.set_blocking(leader, False)
        shown = b""
        with contextlib.suppress(BlockingIOError, OSError):
            while chunk := os.read(leader, 4096):
                shown += chunk
    finally:
        os.close(follower)
        os.close(leader)
    assert last_line(result.stdout) == "exit 0 loaded []", (result.stdout, shown)
    assert "Asks today" in result.stdout
    assert (b"reftrack init" in shown) == newcomer, shown


@pytest.mark.parametrize(
    ("command", "absent"),
    [
        (["today"], ("pendulum", "rich.table")),
        (["goal", "show"], ("pendulum", "rich.table", "reftrack.domain.reminders")),
        (["today", "--json"], ("pendulum", "rich")),
        (["goal", "show", "--json"], ("pendulum", "rich")),
        (["--help"], ("reftrack.cli.goals", "reftrack.cli.loop", "rich")),
        # The Typer app's own help (the launcher's text is for `--help` alone).
        (["--db", "x.db", "--help"], ("reftrack.cli.goals", "reftrack.cli.loop", "rich")),
    ],
)
def test_a_read_a_rep_waits_for_imports_only_what_it_shows(
    demo: dict[str, str], command: list[str], absent: tuple[str, ...]
) -> None:
    """What issue 12 took off these paths stays off: pendulum, Rich for JSON, the rest."""
    code = probe(command, absent)
    result = subprocess.run([sys.executable, "-c", code], env=demo, capture_output=True, text=True)
    assert last_line(result.stdout) == "exit 0 loaded []", (result.stdout, result.stderr)


@pytest.mark.parametrize(
    "command",
    [
        ["close", "jane", "--deal", "Kit"],
        ["ask", "jane", "--outcome", "declined"],
        ["thank", "jane", "--note", "for lunch"],
    ],
)
def test_a_write_imports_no_alembic_and_off_a_terminal_no_rich(
    rep: Rep, command: list[str]
) -> None:
    """Issue 12: a write imports no Alembic (no migration is due; on the fast write path
    not even SQLModel: tests/cli/test_fast_writes.py), and off a terminal no Rich."""
    rep.ok('contact add "Jane Doe"')
    code = probe(command, ("alembic", "rich"))
    env = {**os.environ, **rep.env}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert last_line(result.stdout) == "exit 0 loaded []", (result.stdout, result.stderr)
    assert "Jane Doe" in result.stdout


def test_the_full_path_serves_a_database_due_for_a_migration(rep: Rep) -> None:
    from reftrack.store import fast

    rep.ok('contact add "Jane Doe"')
    assert fast.open_session(str(rep.db)) is not None
    import sqlite3

    with sqlite3.connect(rep.db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'old'")
    connection.close()
    assert fast.open_session(str(rep.db)) is None
    assert fast.open_session("postgresql+psycopg://u@h/db") is None


def test_the_compiled_sql_is_current() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import fastsql
    finally:
        sys.path.pop(0)
    assert fastsql.GENERATED.read_text() == fastsql.generate(), (
        "src/reftrack/store/fastsql.py is stale: run `python scripts/fastsql.py`"
    )
    assert fastsql.ROWS_GENERATED.read_text() == fastsql.rows(), (
        "src/reftrack/store/fastrows.py is stale: run `python scripts/fastsql.py`"
    )


def test_both_paths_hide_the_same_snoozed_and_dismissed_items(
    demo: dict[str, str], tmp_path: Path
) -> None:
    import json
    import shutil

    copy = tmp_path / "demo.db"
    shutil.copyfile(demo["REFTRACK_DB"], copy)
    env = {**demo, "REFTRACK_DB": str(copy)}
    keys = [item["key"] for item in json.loads(reftrack(env, "today", "--json", "--all"))["items"]]
    assert len(keys) >= 6 and len(set(keys)) == len(keys)
    for key in keys[:3]:
        reftrack(env, "snooze", key, "--days", "2")
    for key in keys[3:5]:
        reftrack(env, "done", key)
    for now in ("2026-11-17T09:00", "2026-11-18T09:00", "2026-11-19T09:00"):
        for command in (["today", "--json", "--all"], ["today", "--all"]):
            at = {**env, "REFTRACK_NOW": now}
            fast = reftrack(at, *command)
            assert fast == reftrack({**at, "REFTRACK_FULL_READS": "1"}, *command), (now, command)
    document = json.loads(reftrack(env, "today", "--json", "--all"))
    assert (document["snoozed"], document["dismissed"]) == (3, 2)
    assert not {item["key"] for item in document["items"]} & set(keys[:5])
