"""Cron schedules as a rep types them ("MON 07:30"), reftrack's crontab lines, and editing them.

Everything here works on text: the crontab comes in as the string `crontab -l` printed
and goes out as the string to install. Only reftrack's own lines are touched; every
other byte of the user's crontab is kept as it was.

Inside this module days are numbered as cron numbers them, 0 = Sunday … 6 = Saturday
(elsewhere reftrack starts at Monday); no day number leaves it.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from reftrack.errors import ReftrackError, UsageProblem

JOBS = ("summary", "today")
JOB_COMMANDS = {"summary": ("summary",), "today": ("today",)}
MARK = "reftrack:"
OFF = "off"
ACCEPTED = (
    'use "DAYS HH:MM", DAYS being MON, MON-FRI, MON,WED,FRI, SUN or * for every day, '
    'e.g. "MON 07:30"; or off'
)

CRON_DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
_DAY_NUMBERS = {
    **{name.lower(): number for number, name in enumerate(CRON_DAYS)},
    **{
        full: number
        for number, full in enumerate(
            ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
        )
    },
}
_EVERY_DAY = ("*", "daily")
_TIME = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)

# One of reftrack's job lines: five time fields, a command, and the marking comment last.
# A line the user commented out (`# 30 7 * * MON …`) is theirs now and is left alone.
_OWN_JOB = re.compile(
    r"^\s*[^#\s]\S*(?:\s+\S+){4}\s.*\s#\s*"
    + re.escape(MARK)
    + r"(?P<job>"
    + "|".join(JOBS)
    + r")(?:\s+mailto=(?P<mailto>.*?))?\s*$"
)
_MAILTO = re.compile(r"^\s*MAILTO\s*=(?P<value>.*)$")


@dataclass(frozen=True)
class Schedule:
    """When a job runs: days of the week as a cron expression, and a time of day."""

    days: str
    hour: int
    minute: int

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


@dataclass(frozen=True)
class CronPlan:
    """The lines reftrack would install: an optional MAILTO, then its jobs."""

    jobs: tuple[CronJob, ...]
    mailto: str | None
    skipped: tuple[str, ...]

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


def _days(text: str) -> str:
    """A normalised cron day-of-week expression, or ValueError with the reason."""
    if text.lower() in _EVERY_DAY:
        return "*"
    numbers: set[int] = set()
    for part in text.split(","):
        first, dash, last = part.partition("-")
        start = _day_number(first)
        end = _day_number(last) if dash else start
        # A range may wrap past Saturday (FRI-MON); cron itself only takes rising ones.
        numbers.update((start + step) % 7 for step in range((end - start) % 7 + 1))
    if len(numbers) == 7:
        return "*"
    return ",".join(_cron_run(run) for run in _runs(sorted(numbers)))


def _day_number(word: str) -> int:
    if not word:
        raise ValueError("a day is missing")
    try:
        return _DAY_NUMBERS[word.lower()]
    except KeyError:
        raise ValueError(f"'{word}' is not a day of the week") from None


def _runs(numbers: list[int]) -> list[list[int]]:
    """Consecutive day numbers grouped: [1, 2, 3, 5] → [[1, 2, 3], [5]]."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs


def _cron_run(run: list[int]) -> str:
    if len(run) >= 3:
        return f"{CRON_DAYS[run[0]]}-{CRON_DAYS[run[-1]]}"
    return ",".join(CRON_DAYS[number] for number in run)


def parse_schedule(text: str, option: str) -> Schedule | None:
    """A Schedule from "MON-FRI 08:00", None from "off"; anything else is a UsageProblem."""
    cleaned = text.strip()
    if cleaned.lower() == OFF:
        return None
    days_text, _space, time_text = cleaned.rpartition(" ")
    # "MON, WED, FRI 07:30" and "MON - FRI 08:00" mean what they say.
    days_text = re.sub(r"\s+", "", days_text)
    try:
        if not days_text:
            raise ValueError("the days or the time is missing")
        days = _days(days_text)
        found = _TIME.fullmatch(time_text)
        if not found:
            raise ValueError(f"'{time_text}' is not a time like 07:30")
        hour, minute = int(found.group(1)), int(found.group(2))
        if hour > 23 or minute > 59:
            raise ValueError(f"'{time_text}' is not a time of day")
    except ValueError as reason:
        raise UsageProblem(f"{option}: '{cleaned}' is not a schedule: {reason}", ACCEPTED) from None
    return Schedule(days=days, hour=hour, minute=minute)


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


def command_text(
    program: tuple[str, ...], environment: dict[str, str], args: tuple[str, ...]
) -> str:
    """A shell command for cron: `NAME=value … /abs/program args`, quoted, `%` escaped."""
    words = [f"{name}={shlex.quote(value)}" for name, value in environment.items()]
    words += [shlex.quote(word) for word in (*program, *args)]
    text = " ".join(words)
    if "\n" in text or "\r" in text:
        raise ReftrackError(
            "a path for the crontab line holds a line break, which cron cannot take",
            "move the database or config file to a path without one",
        )
    # Cron turns an unescaped % into a line break; a backslash keeps it a percent sign.
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
    return CrontabEdit(
        before=text,
        after="".join(line for index, line in enumerate(lines) if index not in drop),
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
        if after and not after.endswith("\n"):
            after += "\n"
        after += "".join(f"{line}\n" for line in plan.lines)
    return CrontabEdit(
        before=text,
        after=after,
        removed_jobs=taken.removed_jobs,
        removed_mailto=taken.removed_mailto,
        kept_mailto=taken.kept_mailto,
        missing_mailto=taken.missing_mailto,
    )
