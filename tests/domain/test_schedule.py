"""reftrack edits only its own crontab lines: every other byte the user wrote comes back.

The crontabs here are made up by hypothesis from the lines people really keep:
comments (indented, with tabs, naming reftrack), blank lines, variables with and
without quotes or spaces, jobs with odd spacing, `@reboot`, cron's `%`, CRLF endings,
reftrack lines the user commented out, and a last line without a newline.
"""

from __future__ import annotations

import shlex

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reftrack.domain.schedule import (
    CronJob,
    CronPlan,
    Schedule,
    command_text,
    job_args,
    job_line,
    parse_schedule,
    with_plan,
    without_reftrack,
)
from reftrack.errors import UsageProblem
from tests.cron_emulation import as_cron_runs

COMMAND = "LC_ALL=C.UTF-8 REFTRACK_DB=/home/ann/rt.db /usr/local/bin/reftrack"


def plan_of(jobs: dict[str, str], mailto: str | None = None) -> CronPlan:
    """The plan `cron install` would make for these schedules."""
    made = []
    for name, typed in jobs.items():
        schedule = parse_schedule(typed, f"--{name}")
        assert schedule is not None
        made.append(CronJob(name, schedule, job_line(name, schedule, f"{COMMAND} {name}", mailto)))
    return CronPlan(jobs=tuple(made), mailto=mailto, skipped=())


PLANS = [
    plan_of({"summary": "MON 07:30", "today": "MON-FRI 08:00"}),
    plan_of({"summary": "FRI 16:30"}, mailto="rep@example.com"),
    plan_of({"today": "* 06:15"}, mailto="rep@example.com, boss@example.com"),
    CronPlan(jobs=(), mailto=None, skipped=("summary", "today")),
]

# ---------------------------------------------------------------- a user's own lines

_spaces = st.text(alphabet=" \t", max_size=3)
_word = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\n\r#", min_codepoint=33
    ),
    min_size=1,
    max_size=12,
)
_field = st.sampled_from(["*", "0", "5", "*/15", "1-5", "MON", "mon-fri", "1,15", "JAN"])
_gap = st.text(alphabet=" \t", min_size=1, max_size=3)


@st.composite
def _job(draw: st.DrawFn) -> str:
    """A job of the user's: five fields or a special time, a command, maybe a comment."""
    if draw(st.booleans()):
        when = draw(st.sampled_from(["@reboot", "@daily", "@hourly"]))
    else:
        when = "".join(draw(_field) + draw(_gap) for _ in range(5)).rstrip(" \t")
    command = " ".join(draw(st.lists(_word, min_size=1, max_size=4)))
    comment = draw(st.sampled_from(["", " # mine", "   #note", " # reftrack: not ours"]))
    return draw(_spaces) + when + draw(_gap) + command + comment + draw(_spaces)


@st.composite
def _variable(draw: st.DrawFn) -> str:
    """NAME=value the way people write it, MAILTO included."""
    name = draw(st.sampled_from(["MAILTO", "SHELL", "PATH", "CRON_TZ", "HOME"]))
    value = draw(st.sampled_from(["", "rep@example.com", "me@example.com", "/bin/bash"]))
    quote = draw(st.sampled_from(["", '"', "'"]))
    return f"{draw(_spaces)}{name}{draw(_spaces)}={draw(_spaces)}{quote}{value}{quote}"


_comment = st.builds(
    lambda lead, text: f"{lead}#{text}",
    _spaces,
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r")),
)

# Lines that look like reftrack's but are the user's: commented out, or the mark not last.
_lookalike = st.sampled_from(
    [
        f"# 30 7 * * MON {COMMAND} summary # reftrack:summary",
        f"#0 8 * * MON-FRI {COMMAND} today # reftrack:today mailto=rep@example.com",
        "# reftrack:today",
        "0 9 * * * /usr/local/bin/reftrack today # reftrack:today, my own",
        "0 9 * * * reftrack:today",
        "reftrack:summary",
    ]
)

_line = st.one_of(
    st.just(""), _spaces, _comment, _job(), _variable(), _lookalike, _word.map(str.strip)
)


@st.composite
def users_crontab(draw: st.DrawFn) -> str:
    """A whole crontab of the user's: lines with LF or CRLF ends, maybe no final newline."""
    lines = draw(st.lists(_line, max_size=12))
    ends = [draw(st.sampled_from(["\n", "\n", "\r\n"])) for _ in lines]
    text = "".join(line + end for line, end in zip(lines, ends, strict=True))
    if text and draw(st.booleans()):
        text = text.removesuffix("\n")
    return text


