"""The commands the newer commands print in their hints run as printed, and do what they say.

A rep pastes what reftrack prints. Each case below provokes a hint that names a command
(`delete c1 --cascade`, `goal rm g2`, `restore PATH --force`, `undo --force`, …), takes
that command out of the text exactly as printed, runs it as a shell would split it, and
checks that it succeeds and does what the hint promised. A placeholder (`<name>`,
`<key>`) is there to be typed over: the shell refuses it pasted as it is.
"""

from __future__ import annotations

import json
import re
import shlex
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Rep
from tests.postgres import pg_url

__all__ = ["pg_url"]

# A command starts a line, or follows a backtick, an opening parenthesis or ": ".
# (A lookahead, so that a command quoted inside another's text is found too.)
_COMMAND = re.compile(r"(?=(?:^|`|\(|: )((?:reftrack|pg_dump|pg_restore) [^`)\n]+))", re.M)


def printed(text: str) -> str:
    """The last command a text names, as printed (up to a closing backtick or parenthesis)."""
    found = _COMMAND.findall(text)
    assert found, f"no command in: {text!r}"
    return found[-1].strip().rstrip(".")


def run_printed(rep: Rep, text: str) -> dict[str, object] | str:
    """Run the reftrack command a text names, split as a shell would; its stdout."""
    words = shlex.split(printed(text))
    assert words[0] == "reftrack"
    return rep.ok(words[1:]).stdout


def ids(rep: Rep) -> set[str]:
    return {entry["id"] for entry in json.loads(rep.ok("log --json").stdout)}


@pytest.fixture
def jane(rep: Rep) -> Rep:
    rep.ok('contact add "Jane Doe" --company Acme')
    rep.ok('close jane --deal "Fleet" --on 2026-11-20')
    rep.ok('ask jane --referral "Bob Stone" --on 2026-11-20')
    return rep


def test_a_delete_refused_for_what_hangs_on_it_names_the_cascade(jane: Rep) -> None:
    refused = jane.run("delete c1")
    assert refused.exit_code == 1
    assert printed(refused.stderr) == "reftrack delete c1 --cascade"
    run_printed(jane, refused.stderr)
    assert not {"c1", "a1", "r1"} & ids(jane)


def test_a_goal_edit_onto_a_taken_day_names_the_goal_to_remove(rep: Rep) -> None:
    rep.ok("goal set --referrals 8 --per month --from 2026-11-01")
    rep.ok("goal set --referrals 10 --per month --from 2026-11-10")
    refused = rep.run("edit g2 --on 2026-11-01")
    assert refused.exit_code == 1
    assert printed(refused.stderr) == "reftrack goal rm g1"
    run_printed(rep, refused.stderr)
    rep.ok("edit g2 --on 2026-11-01")


def test_a_referral_status_edit_before_any_move_names_the_update(jane: Rep) -> None:
    refused = jane.run("edit r1 --status contacted")
    assert refused.exit_code == 1
    assert printed(refused.stderr) == "reftrack referral update 1 --status contacted"
    run_printed(jane, refused.stderr)
    (row,) = json.loads(jane.ok("referral list --json").stdout)
    assert row["status"] == "contacted"


def test_an_edit_refused_for_the_asks_after_a_close_names_the_edit_to_run_first(
    jane: Rep,
) -> None:
    jane.ok('contact add "Ann Lee"')
    refused = jane.run("edit c1 --name 'Ann Lee'")
    assert refused.exit_code == 1
    assert printed(refused.stderr) == 'reftrack edit a1 --name "Ann Lee"'
    run_printed(jane, refused.stderr)
    jane.ok("edit c1 --name 'Ann Lee'")
    assert {entry["contact"] for entry in json.loads(jane.ok("log --json").stdout)} >= {"Ann Lee"}


def test_a_referrer_edit_on_a_referral_from_an_ask_names_the_ask_to_edit(jane: Rep) -> None:
    jane.ok('contact add "Ann Lee"')
    refused = jane.run("edit r1 --from 'Ann Lee'")
    assert refused.exit_code == 1
    assert printed(refused.stderr) == 'reftrack edit a1 --name "Ann Lee"'
    run_printed(jane, refused.stderr)
    (row,) = json.loads(jane.ok("referral list --json").stdout)
    assert row["referrer"] == "Ann Lee"


@pytest.mark.parametrize(
    ("args", "command"),
    [
        ("snooze nope --days 2", "reftrack today --all"),
        ("unsnooze ask-c1", "reftrack snooze --list"),
        ("snooze ask-c1 --days 0", None),
    ],
)
def test_put_off_and_undo_hints_name_a_command_that_runs(
    jane: Rep, args: str, command: str | None
) -> None:
    refused = jane.run(args)
    assert refused.exit_code in (1, 2)
    if command is None:  # a usage error says what is accepted, and names no command
        assert not _COMMAND.findall(refused.stderr), refused.stderr
        return
    assert printed(refused.stderr) == command
    run_printed(jane, refused.stderr)


