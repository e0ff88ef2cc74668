"""Every command that shows data takes --json: one JSON document on stdout, nothing else."""

from __future__ import annotations

import json
from typing import Any

import pytest
import typer.main

from reftrack.cli import app
from tests.cli.test_cron import Crontab, make_crontab
from tests.conftest import Rep

# Commands that show no data, with the reason. Keep this short: a new command shows data.
WITHOUT_JSON: dict[str, str] = {
    "export": "its output is the data itself: a JSON document by default (--format json)",
}


def leaf_commands() -> dict[str, Any]:
    """Every runnable command of the tree, by its path: `today`, `referral list`, …"""
    root = typer.main.get_command(app)
    found: dict[str, Any] = {}

    def walk(group: Any, prefix: str) -> None:
        context = typer.Context(group)
        for name in group.list_commands(context):
            command = group.get_command(context, name)
            assert command is not None, name
            path = f"{prefix}{name}"
            if hasattr(command, "list_commands"):
                walk(command, f"{path} ")
            else:
                found[path] = command

    walk(root, "")
    return found


def test_every_command_that_shows_data_takes_json() -> None:
    commands = leaf_commands()
    assert {"today", "summary", "config get", "cron show", "off add", "demo"} <= set(commands)
    missing = [
        path
        for path, command in commands.items()
        if path not in WITHOUT_JSON
        and not any("--json" in getattr(p, "opts", ()) for p in command.params)
    ]
    assert missing == []
    assert set(WITHOUT_JSON) <= set(commands), "an exception names no command"


@pytest.fixture
def cron_table(tmp_path: Any) -> Crontab:
    return make_crontab(tmp_path / "cron")


# The commands that gained --json, as a rep would type them, in an order that works.
NEWLY_JSON = [
    'contact add "Jane Doe" --company Acme',
    "contact edit jane --email jane@acme.example",
    "goal set --referrals 8 --per month",
    "off add 2026-12-24..2026-12-26",
    "off rm 2026-12-26",
    "script --for lost",
    "template email jane",
    "summary --week this",
    "config set rep ana",
    "config get rep",
    "config unset rep",
    "config path",
    "cron show",
    "cron install --today off",
    "cron remove",
    "contact archive jane",
]


def test_each_new_json_output_is_one_document_on_stdout(
    rep: Rep, cron_table: Crontab, tmp_path: Any
) -> None:
    documents = {}
    demo = f"--db {tmp_path / 'demo.db'} demo --years 1 --contacts 20"
    for command in [*NEWLY_JSON, demo]:
        result = rep.run(f"{command} --json", PATH=cron_table.path)
        assert result.exit_code == 0, (command, result.stdout, result.stderr)
        documents[command] = json.loads(result.stdout)
    assert documents['contact add "Jane Doe" --company Acme']["label"] == "Jane Doe (Acme)"
    assert documents["contact edit jane --email jane@acme.example"]["email"] == (
        "jane@acme.example"
    )
    assert documents["contact archive jane"]["archived"] is True
    assert documents["goal set --referrals 8 --per month"]["target"] == 8
    assert documents["off add 2026-12-24..2026-12-26"]["off"] == [
        "2026-12-24",
        "2026-12-25",
        "2026-12-26",
    ]
    assert documents["off rm 2026-12-26"] == {"working_again": ["2026-12-26"]}
    assert documents["script --for lost"]["for"] == "lost"
    assert documents["template email jane"]["subject"]
    assert documents["summary --week this"]["week"] == "2026-W48"
    assert documents["config get rep"] == {"key": "rep", "value": "ana", "source": "file"}
    assert documents["config unset rep"]["source"] == "default"
    assert documents["cron show"]["jobs"][0]["command"] == ["reftrack", "summary"]
    assert documents["cron install --today off"]["changed"] is True
    assert documents["cron remove"]["removed_jobs"] == ["summary"]
    assert documents[demo]["generated"]["contacts"] == 20
    assert set(documents[demo]) >= {"today", "summary", "stats"}


def test_summary_json_is_format_json(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    rep.ok("ask jane --outcome pending")
    plain = rep.ok("summary --week this --json").stdout
    assert plain == rep.ok("summary --week this --format json").stdout
    refused = rep.run("summary --json --format markdown")
    assert refused.exit_code == 2 and "--json" in refused.stderr
