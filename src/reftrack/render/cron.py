"""reftrack's crontab lines, and what installing or removing them did, as plain text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text

from reftrack.domain.contacts import shell_word
from reftrack.domain.schedule import CronInstall, CronPlan, CrontabEdit
from reftrack.render.output import console

MAILTO_REACH = (
    "MAILTO is not per job: cron applies it to every job below it in the crontab "
    "(some crons: to the whole crontab), not only to reftrack's. reftrack puts it just "
    "above its own lines, so keep your own jobs above them."
)
NO_MAILTO = (
    "Cron mails each job's output to your local mailbox (read it with `mail`); "
    "--mailto sends it elsewhere. See docs/cron.md for a working mail setup."
)


PASSWORD_HIDDEN = (
    "The database URL's password is shown as ***. `cron install` refuses a URL holding "
    "one: give the URL without it and keep the password in ~/.pgpass (chmod 600), or use "
    "postgresql+psycopg://?service=NAME with ~/.pg_service.conf. See docs/cron.md."
)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def print_plan(plan: CronPlan) -> None:
    """The lines exactly as they would go in the crontab on stdout; notes on stderr."""
    out, err = console(), console(stderr=True)
    for line in plan.lines:
        out.print(Text(line))
    if not plan.jobs:
        err.print("Both jobs are off: there is nothing to install.")
    elif plan.mailto is not None:
        err.print(Text(MAILTO_REACH))
    if plan.jobs and plan.password_hidden:
        err.print(Text(PASSWORD_HIDDEN))


def plan_document(plan: CronPlan) -> dict[str, Any]:
    """The planned lines as JSON: each job's days, time and reftrack command, and MAILTO."""
    return {
        "lines": list(plan.lines),
        "mailto": plan.mailto,
        "jobs": [
            {
                "job": job.name,
                "days": job.schedule.days,
                "time": f"{job.schedule.hour:02d}:{job.schedule.minute:02d}",
                "command": ["reftrack", *job.args],
                "line": job.line,
            }
            for job in plan.jobs
        ],
        "off": list(plan.skipped),
        "password_hidden": plan.password_hidden,
    }


def edit_document(edit: CrontabEdit) -> dict[str, Any]:
    """What an edit of the crontab took out, and what it left alone."""
    return {
        "changed": edit.changed,
        "removed_jobs": list(edit.removed_jobs),
        "removed_mailto": edit.removed_mailto,
        "kept_mailto": edit.kept_mailto,
        "missing_mailto": edit.missing_mailto,
    }


def installed_document(result: CronInstall) -> dict[str, Any]:
    """What `cron install` did, as JSON: the plan and the edit."""
    return {**plan_document(result.plan), **edit_document(result.edit)}


def _print_jobs(plan: CronPlan) -> None:
    out = console()
    for job in plan.jobs:
        command = " ".join(("reftrack", *job.args))
        out.print(Text(f"  {job.name:<8} {job.schedule.describe():<22} {command}"))
    for name in plan.skipped:
        out.print(Text(f"  {name:<8} off"))


def print_installed(result: CronInstall) -> None:
    """What `cron install` did, the schedules, and where the mail goes."""
    out = console()
    plan, edit = result.plan, result.edit
    if not plan.jobs:
        if edit.removed:
            out.print(Text(f"Both jobs are off: removed {_count(edit.removed, 'reftrack line')}."))
        else:
            out.print("Both jobs are off: nothing to install, and nothing of reftrack's to remove.")
        return
    if not edit.changed:
        out.print("Already in your crontab, unchanged:")
    elif edit.removed_jobs:
        out.print("Updated your crontab:")
    else:
        out.print("Installed in your crontab:")
    _print_jobs(plan)
    _print_mailto_left(edit)
    if plan.mailto is not None:
        out.print(Text(f"Cron mails the output to {plan.mailto}. {MAILTO_REACH}"))
    else:
        out.print(Text(NO_MAILTO))
    out.print("`reftrack cron show` prints the lines; `reftrack cron remove` takes them back.")


def _print_mailto_left(edit: CrontabEdit) -> None:
    """Say which MAILTO reftrack left alone, and why."""
    out = console()
    if edit.kept_mailto is not None:
        out.print(
            Text(f"Left MAILTO={edit.kept_mailto} in place: it was changed after reftrack set it.")
        )
    elif edit.missing_mailto is not None:
        out.print(
            Text(
                f"The MAILTO={edit.missing_mailto} reftrack set is no longer right above its "
                "lines, so reftrack left every MAILTO line alone; `crontab -e` edits them."
            )
        )


def print_removed(edit: CrontabEdit) -> None:
    """How many of its lines reftrack took back, or that there were none."""
    out = console()
    if not edit.removed:
        out.print("No reftrack lines in your crontab: nothing to remove.")
    else:
        what = list(edit.removed_jobs)
        if edit.removed_mailto is not None:
            what.append(f"MAILTO={edit.removed_mailto}")
        out.print(
            Text(
                f"Removed {_count(edit.removed, 'reftrack line')} from your crontab "
                f"({_listed(what)})."
            )
        )
    _print_mailto_left(edit)


def print_source_checkout(program: str, checkout: Path, again: str) -> None:
    """On stderr: cron will run a reftrack that lives in a source checkout's environment.

    `again` is the `cron install` as typed, options and all, to run once installed.
    """
    console(stderr=True).print(
        Text(
            f"Note: cron will run {program}, from the virtual environment of the source "
            f"checkout {checkout}; moving or deleting it breaks the jobs. To install reftrack "
            f"for good: cd {shell_word(str(checkout))} && pipx install . && {again}"
        ),
        soft_wrap=True,
    )
