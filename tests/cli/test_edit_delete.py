"""Fixing mistakes: ids in the log, `edit ID`, `delete ID [--cascade]`, `goal rm` (issue 13)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import Rep
from tests.postgres import pg_rep, pg_url

__all__ = ["pg_rep", "pg_url"]

HISTORY = [
    'contact add "Jane Doe" --company Acme',
    'contact add "Bob Stone"',
    "close bob --value 12.5k --deal Fleet --on 2026-11-20",
    'ask bob --referral "Dana Reyes@Initech" --on 2026-11-20 --note "at lunch"',
    "thank bob --for Dana",
    'give bob --to "Eve Park"',
    "share bob --content Whitepaper",
    "score bob --liking 4",
    "referral update dana --status contacted --on 2026-11-23",
    "referral inform dana --on 2026-11-24",
    "goal set --referrals 8 --per month --rate 0.25 --from 2026-11-01",
    "off 2026-12-24 --note holidays",
]
# The ids the history above gets, one per kind.
IDS = {"c1", "a1", "r1", "e2", "e3", "t1", "i1", "s1", "k1"}


@pytest.fixture
def history(rep: Rep) -> Rep:
    for args in HISTORY:
        rep.ok(args)
    return rep


def log(rep: Rep) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(rep.ok("log --json").stdout)
    return entries


def entry(rep: Rep, id: str) -> dict[str, Any]:
    return next(e for e in log(rep) if e["id"] == id)


def edited(rep: Rep, args: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(rep.ok(f"edit {args} --json").stdout)
    return {c["field"]: (c["before"], c["after"]) for c in document["changes"]}


def referral(rep: Rep) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(rep.ok("referral list --json").stdout)[0]
    return found


# Ids in the log


def test_every_log_entry_has_a_stable_id_in_text_and_json(history: Rep) -> None:
    ids = [e["id"] for e in log(history)]
    assert set(ids) == IDS and len(ids) == len(IDS)
    text = history.ok("log").stdout
    for line in text.splitlines():
        if line.strip() and not line.startswith(" "):
            assert line.split()[0] in IDS, line
    assert text.count("r1 ") == 1 and "e2 " in text
    # The same ids on another run, and after more is recorded.
    before = {e["id"]: (e["kind"], e["date"], e["contact"]) for e in log(history)}
    history.ok("ask jane --outcome declined")
    after = {e["id"]: (e["kind"], e["date"], e["contact"]) for e in log(history)}
    assert {i: after[i] for i in before} == before
    assert after["a2"] == ("ask", "2026-11-25", "Jane Doe (Acme)")


def test_days_off_and_goals_show_their_ids(history: Rep) -> None:
    assert "o1" in history.ok("off list").stdout
    assert json.loads(history.ok("off list --json").stdout)[0]["id"] == "o1"
    assert "goal g1" in history.ok("goal show").stdout
    assert json.loads(history.ok("goal show --json").stdout)["id"] == "g1"


# Edit, each kind


def test_edit_a_close_shows_before_and_after(history: Rep) -> None:
    text = history.ok("edit C1 --value 15k --deal 'Fleet 2' --on 2026-11-19 --outcome lost").stdout
    assert "Edited c1 (close, Bob Stone, 2026-11-19):" in text
    assert "value: 12,500 → 15,000" in text and "deal: Fleet → Fleet 2" in text
    assert "date: 2026-11-20 → 2026-11-19" in text and "result: won → lost" in text
    close = entry(history, "c1")
    assert (close["date"], close["value"], close["deal"], close["result"]) == (
        "2026-11-19",
        15000.0,
        "Fleet 2",
        "lost",
    )
    assert "Nothing changed" in history.ok("edit c1 --value 15k").stdout


def test_edit_an_ask_and_point_it_at_another_contact(history: Rep) -> None:
    changes = edited(history, "a1 --channel call --note '' --name jane")
    assert changes == {
        "contact": ("Bob Stone", "Jane Doe (Acme)"),
        "channel": (None, "call"),
        "note": ("at lunch", None),
    }
    ask = entry(history, "a1")
    assert (ask["contact"], ask["outcome"], ask["note"]) == ("Jane Doe (Acme)", "referred", None)
    # The referral it brought, and the thank-you for it, went along to Jane.
    assert referral(history)["referrer"] == "Jane Doe (Acme)"
    assert entry(history, "t1")["contact"] == "Jane Doe (Acme)"


def test_edit_a_referral_and_its_steps(history: Rep) -> None:
    assert edited(history, "r1 --on 2026-11-21 --note 'warm intro'") == {
        "date": ("2026-11-20", "2026-11-21"),
        "note": (None, "warm intro"),
    }
    assert entry(history, "r1")["date"] == "2026-11-21"
    assert edited(history, "r1 --status meeting") == {"status": ("contacted", "meeting")}
    assert referral(history)["status"] == "meeting"
    assert edited(history, "e2 --status proposal --on 2026-11-22") == {
        "date": ("2026-11-23", "2026-11-22"),
        "status": ("meeting", "proposal"),
    }
    now = referral(history)
    assert (now["status"], now["status_changed_on"]) == ("proposal", "2026-11-22")
    assert edited(history, "e3 --on 2026-11-25")["date"] == ("2026-11-24", "2026-11-25")
    assert referral(history)["informed_on"] == "2026-11-25"
    assert edited(history, "r1 --value 9k --status won") == {
        "status": ("proposal", "won"),
        "value": (None, 9000.0),
    }


def test_edit_thanks_given_share_score_day_off_and_goal(history: Rep) -> None:
    assert edited(history, "t1 --gift Wine --on 2026-11-26") == {
        "date": ("2026-11-25", "2026-11-26"),
        "gift": (None, "Wine"),
    }
    assert entry(history, "t1")["how"] == "gift"
    assert edited(history, "i1 --to 'Eve Parker' --company Initech")["to"] == (
        "Eve Park",
        "Eve Parker",
    )
    assert edited(history, "s1 --forwarded --url https://x.test") == {
        "url": (None, "https://x.test"),
        "forwarded": (False, True),
    }
    assert entry(history, "s1")["forwarded"] is True
    assert edited(history, "k1 --liking 5 --commitment 2") == {
        "liking": (4, 5),
        "commitment": (None, 2),
    }
    assert edited(history, "o1 --on 2026-12-31") == {"date": ("2026-12-24", "2026-12-31")}
    assert json.loads(history.ok("off list --json").stdout)[0]["date"] == "2026-12-31"
    assert edited(history, "g1 --referrals 12 --per quarter") == {
        "target": (8, 12),
        "period": ("month", "quarter"),
    }
    goal = json.loads(history.ok("goal show --json").stdout)
    assert (goal["target"], goal["period"]) == (12, "quarter")


def test_edits_show_in_today(history: Rep) -> None:
    history.ok("ask jane --outcome promised --on 2026-11-18")
    assert "follow_up" in {
        i["kind"] for i in json.loads(history.ok("today --json").stdout)["items"]
    }
    history.ok("edit a2 --outcome declined")
    assert "follow_up" not in {
        i["kind"] for i in json.loads(history.ok("today --json").stdout)["items"]
    }


def test_edit_refuses_what_creation_refuses_and_changes_nothing(history: Rep) -> None:
    before = history.db.read_bytes()
    for args, code, says in [
        ("edit c1 --on 2026-02-30", 2, "2026-02-30"),
        ("edit c1 --value -5", 2, "is not an amount"),
        ("edit c1 --outcome maybe", 2, "is not one of won, lost"),
        ("edit a1 --outcome maybe", 2, "is not one of referred"),
        ("edit r1 --status sideways", 2, "sideways"),
        ("edit e2 --status new", 2, "new only when it arrives"),
        ("edit e3 --status won", 2, "is a report to the referrer"),
        ("edit r1 --on 2026-11-30", 2, "after a later step"),
        ("edit r1 --from jane", 1, "came from ask a1"),
        ("edit c1 --name jane", 1, "has asks that followed it: a1"),
        ("edit k1 --liking 6", 2, "scores run from 1 to 5"),
        ("edit g1 --rate 11", 2, "a rate is 0.01 to 10"),
        ("edit c1 --note hi", 2, "--note does not apply to c1"),
        ("edit c1", 2, "say what to change"),
        ("edit c9 --value 1", 1, "no such entry 'c9'"),
        ("edit q1 --value 1", 2, "is not an entry id"),
    ]:
        result = history.run(args)
        assert result.exit_code == code, (args, result.stderr)
        assert says in result.stderr and result.stderr.count("\n") == 1, (args, result.stderr)
        assert result.stdout == ""
    assert history.db.read_bytes() == before


# Delete


def test_delete_each_kind_that_nothing_hangs_on(history: Rep) -> None:
    for id in ("t1", "i1", "s1", "k1", "e3", "e2"):
        text = history.ok(f"delete {id}").stdout
        assert text.startswith(f"Deleted {id} ("), text
    assert {e["id"] for e in log(history)} == {"c1", "a1", "r1"}
    # With its steps gone, the referral is new and untold again.
    now = referral(history)
    assert (now["status"], now["informed_on"]) == ("new", None)
    history.ok("delete o1")
    assert json.loads(history.ok("off list --json").stdout) == []
    document = json.loads(history.ok("delete g1 --json").stdout)
    assert document["deleted"][0]["id"] == "g1"
    assert json.loads(history.ok("goal show --json").stdout)["goal"] is None


def test_an_entry_others_hang_on_needs_cascade(history: Rep) -> None:
    before = history.db.read_bytes()
    refused = history.run("delete c1")
    assert refused.exit_code == 1
    assert "c1 has entries that hang on it: a1, r1, e2, e3, t1" in refused.stderr
    assert "reftrack delete c1 --cascade" in refused.stderr
    assert "r1, e2, e3, t1" in history.run("delete a1").stderr
    assert "e2, e3, t1" in history.run("delete r1").stderr
    assert "delete r1" in history.run("delete e1").stderr
    assert history.db.read_bytes() == before

    assert json.loads(history.ok("summary --week 2026-W47 --json").stdout)["closes"] == 1
    document = json.loads(history.ok("delete c1 --cascade --json").stdout)
    assert [d["id"] for d in document["deleted"]] == ["c1", "a1", "r1", "e2", "e3", "t1"]
    assert {e["id"] for e in log(history)} == {"i1", "s1", "k1"}
    assert json.loads(history.ok("referral list --json").stdout) == []
    assert json.loads(history.ok("summary --week 2026-W47 --json").stdout)["closes"] == 0


def test_edit_and_cascade_on_postgresql(pg_rep: Rep) -> None:
    for args in HISTORY:
        pg_rep.ok(args)
    assert {e["id"] for e in log(pg_rep)} == IDS
    assert edited(pg_rep, "e2 --status meeting") == {"status": ("contacted", "meeting")}
    assert referral(pg_rep)["status"] == "meeting"
    assert edited(pg_rep, "c1 --value 15k")["value"] == (12500.0, 15000.0)
    assert pg_rep.run("delete c1").exit_code == 1
    pg_rep.ok("delete c1 --cascade")
    assert {e["id"] for e in log(pg_rep)} == {"i1", "s1", "k1"}
    pg_rep.ok("goal rm g1")
    pg_rep.ok("config set rep zoe")
    assert "no such entry" in pg_rep.run("delete k1").stderr


def test_a_referral_alone_goes_without_cascade(rep: Rep) -> None:
    rep.ok('contact add "Bob Stone"')
    rep.ok('referral add "Dana Reyes" --from bob')
    assert "Deleted r1 (referral, Dana Reyes, 2026-11-25)." in rep.ok("delete r1").stdout
    assert log(rep) == []


def test_delete_asks_first_on_a_terminal(history: Rep, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reftrack.cli.context.interactive", lambda: True)
    declined = history.run("delete k1", input="n\n")
    assert declined.exit_code == 1 and "Delete k1 (score, Bob Stone" in declined.stderr
    assert "Nothing deleted." in declined.stderr
    assert "k1" in {e["id"] for e in log(history)}
    assert history.run("delete k1", input="y\n").exit_code == 0
    assert history.ok("delete s1 --yes").stdout.startswith("Deleted s1")
    assert {"k1", "s1"}.isdisjoint({e["id"] for e in log(history)})


# Another rep's entries, and goal rm


def test_another_reps_ids_are_no_such_entry(history: Rep) -> None:
    history.ok("config set rep zoe")
    before = history.db.read_bytes()
    for args in ("edit c1 --value 1", "delete a1 --cascade", "edit g1 --referrals 2", "goal rm g1"):
        result = history.run(args)
        assert result.exit_code == 1 and "no such entry" in result.stderr, args
    assert history.db.read_bytes() == before


def test_goal_rm_by_id_or_by_a_day_in_force(history: Rep) -> None:
    history.ok("goal set --referrals 10 --per month --from 2026-12-01")
    assert "Removed g2 (goal, from 2026-12-01)." in history.ok("goal rm 2026-12-15").stdout
    assert json.loads(history.ok("goal show --on 2026-12-15 --json").stdout)["id"] == "g1"
    assert json.loads(history.ok("goal rm today --json").stdout) == {
        "removed": [{"id": "g1", "from": "2026-11-01"}]
    }
    assert "no goal is in force" in history.run("goal rm today").stderr


def test_an_asks_outcome_and_follow_up_are_held_to_asks_rules(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    rep.ok('contact add "Ann Lee"')
    rep.ok('ask jane --referral "Bob Stone" --on 2026-11-20')
    rep.ok("ask ann --outcome declined --on 2026-11-20")
    before = log(rep)
    for args, code, says in [
        ("edit a1 --outcome declined", 1, "a1 brought referrals (r1)"),
        ("edit a2 --follow-up 2026-11-25", 2, "--follow-up goes with the outcome"),
        ("edit a2 --outcome promised --follow-up 2026-11-19", 2, "cannot come before the ask"),
    ]:
        refused = rep.run(args)
        assert refused.exit_code == code, (args, refused.stderr)
        assert refused.stderr.count("\n") == 1 and says in refused.stderr
    assert log(rep) == before
    # An outcome followed up gets the day `ask` would give it; one that is not, loses it.
    pending = rep.ok("edit a2 --outcome pending").stdout
    assert "follow up on: (none) → 2026-11-23" in pending
    assert "Follow up with Ann Lee" in rep.ok("today --all", REFTRACK_NOW="2026-11-23T09:00").stdout
    declined = rep.ok("edit a2 --outcome declined").stdout
    assert "follow up on: 2026-11-23 → (none)" in declined
    assert "Ann Lee" not in rep.ok("today --all", REFTRACK_NOW="2026-11-23T09:00").stdout


def test_a_referral_corrected_to_won_makes_its_prospect_a_customer(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    rep.ok('referral add "Bob Stone" --from jane --on 2026-11-18')
    rep.ok("referral update 1 --status contacted --on 2026-11-19")
    rep.ok("edit r1 --status won")
    kinds = {c["name"]: c["kind"] for c in json.loads(rep.ok("contact list --json").stdout)}
    assert kinds["Bob Stone"] == "customer"
    rep.ok("undo")
    kinds = {c["name"]: c["kind"] for c in json.loads(rep.ok("contact list --json").stdout)}
    assert kinds["Bob Stone"] == "prospect"
