"""`reftrack ask` on a real terminal walks the rep through it; off a terminal it never prompts."""

from __future__ import annotations

import json
import os
import subprocess
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


def test_a_bare_ask_on_a_terminal_asks_who_suggests_words_and_takes_names(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe" --company Acme')
    rep.ok("close jane --deal Fleet")
    child = spawn(rep, "ask")
    child.expect("Whom did you ask\\?")
    child.sendline("jan")
    child.expect("Try: ")
    child.expect("same kind of issue we just solved")
    child.expect("What came of it\\?")
    child.sendline("referred")
    child.expect("one a line")
    child.expect("name")
    child.sendline("Bob Stone@Initech")
    child.expect("name")
    child.sendline("Carla Mendes")
    child.expect("name")
    child.sendline("")
    child.expect("Asked Jane Doe \\(Acme\\) on 2026-11-25, right after the won deal")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    listed = json.loads(rep.ok("referral list --json").stdout)
    assert {r["prospect"] for r in listed} == {"Bob Stone (Initech)", "Carla Mendes"}


def test_after_a_lost_deal_the_suggestion_fits_a_loss(rep: Rep) -> None:
    rep.ok('contact add "Dana Fox"')
    child = spawn(rep, "ask", "dana", "--lost")
    child.expect("not the right fit")
    child.expect("What came of it\\?")
    child.sendline("promised")
    child.expect("Asked Dana Fox on 2026-11-25, right after the lost deal")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (ask,) = json.loads(rep.ok("contact show dana --json").stdout)["asks"]
    assert (ask["outcome"], ask["follow_up_on"]) == ("promised", "2026-11-30")


def test_a_partner_gets_the_partner_phrasing(rep: Rep) -> None:
    rep.ok('contact add "Pat Lee" --kind partner')
    child = spawn(rep, "ask", "pat")
    child.expect("Our customers overlap")
    child.expect("What came of it\\?")
    child.sendline("declined")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_off_a_terminal_a_bare_ask_is_a_usage_error_not_a_prompt(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    env = {**os.environ, **rep.env}
    for args in (["ask"], ["ask", "jane"]):
        result = subprocess.run(
            [sys.executable, "-m", "reftrack", *args],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=30,
        )
        if args == ["ask"]:
            assert result.returncode == 2
            assert "whom you asked" in result.stderr
        else:
            assert result.returncode == 0, result.stderr
            assert "pending" in result.stdout


def test_an_unknown_name_on_a_terminal_is_offered_as_a_new_contact(rep: Rep) -> None:
    child = spawn(rep, "ask", "Maria Lopez")
    child.expect("No contact 'Maria Lopez'. Add them\\?")
    child.sendline("")
    child.expect("company")
    child.sendline("Initech")
    child.expect("kind customer/prospect/partner/network \\[customer\\]")
    child.sendline("pro")
    child.expect("Was there a close\\? won/lost/none \\[none\\]")
    child.sendline("w")
    child.expect("deal")
    child.sendline("Fleet")
    child.expect("value")
    child.sendline("12x")
    child.expect("is not an amount")
    child.expect("value")
    child.sendline("12k")
    child.expect("What came of it\\? referred/promised/declined/pending \\[pending\\]")
    child.sendline("p")
    child.expect("Type one of")
    child.sendline("de")
    child.expect("Added Maria Lopez \\(Initech\\) as a new contact")
    child.expect("Asked Maria Lopez \\(Initech\\) on 2026-11-25, right after the won deal")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    card = json.loads(rep.ok("contact show maria --json").stdout)
    assert (card["company"], card["kind"]) == ("Initech", "prospect")
    (ask,) = card["asks"]
    assert ask["outcome"] == "declined"
    (close,) = card["closes"]
    assert (close["result"], close["deal"], close["value"]) == ("won", "Fleet", 12000)


def test_declining_to_add_records_nothing(rep: Rep) -> None:
    child = spawn(rep, "ask", "Maria Lopez", "--outcome", "declined")
    child.expect("Add them\\?")
    child.sendline("n")
    child.expect("nothing recorded")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert json.loads(rep.ok("contact list --json").stdout) == []


def test_an_empty_answer_takes_the_default_and_no_close_is_no_close(rep: Rep) -> None:
    rep.ok('contact add "Dana Fox"')
    child = spawn(rep, "ask", "dana")
    child.expect("Was there a close\\?")
    child.sendline("")
    child.expect("What came of it\\?")
    child.sendline("")
    child.expect("Asked Dana Fox on 2026-11-25: pending")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    card = json.loads(rep.ok("contact show dana --json").stdout)
    assert card["closes"] == []
