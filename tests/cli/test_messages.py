"""How reftrack talks when things go wrong: a usage error is one line, like every error."""

from __future__ import annotations

import pytest

from tests.conftest import Rep

USAGE_ERRORS = [
    ("--bogus today", "No such option: --bogus", "reftrack --help"),
    ("nosuchcommand", "No such command 'nosuchcommand'", "reftrack --help"),
    ("contact add", "Missing argument 'name'", "reftrack contact add --help"),
    ("contact add Zed --kind enemy", "'enemy' is not one of", "reftrack contact add --help"),
    ("contact list --bogus", "No such option: --bogus", "reftrack contact list --help"),
    ("stats --weeks 0", "'--weeks'", "reftrack stats --help"),
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