def test_done_names_the_unsnooze_that_brings_it_back(jane: Rep) -> None:
    dismissed = jane.ok("done thank-1")
    assert printed(dismissed.stdout) == "reftrack unsnooze thank-1"
    run_printed(jane, dismissed.stdout)
    keys = {item["key"] for item in json.loads(jane.ok("today --all --json").stdout)["items"]}
    assert "thank-1" in keys


def test_undo_says_to_run_it_again_and_that_takes_back_the_one_before(jane: Rep) -> None:
    first = jane.ok("undo")
    assert printed(first.stdout) == "reftrack undo"
    run_printed(jane, first.stdout)
    assert ids(jane) == set()  # the close went too; the contact add is next


def test_an_undo_refused_for_a_change_since_names_force(jane: Rep) -> None:
    with sqlite3.connect(jane.db) as connection:
        connection.execute("UPDATE referral SET note = 'called'")
    refused = jane.run("undo")
    assert refused.exit_code == 1
    assert printed(refused.stderr) == "reftrack undo --force"
    run_printed(jane, refused.stderr)
    assert "a1" not in ids(jane)


@pytest.mark.parametrize("folder", ["backups", "my backups", "Ann's $HOME"])
def test_the_restore_a_backup_prints_runs_as_printed(jane: Rep, folder: str) -> None:
    where = jane.home / folder
    done = jane.ok(["backup", str(where) + "/"])
    jane.ok('contact add "Added Later"')
    line = done.stdout.splitlines()[-1]
    assert line.startswith("To put it back: reftrack --db ")
    run_printed(jane, line)
    names = {c["name"] for c in json.loads(jane.ok("contact list --json").stdout)}
    assert "Added Later" not in names and "Jane Doe" in names


def test_the_restore_of_a_backup_taken_with_db_puts_it_back_there(
    jane: Rep, tmp_path: Path
) -> None:
    other = str(tmp_path / "other place" / "other.db")
    jane.ok(["--db", other, "contact", "add", "Other One"])
    done = jane.ok(["--db", other, "backup", str(tmp_path / "copies") + "/"])
    jane.ok(["--db", other, "contact", "add", "Added Later"])
    mine = jane.ok("contact list --json").stdout
    # Pasted where REFTRACK_DB names the rep's own database, not the one backed up.
    run_printed(jane, done.stdout.splitlines()[-1])
    restored = {
        c["name"] for c in json.loads(jane.ok(["--db", other, "contact", "list", "--json"]).stdout)
    }
    assert restored == {"Other One"}
    assert jane.ok("contact list --json").stdout == mine


