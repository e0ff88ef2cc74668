"""How reftrack talks when things go wrong: usage errors in one line, a closed pipe in none."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import Rep

USAGE_ERRORS = [
    ("--bogus today", "No such option: --bogus", "reftrack --help"),
    ("nosuchcommand", "No such command 'nosuchcommand'", "reftrack --help"),
    ("contact add", "Missing argument 'NAME'", "reftrack contact add --help"),
    ("contact add Zed --kind enemy", "'enemy' is not one of", "reftrack contact add --help"),
    ("contact list --bogus", "No such option: --bogus", "reftrack contact list --help"),
    ("goal set --per month", "Missing option '--referrals'", "reftrack goal set --help"),
    ("template intro Jane", "say whom you introduce: --for NAME", "reftrack template --help"),
    ("contact nosuch", "No such command 'nosuch'", "reftrack contact --help"),
    ("today extra", "unexpected extra argument", "reftrack today --help"),
]


@pytest.mark.parametrize(("args", "message", "help_command"), USAGE_ERRORS)
def test_a_usage_error_is_one_line_and_exit_two(
    rep: Rep, args: str, message: str, help_command: str
) -> None:
    result = rep.run(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reftrack: ")
    assert message in lines[0]
    assert lines[0].endswith(f"(see `{help_command}`)")


def test_a_bare_group_still_shows_its_help(rep: Rep) -> None:
    result = rep.run("contact")
    assert result.exit_code == 2
    assert "Usage: reftrack contact" in result.stderr and "Commands" in result.stderr


@pytest.fixture
def busy(rep: Rep) -> Rep:
    """A rep with enough on record that every view has something to print."""
    for number in range(40):
        rep.ok(["contact", "add", f"Contact {number:02}", "--company", "Acme"])
        rep.ok(["ask", f"Contact {number:02}", "--outcome", "promised"])
    return rep


@pytest.mark.parametrize(
    "command",
    [
        "contact list --json",
        "contact list",
        "log",
        "log --json",
        "today",
        "summary --format json",
        "summary",
        "stats",
    ],
)
def test_a_reader_that_goes_away_ends_the_run_quietly(busy: Rep, command: str) -> None:
    run = subprocess.Popen(
        [sys.executable, "-m", "reftrack", *command.split()],
        env={**os.environ, **busy.env},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert run.stdout is not None and run.stderr is not None
    run.stdout.close()  # as `| head` does once it has what it wants
    errors = run.stderr.read().decode()
    assert run.wait(timeout=60) == 0, errors
    assert errors == ""


def test_an_argument_that_is_not_utf8_is_refused_before_anything_is_stored(rep: Rep) -> None:
    not_text = b"Jo\x9b".decode("utf-8", "surrogateescape")
    before = rep.db.read_bytes()
    result = rep.run(["contact", "add", not_text])
    assert result.exit_code == 2
    assert "is not valid UTF-8 text" in result.stderr
    assert "\\x9b" in result.stderr and "unexpected" not in result.stderr
    assert rep.db.read_bytes() == before
