"""`reftrack cron`: plan reftrack's crontab lines, install them and take them back.

The table is read with `crontab -l` and installed with `crontab FILE`, run here with
`subprocess`; the edit itself is `reftrack.domain.schedule`'s, on the text, and touches
only reftrack's lines (that module says why python-crontab's model is not used).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from reftrack.domain.schedule import (
    JOBS,
    ON_REQUEST,
    CronInstall,
    CronJob,
    CronPlan,
    CrontabEdit,
    Schedule,
    check_mailto,
    command_text,
    job_args,
    job_line,
    parse_schedule,
    with_plan,
    without_reftrack,
)
from reftrack.errors import ReftrackError, UsageProblem
from reftrack.invocation import reftrack

LOCALE = "C.UTF-8"
INSTALL_CRON = "install cron (Debian or Ubuntu: sudo apt install cron)"


def reftrack_program() -> tuple[str, ...]:
    """This reftrack as an absolute command, for cron's bare PATH."""
    python = os.path.abspath(sys.executable)
    beside = Path(python).parent / "reftrack"
    if beside.is_file() and os.access(beside, os.X_OK):
        return (str(beside),)
    found = shutil.which("reftrack")
    if found:
        return (os.path.abspath(found),)
    return (python, "-m", "reftrack")


def source_checkout(program: str) -> Path | None:
    """The source checkout whose virtual environment (`.venv`, `venv`) holds `program`, if any."""
    for folder in Path(program).parents:
        if folder.name in (".venv", "venv") and (folder.parent / "pyproject.toml").is_file():
            return folder.parent
    return None


def installed_from_checkout() -> tuple[str, Path] | None:
    """The program cron would run and its source checkout, when it lives in one's environment."""
    program = reftrack_program()[0]
    checkout = source_checkout(program)
    return (program, checkout) if checkout is not None else None


PASSWORD_IN_URL = (
    "the database URL holds a password, which cron would keep in your crontab in clear "
    "and show in the subject of every mail"
)
PASSWORD_ELSEWHERE = (
    "give the URL without it and keep the password in ~/.pgpass (chmod 600), or name a "
    "section of ~/.pg_service.conf: postgresql+psycopg://?service=NAME; "
    "PGPASSWORD in the crontab would be in clear too"
)


def database_location(db: str | None) -> str:
    """The database the user has now (`--db`, REFTRACK_DB or the default), made absolute."""
    if db and "://" in db:
        return db
    if db:
        return os.path.abspath(os.path.expanduser(db))
    from reftrack.services.runtime import default_database

    return os.path.abspath(default_database())


def shown_location(location: str) -> tuple[str, bool]:
    """The location as a crontab line may show it, and whether a password was hidden.

    A password is hidden wherever a URL holds one: after the user name, or as a
    `password=` option.
    """
    from reftrack.store.files import URL_SCHEME, database_url

    if not URL_SCHEME.match(location):
        return location, False
    url = database_url(location)
    if not url.password and not url.query.get("password"):
        return location, False
    shown = url.render_as_string(hide_password=True)
    return re.sub(r"([?&]password=)[^&]*", r"\1***", shown), True


def config_location() -> str:
    """The settings file the user has now, made absolute."""
    from reftrack.config import config_path

    return os.path.abspath(config_path())


def calendar_file(path: str) -> str:
    """The calendar file a cron job refreshes, as an absolute path whose folder exists."""
    target = Path(os.path.abspath(os.path.expanduser(path)))
    if target.is_dir():
        raise UsageProblem(
            f"--calendar: {target} is a directory", "give a file, e.g. ~/Dropbox/reftrack.ics"
        )
    if not target.parent.is_dir():
        raise UsageProblem(
            f"--calendar: the folder {target.parent} does not exist",
            "create it first, or give a file in an existing folder",
        )
    return str(target)


def team_schedule(team: str | None, location: str) -> Schedule | None:
    """When the manager's `team` week runs; only a PostgreSQL team database has one."""
    schedule = parse_schedule(team, "--team") if team is not None else None
    if schedule is not None and not location.lower().startswith("postgresql"):
        raise UsageProblem(
            "--team: the team's week is read from a PostgreSQL team database, and this "
            "database is a SQLite file",
            "give --db postgresql+psycopg://HOST/DB, as docs/team.md shows, or leave --team out",
        )
    return schedule


