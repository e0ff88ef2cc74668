"""Help and usage errors speak as click and git do: `NAME`, `--deal TEXT`, and where help is."""

from __future__ import annotations

import pytest

from reftrack.cli import COMMANDS, app
from tests.conftest import Rep


def _commands() -> list[list[str]]:
    """Every command and subcommand, as the words that run it."""
    import typer.main

    root = typer.main.get_command(app)
    found: list[list[str]] = []
    for name in COMMANDS:
        command = root.get_command(None, name)  # type: ignore[attr-defined]
        found.append([name])
        for sub in getattr(command, "commands", {}):
            found.append([name, sub])
    return found


@pytest.mark.parametrize("words", _commands(), ids=" ".join)
def test_help_shows_plain_metavars(rep: Rep, words: list[str]) -> None:
    text = rep.ok([*words, "--help"]).stdout
    assert "<str>" not in text and "<int>" not in text, text
    usage = text.splitlines()[0]
    assert "{" not in usage.replace("{email|thanks|intro}", ""), usage


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (["ask", "--on"], "reftrack ask --help"),
        (["close", "Bob", "--value"], "reftrack close --help"),
        (["referral", "add", "Dana", "--from"], "reftrack referral"),
        (["close", "Bob", "--bogus"], "reftrack close --help"),
    ],
)
def test_a_usage_error_says_where_help_is(rep: Rep, args: list[str], where: str) -> None:
    result = rep.run(args)
    assert result.exit_code == 2
    assert where in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_the_command_list_matches_each_commands_own_help() -> None:
    """`reftrack --help` lists SUMMARIES without importing the commands: it must not drift."""
    from reftrack.cli import SUMMARIES, _target, first_help_line

    assert list(SUMMARIES) == list(COMMANDS)
    for name in COMMANDS:
        assert SUMMARIES[name] == first_help_line(_target(name)), name


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        (["import"], "--from [hubspot|salesforce|pipedrive|csv|vcard|reftrack]"),
        (["export"], "--format [json|csv]"),
        (["ask"], "--outcome [referred|promised|declined|pending]"),
        (["contact", "add"], "--kind [customer|prospect|partner|network]"),
    ],
)
def test_an_option_of_a_few_words_lists_them_in_help(
    rep: Rep, words: list[str], shown: str
) -> None:
    # As click shows a choice: the words accepted, not TEXT.
    assert shown in rep.ok([*words, "--help"], COLUMNS="200").stdout
