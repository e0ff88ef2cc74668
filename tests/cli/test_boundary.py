"""The contract at the edge: one line per error, no tracebacks, no hangs, a light --help."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Rep

REFTRACK = [sys.executable, "-m", "reftrack"]


def run_process(rep: Rep, args: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    """Run reftrack as a separate program, as cron or a shell script would."""
    env = {**os.environ, **rep.env}
    return subprocess.run(
        [*REFTRACK, *args], env=env, capture_output=True, text=True, timeout=60, **kwargs
    )


def database_dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def test_version_prints_the_version(rep: Rep) -> None:
    from reftrack import __version__

    assert rep.ok("--version").stdout == f"reftrack {__version__}\n"


@pytest.mark.parametrize("columns", ["120", "60"])
@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["contact", "--help"], ["--db", "x.db", "--help"]]
)
def test_help_and_version_load_neither_the_database_stack_nor_pendulum(
    rep: Rep, args: list[str], columns: str
) -> None:
    """Answered before Typer (reftrack.launch) or, narrower than 80 columns and for any
    other command line, by the Typer app itself: neither loads the database stack."""
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['reftrack', *{args!r}]\n"
        "try:\n"
        "    runpy.run_module('reftrack', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('sqlalchemy', 'sqlmodel', 'pendulum', 'alembic'))\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, **rep.env, "COLUMNS": columns},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "HEAVY []" in result.stderr, result.stderr


def test_python_dash_m_runs_the_same_app(rep: Rep) -> None:
    result = run_process(rep, ["contact", "add", "Jane Doe"])
    assert result.returncode == 0, result.stderr
    assert "Added Jane Doe" in result.stdout


def test_shell_completion_offers_contact_names(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe" --company Acme')
    rep.ok('contact add "Jack Smith"')
    env = {
        **os.environ,
        **rep.env,
        "_REFTRACK_COMPLETE": "complete_bash",
        "COMP_WORDS": "reftrack contact show Ja",
        "COMP_CWORD": "3",
    }
    result = subprocess.run(
        [str(Path(sys.executable).parent / "reftrack")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    # Quoted for bash, which puts each offer on the line as it is (issue 13).
    assert result.stdout.splitlines() == ['"Jack Smith"', '"Jane Doe"']


BAD_INPUT = [
    "contact add",
    'contact add "Zed" --birthday 13-01',
    'contact add "Zed" --email zed',
    'contact add "Zed" --kind enemy',
    'contact add "Zed" --date =05-01',
    "contact show nobody",
    "contact show jane",
    "contact edit nobody --email a@b.test",
    "contact edit bob --birthday 02-31",
    "contact edit bob --remove-date wedding",
    "contact archive nobody",
    "contact list --kind friend",
    "config get nosuchkey",
    "config set ask_rate_prior 2",
    "config set workdays someday",
    "config set timezone Mars/Olympus",
    "config set nosuchkey 1",
    "nosuchcommand",
    "close nobody",
    "close bob --value 12x",
    "ask jane --outcome referred",
    "ask bob --on 2026-02-30",
    "ask bob --referral ''",
    "referral add Dana --from nobody",
    "referral update bob --status won",
    "referral inform 7",
    "thank nobody",
    "thank bob --for nobody",
    "give bob --to ''",
    "share bob",
    "share bob --content ''",
    "score bob --liking 9",
    "script --for enemy",
    "template email nobody",
    "log --since whenever",
    "today --on 9999-12-31",
    "summary --week 9999-W52",
    "close bob --value 99999999999999999k",
    "ask bob --on 0001-01-01",
]


@pytest.mark.parametrize("args", BAD_INPUT)
def test_bad_input_is_one_clear_line_and_changes_nothing(rep: Rep, args: str) -> None:
    rep.ok('contact add "Jane Doe" --company Acme')
    rep.ok('contact add "Jane Doe" --company Globex')
    rep.ok('contact add "Bob Stone" --birthday 05-01')
    before = database_dump(rep.db)
    config_before = rep.config.read_bytes() if rep.config.exists() else None
    result = rep.run(args)
    assert result.exit_code in (1, 2), (args, result.exit_code)
    assert "Traceback" not in result.stderr + result.stdout
    if result.exit_code == 1:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stderr.startswith("reftrack: ")
    assert database_dump(rep.db) == before
    assert (rep.config.read_bytes() if rep.config.exists() else None) == config_before


def test_a_broken_clock_override_is_one_clear_line(rep: Rep) -> None:
    result = rep.run("contact list", REFTRACK_NOW="next tuesday-ish")
    assert result.exit_code == 2
    assert result.stderr.startswith("reftrack: REFTRACK_NOW='next tuesday-ish' is not an ISO")


def test_a_broken_config_file_is_one_clear_line(rep: Rep) -> None:
    rep.config.parent.mkdir(parents=True)
    rep.config.write_text("rep = \n")
    result = rep.run("contact list")
    assert result.exit_code == 1
    assert str(rep.config) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_ambiguous_name_never_waits_on_a_closed_stdin(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe" --company Acme')
    rep.ok('contact add "Jane Doe" --company Globex')
    for stdin in (subprocess.DEVNULL, None):
        kwargs = {"stdin": stdin} if stdin is not None else {"input": ""}
        result = run_process(rep, ["contact", "show", "jane"], **kwargs)
        assert result.returncode == 1
        assert "could be 'Jane Doe (Acme)', 'Jane Doe (Globex)'" in result.stderr


def test_on_a_terminal_an_ambiguous_name_can_be_picked(rep: Rep) -> None:
    pexpect = pytest.importorskip("pexpect")
    rep.ok('contact add "Jane Doe" --company Acme')
    rep.ok('contact add "Jane Doe" --company Globex --email jd@globex.test')
    child = pexpect.spawn(
        sys.executable,
        ["-m", "reftrack", "contact", "show", "jane"],
        env={**os.environ, **rep.env},
        encoding="utf-8",
        timeout=30,
    )
    child.expect("could be more than one contact")
    child.expect("2\\) Jane Doe \\(Globex\\)")
    child.expect("Which one\\?")
    child.sendline("2")
    child.expect("jd@globex.test")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_on_a_terminal_a_misspelt_name_offers_the_close_match(rep: Rep) -> None:
    pexpect = pytest.importorskip("pexpect")
    rep.ok('contact add "Carla Mendes" --email carla@initech.test')
    child = pexpect.spawn(
        sys.executable,
        ["-m", "reftrack", "contact", "show", "crala"],
        env={**os.environ, **rep.env},
        encoding="utf-8",
        timeout=30,
    )
    child.expect("Did you mean")
    child.expect("Which one\\?")
    child.sendline("0")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("disk I/O error\nmore detail"),
        sqlite3.DatabaseError("file is not a database"),
    ],
)
def test_a_driver_error_that_gets_through_is_one_line_about_the_database(
    rep: Rep, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    from reftrack.services import today

    def fails(*_args: object, **_kwargs: object) -> object:
        raise error

    monkeypatch.setattr(today, "today_agenda", fails)
    rep.ok('contact add "Jane Doe"')
    result = rep.run("today")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("reftrack: the database could not be used: ")
    assert str(error).splitlines()[0] in result.stderr and "a bug" not in result.stderr