def test_the_pg_dump_line_a_backup_on_postgresql_prints_runs(
    rep: Rep, pg_url: str, tmp_path: Path
) -> None:
    rep.ok(["--db", pg_url, "contact", "add", "Jane Doe"])
    refused = rep.run(["--db", pg_url, "backup"])
    assert refused.exit_code == 1
    command = printed(refused.stderr)
    assert command.startswith("pg_dump ")
    dumped = subprocess.run(
        shlex.split(command), cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert dumped.returncode == 0, dumped.stderr
    listed = subprocess.run(
        ["pg_restore", "--list", "reftrack.dump"], cwd=tmp_path, capture_output=True, text=True
    )
    assert listed.returncode == 0 and "TABLE DATA public contact" in listed.stdout


def test_undo_typed_with_db_and_rep_names_them_in_its_again(rep: Rep, tmp_path: Path) -> None:
    shared = str(tmp_path / "shared place" / "team.db")
    bob = ["--db", shared, "--rep", "bob"]
    rep.ok('contact add "Mine Only"')
    for name in ("Ann Lee", "Cy Chen", "Dee Lane"):
        rep.ok([*bob, "contact", "add", name])
    first = rep.ok([*bob, "undo"])
    assert printed(first.stdout) == f"reftrack --db '{shared}' --rep bob undo"
    run_printed(rep, first.stdout)
    left = json.loads(rep.ok([*bob, "contact", "list", "--json"]).stdout)
    assert [contact["name"] for contact in left] == ["Ann Lee"]
    assert "Mine Only" in rep.ok("contact list").stdout
    # The last one: nothing is left to undo, so no command to run again.
    last = rep.ok([*bob, "undo"])
    assert "Ann Lee" in last.stdout and "again" not in last.stdout


@pytest.mark.parametrize("rate", ["0.4", "0.123456789"])
@pytest.mark.parametrize("which", ["--from", "--prorate"])
def test_the_goal_set_a_late_goal_suggests_keeps_its_fixed_rate(
    rep: Rep, which: str, rate: str
) -> None:
    shown = rep.ok(f"goal set --referrals 8 --per month --rate {rate}").stdout
    (line,) = [text for text in shown.splitlines() if which in text]
    run_printed(rep, line)
    on = "2026-12-01" if which == "--from" else None
    goal = json.loads(rep.ok(["goal", "show", "--json", *(["--on", on] if on else [])]).stdout)
    assert (goal["rate"], goal["rate_basis"]) == (round(float(rate), 4), "fixed")
    # The goal the hint set is the same goal, to the last digit (JSON shows four).
    with sqlite3.connect(rep.db) as connection:
        rates = {r for (r,) in connection.execute("SELECT rate FROM goal")}
    connection.close()
    assert rates == {float(rate)}


def test_dates_keep_close_ask_and_referral_in_order_and_the_hints_lead_the_way(
    jane: Rep,
) -> None:
    # jane: close c1, then ask a1 that brought referral r1, all on 2026-11-20.
    before = ids(jane)
    early = jane.run("edit a1 --on 2026-11-19")
    assert early.exit_code == 2 and "before close c1" in early.stderr
    # Moving the close later: each refusal names the edit to make first, run as printed.
    goal = "edit c1 --on 2026-11-23"
    steps = []
    for _ in range(4):
        refused = jane.run(goal)
        if refused.exit_code == 0:
            break
        assert refused.exit_code == 2 and refused.stderr.count("\n") == 1, refused.stderr
        steps.append(printed(refused.stderr))
        while True:  # the named edit may itself name one to make before it
            inner = jane.run(shlex.split(steps[-1])[1:])
            if inner.exit_code == 0:
                break
            steps.append(printed(inner.stderr))
    # The ask is named first, its referral then; once moved, the ask again and the close.
    assert steps[:2] == ["reftrack edit a1 --on 2026-11-23", "reftrack edit r1 --on 2026-11-23"]
    assert set(steps) == set(steps[:2])
    days = {entry["id"]: entry["date"] for entry in json.loads(jane.ok("log --json").stdout)}
    assert days["c1"] == days["a1"] == days["r1"] == "2026-11-23"
    assert ids(jane) == before


def test_the_demos_look_around_lines_run_in_a_shell(rep: Rep, tmp_path: Path) -> None:
    import os
    import sys

    where = str(tmp_path / "demo place" / "demo.db")
    shown = rep.ok(["--db", where, "--rep", "ann o", "demo", "--years", "1", "--contacts", "20"])
    lines = [line.strip() for line in shown.stdout.splitlines() if "REFTRACK_DB=" in line]
    assert len(lines) == 2
    env = {**os.environ, **rep.env}
    env.pop("REFTRACK_DB")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    listed = subprocess.run(["sh", "-c", lines[0] + " --json"], env=env, capture_output=True)
    assert listed.returncode == 0, listed.stderr
    # ann o's demo contacts, in that database.
    theirs = rep.ok(["--db", where, "--rep", "ann o", "contact", "list", "--json"]).stdout
    assert json.loads(listed.stdout) == json.loads(theirs) != []
    today = subprocess.run(["sh", "-c", lines[1]], env=env, capture_output=True, text=True)
    assert today.returncode == 0 and "Asks today" in today.stdout, today.stderr


def test_hints_after_a_typed_db_and_rep_carry_them_and_run_as_printed(
    rep: Rep, tmp_path: Path
) -> None:
    """A rep who typed `--db` and `--rep` is shown commands that carry them: the Next
    steps of a write, each line of `today` (text and JSON), a refusal's fix. Pasted, each
    works on that database for that rep, not on the one REFTRACK_DB names."""
    shared = str(tmp_path / "shared place" / "team.db")
    bob = ["--db", shared, "--rep", "bob"]
    prefix = f"reftrack --db '{shared}' --rep bob"
    rep.ok('contact add "Mine Only"')
    rep.ok([*bob, "contact", "add", "Ann Lee"])
    closed = rep.ok([*bob, "close", "ann", "--deal", "Kit"]).stdout
    assert f'{prefix} ask "Ann Lee"' in closed
    (step,) = [line for line in closed.splitlines() if "Ask while it is fresh" in line]
    asked = run_printed(rep, step.split(":  ", 1)[1])
    assert "Asked Ann Lee" in str(asked)
    ask = rep.ok([*bob, "ask", "ann", "--outcome", "referred", "--referral", "Cy Chen"]).stdout
    assert f"{prefix} referral update 1 --status contacted" in ask
    items = json.loads(rep.ok([*bob, "today", "--json", "--all"]).stdout)["items"]
    assert items and all(item["command"].startswith(prefix + " ") for item in items)
    today = rep.ok([*bob, "today", "--all"]).stdout
    assert today.count("reftrack ") == today.count(prefix) >= 3
    refused = rep.run([*bob, "delete", "c1"])
    assert refused.exit_code == 1 and printed(refused.stderr) == f"{prefix} delete c1 --cascade"
    run_printed(rep, refused.stderr)
    assert "c1" not in {e["id"] for e in json.loads(rep.ok([*bob, "log", "--json"]).stdout)}
    # The fixes the domain and the error types word carry them too.
    for refusal, pointer in (
        (["thank", "Zed Nobody"], "contact list"),
        (["edit", "a99", "--note", "x"], "log"),
        (["referral", "inform", "#x"], "referral list"),
    ):
        refused = rep.run([*bob, *refusal])
        assert refused.exit_code in (1, 2) and printed(refused.stderr) == f"{prefix} {pointer}"
        run_printed(rep, refused.stderr)
    # REFTRACK_DB and REFTRACK_REP are not repeated: a pasted command inherits them too.
    assert "--db" not in rep.ok('close "Mine Only" --deal Own').stdout


def test_the_demos_own_today_lines_act_on_the_throw_away_database(rep: Rep) -> None:
    """The demo's morning list names its made-up contacts: pasted, a line must reach the
    demo's throw-away database, never record an ask in the rep's own (REFTRACK_DB here)."""
    import os
    import sys

    rep.ok('contact add "Mine Only"')
    own = rep.ok("log --json").stdout
    env = {**os.environ, **rep.env}
    demo_env = {k: v for k, v in env.items() if k != "REFTRACK_DB"}
    shown = subprocess.run(
        [sys.executable, "-m", "reftrack", "demo", "--years", "1", "--contacts", "30"],
        env=demo_env,
        capture_output=True,
        text=True,
    )
    assert shown.returncode == 0, shown.stderr
    line = next(
        line.strip()
        for line in shown.stdout.splitlines()
        if line.strip().startswith("reftrack ") and " ask " in line
    )
    assert line.startswith("reftrack --db "), line
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    pasted = subprocess.run(["sh", "-c", line], env=env, capture_output=True, text=True)
    assert pasted.returncode == 0 and "Asked " in pasted.stdout, pasted.stderr
    assert rep.ok("log --json").stdout == own


def test_a_demo_in_a_database_whose_url_holds_a_password_never_prints_it(
    rep: Rep, pg_url: str
) -> None:
    """Neither the look-around lines nor any printed command shows the password; the
    lines leave the database for the rep to give again, and what is printed still runs."""
    secret = pg_url.replace("://", "://", 1).replace("@", ":s3cret-pw@", 1)
    shown = rep.ok(["--db", secret, "demo", "--years", "1", "--contacts", "20"]).stdout
    assert "s3cret-pw" not in shown
    looks = [line.strip() for line in shown.splitlines() if line.strip().endswith("contact list")]
    assert looks == ["reftrack contact list"]
    assert "(with the database as you gave it for the demo)" in shown
    listed = rep.ok(["--db", secret, *shlex.split(looks[0])[1:], "--json"]).stdout
    assert json.loads(listed) != []
    again = rep.run(["--db", secret, "demo", "--years", "1", "--contacts", "20"])
    assert again.exit_code == 1 and "already holds data" in again.stderr
    assert "s3cret-pw" not in again.stderr
    demo = ["--db", secret, "--rep", "other", "demo", "--years", "1", "--contacts", "20"]
    assert "s3cret-pw" not in rep.ok([*demo, "--json"]).stdout


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        (["ask", "Nobody Here", "--on", "2026-11-20", "--outcome", "declined"], "Nobody Here"),
        (["--rep", "ann", "ask", "O'Neil", "--note", 'it\'s "fine"'], "O'Neil"),
        (["ask", "--channel", "email", "Bo Lind"], "Bo Lind"),
    ],
)
def test_the_add_an_unknown_name_offers_keeps_what_was_typed(
    rep: Rep, typed: list[str], name: str
) -> None:
    """`ask NAME` for someone not yet a contact names the same ask with `--add`: pasted,
    it records that ask (its day, outcome, note) and adds them, whatever the name."""
    refused = rep.run(typed)
    assert refused.exit_code == 1, refused.stdout
    # The command runs up to its closing note, as test_ask_adds reads it.
    fix = re.search(r"as you ask: (reftrack .+?) \(--company", refused.stderr)
    assert fix is not None, refused.stderr
    rep.ok(shlex.split(fix.group(1))[1:])
    rep_words = typed[:2] if typed[0] == "--rep" else []
    (entry,) = [
        e for e in json.loads(rep.ok([*rep_words, "log", "--json"]).stdout) if e["kind"] == "ask"
    ]
    assert entry["contact"] == name
    if "--on" in typed:
        assert (entry["date"], entry["outcome"]) == ("2026-11-20", "declined")
    if "--note" in typed:
        assert entry["note"] == 'it\'s "fine"'
    if "--channel" in typed:
        assert entry["channel"] == "email"
