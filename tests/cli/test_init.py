"""`reftrack init`: the first run asks on a terminal, and only prints commands elsewhere."""

from __future__ import annotations

import json
import os
import sys

import pytest

from tests.conftest import Rep

pexpect = pytest.importorskip("pexpect")


def spawn(rep: Rep, *args: str):
    return pexpect.spawn(
        sys.executable,
        ["-m", "reftrack", *args],
        env={**os.environ, **rep.env, "COLUMNS": "200"},
        encoding="utf-8",
        timeout=30,
    )


def test_init_on_a_terminal_asks_each_setting_and_a_first_goal(rep: Rep) -> None:
    child = spawn(rep, "init")
    child.expect("Your name, as your records are kept \\[")
    child.sendline("Ann Lee")
    child.expect("How you sign your e-mails \\[Ann Lee\\]")
    child.sendline("")
    child.expect("Your ideal customer, in a phrase \\[sales leaders")
    child.sendline("finance teams drowning in spreadsheets")
    child.expect("Your time zone \\[")
    child.sendline("Mars/Olympus")
    child.expect("timezone: ")
    child.expect("Your time zone \\[")
    child.sendline("Europe/Berlin")
    child.expect("Your working days \\[mon,tue,wed,thu,fri\\]")
    child.sendline("mon-thu")
    child.expect("referrals per month \\(blank for none\\)")
    child.sendline("many")
    child.expect("referrals per month \\(blank for none\\)")
    child.sendline("8")
    child.expect("Goal set")
    child.expect("All set")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    settings = json.loads(rep.ok("config show --json").stdout)["settings"]
    assert settings["rep"]["value"] == "Ann Lee"
    assert settings["signature"]["value"] == "Ann Lee"
    assert settings["ideal_customer"]["value"] == "finance teams drowning in spreadsheets"
    assert settings["timezone"]["value"] == "Europe/Berlin"
    assert settings["workdays"]["value"] == "mon,tue,wed,thu"
    goal = json.loads(rep.ok("goal show --json").stdout)
    assert (goal["target"], goal["period"]) == (8, "month")


def test_init_keeps_the_rep_name_that_holds_contacts_and_a_blank_goal_sets_none(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    child = spawn(rep, "init")
    child.expect("contact\\(s\\) are kept under the rep name")
    child.expect("How you sign your e-mails \\[\\]")
    child.sendline("Ann Lee")
    for _question in range(3):
        child.expect("\\[")
        child.sendline("")
    child.expect("referrals per month")
    child.sendline("")
    child.expect("All set")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert json.loads(rep.ok("contact list --json").stdout)[0]["name"] == "Jane Doe"
    assert rep.ok("config get signature").stdout.strip() == "Ann Lee"
    assert "Goal set" not in child.before
    assert json.loads(rep.ok("goal show --json").stdout)["goal"] is None


def test_off_a_terminal_init_asks_nothing_and_prints_the_commands(rep: Rep) -> None:
    result = rep.ok("init")
    assert "reftrack config set signature '<your name>'" in result.stdout
    pasted = rep.run(["config", "set", "signature", "<your name>"])
    assert pasted.exit_code == 2 and "placeholder" in pasted.stderr, pasted.stderr
    assert "reftrack goal set --referrals 4 --per month" in result.stdout
    assert not rep.config.exists()
    document = json.loads(rep.ok("init --json").stdout)
    assert "reftrack config set workdays mon,tue,wed,thu,fri" in document["commands"]
    assert document["settings"]["timezone"] == "UTC"


def test_today_offers_init_on_a_terminal_to_a_newcomer_only(rep: Rep) -> None:
    child = spawn(rep, "today")
    child.expect("New here\\? reftrack init sets your name, signature and first goal.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "New here" not in rep.ok("today").stderr
    rep.ok("config set signature Ann")
    child = spawn(rep, "today")
    child.expect(pexpect.EOF)
    child.close()
    assert "New here" not in child.before
