"""Cron schedules as a rep types them ("MON 07:30"), reftrack's crontab lines, and editing them.

Everything here works on text: the crontab comes in as the string `crontab -l` printed
and goes out as the string to install. Only reftrack's own lines are touched; every
other byte of the user's crontab is kept as it was.

Why not python-crontab's model: `CronTab(tab=text).render()` (python-crontab 3.4) does
not give the user's lines back. It strips the indentation of comments and the `\r` of
CRLF lines, respaces a job's fields and the gap before its comment, drops the quotes
around a variable's value, moves a variable down to the job after it and loses one
that follows the last job, turns a line it cannot parse into `# DISABLED LINE` plus the
line commented out, and adds a final newline. So reftrack finds its own lines by their
marking comment and leaves every other line's bytes alone; the `crontab` program is run
with `subprocess` (see `reftrack.services.cron`), and python-crontab is not needed.

Days are numbered 0 = Monday … 6 = Sunday, as everywhere in reftrack; only the day
field written into a line uses cron's names.
"""

from __future__ import annotations

import dataclasses
import re
import shlex
from dataclasses import dataclass

from reftrack.domain.weekdays import parse_weekday_set
from reftrack.errors import ReftrackError, UsageProblem

JOBS = ("summary", "today", "calendar", "team")
JOB_COMMANDS = {
    "summary": ("summary",),
    "today": ("today",),
    "calendar": ("calendar",),
    "team": ("team",),
}
# Jobs installed only when asked for (`--calendar FILE`, `--team WHEN`); the others are on
# unless `off`.
ON_REQUEST = ("calendar", "team")
# Jobs that review a week, and so pick which week by when they run.
WEEKLY = ("summary", "team")
THIS_WEEK = ("--week", "this")
MARK = "reftrack:"
# Written after the job's mark when reftrack had to end the user's last line with a newline
# (cron skips a last line without one), so that `cron remove` takes that newline back too.
ADDED_NEWLINE = "added-newline"
OFF = "off"
ACCEPTED = (
    'use "DAYS HH:MM", DAYS being MON, MON-FRI, MON,WED,FRI, SUN or * for every day, '
    'e.g. "MON 07:30"; or off'
)

# In cron's order, Sunday first: a day field lists days as cron numbers them.
CRON_DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
_TIME = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)

# One of reftrack's job lines: five time fields, a command, and the marking comment last.
# A line the user commented out (`# 30 7 * * MON …`) is theirs now and is left alone.
_OWN_JOB = re.compile(
    r"^\s*[^#\s]\S*(?:\s+\S+){4}\s.*\s#\s*"
    + re.escape(MARK)
    + r"(?P<job>"
    + "|".join(JOBS)
    + r")(?P<added>\s+"
    + ADDED_NEWLINE
    + r")?(?:\s+mailto=(?P<mailto>.*?))?\s*$"
)
_MAILTO = re.compile(r"^\s*MAILTO\s*=(?P<value>.*)$")


@dataclass(frozen=True)
class Schedule:
    """When a job runs: days of the week as a cron expression, and a time of day."""

    days: str
    hour: int
    minute: int
    weekdays: tuple[int, ...] = ()

    @property
    def fields(self) -> str:
        """The five cron time fields: minute, hour, day of month, month, day of week."""
        return f"{self.minute} {self.hour} * * {self.days}"

    def describe(self) -> str:
        """In words: "every day at 08:00", "MON-FRI at 08:00"."""
        when = "every day" if self.days == "*" else self.days
        return f"{when} at {self.hour:02d}:{self.minute:02d}"


@dataclass(frozen=True)
class CronJob:
    """One of reftrack's crontab lines: which job, when, and the line itself."""

    name: str
    schedule: Schedule
    line: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True)
class CronPlan:
    """The lines reftrack would install: an optional MAILTO, then its jobs."""

    jobs: tuple[CronJob, ...]
    mailto: str | None
    skipped: tuple[str, ...]
    # The database URL holds a password, shown as *** in the lines: never to be installed.
    password_hidden: bool = False

    @property
    def lines(self) -> tuple[str, ...]:
        """Every line, in crontab order."""
        head = (mailto_line(self.mailto),) if self.mailto is not None and self.jobs else ()
        return head + tuple(job.line for job in self.jobs)


