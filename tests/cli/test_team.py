"""A team: each rep's rows guarded by PostgreSQL, the manager's view, and --rep on SQLite."""

from __future__ import annotations

import json
import secrets
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Rep
from tests.postgres import SERVER, pg_url

__all__ = ["pg_url"]


@dataclass
class Team:
    """A team database on the live server, its owner (the test's rep) and three roles."""

    owner: Rep
    url: str
    alice: str
    bob: str
    manager: str

    def as_role(self, role: str) -> str:
        """The database URL for connecting as `role` (trust authentication, no password)."""
        scheme, rest = self.url.split("://", 1)
        return f"{scheme}://{role}@{rest.split('@', 1)[1]}"

    def run(self, role: str, args: list[str] | str) -> Any:
        """Run reftrack connected as `role`."""
        argv = args.split() if isinstance(args, str) else args
        return self.owner.run(["--db", self.as_role(role), *argv])

    def ok(self, role: str, args: list[str] | str) -> Any:
        """Run reftrack as `role`; it must succeed."""
        result = self.run(role, args)
        assert result.exit_code == 0, (role, args, result.stdout, result.stderr)
        return result

    def raw(self, role: str) -> Any:
        """A psycopg connection as `role`, as a rep's own psql session would be."""
        import psycopg

        database = self.url.rsplit("/", 1)[1]
        return psycopg.connect(f"{SERVER} dbname={database} user={role}", autocommit=True)


def _drop_roles(url: str, roles: list[str]) -> None:
    """Take back every grant in the test's database, then drop the roles (they are global)."""
    import psycopg

    database = url.rsplit("/", 1)[1]
    with psycopg.connect(f"{SERVER} dbname={database}", autocommit=True) as connection:
        for role in roles:
            exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
            if exists.fetchone():
                connection.execute(f'DROP OWNED BY "{role}"')
                connection.execute(f'DROP ROLE "{role}"')


@pytest.fixture
def team(rep: Rep, pg_url: str) -> Iterator[Team]:
    """A migrated team database with reps alice and bob, and a manager, each a fresh role."""
    tag = secrets.token_hex(4)
    made = Team(rep, pg_url, f"rt{tag}_alice", f"rt{tag}_bob", f"rt{tag}_manager")
    database = pg_url.rsplit("/", 1)[1]
    try:
        rep.ok(["--db", pg_url, "team", "add", made.alice])
        rep.ok(["--db", pg_url, "team", "add", made.bob])
        rep.ok(["--db", pg_url, "team", "add", made.manager, "--manager"])
        yield made
    finally:
        roles = [made.alice, made.bob, made.manager, f"{database}_rep", f"{database}_manager"]
        _drop_roles(pg_url, roles)


def names(result: Any) -> set[str]:
    return {contact["name"] for contact in json.loads(result.stdout)}


def test_each_rep_reads_and_writes_only_their_own_rows(team: Team) -> None:
    team.ok(team.alice, ["contact", "add", "Ann Alpha", "--company", "Acme"])
    team.ok(team.alice, ["close", "ann", "--value", "1000"])
    team.ok(team.bob, ["contact", "add", "Ben Beta", "--note", "bob's secret"])

    assert names(team.ok(team.alice, "contact list --json")) == {"Ann Alpha"}
    assert names(team.ok(team.bob, "contact list --json")) == {"Ben Beta"}
    # Naming another rep does not get round the server: a rep is the role connected.
    refused = team.run(team.alice, ["--rep", team.bob, "contact", "list", "--json"])
    assert refused.exit_code == 1 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "you connect as" in refused.stderr
    # The owner, exempt from the guard, sees each rep with --rep.
    assert names(
        team.owner.ok(["--db", team.url, "--rep", team.bob, "contact", "list", "--json"])
    ) == {"Ben Beta"}
    assert names(
        team.owner.ok(["--db", team.url, "--rep", team.alice, "contact", "list", "--json"])
    ) == {"Ann Alpha"}


