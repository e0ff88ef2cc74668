"""share, score and off: `list` (and `rm`) are real subcommands, and adding needs no name."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Rep


@pytest.fixture
def rep_with_list(rep: Rep) -> Rep:
    """A rep who knows someone literally called "list", and Jane."""
    rep.ok('contact add "Jane Doe"')
    rep.ok("contact add list")
    return rep


def test_share_names_a_contact_called_list_through_add(rep_with_list: Rep) -> None:
    rep = rep_with_list
    rep.ok('share jane --content "Playbook"')
    rep.ok('share add list --content "Case study"')
    shared = json.loads(rep.ok("share list --json").stdout)
    assert sorted((s["contact"], s["content"]) for s in shared) == [
        ("Jane Doe", "Playbook"),
        ("list", "Case study"),
    ]


def test_share_list_takes_no_content(rep_with_list: Rep) -> None:
    result = rep_with_list.run('share list --content "Playbook"')
    assert result.exit_code == 2
    assert "--content" in result.stderr


def test_score_list_ranks_and_score_add_list_scores_the_contact(rep_with_list: Rep) -> None:
    rep = rep_with_list
    rep.ok("score jane --liking 5 --reciprocity 5")
    rep.ok("score add list --liking 2")
    ranked = json.loads(rep.ok("score list --json").stdout)
    assert [card["contact"] for card in ranked] == ["Jane Doe", "list"]


def test_off_adds_lists_and_removes_days(rep: Rep) -> None:
    rep.ok("off 2026-12-24..2026-12-26 --note holidays")
    rep.ok("off add 2026-12-31")
    listed = json.loads(rep.ok("off list --json").stdout)
    assert [(d["date"], d["note"]) for d in listed] == [
        ("2026-12-24", "holidays"),
        ("2026-12-25", "holidays"),
        ("2026-12-26", "holidays"),
        ("2026-12-31", None),
    ]
    rep.ok("off rm 2026-12-25")
    assert [d["date"] for d in json.loads(rep.ok("off list --json").stdout)] == [
        "2026-12-24",
        "2026-12-26",
        "2026-12-31",
    ]
    assert rep.run("off rm 2027-01-05").exit_code == 1


@pytest.mark.parametrize("group", ["share", "score", "off"])
def test_a_bare_group_shows_its_subcommands(rep: Rep, group: str) -> None:
    result = rep.run(group)
    shown = result.stdout + result.stderr
    assert "list" in shown and "add" in shown


def test_completion_after_share_offers_contacts_and_subcommands(rep_with_list: Rep) -> None:
    env = {
        **os.environ,
        **rep_with_list.env,
        "_REFTRACK_COMPLETE": "complete_bash",
        "COMP_WORDS": "reftrack share Ja",
        "COMP_CWORD": "2",
    }
    result = subprocess.run(
        [str(Path(sys.executable).parent / "reftrack")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert '"Jane Doe"' in result.stdout.splitlines()
