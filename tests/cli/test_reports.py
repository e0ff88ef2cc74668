"""The weekly summary for cron, the charts, and the demo that shows a newcomer all of it."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Rep

ESCAPE = re.compile(r"\x1b\[")


@pytest.fixture
def week(rep: Rep) -> Rep:
    """A rep's last complete week (Mon 16 – Sun 22 November 2026), with a goal."""
    rep.ok("goal set --referrals 8 --per month --rate 0.25 --from 2026-11-01")
    rep.ok('contact add "Jane Doe" --company Acme')
    rep.ok('contact add "Pat Lee" --kind partner')
    rep.ok("close jane --deal Fleet --value 40k --on 2026-11-16")
    rep.ok("close pat --lost --on 2026-11-17")
    rep.ok('ask jane --referral "Bob Stone" --referral "Carla Mendes" --on 2026-11-17')
    rep.ok("ask pat --outcome promised --on 2026-11-18")
    rep.ok("referral update bob --status won --value 18k --on 2026-11-20")
    rep.ok("thank jane --on 2026-11-19")
    rep.ok('give pat --to "Zoe Park" --on 2026-11-20')
    rep.ok('ask jane --referral "Dana Fox" --on 2026-11-10')
    return rep


def summary(rep: Rep, *args: str) -> dict:
    return json.loads(rep.ok(["summary", "--format", "json", *args]).stdout)


def test_summary_json_has_the_contract_fields(week: Rep) -> None:
    document = summary(week)
    assert document["week"] == "2026-W47"
    assert {
        k: document[k]
        for k in (
            "closes",
            "asks",
            "close_coverage",
            "referrals_received",
            "referrals_won",
            "thank_yous_sent",
            "thank_yous_owed",
            "referrals_given",
            "streak",
        )
    } == {
        "closes": 2,
        "asks": 2,
        "close_coverage": 1.0,
        "referrals_received": 2,
        "referrals_won": 1,
        "thank_yous_sent": 1,
        "thank_yous_owed": 0,
        "referrals_given": 1,
        "streak": 0,
    }
    assert document["referrals_won_value"] == 18000 and document["won_value"] == 40000
    assert document["goal"]["target"] == 8 and document["goal"]["referrals_in_period"] == 3
    assert len(document["asks_per_week"]) == 12
    assert document["asks_per_week"][-2:] == [1, 2]
    assert document["top_referrers"][0] == {"contact": "Jane Doe (Acme)", "referrals": 3}
    assert {loop["kind"] for loop in document["open_loops"]} >= {"follow_up", "inform_referrer"}


def test_any_week_by_iso_name_and_this_week(week: Rep) -> None:
    assert summary(week, "--week", "2026-W46")["asks"] == 1
    assert summary(week, "--week", "this")["week"] == "2026-W48"
    assert summary(week, "--week", "last") == summary(week)


def test_plain_text_reads_well_in_a_cron_mail(week: Rep) -> None:
    text = week.ok("summary").stdout
    assert text.startswith("reftrack weekly summary, 2026-W47 (Mon 16 Nov to Sun 22 Nov 2026)")
    for label in (
        "Closes",
        "Asks",
        "Referrals",
        "Conversion",
        "Thank-yous",
        "Given",
        "Goal",
        "Next week",
        "Streak",
        "Top referrers",
        "Asks per week",
        "Open loops",
    ):
        assert label in text, label
    assert "2 of 8" not in text and "3 of 8 referrals this month" in text
    assert max(len(line) for line in text.splitlines()) <= 78
    assert not ESCAPE.search(text)
    assert not set(text) & set("─│┌┐└┘├┤┬┴┼━┃╭╮╯╰")


def test_markdown_for_notes_and_chat(week: Rep) -> None:
    text = week.ok("summary --format markdown").stdout
    assert text.startswith("## reftrack weekly summary, 2026-W47")
    assert "| **Closes** | 2 (1 won, 1 lost) · won value 40,000 |" in text


