"""The manager's week as a plain table (terminal and cron mail alike) and as JSON."""

from __future__ import annotations

from typing import Any

from reftrack.domain.records import format_amount
from reftrack.domain.team import RepWeek, TeamMember, TeamWeek
from reftrack.render.output import plural
from reftrack.render.safe import visible

COLUMNS = (
    ("Rep", "<"),
    ("Asks", ">"),
    ("Closes", ">"),
    ("Asked", ">"),
    ("Refs in", ">"),
    ("Won", ">"),
    ("Won value", ">"),
    ("Thanks owed", ">"),
    ("Given", ">"),
    ("Streak", ">"),
    ("Goal", "<"),
)


def _coverage(rep: RepWeek) -> str:
    share = rep.coverage.share
    return "-" if share is None else f"{round(share * 100)}%"


def _goal(rep: RepWeek) -> str:
    if rep.goal is None:
        return "no goal"
    pace = "on pace" if rep.goal.on_pace else "behind"
    return f"{rep.referrals_in_period}/{rep.goal.target} this {rep.goal.period}, {pace}"


def _cells(rep: RepWeek) -> tuple[str, ...]:
    return (
        visible(rep.rep, keep=""),
        str(rep.asks),
        str(rep.closes),
        _coverage(rep),
        str(rep.referrals_received),
        str(rep.referrals_won),
        format_amount(rep.referrals_won_value_cents) or "0",
        str(rep.thank_yous_owed),
        str(rep.referrals_given),
        str(rep.streak),
        _goal(rep),
    )


def team_text(week: TeamWeek) -> str:
    """The week, one line per rep: counts only, as it reads in a terminal or a mail."""
    heading = f"Team, week {week.week} ({week.start} to {week.end})"
    if not week.reps:
        return f"{heading}\nNo rep has recorded anything yet.\n"
    rows = [tuple(name for name, _ in COLUMNS), *(_cells(rep) for rep in week.reps)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = [heading, ""]
    for row in rows:
        cells = [
            f"{cell:{align}{width}}"
            for cell, (_, align), width in zip(row, COLUMNS, widths, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    asks = sum(rep.asks for rep in week.reps)
    received = sum(rep.referrals_received for rep in week.reps)
    lines += [
        "",
        f"{plural(len(week.reps), 'rep')}, {plural(asks, 'ask')}, "
        f"{plural(received, 'referral')} received.",
    ]
    return "\n".join(lines) + "\n"


def team_document(week: TeamWeek) -> dict[str, Any]:
    """The week as JSON: per rep, aggregates only."""
    return {
        "week": week.week,
        "start": week.start,
        "end": week.end,
        "reps": [
            {
                "rep": rep.rep,
                "asks": rep.asks,
                "closes": rep.closes,
                "closes_won": rep.closes_won,
                "won_value": rep.won_value_cents / 100,
                "close_coverage": rep.coverage.share,
                "closes_asked": rep.coverage.covered,
                "referrals_received": rep.referrals_received,
                "referrals_won": rep.referrals_won,
                "referrals_won_value": rep.referrals_won_value_cents / 100,
                "thank_yous_owed": rep.thank_yous_owed,
                "referrals_given": rep.referrals_given,
                "streak": rep.streak,
                "goal": None
                if rep.goal is None
                else {
                    "period": rep.goal.period,
                    "start": rep.goal.start,
                    "end": rep.goal.end,
                    "target": rep.goal.target,
                    "referrals_in_period": rep.referrals_in_period,
                    "expected": round(rep.goal.expected, 2),
                    "on_pace": rep.goal.on_pace,
                    "weekly_goal": rep.goal.weekly_goal,
                },
            }
            for rep in week.reps
        ],
    }


def member_document(member: TeamMember) -> dict[str, Any]:
    """What `team add` did, as JSON."""
    return {
        "role": member.role,
        "created": member.created,
        "manager": member.manager,
        "groups": [member.rep_group, *([member.manager_group] if member.manager else [])],
        "guarded_tables": list(member.guarded),
        "unguarded_tables": list(member.unguarded),
    }


def member_text(member: TeamMember) -> str:
    """What `team add` did, in a sentence or two."""
    role = visible(member.role, keep="")
    made = "Created role" if member.created else "Role"
    what = "a rep and a manager (reads the team view)" if member.manager else "a rep"
    lines = [f"{made} {role} (LOGIN, no password): {what}."]
    lines.append(
        f"It reads and writes only its own rows in {plural(len(member.guarded), 'table')}; "
        "set its password yourself (ALTER ROLE ... PASSWORD) and keep it in ~/.pgpass."
    )
    if member.unguarded:
        lines.append(f"Tables with no rep column, closed to reps: {', '.join(member.unguarded)}.")
    return "\n".join(lines) + "\n"