@dataclass(frozen=True)
class CrontabEdit:
    """A crontab before and after reftrack's edit, and what reftrack took out of it.

    `kept_mailto` is a MAILTO right above reftrack's jobs that the user changed;
    `missing_mailto` the address reftrack set when no MAILTO is right above them any more.
    """

    before: str
    after: str
    removed_jobs: tuple[str, ...]
    removed_mailto: str | None
    kept_mailto: str | None
    missing_mailto: str | None = None

    @property
    def removed(self) -> int:
        """How many lines reftrack took out."""
        return len(self.removed_jobs) + (self.removed_mailto is not None)

    @property
    def changed(self) -> bool:
        """Whether the crontab is different afterwards."""
        return self.before != self.after


@dataclass(frozen=True)
class CronInstall:
    """What `cron install` did: the plan, and the crontab's edit."""

    plan: CronPlan
    edit: CrontabEdit


# ---------------------------------------------------------------- schedules


def _day_field(days: tuple[int, ...]) -> str:
    """Cron's day-of-week field for days 0 = Monday … 6 = Sunday: "*", "MON-FRI", "SUN,MON"."""
    if len(days) == 7:
        return "*"
    runs: list[list[int]] = []
    for number in sorted((day + 1) % 7 for day in days):
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    # Three days or more in a row read best as a range; cron itself only takes rising ones.
    return ",".join(
        f"{CRON_DAYS[run[0]]}-{CRON_DAYS[run[-1]]}"
        if len(run) >= 3
        else ",".join(CRON_DAYS[number] for number in run)
        for run in runs
    )


def parse_schedule(text: str, option: str) -> Schedule | None:
    """A Schedule from "MON-FRI 08:00", None from "off"; anything else is a UsageProblem."""
    cleaned = text.strip()
    if cleaned.lower() == OFF:
        return None
    days_text, _space, time_text = cleaned.rpartition(" ")
    try:
        if not days_text:
            raise ValueError("the days or the time is missing")
        # "MON, WED, FRI 07:30" and "MON - FRI 08:00" mean what they say.
        days = parse_weekday_set(days_text, every_day=True)
        if not days:
            raise ValueError("a day is missing")
        found = _TIME.fullmatch(time_text)
        if not found:
            raise ValueError(f"'{time_text}' is not a time like 07:30")
        hour, minute = int(found.group(1)), int(found.group(2))
        if hour > 23 or minute > 59:
            raise ValueError(f"'{time_text}' is not a time of day")
    except ValueError as reason:
        raise UsageProblem(f"{option}: '{cleaned}' is not a schedule: {reason}", ACCEPTED) from None
    return Schedule(
        days=_day_field(days), hour=hour, minute=minute, weekdays=tuple(sorted(set(days)))
    )


def job_args(
    name: str, schedule: Schedule, workdays: tuple[int, ...], week_start: int
) -> tuple[str, ...]:
    """The reftrack command a job runs, for when it runs.

    A summary (the rep's, or the manager's `team`) run only on or after the week's last
    working day (Friday afternoon, or the weekend, for Monday-to-Friday) reviews the week
    that is ending: `summary --week this`. Any earlier run reviews the last complete week,
    which is what plain `summary` and `team` give.
    """
    command = JOB_COMMANDS[name]
    if name not in WEEKLY or not workdays or not schedule.weekdays:
        return command

    def place(day: int) -> int:
        return (day - week_start) % 7

    last_working = max(place(day) for day in workdays)
    if all(place(day) >= last_working for day in schedule.weekdays):
        return command + THIS_WEEK
    return command


# ---------------------------------------------------------------- lines


def check_mailto(address: str) -> str:
    """The address as cron's MAILTO can hold it, or a UsageProblem."""
    cleaned = address.strip()
    if not cleaned:
        raise UsageProblem(
            "--mailto: no address given",
            "give an address, or leave --mailto out for cron's default",
        )
    if any(ord(ch) < 32 or ch in "\"'\x7f" for ch in cleaned):
        raise UsageProblem(
            f"--mailto: {cleaned!r} cannot be put in a crontab",
            "give addresses without quotes or control characters, e.g. me@example.com",
        )
    return cleaned


def mailto_line(address: str) -> str:
    """`MAILTO=address`, quoted when it holds spaces ("a@x, b@y")."""
    return f'MAILTO="{address}"' if " " in address else f"MAILTO={address}"


