"""The ask loop as a rep lives it: close, ask, follow the referral through, thank, give back."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Rep

# On SQLite and on PostgreSQL: the representative subset that runs on both engines.
pytestmark = pytest.mark.both_engines


@pytest.fixture
def jane(rep: Rep) -> Rep:
    """A rep with one happy customer, Jane Doe of Acme."""
    rep.ok('contact add "Jane Doe" --company Acme')
    return rep


def referrals(rep: Rep, *args: str) -> list[dict]:
    return json.loads(rep.ok(["referral", "list", *args, "--json"]).stdout)


def record(rep: Rep, name: str) -> dict:
    return json.loads(rep.ok(["contact", "show", name, "--json"]).stdout)


# Closes and asks


def test_close_records_the_deal_and_nudges_to_ask(jane: Rep) -> None:
    result = jane.ok('close jane --deal "Fleet renewal" --value 12,500.50 --crm-id SF-1')
    assert "Recorded a won deal with Jane Doe (Acme) “Fleet renewal”, 12,500.50" in result.stdout
    assert 'reftrack ask "Jane Doe (Acme)"' in result.stdout
    (close,) = record(jane, "jane")["closes"]
    assert close == {
        "id": 1,
        "closed_on": "2026-11-25",
        "result": "won",
        "deal": "Fleet renewal",
        "value": 12500.5,
        "crm_id": "SF-1",
    }


def test_a_lost_close_is_recorded_as_lost(jane: Rep) -> None:
    jane.ok("close jane --lost --on yesterday")
    (close,) = record(jane, "jane")["closes"]
    assert (close["result"], close["closed_on"]) == ("lost", "2026-11-24")


def test_an_ask_with_names_creates_prospects_and_new_referrals(jane: Rep) -> None:
    jane.ok('contact add "Bob Stone" --company Initech --kind customer')
    result = jane.ok(
        'ask jane --referral "Bob Stone@Initech" --referral "Carla Mendes@Globex"'
        " --channel call --note 'after the QBR'"
    )
    assert "Asked Jane Doe (Acme) on 2026-11-25: referred." in result.stdout
    assert "Carla Mendes (Globex) (new contact)" in result.stdout
    assert "Bob Stone (Initech) (new contact)" not in result.stdout
    assert 'reftrack thank "Jane Doe (Acme)"' in result.stdout
    assert "1 ask today" in result.stdout
    listed = referrals(jane)
    assert {(r["prospect"], r["referrer"], r["status"]) for r in listed} == {
        ("Bob Stone (Initech)", "Jane Doe (Acme)", "new"),
        ("Carla Mendes (Globex)", "Jane Doe (Acme)", "new"),
    }
    carla = record(jane, "carla")
    assert carla["kind"] == "prospect"
    assert carla["referred_by"][0]["referrer"] == "Jane Doe (Acme)"
    (ask,) = record(jane, "jane")["asks"]
    assert ask["outcome"] == "referred" and ask["channel"] == "call"
    assert ask["note"] == "after the QBR"


def test_an_ask_ties_to_the_latest_close_without_an_ask(jane: Rep) -> None:
    jane.ok("close jane --deal first --on -10d")
    jane.ok("close jane --deal second --on -3d")
    jane.ok("ask jane --outcome declined")
    jane.ok("ask jane --outcome declined")
    asks = record(jane, "jane")["asks"]
    closes = {c["id"]: c["deal"] for c in record(jane, "jane")["closes"]}
    assert sorted(closes[a["close_id"]] for a in asks) == ["first", "second"]
    jane.ok("ask jane --outcome declined")
    assert record(jane, "jane")["asks"][0]["close_id"] is None


def test_won_records_the_close_in_the_same_breath(jane: Rep) -> None:
    result = jane.ok('ask jane --won --deal "Fleet renewal" --value 40k --referral "Bob Stone"')
    assert "on 2026-11-25, right after the won deal" in result.stdout
    jane_record = record(jane, "jane")
    assert jane_record["closes"][0]["value"] == 40000
    assert jane_record["asks"][0]["close_id"] == jane_record["closes"][0]["id"]


def test_promised_and_pending_get_a_follow_up(jane: Rep) -> None:
    jane.ok("ask jane --outcome promised")
    jane.ok("ask jane --outcome pending --follow-up friday")
    jane.ok("config set follow_up_days 5")
    jane.ok("ask jane")
    jane.ok("ask jane --outcome declined")
    asks = sorted(record(jane, "jane")["asks"], key=lambda a: a["id"])
    assert [(a["outcome"], a["follow_up_on"]) for a in asks] == [
        ("promised", "2026-11-30"),  # three days on is a Saturday: the next working day
        ("pending", "2026-11-27"),
        ("pending", "2026-11-30"),
        ("declined", None),
    ]


def test_back_filled_asks_use_the_given_day(jane: Rep) -> None:
    jane.ok("ask jane --outcome promised --on 2026-11-20")
    (ask,) = record(jane, "jane")["asks"]
    assert (ask["asked_on"], ask["follow_up_on"]) == ("2026-11-20", "2026-11-23")


def test_asks_today_counts_only_today(jane: Rep) -> None:
    jane.ok("ask jane --outcome declined --on yesterday")
    jane.ok("ask jane --outcome declined")
    assert "2 asks today" in jane.ok("ask jane --outcome declined").stdout


def test_a_name_given_twice_is_the_same_prospect(jane: Rep) -> None:
    jane.ok('ask jane --referral "Bob Stone"')
    jane.ok('contact add "Sam Ray"')
    jane.ok('ask sam --referral "bob stone"')
    assert len(json.loads(jane.ok("contact list --json").stdout)) == 3
    assert len(referrals(jane)) == 2


@pytest.mark.parametrize(
    "args, code, message",
    [
        ("ask jane --referral Bob --outcome declined", 2, "--referral goes with the outcome"),
        ("ask jane --won --lost", 2, "either --won or --lost"),
        ("ask jane --deal X", 2, "--deal goes with --won or --lost"),
        ("ask jane --outcome maybe", 2, "maybe"),
        ("ask jane --on 2026-13-01", 2, "no month 13"),
        ("ask jane --outcome promised --follow-up -3d", 2, "cannot come before the ask"),
        ("ask jane --won --value lots", 2, "is not an amount"),
        ("ask nobody", 1, "no contact 'nobody'"),
        ("ask", 2, "whom you asked"),
        ("ask jane --referral 'Jane Doe@Acme'", 1, "cannot refer themselves"),
        ("close jane --value -5", 2, "not an amount"),
        ("close jane --on someday", 2, "is not a date"),
    ],
)
def test_a_bad_ask_or_close_writes_nothing(jane: Rep, args: str, code: int, message: str) -> None:
    result = jane.run(args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    jane_record = record(jane, "jane")
    assert jane_record["asks"] == [] and jane_record["closes"] == []
    assert len(json.loads(jane.ok("contact list --json").stdout)) == 1


# Referrals followed through


def test_a_referral_without_an_ask(jane: Rep) -> None:
    jane.ok('contact add "Pat Lee" --kind partner')
    result = jane.ok('referral add "Dana Fox" --company Hooli --from pat --note "met at expo"')
    assert "Referral #1: Dana Fox (Hooli) (new contact), from Pat Lee" in result.stdout
    (referral,) = referrals(jane, "--from", "pat")
    assert (referral["prospect"], referral["note"]) == ("Dana Fox (Hooli)", "met at expo")
    assert record(jane, "pat")["asks"] == []


def test_status_changes_keep_a_dated_history_and_a_won_value(jane: Rep) -> None:
    jane.ok('ask jane --referral "Bob Stone" --on 2026-11-02')
    jane.ok("referral update bob --status contacted --on 2026-11-03")
    result = jane.ok("referral update bob --status meeting --on 2026-11-10 --note 'demo booked'")
    assert "Referral #1 Bob Stone is now at the meeting stage." in result.stdout
    assert "reftrack referral inform 1" in result.stdout
    jane.ok("referral update '#1' --status won --value 18k")
    (referral,) = referrals(jane)
    assert referral["status"] == "won" and referral["value"] == 18000
    assert [(h["date"], h["status"], h["note"]) for h in referral["history"]] == [
        ("2026-11-02", "new", None),
        ("2026-11-03", "contacted", None),
        ("2026-11-10", "meeting", "demo booked"),
        ("2026-11-25", "won", None),
    ]


def test_referral_list_filters(jane: Rep) -> None:
    jane.ok('contact add "Pat Lee" --kind partner')
    jane.ok('ask jane --referral "Bob Stone" --referral "Carla Mendes"')
    jane.ok('referral add "Dana Fox" --from pat')
    jane.ok("referral update bob --status won")
    jane.ok("referral update carla --status meeting")
    assert [r["prospect"] for r in referrals(jane, "--status", "meeting")] == ["Carla Mendes"]
    assert {r["prospect"] for r in referrals(jane, "--open")} == {"Carla Mendes", "Dana Fox"}
    assert [r["prospect"] for r in referrals(jane, "--from", "pat")] == ["Dana Fox"]
    assert "Carla Mendes" in jane.ok("referral list").stdout


def test_inform_records_when_the_referrer_was_told(jane: Rep) -> None:
    jane.ok('ask jane --referral "Bob Stone" --on -5d')
    jane.ok("referral update bob --status meeting --on -2d")
    result = jane.ok("referral inform bob --note 'called her'")
    assert "Told Jane Doe (Acme) about Bob Stone (meeting) on 2026-11-25." in result.stdout
    (referral,) = referrals(jane)
    assert referral["informed_on"] == "2026-11-25"
    assert referral["history"][-1] == {
        "date": "2026-11-25",
        "kind": "inform",
        "status": None,
        "note": "called her",
    }


@pytest.mark.parametrize(
    "args, code, message",
    [
        ("referral update bob --status pending", 2, "pending"),
        ("referral update bob --status new", 1, "already new"),
        ("referral update bob --status meeting --value 5k", 2, "--value goes with --status won"),
        ("referral update '#99' --status won", 1, "no referral #99"),
        ("referral update jane --status won", 1, "was never referred to you"),
        ("referral update bob --status won --on 2026-01-01", 2, "before the referral arrived"),
        ("referral inform nobody", 1, "no contact 'nobody'"),
        ("referral add Dana --from nobody", 1, "no contact 'nobody'"),
        ("referral list --status maybe", 2, "maybe"),
    ],
)
def test_bad_referral_input_writes_nothing(jane: Rep, args: str, code: int, message: str) -> None:
    jane.ok('ask jane --referral "Bob Stone"')
    before = referrals(jane)
    result = jane.run(args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert message in result.stderr
    assert referrals(jane) == before


def test_several_open_referrals_of_one_prospect_are_named_by_number(jane: Rep) -> None:
    jane.ok('contact add "Pat Lee" --kind partner')
    jane.ok('ask jane --referral "Bob Stone"')
    jane.ok('referral add "Bob Stone" --from pat')
    result = jane.run("referral update bob --status contacted")
    assert result.exit_code == 1
    assert "several open referrals (#2, #1)" in result.stderr
    jane.ok("referral update 2 --status contacted")


# Thanks, giving back, shares, scores


def test_thank_without_for_covers_every_unthanked_referral(jane: Rep) -> None:
    jane.ok('ask jane --referral "Bob Stone" --referral "Carla Mendes" --on -2d')
    result = jane.ok("thank jane --gift 'coffee voucher'")
    assert "Thanked Jane Doe (Acme) with a gift (coffee voucher) on 2026-11-25." in result.stdout
    assert "for Carla Mendes, Bob Stone" in result.stdout
    assert all(r["thanked"] for r in referrals(jane))
    jane.ok('ask jane --referral "Dana Fox"', REFTRACK_NOW="2026-11-26")
    assert [r["prospect"] for r in referrals(jane) if not r["thanked"]] == ["Dana Fox"]


def test_thank_for_one_referral_and_by_call(jane: Rep) -> None:
    jane.ok('ask jane --referral "Bob Stone"')
    result = jane.ok("thank jane --for bob --call")
    assert "with a call" in result.stdout and "for Bob Stone" in result.stdout
    (thanks,) = record(jane, "jane")["thank_yous"]
    assert (thanks["kind"], thanks["for"]) == ("call", "Bob Stone")


def test_thank_refuses_a_referral_from_someone_else(jane: Rep) -> None:
    jane.ok('contact add "Pat Lee" --kind partner')
    jane.ok('referral add "Dana Fox" --from pat')
    result = jane.run("thank jane --for dana")
    assert result.exit_code == 1
    assert "Dana Fox was not referred by Jane Doe (Acme)" in result.stderr
    assert jane.run("thank jane --gift cake --call").exit_code == 2
    assert record(jane, "jane")["thank_yous"] == []


def test_give_builds_the_ledger_of_received_and_given(jane: Rep) -> None:
    jane.ok('ask jane --referral "Bob Stone" --referral "Carla Mendes" --referral "Dana Fox"')
    result = jane.ok('give jane --to "Zoe Park" --company Umbrella --note "needs a CFO"')
    assert "Introduced Jane Doe (Acme) to Zoe Park (Umbrella)" in result.stdout
    assert "1 introduction you have given them" in result.stdout
    jane_record = record(jane, "jane")
    assert jane_record["balance"] == {"received": 3, "given": 1, "owed": 2}
    assert jane_record["referrals_given"][0]["to"] == "Zoe Park"
    assert "you owe them 2" in jane.ok("contact show jane").stdout


def test_share_and_mark_it_passed_on(jane: Rep) -> None:
    jane.ok('contact add "Bob Stone"')
    result = jane.ok('share jane bob --content "Referral playbook" --url https://ex.test/p')
    assert result.stdout.count("Shared “Referral playbook”") == 2
    jane.ok('share bob --content "referral playbook" --forwarded')
    listed = json.loads(jane.ok("share list --json").stdout)
    assert {(s["contact"], s["forwarded"]) for s in listed} == {
        ("Jane Doe (Acme)", False),
        ("Bob Stone", True),
    }
    assert len(listed) == 2
    assert "passed on" in jane.ok("share list").stdout
    assert jane.run("share jane").exit_code == 2


def test_scores_merge_into_the_latest_card_and_rank(jane: Rep) -> None:
    jane.ok('contact add "Bob Stone"')
    jane.ok("score jane --liking 5 --reciprocity 4 --credibility 4 --on -30d")
    jane.ok("score jane --commitment 2")
    jane.ok("score bob --liking 3 --credibility 2")
    ranked = json.loads(jane.ok("score list --json").stdout)
    assert [s["contact"] for s in ranked] == ["Jane Doe (Acme)", "Bob Stone"]
    top = ranked[0]
    assert (top["liking"], top["reciprocity"], top["credibility"], top["commitment"]) == (
        5,
        4,
        4,
        2,
    )
    assert top["ready_for_commitment"] is True and ranked[1]["ready_for_commitment"] is False
    assert "ask for a referral commitment" in jane.ok("score list").stdout
    assert len(record(jane, "jane")["scores"]) == 2
    jane.ok("score jane --commitment 4")
    assert json.loads(jane.ok("score list --json").stdout)[0]["ready_for_commitment"] is False


@pytest.mark.parametrize(
    "args",
    [
        "score jane --liking 6",
        "score jane --credibility 0",
        "score jane",
        "score jane --liking four",
    ],
)
def test_bad_scores_are_refused(jane: Rep, args: str) -> None:
    result = jane.run(args)
    assert result.exit_code == 2, result.stderr
    assert record(jane, "jane")["scores"] == []


# Helping the rep ask well


@pytest.mark.parametrize(
    "situation, words",
    [
        ("won", "same kind of issue we just solved"),
        ("lost", "not the right fit"),
        ("partner", "Our customers overlap"),
        ("network", "sales leaders at companies"),
    ],
)
def test_script_has_phrasings_for_each_situation(rep: Rep, situation: str, words: str) -> None:
    result = rep.ok(["script", "--for", situation])
    assert words in result.stdout
    assert "who else wants" not in result.stdout.lower()
    assert "reftrack template email" in result.stdout


def test_templates_are_signed_and_name_the_people(jane: Rep) -> None:
    jane.ok("config set signature 'Ana Ruiz'")
    jane.ok("config set ideal_customer 'finance teams drowning in spreadsheets'")
    email = jane.ok("template email jane").stdout
    assert email.startswith("Subject: An introduction to")
    assert "finance teams drowning in spreadsheets" in email and email.rstrip().endswith("Ana Ruiz")
    jane.ok('ask jane --referral "Bob Stone"')
    assert "Thank you for introducing me to Bob Stone." in jane.ok("template thanks jane").stdout
    intro = jane.ok('template intro jane --for "Zoe Park@Umbrella"').stdout
    assert "Jane, meet Zoe Park of Umbrella." in intro
    assert jane.run("template intro jane").exit_code == 2
    assert jane.run("template letter jane").exit_code == 2


# The record


def test_contact_show_is_the_relationship_view(jane: Rep) -> None:
    jane.ok('ask jane --won --deal "Fleet" --referral "Bob Stone"')
    jane.ok("thank jane")
    jane.ok('give jane --to "Zoe Park"')
    jane.ok('share jane --content "Guide"')
    jane.ok("score jane --liking 5")
    shown = jane.ok("contact show jane").stdout
    for heading in (
        "Closes",
        "Asks",
        "Referrals they gave you",
        "Introductions you gave them",
        "Thank-yous",
        "Shared with them",
        "Scorecard",
        "Balance",
    ):
        assert heading in shown, heading
    assert "Bob Stone: new (thanked)" in shown


def test_log_lists_everything_newest_first_and_since_a_day(jane: Rep) -> None:
    jane.ok("close jane --deal Fleet --on 2026-11-20")
    jane.ok('ask jane --referral "Bob Stone" --note "over lunch" --on 2026-11-21')
    jane.ok("referral update bob --status meeting --on 2026-11-23")
    jane.ok("thank jane --on 2026-11-24")
    entries = json.loads(jane.ok("log --json").stdout)
    assert [(e["date"], e["kind"]) for e in entries] == [
        ("2026-11-24", "thank"),
        ("2026-11-23", "status"),
        ("2026-11-21", "referral"),
        ("2026-11-21", "ask"),
        ("2026-11-20", "close"),
    ]
    assert next(e for e in entries if e["kind"] == "ask")["note"] == "over lunch"
    recent = json.loads(jane.ok("log --since 2026-11-23 --json").stdout)
    assert [e["kind"] for e in recent] == ["thank", "status"]
    assert "over lunch" in jane.ok("log").stdout


def test_user_text_with_markup_prints_as_typed(jane: Rep) -> None:
    jane.ok(["ask", "jane", "--referral", "[b]Bob[/b]", "--note", "[red]hot[/]"])
    assert "[b]Bob[/b]" in jane.ok("referral list").stdout
    assert "[red]hot[/]" in jane.ok("log").stdout


def test_an_ask_reports_progress_against_todays_goal(jane: Rep) -> None:
    jane.ok("goal set --referrals 2 --per month --rate 0.5 --from 2026-11-01")
    assert "1 of 1 ask today: daily goal met." in jane.ok("ask jane --outcome declined").stdout
    back_filled = jane.ok("ask jane --outcome declined --on 2026-11-20").stdout
    assert "1 of 1 ask on 2026-11-20: daily goal met." in back_filled
    jane.ok("goal set --referrals 40 --per month --rate 0.5")
    assert "2 of 20 asks today: keep going." in jane.ok("ask jane --outcome declined").stdout


def test_every_recording_command_can_answer_in_json(jane: Rep) -> None:
    def run(args: str) -> dict:
        return json.loads(jane.ok(args + " --json").stdout)

    close = run("close jane --deal Fleet --value 12k")
    assert (close["result"], close["value"], close["contact"]) == ("won", 12000, "Jane Doe (Acme)")
    ask = run('ask jane --referral "Bob Stone"')
    assert ask["close"]["id"] == close["id"] and ask["new_contacts"] == ["Bob Stone"]
    assert ask["referrals"][0]["status"] == "new"
    assert run("referral update bob --status contacted")["status"] == "contacted"
    assert run("referral inform bob")["informed_on"] == "2026-11-25"
    assert run("referral add Dana --from jane")["prospect"] == "Dana"
    thanks = run("thank jane --gift cake")
    assert (thanks["kind"], sorted(thanks["covers"])) == ("gift", ["Bob Stone", "Dana"])
    given = run('give jane --to "Zoe Park"')
    assert (given["to"], given["introductions_given_to_contact"]) == ("Zoe Park", 1)


def test_forwarded_without_a_title_marks_the_latest_share(jane: Rep) -> None:
    jane.ok('share jane --content "Old guide" --on -10d')
    jane.ok('share jane --content "New guide" --on -2d')
    result = jane.ok("share jane --forwarded")
    assert "Shared “New guide” with Jane Doe (Acme) on 2026-11-23 — passed on." in result.stdout
    listed = {s["content"]: s["forwarded"] for s in json.loads(jane.ok("share list --json").stdout)}
    assert listed == {"Old guide": False, "New guide": True}
    jane.ok('contact add "Bob Stone"')
    result = jane.run("share bob --forwarded")
    assert result.exit_code == 1 and "nothing was shared with Bob Stone yet" in result.stderr


def test_templates_never_sign_as_the_login_name(jane: Rep) -> None:
    import getpass

    login = getpass.getuser()
    for command in ("template email jane", "template thanks jane", "template intro jane --for Zoe"):
        result = jane.ok(command)
        assert "[your name]" in result.stdout
        assert f"\n{login}\n" not in result.stdout + "\n"
        assert f"introduce {login}." not in result.stdout
        assert "reftrack config set signature" in result.stderr
    assert jane.ok("template email jane --json").stdout.count('"signed": false') == 1
    if jane.engine == "postgresql":
        # There the rep is the role connected, and a rep named in the config file is
        # another rep's record (docs/team.md): the rest is about one file of one's own.
        return
    # A rep name chosen in the config file signs (here the login name, chosen on purpose).
    jane.ok(["config", "set", "rep", login])
    named = jane.ok("template thanks jane")
    assert named.stdout.rstrip().endswith(login) and named.stderr == ""
    jane.ok("config set signature 'Ana Ruiz'")
    assert jane.ok("template intro jane --for Zoe").stdout.rstrip().endswith("Ana Ruiz")