def test_output_file_is_written_private_and_stdout_stays_empty(week: Rep, tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    result = week.ok(["summary", "--format", "markdown", "--output", str(target)])
    assert result.stdout == ""
    assert target.read_text().startswith("## reftrack weekly summary")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_unattended_run_has_no_colour_no_prompt_and_exit_zero(week: Rep) -> None:
    env = {**os.environ, **week.env, "TERM": "xterm-256color"}
    env.pop("NO_COLOR")
    result = subprocess.run(
        [sys.executable, "-m", "reftrack", "summary"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert not ESCAPE.search(result.stdout) and result.stderr == ""


def test_a_missing_database_is_one_line_and_exit_one(rep: Rep, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "reftrack.db"
    result = rep.run(["--db", str(missing), "summary"])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith(f"reftrack: there is no reftrack database at {missing}")
    assert not missing.exists()


def test_a_locked_database_is_one_line_and_exit_one(week: Rep) -> None:
    locker = sqlite3.connect(week.db, isolation_level=None, timeout=0)
    # In WAL mode readers pass a writer; only an exclusive locking mode shuts them out.
    locker.execute("PRAGMA locking_mode = EXCLUSIVE")
    locker.execute("BEGIN EXCLUSIVE")
    locker.execute("UPDATE goal SET target = target")
    try:
        env = {**os.environ, **week.env}
        code = (
            "import reftrack.store.db as d; d.BUSY_TIMEOUT_SECONDS = 0.2; "
            "import sys; sys.argv = ['reftrack', 'summary']; "
            "from reftrack.cli import main; main()"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
        )
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert result.returncode == 1, result.stdout
    assert "locked" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_summary_options_are_usage_errors(week: Rep) -> None:
    for args in ("summary --week 2026-W60", "summary --week lastweek", "summary --format pdf"):
        result = week.run(args)
        assert result.exit_code == 2, (args, result.stderr)


def test_stats_json_has_the_same_figures_as_the_charts(week: Rep) -> None:
    document = json.loads(week.ok("stats --weeks 4 --json").stdout)
    assert document["first"] == "2026-11-02" and document["last"] == "2026-11-25"
    assert sum(day["asks"] for day in document["days"]) == 3
    assert [w["asks"] for w in document["weeks"]] == [0, 1, 2, 0]
    assert document["weeks"][0]["weekly_goal"] == 8
    assert [(s["step"], s["count"]) for s in document["funnel"]] == [
        ("closes", 2),
        ("asks", 3),
        ("referrals", 3),
        ("contacted", 1),
        ("won", 1),
    ]
    assert document["funnel"][2]["rate"] == 1.0
    assert document["funnel"][2]["of"] == "asks" and document["funnel"][2]["share"] is False


def test_the_funnel_counts_every_stage_a_referral_went_through(week: Rep) -> None:
    # Carla skips "contacted": a meeting means she was contacted; Dana is lost after a meeting.
    week.ok("referral update carla --status meeting --on 2026-11-23")
    week.ok("referral update dana --status proposal --on 2026-11-23")
    week.ok("referral update dana --status lost --on 2026-11-24")
    week.ok('ask jane --referral "Eve Hart" --on 2026-11-24')
    week.ok("referral update eve --status lost --on 2026-11-24")
    document = json.loads(week.ok("stats --weeks 4 --json").stdout)
    counts = {s["step"]: s["count"] for s in document["funnel"]}
    # Referrals: Bob (won), Carla (meeting), Dana (lost after a proposal), Eve (lost unseen).
    assert counts["referrals"] == 4 and counts["contacted"] == 3 and counts["won"] == 1
    for step in document["funnel"]:
        if step["share"]:
            assert step["rate"] is not None and step["rate"] <= 1, step


def test_no_funnel_step_reads_above_100_percent(rep: Rep) -> None:
    # One ask that brought five names: five referrals per ask is a rate, not 500 %.
    rep.ok('contact add "Jane Doe"')
    names = " ".join(f'--referral "Person {n}"' for n in range(5))
    rep.ok(f"ask jane {names}")
    rep.ok('referral update "Person 0" --status meeting')
    text = rep.ok("stats --weeks 2").stdout
    funnel = text[text.index("Funnel") :].split("\n\n")[0]
    assert "referrals      5  (5.00 per ask)" in funnel
    assert "contacted      1  (20 % of referrals)" in funnel
    assert "won            0  (0 % of contacted)" in funnel
    percents = [int(p) for p in re.findall(r"\((\d+) %", funnel)]
    assert percents and max(percents) <= 100


def test_stats_piped_uses_plain_blocks(week: Rep) -> None:
    text = week.ok("stats --weeks 8").stdout
    assert "Asks per day" in text and "Funnel" in text and "Top referrers" in text
    assert not ESCAPE.search(text)
    assert "▒" in text or "█" in text or "░" in text
    assert "Mon " in text and "Sun " in text


def test_stats_refuses_a_silly_span(week: Rep) -> None:
    assert week.run("stats --weeks 0").exit_code == 2


def test_demo_fills_a_given_empty_database_deterministically(rep: Rep, tmp_path: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    result = rep.ok(
        ["--db", str(first), "demo", "--years", "2", "--contacts", "150", "--seed", "7"]
    )
    assert "Demo: 2 years" in result.stdout
    for heading in ("This morning", "Last week's summary", "Stats", "Start for real"):
        assert heading in result.stdout
    rep.ok(["--db", str(second), "demo", "--years", "2", "--contacts", "150", "--seed", "7"])

    def dump(path: Path) -> list[tuple]:
        with sqlite3.connect(path) as connection:
            return connection.execute(
                "SELECT contact_id, asked_on, outcome FROM ask ORDER BY id"
            ).fetchall()

    assert dump(first) == dump(second) and len(dump(first)) > 50
    with sqlite3.connect(first) as connection:
        assert connection.execute("SELECT count(*) FROM contact").fetchone() == (150,)
        for table in (
            "close",
            "referral",
            "referral_event",
            "thank_you",
            "given_referral",
            "share",
            "score",
            "goal",
            "day_off",
            "important_date",
        ):
            assert connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table


def test_demo_refuses_a_database_that_holds_data(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe"')
    result = rep.run("demo --years 1 --contacts 20")
    assert result.exit_code == 1
    assert "already holds data (1 contact)" in result.stderr
    assert len(json.loads(rep.ok("contact list --json").stdout)) == 1


@pytest.mark.no_database
def test_demo_without_a_database_uses_a_throw_away_one(rep: Rep) -> None:
    result = rep.run(["demo", "--years", "1", "--contacts", "40"], REFTRACK_DB="")
    assert result.exit_code == 0, result.stderr
    location = re.search(r"REFTRACK_DB=(\S+) reftrack today", result.stdout).group(1)
    assert Path(location).exists() and "reftrack-demo-" in location
    assert not rep.db.exists()
    assert not (rep.home / ".local" / "share" / "reftrack").exists()
    assert "Your own data was not touched" in result.stdout


def test_different_seeds_give_different_histories(tmp_path: Path) -> None:
    from datetime import date

    from reftrack.demo import generate

    one = generate("ann", date(2026, 11, 25), 1, 50, seed=1)
    two = generate("ann", date(2026, 11, 25), 1, 50, seed=2)
    assert one.asks != two.asks
    assert one.asks == generate("ann", date(2026, 11, 25), 1, 50, seed=1).asks
    rate = len(one.referrals) / max(1, len(one.asks))
    assert 0.1 < rate < 0.6