def _shell_word(word: str) -> str:
    r"""One word for the shell, quoted so that no backslash stands right before a `%`.

    Cron reads a backslash as escaping the character after it. A path's `\%`, with its
    `%` escaped, would become `\\%`: the second backslash is the escaped character, and
    the `%` ends the command. So the word is quoted in two parts, `'…\'` then `'%…'`,
    which the shell joins again. `shlex.quote` puts every word holding a backslash in
    single quotes, and its `'"'"'` for a quote holds none, so each backslash is inside
    quotes that can close right after it.
    """
    return shlex.quote(word).replace("\\%", "\\''%")


def command_text(
    program: tuple[str, ...], environment: dict[str, str], args: tuple[str, ...]
) -> str:
    """A shell command for cron: `NAME=value … /abs/program args`, quoted, `%` escaped."""
    words = [f"{name}={_shell_word(value)}" for name, value in environment.items()]
    words += [_shell_word(word) for word in (*program, *args)]
    text = " ".join(words)
    if "\n" in text or "\r" in text:
        raise ReftrackError(
            "a path for the crontab line holds a line break, which cron cannot take",
            "move the database or config file to a path without one",
        )
    # Cron turns an unescaped % into a line break (the rest of the line becoming the job's
    # input); a backslash right before it keeps it a percent sign, and cron drops the
    # backslash.
    return text.replace("%", "\\%")


def job_line(name: str, schedule: Schedule, command: str, mailto: str | None) -> str:
    """One crontab line: the fields, the command and reftrack's marking comment."""
    mark = f"# {MARK}{name}" + (f" mailto={mailto}" if mailto is not None else "")
    return f"{schedule.fields} {command} {mark}"


# ---------------------------------------------------------------- the crontab as text


def _lines(text: str) -> list[str]:
    """The crontab's lines, each with its own line ending, so joining them gives `text` back."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def _unquoted(value: str) -> str:
    """A variable's value as cron reads it: trimmed, one pair of matching quotes removed."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def without_reftrack(text: str) -> CrontabEdit:
    """The crontab without reftrack's job lines, and without the MAILTO it set if unchanged.

    The MAILTO reftrack set is the one right above its first job (blank lines between
    allowed); it is taken back only when its value is still the address the jobs'
    comments record. A MAILTO anywhere else may be the user's, and stays.
    """
    lines = _lines(text)
    own = [index for index, line in enumerate(lines) if _OWN_JOB.match(line)]
    marks = [found for index in own if (found := _OWN_JOB.match(lines[index]))]
    recorded = {found.group("mailto").strip() for found in marks if found.group("mailto")}
    drop = set(own)
    removed_mailto = kept_mailto = missing_mailto = None
    if recorded:
        above = own[0] - 1
        while above >= 0 and not lines[above].strip():
            above -= 1
        found = _MAILTO.match(lines[above]) if above >= 0 else None
        value = _unquoted(found.group("value")) if found else None
        if value is None:
            missing_mailto = min(recorded)
        elif value in recorded:
            drop.add(above)
            removed_mailto = value
        else:
            kept_mailto = value
    after = "".join(line for index, line in enumerate(lines) if index not in drop)
    # The newline reftrack put at the end of the user's last line goes with its lines, as
    # long as nothing of the user's has been written below them since.
    if any(found.group("added") for found in marks) and len(lines) - 1 in drop:
        after = after.removesuffix("\n")
    return CrontabEdit(
        before=text,
        after=after,
        removed_jobs=tuple(found.group("job") for found in marks),
        removed_mailto=removed_mailto,
        kept_mailto=kept_mailto,
        missing_mailto=missing_mailto,
    )


def with_plan(text: str, plan: CronPlan) -> CrontabEdit:
    """The crontab with reftrack's earlier lines replaced by the plan's, at the end."""
    taken = without_reftrack(text)
    after = taken.after
    if plan.lines:
        lines = plan.lines
        # Cron ignores a last line without a newline, so the user's gets one before ours,
        # and reftrack's lines record it for `cron remove` to take back.
        if after and not after.endswith("\n"):
            after += "\n"
            lines = tuple(_with_added_newline(line) for line in lines)
        after += "".join(f"{line}\n" for line in lines)
    return dataclasses.replace(taken, after=after)


def _with_added_newline(line: str) -> str:
    """A job line marked as having ended the user's last line; other lines as they are."""
    found = _OWN_JOB.match(line)
    if found is None:
        return line
    return f"{line[: found.end('job')]} {ADDED_NEWLINE}{line[found.end('job') :]}"