def newline_ended(text: str) -> str:
    """The text as reftrack leaves it after adding lines: ending in a newline if not empty."""
    return text + "\n" if text and not text.endswith("\n") else text


# ---------------------------------------------------------------- properties


@settings(max_examples=300)
@given(users_crontab())
def test_a_crontab_without_reftrack_lines_is_left_as_it_is(text: str) -> None:
    edit = without_reftrack(text)
    assert edit.after == text
    assert not edit.changed
    assert edit.removed == 0


@settings(max_examples=300)
@given(users_crontab(), st.sampled_from(PLANS))
def test_install_adds_below_the_users_bytes_and_remove_gives_them_back(text: str, plan: CronPlan):
    installed = with_plan(text, plan)
    assert installed.after.startswith(newline_ended(text) if plan.jobs else text)
    added = installed.after[len(newline_ended(text)) :] if plan.jobs else ""
    assert added.count("\n") == len(plan.lines) and added.endswith("\n" if plan.jobs else "")
    removed = without_reftrack(installed.after)
    # Byte for byte, a last line without a newline included.
    assert removed.after == text
    assert removed.removed == len(plan.lines)


@settings(max_examples=200)
@given(users_crontab(), st.sampled_from(PLANS), st.sampled_from(PLANS))
def test_installing_again_replaces_the_old_lines_and_nothing_else(
    text: str, first: CronPlan, second: CronPlan
) -> None:
    once = with_plan(with_plan(text, first).after, second).after
    assert once == with_plan(text, second).after
    assert with_plan(once, second).after == once
    assert without_reftrack(once).after == text


def test_remove_takes_back_the_newline_install_added_and_no_other() -> None:
    plan = PLANS[0]
    installed = with_plan("0 5 * * * backup", plan).after
    assert installed.startswith("0 5 * * * backup\n30 7 * * MON ")
    assert without_reftrack(installed).after == "0 5 * * * backup"
    # The user wrote a line below reftrack's since: the newline now ends a line of theirs.
    assert without_reftrack(installed + "0 6 * * * mine").after == (
        "0 5 * * * backup\n0 6 * * * mine"
    )
    # A table that ended in a newline keeps it; one reftrack line left behind still counts.
    assert without_reftrack(with_plan("0 5 * * * backup\n", plan).after).after == (
        "0 5 * * * backup\n"
    )
    last_only = installed.splitlines(keepends=True)
    assert without_reftrack("".join([last_only[0], last_only[-1]])).after == "0 5 * * * backup"


# ---------------------------------------------------------------- the command as cron runs it

_path_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("%\\'\"$`!#&;|<>(){}[]*?~ \t=")),
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\x00"),
    ),
    min_size=1,
    max_size=20,
)


@settings(max_examples=500)
@given(st.lists(_path_text, min_size=1, max_size=3), st.lists(_path_text, max_size=2))
def test_cron_hands_the_shell_the_exact_words(values: list[str], args: list[str]) -> None:
    environment = {f"VAR{index}": value for index, value in enumerate(values)}
    command = command_text(("/opt/reft %\\%/reftrack",), environment, tuple(args))
    shell, stdin = as_cron_runs(command)
    assert stdin is None, "a % cut the command"
    words = shlex.split(shell)
    assert words == [
        *(f"{name}={value}" for name, value in environment.items()),
        "/opt/reft %\\%/reftrack",
        *args,
    ]


@settings(max_examples=200)
@given(st.lists(_line, max_size=10), st.data())
def test_reftracks_lines_are_found_wherever_the_user_moved_them(lines: list[str], data) -> None:
    own = list(PLANS[0].lines)
    mixed = list(lines)
    for line in own:
        mixed.insert(data.draw(st.integers(0, len(mixed))), line)
    edit = without_reftrack("".join(f"{line}\n" for line in mixed))
    assert edit.after == "".join(f"{line}\n" for line in lines)
    assert sorted(edit.removed_jobs) == ["summary", "today"]


# ---------------------------------------------------------------- cases by hand


def test_a_mailto_the_user_changed_stays_and_is_reported() -> None:
    plan = PLANS[1]
    installed = with_plan("# mine\n", plan).after
    changed = installed.replace("MAILTO=rep@example.com", "MAILTO=team@example.com")
    edit = without_reftrack(changed)
    assert edit.after == "# mine\nMAILTO=team@example.com\n"
    assert edit.kept_mailto == "team@example.com"
    assert edit.removed_mailto is None


def test_the_users_own_mailto_of_the_same_address_is_never_taken() -> None:
    text = "MAILTO=rep@example.com\n0 1 * * * mine\n"
    installed = with_plan(text, PLANS[1]).after
    without_ours = installed.replace("MAILTO=rep@example.com\n30", "30")
    edit = without_reftrack(without_ours)
    assert edit.after == text
    assert edit.missing_mailto == "rep@example.com"


