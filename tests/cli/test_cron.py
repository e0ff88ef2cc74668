"""A rep has cron run the summary and the morning list; their own crontab stays theirs.

Every test runs against a stand-in `crontab` program first on PATH that keeps the
table in a file, so no real crontab is read or written.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PINNED_NOW, Rep
from tests.cron_emulation import as_cron_runs

FAKE_CRONTAB = """#!{python}
import sys
from pathlib import Path

here = Path(__file__).resolve().parent.parent
table = here / "table"
with open(here / "calls", "a") as log:
    log.write(" ".join(sys.argv[1:]) + "\\n")
args = sys.argv[1:]
if args[:1] == ["-u"]:
    args = args[2:]
{failure}
if args == ["-l"]:
    if not table.exists():
        sys.stderr.write("no crontab for rep\\n")
        sys.exit(1)
    sys.stdout.buffer.write(table.read_bytes())
    sys.exit(0)
if len(args) != 1:
    sys.stderr.write("usage: crontab [-u user] file | -l\\n")
    sys.exit(1)
text = sys.stdin.read() if args == ["-"] else Path(args[0]).read_bytes().decode("utf-8")
table.write_bytes(text.encode("utf-8"))
"""

# A lived-in crontab: odd spacing, tabs, comments, variables (one MAILTO of the user's
# own), a disabled job, a special time, a command with cron's %, and a CRLF line.
USER_TABLE = (
    "# m h  dom mon dow   command\n"
    "SHELL=/bin/bash\n"
    "PATH = /usr/local/bin:/usr/bin:/bin\n"
    'MAILTO=""\n'
    "\n"
    "0 5 * * 1\ttar -zcf /var/backups/home.tgz /home/   # weekly backup\n"
    "*/15 *  * * *   fetchmail -s\n"
    "#0 3 * * * /usr/bin/disabled-thing\n"
    "@reboot  ~/bin/start-agent\n"
    "MAILTO=me@example.com\n"
    "5 0 * * * echo $(date +\\%F) >> ~/days.log\r\n"
    "  # indented note about reftrack:today, which is the user's\n"
)


@dataclass
class Crontab:
    """The stand-in `crontab`: its table, every call made to it, and the PATH that finds it."""

    home: Path

    @property
    def table(self) -> Path:
        return self.home / "table"

    @property
    def path(self) -> str:
        return f"{self.home / 'bin'}{os.pathsep}{os.environ['PATH']}"

    def text(self) -> str:
        return self.table.read_bytes().decode("utf-8")

    def write(self, text: str) -> None:
        self.table.write_bytes(text.encode("utf-8"))

    def calls(self) -> list[str]:
        log = self.home / "calls"
        return log.read_text().splitlines() if log.exists() else []

    def own_lines(self) -> list[str]:
        return [line for line in self.text().splitlines() if "# reftrack:" in line]


def make_crontab(directory: Path, failure: str = "") -> Crontab:
    (directory / "bin").mkdir(parents=True)
    program = directory / "bin" / "crontab"
    program.write_text(FAKE_CRONTAB.format(python=sys.executable, failure=failure))
    program.chmod(0o755)
    return Crontab(directory)


@pytest.fixture
def crontab(tmp_path: Path) -> Crontab:
    return make_crontab(tmp_path / "cron")


def cron(rep: Rep, crontab: Crontab, args: str, **env: str):
    return rep.run(f"cron {args}", PATH=crontab.path, **env)


def cron_ok(rep: Rep, crontab: Crontab, args: str, **env: str):
    result = cron(rep, crontab, args, **env)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def reftrack_word() -> str:
    beside = Path(sys.executable).parent / "reftrack"
    assert beside.exists(), "the test venv has no reftrack script"
    return str(beside)


def expected_line(
    rep: Rep, fields: str, command: str, job: str | None = None, mailto: str | None = None
) -> str:
    mark = f"# reftrack:{job or command}" + (f" mailto={mailto}" if mailto else "")
    return (
        f"{fields} LC_ALL=C.UTF-8 REFTRACK_DB={rep.db} REFTRACK_CONFIG={rep.config} "
        f"{reftrack_word()} {command} {mark}"
    )


def as_cron_would(line: str) -> str:
    """The command of a crontab line as cron hands it to `sh -c`, which no `%` cut short."""
    command, stdin = as_cron_runs(re.split(r"\s+", line, maxsplit=5)[5])
    assert stdin is None, f"cron would cut the line at a %: {line}"
    return command


def run_as_cron(line: str, now: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run a crontab line's command as cron does: `sh -c`, an empty environment, in /
    (with REFTRACK_NOW when `now` pins the clock)."""
    pinned = [f"REFTRACK_NOW={now}"] if now else []
    return subprocess.run(
        ["env", "-i", *pinned, "/bin/sh", "-c", as_cron_would(line)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd="/",
    )


# ---------------------------------------------------------------- show


def test_show_prints_the_lines_and_never_runs_crontab(rep: Rep, crontab: Crontab) -> None:
    crontab.write(USER_TABLE)
    result = cron_ok(rep, crontab, "show")
    assert result.stdout.splitlines() == [
        expected_line(rep, "30 7 * * MON", "summary"),
        expected_line(rep, "0 8 * * MON-FRI", "today"),
    ]
    assert crontab.text() == USER_TABLE
    assert crontab.calls() == []


def test_show_with_mailto_prints_it_first_and_warns_of_its_reach(rep: Rep, crontab: Crontab):
    result = cron_ok(rep, crontab, "show --mailto me@example.com --today off")
    assert result.stdout.splitlines() == [
        "MAILTO=me@example.com",
        expected_line(rep, "30 7 * * MON", "summary", mailto="me@example.com"),
    ]
    assert "not only to reftrack's" in result.stderr
    assert crontab.calls() == []


def test_show_takes_the_database_from_the_db_option_as_an_absolute_path(
    rep: Rep, crontab: Crontab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = rep.run("--db 'my data/rt.db' cron show --today off", PATH=crontab.path)
    assert result.exit_code == 0, result.stderr
    assert f"REFTRACK_DB='{tmp_path}/my data/rt.db' " in result.stdout


def test_show_without_db_option_uses_the_default_database(rep: Rep, crontab: Crontab) -> None:
    result = rep.run("cron show --today off", PATH=crontab.path, REFTRACK_DB="")
    assert result.exit_code == 0, result.stderr
    default = rep.home / ".local" / "share" / "reftrack" / "reftrack.db"
    assert f"REFTRACK_DB={default} " in result.stdout


@pytest.mark.parametrize(
    ("typed", "fields"),
    [
        ("MON 07:30", "30 7 * * MON"),
        ("mon-fri 8:05", "5 8 * * MON-FRI"),
        ("Monday 07:30", "30 7 * * MON"),
        ("MON,WED,FRI 12:00", "0 12 * * MON,WED,FRI"),
        ("mon, wed, fri 12:00", "0 12 * * MON,WED,FRI"),
        ("SUN 18:45", "45 18 * * SUN"),
        ("sun-thu 07:00", "0 7 * * SUN-THU"),
        ("fri-mon 07:00", "0 7 * * SUN,MON,FRI,SAT"),
        ("* 06:15", "15 6 * * *"),
        ("daily 00:00", "0 0 * * *"),
        ("mon-sun 23:59", "59 23 * * *"),
    ],
)
def test_schedules_become_cron_fields(rep: Rep, crontab: Crontab, typed: str, fields: str):
    result = cron_ok(rep, crontab, f"show --today off --summary '{typed}'")
    assert result.stdout.startswith(f"{fields} LC_ALL=C.UTF-8 ")


# ---------------------------------------------------------------- install


def test_install_on_an_empty_crontab_writes_both_lines(rep: Rep, crontab: Crontab) -> None:
    result = cron_ok(rep, crontab, "install")
    assert crontab.text() == (
        expected_line(rep, "30 7 * * MON", "summary")
        + "\n"
        + expected_line(rep, "0 8 * * MON-FRI", "today")
        + "\n"
    )
    assert "Installed" in result.stdout
    assert "summary  MON at 07:30" in result.stdout
    assert "today    MON-FRI at 08:00" in result.stdout
    word = reftrack_word()
    assert os.path.isabs(word) and os.access(word, os.X_OK)


def test_install_keeps_the_users_crontab_byte_for_byte(rep: Rep, crontab: Crontab) -> None:
    crontab.write(USER_TABLE)
    cron_ok(rep, crontab, "install")
    assert crontab.text() == (
        USER_TABLE
        + expected_line(rep, "30 7 * * MON", "summary")
        + "\n"
        + expected_line(rep, "0 8 * * MON-FRI", "today")
        + "\n"
    )


def test_install_twice_leaves_one_copy_and_says_nothing_changed(rep: Rep, crontab: Crontab):
    crontab.write(USER_TABLE)
    cron_ok(rep, crontab, "install --mailto me@example.com")
    once = crontab.text()
    result = cron_ok(rep, crontab, "install --mailto me@example.com")
    assert crontab.text() == once
    assert len(crontab.own_lines()) == 2
    assert "unchanged" in result.stdout
    # Only read the second time: an unchanged table is not rewritten.
    assert crontab.calls()[-1] == "-l"


def test_changed_times_replace_the_old_lines(rep: Rep, crontab: Crontab) -> None:
    crontab.write(USER_TABLE)
    cron_ok(rep, crontab, "install")
    result = cron_ok(rep, crontab, "install --summary 'FRI 16:30' --today 'MON-THU 07:45'")
    assert crontab.own_lines() == [
        expected_line(rep, "30 16 * * FRI", "summary --week this", "summary"),
        expected_line(rep, "45 7 * * MON-THU", "today"),
    ]
    assert crontab.text().startswith(USER_TABLE)
    assert "Updated" in result.stdout


def test_today_off_leaves_that_job_out_and_removes_an_earlier_one(rep: Rep, crontab: Crontab):
    crontab.write(USER_TABLE)
    cron_ok(rep, crontab, "install")
    result = cron_ok(rep, crontab, "install --today off")
    assert crontab.own_lines() == [expected_line(rep, "30 7 * * MON", "summary")]
    assert "today    off" in result.stdout
    assert crontab.text() == USER_TABLE + expected_line(rep, "30 7 * * MON", "summary") + "\n"


def test_both_jobs_off_takes_back_the_earlier_lines(rep: Rep, crontab: Crontab) -> None:
    crontab.write(USER_TABLE)
    cron_ok(rep, crontab, "install")
    result = cron_ok(rep, crontab, "install --today off --summary off")
    assert crontab.text() == USER_TABLE
    assert "removed 2 reftrack lines" in result.stdout


def test_install_ends_a_table_without_a_final_newline_before_adding(rep: Rep, crontab: Crontab):
    crontab.write("0 5 * * * backup")
    cron_ok(rep, crontab, "install --today off")
    assert crontab.text().startswith("0 5 * * * backup\n30 7 * * MON ")
    cron_ok(rep, crontab, "remove")
    # Byte for byte as the user had it: the newline reftrack added goes with its lines.
    assert crontab.text() == "0 5 * * * backup"


# ---------------------------------------------------------------- MAILTO


def test_mailto_is_set_above_the_jobs_and_taken_back(rep: Rep, crontab: Crontab) -> None:
    crontab.write(USER_TABLE)
    result = cron_ok(rep, crontab, "install --mailto rep@example.com")
    assert crontab.text() == (
        USER_TABLE
        + "MAILTO=rep@example.com\n"
        + expected_line(rep, "30 7 * * MON", "summary", mailto="rep@example.com")
        + "\n"
        + expected_line(rep, "0 8 * * MON-FRI", "today", mailto="rep@example.com")
        + "\n"
    )
    assert "rep@example.com" in result.stdout
    assert "not only to reftrack's" in result.stdout
    removed = cron_ok(rep, crontab, "remove")
    assert crontab.text() == USER_TABLE
    assert "Removed 3 reftrack lines" in removed.stdout
    assert "MAILTO=rep@example.com" in removed.stdout


def test_mailto_with_several_addresses_is_quoted_and_still_taken_back(rep: Rep, crontab: Crontab):
    crontab.write(USER_TABLE)
    cron_ok(rep, crontab, "install --mailto 'rep@example.com, boss@example.com'")
    assert 'MAILTO="rep@example.com, boss@example.com"\n' in crontab.text()
    cron_ok(rep, crontab, "remove")
    assert crontab.text() == USER_TABLE


def test_a_mailto_the_user_changed_is_left_alone(rep: Rep, crontab: Crontab) -> None:
    crontab.write(USER_TABLE)
    cron_ok(rep, crontab, "install --mailto rep@example.com")
    crontab.write(crontab.text().replace("MAILTO=rep@example.com", "MAILTO=team@example.com"))
    result = cron_ok(rep, crontab, "remove")
    assert crontab.text() == USER_TABLE + "MAILTO=team@example.com\n"
    assert "Removed 2 reftrack lines" in result.stdout
    assert "Left MAILTO=team@example.com in place" in result.stdout


def test_a_users_own_mailto_of_the_same_address_is_never_taken(rep: Rep, crontab: Crontab):
    # USER_TABLE sets MAILTO=me@example.com itself; the user then deletes reftrack's copy.
    crontab.write(USER_TABLE)
    cron_ok(rep, crontab, "install --mailto me@example.com")
    assert crontab.text().count("MAILTO=me@example.com\n") == 2
    crontab.write(crontab.text().replace("MAILTO=me@example.com\n3", "3"))
    result = cron_ok(rep, crontab, "remove")
    assert crontab.text() == USER_TABLE
    assert "Removed 2 reftrack lines" in result.stdout
    assert "no longer right above its lines" in result.stdout


def test_reinstalling_without_mailto_takes_back_the_one_reftrack_set(rep: Rep, crontab: Crontab):
    crontab.write(USER_TABLE)
    cron_ok(rep, crontab, "install --mailto rep@example.com")
    cron_ok(rep, crontab, "install")
    assert "MAILTO=rep@example.com" not in crontab.text()
    assert crontab.text().startswith(USER_TABLE)


@pytest.mark.parametrize("address", ["", "  ", "me@example.com\nx=1", 'a"b'])
def test_an_unusable_mailto_is_refused(rep: Rep, crontab: Crontab, address: str) -> None:
    crontab.write(USER_TABLE)
    result = rep.run(["cron", "install", "--mailto", address], PATH=crontab.path)
    assert result.exit_code == 2
    assert "--mailto" in result.stderr
    assert crontab.text() == USER_TABLE


def test_mailto_with_both_jobs_off_is_refused(rep: Rep, crontab: Crontab) -> None:
    result = cron(rep, crontab, "install --mailto me@example.com --summary off --today off")
    assert result.exit_code == 2
    assert "--mailto" in result.stderr


# ---------------------------------------------------------------- remove


def test_remove_takes_back_exactly_its_own_lines(rep: Rep, crontab: Crontab) -> None:
    # Lines that merely look like reftrack's are the user's: their own reftrack run,
    # a comment naming the mark, and one of reftrack's lines the user commented out.
    users = (
        USER_TABLE
        + "0 9 * * * /usr/local/bin/reftrack today | mail -s today me # my own run\n"
        + "# reftrack:summary\n"
        + "# 30 7 * * MON /old/bin/reftrack summary # reftrack:summary\n"
    )
    crontab.write(users)
    cron_ok(rep, crontab, "install")
    cron_ok(rep, crontab, "install --summary 'TUE 09:00'")
    result = cron_ok(rep, crontab, "remove")
    assert crontab.text() == users
    assert result.stdout.startswith(
        "Removed 2 reftrack lines from your crontab (summary and today)"
    )


def test_remove_finds_its_lines_where_the_user_moved_them(rep: Rep, crontab: Crontab) -> None:
    cron_ok(rep, crontab, "install")
    own = crontab.text()
    crontab.write("# top\n" + own + "0 1 * * * mine\n")
    cron_ok(rep, crontab, "remove")
    assert crontab.text() == "# top\n0 1 * * * mine\n"


def test_remove_with_nothing_to_remove_says_so(rep: Rep, crontab: Crontab) -> None:
    result = cron_ok(rep, crontab, "remove")
    assert result.stdout == "No reftrack lines in your crontab: nothing to remove.\n"
    assert not crontab.table.exists()
    crontab.write(USER_TABLE)
    assert "nothing to remove" in cron_ok(rep, crontab, "remove").stdout
    assert crontab.text() == USER_TABLE
    assert "-l" in crontab.calls() and all(call == "-l" for call in crontab.calls())


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("option", "typed"),
    [
        ("--summary", "MON 7"),
        ("--summary", "07:30"),
        ("--summary", "MON 24:00"),
        ("--summary", "MON 07:60"),
        ("--today", "MON-FRI"),
        ("--today", "funday 08:00"),
        ("--today", "1-5 08:00"),
        ("--today", "MON- 08:00"),
        ("--summary", "weekly"),
        ("--summary", ""),
        ("--team", "MON"),
    ],
)
def test_bad_schedules_exit_2_and_change_nothing(
    rep: Rep, crontab: Crontab, option: str, typed: str
) -> None:
    crontab.write(USER_TABLE)
    for command in ("install", "show"):
        result = rep.run(["cron", command, option, typed], PATH=crontab.path)
        assert result.exit_code == 2
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith(f"reftrack: {option}: ")
        assert '"DAYS HH:MM"' in lines[0]
    assert crontab.text() == USER_TABLE
    assert crontab.calls() == []


@pytest.mark.skipif(
    Path("/usr/bin/crontab").exists(),
    reason="reftrack falls back to /usr/bin/crontab, which this machine has",
)
def test_no_crontab_program_is_one_line_and_exit_1(rep: Rep, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    for command in ("install", "remove"):
        result = rep.run(f"cron {command}", PATH=str(empty))
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("reftrack: no `crontab` program found")
        assert "apt install cron" in result.stderr
        assert "Traceback" not in result.stderr


def test_crontab_that_cannot_be_read_is_one_line_and_nothing_written(
    rep: Rep, tmp_path: Path
) -> None:
    refusing = make_crontab(
        tmp_path / "cron",
        failure=(
            'if args == ["-l"]:\n'
            '    sys.stderr.write("You (rep) are not allowed to use this program (crontab)\\n")\n'
            "    sys.exit(1)"
        ),
    )
    for command in ("install", "remove"):
        result = rep.run(f"cron {command}", PATH=refusing.path)
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1, result.stderr
        assert "`crontab -l` failed: You (rep) are not allowed" in result.stderr
    assert all(call == "-l" for call in refusing.calls())
    assert not refusing.table.exists()


def test_crontab_that_refuses_the_new_table_is_one_line(
    rep: Rep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    refusing = make_crontab(
        tmp_path / "cron",
        failure=(
            'if args != ["-l"]:\n'
            '    sys.stderr.write("crontab: installing new crontab\\nerrors in crontab file\\n")\n'
            "    sys.exit(1)"
        ),
    )
    refusing.write(USER_TABLE)
    result = rep.run("cron install", PATH=refusing.path)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert "`crontab` refused the new table: crontab: installing new crontab" in result.stderr
    assert refusing.text() == USER_TABLE
    assert list(scratch.iterdir()) == []


def test_a_crontab_that_is_not_utf8_is_left_alone(rep: Rep, crontab: Crontab) -> None:
    latin1 = "# Müller's backup\n0 5 * * * backup\n".encode("latin-1")
    crontab.table.write_bytes(latin1)
    for command in ("install", "remove"):
        result = cron(rep, crontab, command)
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1, result.stderr
        assert "not UTF-8" in result.stderr
    assert crontab.table.read_bytes() == latin1


# ---------------------------------------------------------------- as cron runs it


def test_the_installed_today_line_runs_in_crons_bare_environment(rep: Rep, crontab: Crontab):
    cron_ok(rep, crontab, "install")
    (today,) = [line for line in crontab.own_lines() if line.endswith("# reftrack:today")]
    result = run_as_cron(today)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Asks today:" in result.stdout
    assert rep.db.exists()
    assert "\x1b[" not in result.stdout


def test_a_friday_summary_reviews_the_week_ending_as_cron_runs_it(rep: Rep, crontab: Crontab):
    rep.ok('contact add "Jane Doe"')
    rep.ok("ask jane --outcome pending --on 2026-11-26")
    result = cron_ok(rep, crontab, "install --today off --summary 'FRI 16:30'")
    assert "reftrack summary --week this" in result.stdout
    (summary,) = crontab.own_lines()
    assert summary.endswith(" summary --week this # reftrack:summary")
    friday = run_as_cron(summary, "2026-11-27T16:30")
    assert friday.returncode == 0, friday.stderr
    # The week of Friday 2026-11-27 (W48), with the ask of that Thursday in it.
    assert "2026-W48" in friday.stdout and "2026-W47" not in friday.stdout
    assert cron_ok(rep, crontab, "show --summary 'MON 07:30'").stdout.count("--week") == 0


@pytest.mark.parametrize(
    "name",
    [
        "100% sure",
        "back\\%slash",
        "\\\\%%\\",
        'it\'s "$HOME" `id` $(id) \\n #x',
        "%s %%d \\%% ends\\",
    ],
)
def test_a_path_with_percent_quotes_and_dollars_runs_as_cron_runs_it(
    rep: Rep, crontab: Crontab, tmp_path: Path, name: str
) -> None:
    place = tmp_path / name
    place.mkdir()
    db, config = place / f"{name}.db", place / f"{name}.toml"
    there = {"REFTRACK_DB": str(db), "REFTRACK_CONFIG": str(config)}
    # The rows are Ann's: a run reading another config (another rep) would not see them.
    for args in ("config set rep ann", 'contact add "Jane Doe"', "close jane --won"):
        assert rep.run(args, **there).exit_code == 0
    line = rep.run("cron show --summary off", PATH=crontab.path, **there).stdout.strip()
    result = run_as_cron(line, PINNED_NOW)
    assert result.returncode == 0, result.stderr
    # Only the database at that exact path knows Jane's close, and only its config Ann.
    assert "Jane Doe" in result.stdout
    assert all(p.name.startswith(db.name) or p == config for p in place.iterdir())


# ---------------------------------------------------------------- passwords


@pytest.mark.parametrize(
    "url, shown",
    [
        (
            "postgresql+psycopg://ann:s3cr%40t@db.example.com/sales",
            "postgresql+psycopg://ann:***@db.example.com/sales",
        ),
        (
            "postgresql+psycopg://ann@db.example.com/sales?password=s3cr%40t&sslmode=require",
            "postgresql+psycopg://ann@db.example.com/sales?password=***&sslmode=require",
        ),
    ],
)
def test_a_password_in_the_url_is_never_shown_nor_installed(
    rep: Rep, crontab: Crontab, url: str, shown: str
) -> None:
    crontab.write(USER_TABLE)
    show = rep.run("cron show", PATH=crontab.path, REFTRACK_DB=url)
    assert show.exit_code == 0, show.stderr
    assert f"REFTRACK_DB={shlex.quote(shown)} " in show.stdout
    assert "s3cr" not in show.stdout + show.stderr
    assert "shown as ***" in show.stderr
    document = json.loads(rep.ok("cron show --json", PATH=crontab.path, REFTRACK_DB=url).stdout)
    assert document["password_hidden"] is True and "s3cr" not in json.dumps(document)
    install = rep.run("cron install", PATH=crontab.path, REFTRACK_DB=url)
    assert install.exit_code == 1
    message = install.stderr.strip()
    assert len(message.splitlines()) == 1 and "s3cr" not in message
    assert "holds a password" in message and "~/.pgpass" in message
    assert "service=" in message
    assert crontab.text() == USER_TABLE


def test_a_url_without_a_password_is_installed_as_given(rep: Rep, crontab: Crontab) -> None:
    url = "postgresql+psycopg://ann@db.example.com/sales?service=sales"
    result = rep.ok("cron install --today off", PATH=crontab.path, REFTRACK_DB=url)
    assert "shown as ***" not in result.stderr
    (line,) = crontab.own_lines()
    assert f"REFTRACK_DB='{url}' " in line


def test_install_warns_when_reftrack_lives_in_a_source_checkouts_venv(
    rep: Rep, crontab: Crontab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reftrack.services import cron

    checkout = tmp_path / "src" / "reftrack"
    program = checkout / ".venv" / "bin" / "reftrack"
    program.parent.mkdir(parents=True)
    (checkout / "pyproject.toml").write_text("[project]\nname = 'reftrack'\n")
    assert cron.source_checkout(str(program)) == checkout
    assert cron.source_checkout(str(tmp_path / ".local" / "bin" / "reftrack")) is None
    assert cron.source_checkout(str(tmp_path / "venv" / "bin" / "reftrack")) is None
    monkeypatch.setattr(cron, "installed_from_checkout", lambda: (str(program), checkout))
    result = cron_ok(rep, crontab, "install")
    assert "Installed in your crontab" in result.stdout
    (line,) = result.stderr.splitlines()
    assert f"cron will run {program}" in line and "pipx install ." in line
    assert "reftrack summary" in crontab.text()


# ---------------------------------------------------------------- a team, and --rep


def test_a_team_week_needs_a_team_database_and_changes_nothing(rep: Rep, crontab: Crontab):
    crontab.write(USER_TABLE)
    for command in ("install", "show"):
        result = cron(rep, crontab, f"{command} --team 'MON 08:00'")
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.count("\n") == 1, result.stderr
        assert "--team" in result.stderr and "PostgreSQL" in result.stderr
    assert crontab.text() == USER_TABLE
    assert crontab.calls() == []


@pytest.mark.parametrize("bea", ["Bea O'Neil", "100% Bea $HOME `id` \\n"])
def test_the_rep_a_run_was_given_is_the_rep_of_every_line(
    rep: Rep, crontab: Crontab, bea: str
) -> None:
    # Two reps share one file; the config names Ana, and Bea installs her own lines.
    rep.ok("config set rep 'Ana Ruiz'")
    rep.ok('contact add "Ann Customer"')
    rep.ok('close "Ann Customer"')
    rep.ok(["--rep", bea, "contact", "add", "Bea Customer"])
    rep.ok(["--rep", bea, "close", "Bea Customer"])
    cron_ok(rep, crontab, "install --summary off", REFTRACK_REP=bea)
    (today,) = crontab.own_lines()
    assert "REFTRACK_REP=" in today
    result = run_as_cron(today, PINNED_NOW)
    assert result.returncode == 0, result.stderr
    assert "Bea Customer" in result.stdout and "Ann Customer" not in result.stdout
    # Without a rep given, the lines leave it to the config, as before.
    cron_ok(rep, crontab, "install --summary off")
    assert "REFTRACK_REP" not in crontab.text()


def test_remove_takes_back_a_team_line_too(rep: Rep, crontab: Crontab) -> None:
    crontab.write(USER_TABLE)
    crontab.write(
        USER_TABLE
        + "0 8 * * MON LC_ALL=C.UTF-8 REFTRACK_DB=postgresql+psycopg://db/sales "
        + f"{reftrack_word()} team # reftrack:team\n"
    )
    result = cron_ok(rep, crontab, "remove --json")
    assert json.loads(result.stdout)["removed_jobs"] == ["team"]
    assert crontab.text() == USER_TABLE


def test_the_install_for_good_it_suggests_keeps_every_option_typed(
    rep: Rep, crontab: Crontab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reftrack.services import cron

    checkout = tmp_path / "my src" / "reftrack"
    program = checkout / ".venv" / "bin" / "reftrack"
    monkeypatch.setattr(cron, "installed_from_checkout", lambda: (str(program), checkout))
    other = str(tmp_path / "other.db")
    args = [
        "--db", other, "cron", "install", "--summary", "FRI 16:30",
        "--mailto", "ann@example.com", "--today", "off",
    ]  # fmt: skip
    result = rep.run(args, PATH=crontab.path)
    assert result.exit_code == 0, result.stderr
    suggested = result.stderr.split("for good: ", 1)[1].strip()
    first, _, rest = suggested.partition(" && pipx install . && ")
    assert shlex.split(first) == ["cd", str(checkout)]
    assert shlex.split(rest) == ["reftrack", *args]
    # Run as suggested (pipx aside), it installs the very same lines.
    before = crontab.text()
    assert rep.run(shlex.split(rest)[1:], PATH=crontab.path).exit_code == 0
    assert crontab.text() == before
    # A --db typed relative to where the rep stood is made absolute: the line runs after a cd.
    monkeypatch.chdir(tmp_path)
    result = rep.run(["--db", "other.db", *args[2:]], PATH=crontab.path)
    relative = result.stderr.split(" && pipx install . && ", 1)[1].strip()
    assert shlex.split(relative) == ["reftrack", *args]