def test_a_reps_own_psql_session_sees_and_changes_no_one_elses_rows(team: Team) -> None:
    import psycopg

    team.ok(team.alice, ["contact", "add", "Ann Alpha"])
    team.ok(team.bob, ["contact", "add", "Ben Beta"])
    with team.raw(team.alice) as alice:
        rows = alice.execute("SELECT rep, name FROM contact").fetchall()
        assert rows == [(team.alice, "Ann Alpha")]
        assert (
            alice.execute("UPDATE contact SET note = 'x' WHERE rep <> current_user").rowcount == 0
        )
        assert alice.execute("DELETE FROM contact WHERE name = 'Ben Beta'").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            alice.execute(
                "INSERT INTO contact (rep, name, kind, archived, recorded_at) "
                "VALUES (%s, 'Forged', 'customer', false, now())",
                (team.bob,),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            alice.execute("UPDATE contact SET rep = %s", (team.bob,))
        # The manager's views are not a rep's.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            alice.execute("SELECT * FROM team_ask_day")
    assert names(team.ok(team.bob, "contact list --json")) == {"Ben Beta"}


def test_team_add_grants_what_a_rep_needs_and_no_more(team: Team) -> None:
    with team.raw(team.manager) as manager:
        # A manager reads the views, and no table at all (a manager is a rep too: own rows).
        assert manager.execute("SELECT count(*) FROM team_ask_day").fetchone() == (0,)
    with team.raw(team.alice) as alice:
        (login,) = alice.execute(
            "SELECT rolcanlogin FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        assert login
        assert alice.execute("SELECT has_table_privilege('ask', 'INSERT')").fetchone() == (True,)
        assert alice.execute("SELECT has_table_privilege('team_rep', 'SELECT')").fetchone() == (
            False,
        )
        assert alice.execute(
            "SELECT has_table_privilege('alembic_version', 'UPDATE')"
        ).fetchone() == (False,)
    # Adding again changes nothing and says the role was there already.
    again = json.loads(
        team.owner.ok(["--db", team.url, "team", "add", team.alice, "--json"]).stdout
    )
    assert again["created"] is False and "contact" in again["guarded_tables"]
    # A rep cannot add members: creating roles is the owner's business.
    refused = team.run(team.alice, ["team", "add", f"{team.alice}_x"])
    assert refused.exit_code == 1 and "as the database owner" in refused.stderr


def test_the_manager_sees_counts_per_rep_and_never_a_name_or_note(team: Team) -> None:
    owner = team.owner
    owner.ok(["--db", team.url, "--rep", team.alice, "demo", "--years", "1", "--contacts", "30"])
    owner.ok(["--db", team.url, "--rep", team.bob, "demo", "--years", "1", "--contacts", "30"])
    team.ok(team.bob, ["contact", "add", "Zed Secret", "--note", "private note xyzzy"])
    team.ok(team.bob, ["ask", "zed", "--note", "ask note plugh", "--on", "2026-11-18"])

    result = team.ok(team.manager, "team --week 2026-W47 --json")
    document = json.loads(result.stdout)
    assert document["week"] == "2026-W47"
    reps = {row["rep"]: row for row in document["reps"]}
    assert {team.alice, team.bob} <= set(reps)
    for who in (team.alice, team.bob):
        summary = json.loads(
            owner.ok(
                ["--db", team.url, "--rep", who, "summary", "--week", "2026-W47", "--json"]
            ).stdout
        )
        for key in (
            "asks",
            "closes",
            "close_coverage",
            "referrals_received",
            "referrals_won",
            "thank_yous_owed",
            "referrals_given",
            "streak",
        ):
            assert reps[who][key] == summary[key], (who, key)
        assert reps[who]["goal"]["on_pace"] == summary["goal"]["on_pace"]
    every_name = names(
        owner.ok(["--db", team.url, "--rep", team.bob, "contact", "list", "--all", "--json"])
    )
    every_name |= names(
        owner.ok(["--db", team.url, "--rep", team.alice, "contact", "list", "--all", "--json"])
    )
    for text in [*every_name, "private note xyzzy", "ask note plugh"]:
        assert text not in result.stdout
    text_view = team.ok(team.manager, "team --week 2026-W47")
    assert team.alice in text_view.stdout and "Zed Secret" not in text_view.stdout


def test_a_rep_without_the_manager_role_is_refused_in_one_line(team: Team) -> None:
    result = team.run(team.alice, "team")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "may not see the team" in result.stderr and "--manager" in result.stderr
    # The command it names, run as printed by the owner, lets her see it.
    from tests.cli.test_hints_as_printed import printed

    command = shlex.split(printed(result.stderr))
    assert command == ["reftrack", "team", "add", team.alice, "--manager"]
    team.owner.ok(["--db", team.url, *command[1:]])
    team.ok(team.alice, "team --json")


def test_demo_fills_one_rep_at_a_time_into_a_shared_database(team: Team) -> None:
    owner = team.owner
    owner.ok(["--db", team.url, "--rep", team.alice, "demo", "--years", "1", "--contacts", "20"])
    owner.ok(["--db", team.url, "--rep", team.bob, "demo", "--years", "1", "--contacts", "20"])
    again = owner.run(["--db", team.url, "--rep", team.bob, "demo", "--years", "1"])
    assert again.exit_code == 1 and "already holds data (20 contacts) for rep" in again.stderr
    # Each rep's history is whole, and later records get fresh ids for both.
    for who in (team.alice, team.bob):
        assert len(names(team.ok(who, "contact list --all --json"))) == 20
        team.ok(who, ["contact", "add", "After Demo"])
        team.ok(who, ["ask", "after", "--outcome", "declined"])
        assert json.loads(team.ok(who, "today --json").stdout)["date"] == "2026-11-25"


def test_team_and_team_add_need_postgresql(rep: Rep) -> None:
    for args in ("team", "team --json", "team add bob"):
        result = rep.run(args)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.count("\n") == 1 and "PostgreSQL" in result.stderr


def test_rep_option_and_environment_pick_the_rep_in_one_sqlite_file(rep: Rep) -> None:
    rep.ok('--rep alice contact add "Ann Alpha"')
    rep.ok('contact add "Ben Beta"', REFTRACK_REP="bob")
    rep.ok('contact add "Mine"')
    assert names(rep.ok("--rep alice contact list --json")) == {"Ann Alpha"}
    assert names(rep.ok("contact list --json", REFTRACK_REP="bob")) == {"Ben Beta"}
    assert names(rep.ok("contact list --json")) == {"Mine"}
    # The option wins over the environment, as --db does.
    assert names(rep.ok("--rep alice contact list --json", REFTRACK_REP="bob")) == {"Ann Alpha"}


def test_demo_rep_twice_into_one_sqlite_file(rep: Rep) -> None:
    rep.ok("--rep alice demo --years 1 --contacts 15 --json")
    rep.ok("--rep bob demo --years 1 --contacts 15 --seed 7 --json")
    assert len(names(rep.ok("--rep alice contact list --all --json"))) == 15
    assert len(names(rep.ok("--rep bob contact list --all --json"))) == 15
    assert json.loads(rep.ok("--rep alice log --json").stdout)
    assert json.loads(rep.ok("--rep bob log --json").stdout)
    rep.ok('--rep alice contact add "After Demo"')
    rep.ok("--rep alice ask after --outcome declined")
    assert rep.run("--rep bob demo --years 1").exit_code == 1


def test_a_rep_undoes_their_own_commands_and_sees_no_one_elses(team: Team) -> None:
    team.ok(team.alice, ["contact", "add", "Ann Alpha", "--company", "Acme"])
    team.ok(team.bob, ["contact", "add", "Ben Beta"])
    listed = json.loads(team.ok(team.bob, "undo --list --json").stdout)
    assert [o["command"] for o in listed] == ["reftrack contact add 'Ben Beta'"]
    team.ok(team.alice, "undo")
    assert names(team.ok(team.alice, "contact list --json")) == set()
    assert names(team.ok(team.bob, "contact list --json")) == {"Ben Beta"}
    # The journal's rows are guarded as every other table's.
    with team.raw(team.alice) as connection:
        reps = {row[0] for row in connection.execute("SELECT rep FROM operation_change")}
    assert reps == {team.alice}


def test_the_managers_weekly_team_mail_runs_from_cron(team: Team, tmp_path: Path) -> None:
    from tests.cli.test_cron import make_crontab, run_as_cron

    team.ok(team.alice, ["contact", "add", "Ann Alpha"])
    team.ok(team.alice, ["close", "ann", "--on", "2026-11-17"])
    team.ok(team.alice, ["ask", "ann", "--on", "2026-11-17", "--outcome", "pending"])
    crontab = make_crontab(tmp_path / "cron")
    installed = team.owner.ok(
        ["cron", "install", "--team", "MON 08:00", "--summary", "off", "--today", "off"],
        PATH=crontab.path,
        REFTRACK_DB=team.as_role(team.manager),
    )
    assert "team" in installed.stdout
    (line,) = crontab.own_lines()
    assert line.startswith("0 8 * * MON ") and line.endswith(" team # reftrack:team")
    mailed = run_as_cron(line, now="2026-11-23T08:00")
    assert mailed.returncode == 0, mailed.stderr
    assert "2026-W47" in mailed.stdout and team.alice in mailed.stdout
    assert "Ann Alpha" not in mailed.stdout and "\x1b[" not in mailed.stdout


def test_a_rep_imports_their_export_beside_the_others_rows(team: Team, tmp_path: Path) -> None:
    own = str(tmp_path / "bob-alone.db")
    team.owner.ok(["--db", own, "contact", "add", "Ben Beta", "--company", "Beta"])
    team.owner.ok(["--db", own, "close", "ben", "--deal", "Kit"])
    saved = tmp_path / "bob.json"
    team.owner.ok(["--db", own, "export", "--output", str(saved)])
    team.ok(team.alice, ["contact", "add", "Ann Alpha"])
    team.ok(team.alice, ["close", "ann"])

    team.ok(team.bob, ["import", str(saved)])

    assert names(team.ok(team.bob, "contact list --json")) == {"Ben Beta"}
    assert names(team.ok(team.alice, "contact list --json")) == {"Ann Alpha"}
    # The ids drawn for bob's rows leave the sequences ahead: everyone goes on writing.
    team.ok(team.alice, ["contact", "add", "Al Later"])
    team.ok(team.bob, ["close", "ben", "--deal", "Second"])


@pytest.mark.parametrize("name", ["", "   ", "é" * 32, "tab\there", "del\x7fhere", "c1\x85here"])
def test_one_rule_for_a_reps_name_wherever_it_is_given(rep: Rep, name: str) -> None:
    # --rep, team add and the rep setting refuse the same names: at most 63 bytes (a
    # PostgreSQL role name), no control characters.
    for args in (["--rep", name, "today"], ["team", "add", name], ["config", "set", "rep", name]):
        refused = rep.run(args)
        assert refused.exit_code == 2, (args, refused.stderr)
        assert "63 bytes" in refused.stderr and refused.stderr.count("\n") == 1
    assert rep.ok(["--rep", "é" * 31, "today"]).exit_code == 0