def plan(
    db: str | None,
    summary: str,
    today: str,
    mailto: str | None,
    calendar: str | None = None,
    calendar_at: str = "* 06:00",
    *,
    team: str | None = None,
    rep: str | None = None,
) -> CronPlan:
    """The lines `cron install` would add, for this database, config, rep and reftrack.

    `rep` is the rep this run was given (`--rep` or REFTRACK_REP): the lines carry it, so
    that cron's runs are that rep's too. Without it they use the config's `rep`, as the
    user's own runs do.
    """
    schedules = {
        "summary": parse_schedule(summary, "--summary"),
        "today": parse_schedule(today, "--today"),
    }
    refresh = parse_schedule(calendar_at, "--calendar-at")
    schedules["calendar"] = refresh if calendar else None
    schedules["team"] = team_schedule(team, database_location(db))
    output = ("--output", calendar_file(calendar)) if calendar else ()
    address = check_mailto(mailto) if mailto is not None else None
    chosen = {name: when for name, when in schedules.items() if when is not None}
    if address is not None and not chosen:
        raise UsageProblem(
            "--mailto: both jobs are off, so there is nothing to mail",
            "turn one on, or leave --mailto out",
        )
    location, password_hidden = shown_location(database_location(db))
    environment = {
        "LC_ALL": LOCALE,
        "REFTRACK_DB": location,
        "REFTRACK_CONFIG": config_location(),
    }
    if rep is not None:
        environment["REFTRACK_REP"] = rep
    from reftrack.config import load_settings

    program = reftrack_program()
    settings = load_settings()
    jobs = []
    for name, schedule in chosen.items():
        args = job_args(name, schedule, settings.workdays, settings.week_start)
        if name == "calendar":
            args += output
        command = command_text(program, environment, args)
        jobs.append(CronJob(name, schedule, job_line(name, schedule, command, address), args))
    return CronPlan(
        jobs=tuple(jobs),
        mailto=address,
        skipped=tuple(name for name in JOBS if name not in chosen and name not in ON_REQUEST),
        password_hidden=password_hidden,
    )


def install(cron_plan: CronPlan) -> CronInstall:
    """Put the plan's lines in the user's crontab in place of reftrack's earlier ones."""
    if cron_plan.password_hidden and cron_plan.jobs:
        raise ReftrackError(PASSWORD_IN_URL, PASSWORD_ELSEWHERE)
    crontab = _UserCrontab()
    edit = with_plan(crontab.load(), cron_plan)
    if edit.changed:
        crontab.save(edit.after)
    return CronInstall(plan=cron_plan, edit=edit)


def remove() -> CrontabEdit:
    """Take reftrack's lines (and the MAILTO it set, if unchanged) out of the user's crontab."""
    crontab = _UserCrontab()
    edit = without_reftrack(crontab.load())
    if edit.changed:
        crontab.save(edit.after)
    return edit


class _UserCrontab:
    """The current user's crontab, through the `crontab` program."""

    def __init__(self) -> None:
        # Looked up now, with the PATH in force, falling back to where cron usually puts it.
        self.program = shutil.which("crontab") or "/usr/bin/crontab"

    def _run(self, *args: str) -> tuple[int, str, str]:
        try:
            process = subprocess.run(
                [self.program, *args], stdin=subprocess.DEVNULL, capture_output=True, check=False
            )
        except FileNotFoundError:
            raise ReftrackError("no `crontab` program found on this system", INSTALL_CRON) from None
        except OSError as error:
            raise ReftrackError(
                f"cannot run {self.program}: {error.strerror or error}", INSTALL_CRON
            ) from None
        try:
            out = process.stdout.decode("utf-8")
        except UnicodeDecodeError:
            raise ReftrackError(
                "your crontab is not UTF-8 text, so reftrack leaves it alone",
                "save it as UTF-8 with `crontab -e`, "
                f"or add the lines from `{reftrack()} cron show`",
            ) from None
        # The program's complaint is only shown, so a stray byte in it must not stop us.
        return process.returncode, out, process.stderr.decode("utf-8", errors="replace")

    def load(self) -> str:
        """The table's text exactly as `crontab -l` prints it; '' when the user has none."""
        code, out, err = self._run("-l")
        if code == 0:
            return out
        if "no crontab for" in err:
            return ""
        raise ReftrackError(
            f"`crontab -l` failed: {_first_line(err) or f'exit status {code}'}",
            "check that cron is installed and that you may use it (see /etc/cron.allow)",
        )

    def save(self, text: str) -> None:
        """Install `text` as the user's crontab."""
        descriptor, path = tempfile.mkstemp(prefix="reftrack-crontab-", suffix=".txt")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
                file.write(text)
            code, _out, err = self._run(path)
        finally:
            os.unlink(path)
        if code != 0:
            raise ReftrackError(
                f"`crontab` refused the new table: {_first_line(err) or f'exit status {code}'}",
                "your crontab is unchanged; `crontab -l` shows it",
            )


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
