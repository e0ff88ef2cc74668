"""Shell completion as a shell asks for it (issue 13): names with spaces quoted for bash,
prefixes matched without regard to case as name lookup does, namesakes by their labels,
referral numbers, and the keys of today's items for `snooze`, `done` and `unsnooze`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Rep

REFTRACK = str(Path(sys.executable).parent / "reftrack")


def bash(rep: Rep, line: str, cword: int | None = None) -> list[str]:
    """What bash's completion gets for the last word of `line` (a new word after a space)."""
    env = {
        **os.environ,
        **rep.env,
        "_REFTRACK_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(line.split(" ")) - 1 if cword is None else cword),
    }
    result = subprocess.run([REFTRACK], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return [offer for offer in result.stdout.splitlines() if offer]


def zsh(rep: Rep, line: str) -> str:
    env = {
        **os.environ,
        **rep.env,
        "_REFTRACK_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": line,
    }
    result = subprocess.run([REFTRACK], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def people(rep: Rep) -> Rep:
    rep.ok('contact add "Jane Doe" --company Acme')
    rep.ok('contact add "Jane Doe" --company Globex')
    rep.ok('contact add "Jack Smith"')
    rep.ok('contact add "Sean O\'Brien"')
    rep.ok('contact add "Priya Shah" --kind partner')
    rep.ok('referral add "Eli Park" --from priya --on -3d')
    rep.ok('referral add "Fay Wong" --from priya --on -2d')
    rep.ok("referral update fay --status won")
    rep.ok('referral add "Gus Hale" --from priya --on -1d')
    rep.ok("close jack --deal Fleet --on -1d")
    return rep


def test_names_with_spaces_are_quoted_for_bash(people: Rep) -> None:
    assert bash(people, "reftrack contact show Jac") == ['"Jack Smith"']
    assert bash(people, "reftrack ask Se") == ['"Sean O\'Brien"']
    # A quote already opened is completed the same way: bash replaces the whole word.
    assert bash(people, 'reftrack ask "Jack S', cword=2) == ['"Jack Smith"']


def test_prefixes_match_without_regard_to_case_as_lookup_does(people: Rep) -> None:
    assert bash(people, "reftrack contact show jac") == ['"Jack Smith"']
    assert bash(people, "reftrack contact show JACK") == ['"Jack Smith"']
    # A word of the name, as `reftrack ask smith` finds him.
    assert bash(people, "reftrack thank smi") == ['"Jack Smith"']


def test_namesakes_are_offered_by_their_labels(people: Rep) -> None:
    assert bash(people, "reftrack ask jane") == ['"Jane Doe (Acme)"', '"Jane Doe (Globex)"']


def test_every_command_naming_a_contact_completes_contacts(people: Rep) -> None:
    for line in ("reftrack share ja", "reftrack give ja", "reftrack score add ja"):
        assert '"Jack Smith"' in bash(people, line), line
    assert '"Jack Smith"' in bash(people, "reftrack referral add Zed --from ja")


def test_referral_numbers_complete_once_a_digit_or_hash_is_typed(people: Rep) -> None:
    # Referral #2 is won: only the open ones are offered.
    assert bash(people, "reftrack referral update #") == ['"#1"', '"#3"']
    assert bash(people, "reftrack referral inform 3") == ["3"]
    assert bash(people, "reftrack thank priya --for 1") == ["1"]
    assert '"Eli Park"' in bash(people, "reftrack referral update el")


def test_snooze_and_done_complete_todays_keys(people: Rep) -> None:
    assert bash(people, "reftrack snooze ask") == ["ask-c1"]
    assert bash(people, "reftrack done CONTACT") == ["contact-r1", "contact-r3"]
    offered = bash(people, "reftrack snooze ")
    assert {"ask-c1", "contact-r1", "contact-r3", "thank-5"} <= set(offered)
    people.ok("snooze ask-c1 --days 2")
    assert bash(people, "reftrack snooze a") == []
    assert bash(people, "reftrack unsnooze ") == ["ask-c1"]


def test_zsh_gets_names_unquoted_and_quotes_them_itself(people: Rep) -> None:
    out = zsh(people, "reftrack ask jac")
    assert '"Jack Smith"' in out and '\\"' not in out


def test_config_keys_still_complete_by_prefix(people: Rep) -> None:
    assert bash(people, "reftrack config get time") == ["timezone"]