@pytest.mark.parametrize(
    ("typed", "fields"),
    [
        ("MON 07:30", "30 7 * * MON"),
        ("mon - fri 8:05", "5 8 * * MON-FRI"),
        ("Monday 07:30", "30 7 * * MON"),
        ("mon, wed, fri 12:00", "0 12 * * MON,WED,FRI"),
        ("mon wed 12:00", "0 12 * * MON,WED"),
        ("sun-thu 07:00", "0 7 * * SUN-THU"),
        ("fri-mon 07:00", "0 7 * * SUN,MON,FRI,SAT"),
        ("sat,sun 09:00", "0 9 * * SUN,SAT"),
        ("tues-thurs 09:00", "0 9 * * TUE-THU"),
        ("* 06:15", "15 6 * * *"),
        ("Daily 00:00", "0 0 * * *"),
        ("tue-mon 23:59", "59 23 * * *"),
    ],
)
def test_typed_schedules_become_cron_fields(typed: str, fields: str) -> None:
    schedule = parse_schedule(typed, "--summary")
    assert schedule is not None
    assert schedule.fields == fields


def test_off_means_no_schedule() -> None:
    assert parse_schedule(" OFF ", "--today") is None


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("funday 08:00", "'funday' is not a weekday — did you mean 'sunday'?"),
        ("MON- 08:00", "a day is missing"),
        (", 08:00", "a day is missing"),
        ("1-5 08:00", "'1' is not a weekday"),
        ("MON 7", "'7' is not a time like 07:30"),
        ("MON 24:00", "'24:00' is not a time of day"),
        ("07:30", "the days or the time is missing"),
    ],
)
def test_a_schedule_that_cannot_be_read_says_why(typed: str, reason: str) -> None:
    with pytest.raises(UsageProblem) as refused:
        parse_schedule(typed, "--today")
    assert refused.value.message == f"--today: '{typed}' is not a schedule: {reason}"
    assert '"DAYS HH:MM"' in (refused.value.fix or "")


def test_describe_says_when_in_words() -> None:
    assert Schedule("*", 8, 0).describe() == "every day at 08:00"
    assert Schedule("MON-FRI", 7, 5).describe() == "MON-FRI at 07:05"


MON_TO_FRI = (0, 1, 2, 3, 4)


@pytest.mark.parametrize(
    ("typed", "workdays", "week_start", "args"),
    [
        ("FRI 16:30", MON_TO_FRI, 0, ("summary", "--week", "this")),
        ("SAT 09:00", MON_TO_FRI, 0, ("summary", "--week", "this")),
        ("FRI-SUN 18:00", MON_TO_FRI, 0, ("summary", "--week", "this")),
        ("MON 07:30", MON_TO_FRI, 0, ("summary",)),
        ("THU-FRI 17:00", MON_TO_FRI, 0, ("summary",)),
        ("MON,FRI 17:00", MON_TO_FRI, 0, ("summary",)),
        ("* 07:00", MON_TO_FRI, 0, ("summary",)),
        # A Sunday-to-Thursday week: Thursday afternoon is the end of the working week.
        ("THU 16:00", (6, 0, 1, 2, 3), 6, ("summary", "--week", "this")),
        ("SUN 08:00", (6, 0, 1, 2, 3), 6, ("summary",)),
        # A week starting on Sunday: Sunday comes first, so it reviews the week before.
        ("SUN 18:00", MON_TO_FRI, 6, ("summary",)),
    ],
)
def test_a_summary_on_the_weeks_last_working_days_reviews_this_week(
    typed: str, workdays: tuple[int, ...], week_start: int, args: tuple[str, ...]
) -> None:
    schedule = parse_schedule(typed, "--summary")
    assert schedule is not None
    assert job_args("summary", schedule, workdays, week_start) == args


@pytest.mark.parametrize(
    ("typed", "args"),
    [("FRI 16:00", ("team", "--week", "this")), ("MON 08:00", ("team",))],
)
def test_the_managers_team_week_follows_the_summarys_rule(typed: str, args: tuple[str, ...]):
    schedule = parse_schedule(typed, "--team")
    assert schedule is not None
    assert job_args("team", schedule, MON_TO_FRI, 0) == args


def test_the_morning_list_runs_as_it_is_whenever_it_runs() -> None:
    schedule = parse_schedule("FRI 08:00", "--today")
    assert schedule is not None
    assert job_args("today", schedule, MON_TO_FRI, 0) == ("today",)
