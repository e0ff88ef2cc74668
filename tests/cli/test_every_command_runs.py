"""Every command `today`, `summary` and `stats` print runs as printed and clears its item.

One rich history where each kind of reminder appears, with names that are hard to
type back: namesakes at different companies, a prospect with two open referrals,
quotes, apostrophes and an ampersand. Each printed command runs, as a rep would paste
it (shlex.split), against the same history, restored before every command.
"""

from __future__ import annotations

import json
import re
import shlex
import sqlite3
from pathlib import Path

from reftrack.kinds import ReminderKind
from tests.conftest import Rep

TODAY = "2026-11-25T09:00"  # a Wednesday
SEAN = "Sean O'Brien (Smith & Sons)"
BOB_B = 'Bob "B" Smith'
STORY = [
    ("2026-06-01", "goal set --referrals 8 --per month --rate 0.25"),
    ("2026-06-01", 'contact add "Jane Doe"'),
    ("2026-06-01", 'contact add "Jane Doe" --company Acme --birthday 11-27'),
    ("2026-06-01", 'contact add "Jane Doe" --company Globex'),
    (
        "2026-06-01",
        "contact add \"Sean O'Brien\" --company 'Smith & Sons' --date \"founder's day=11-26\"",
    ),
    ("2026-06-01", f"contact add '{BOB_B}'"),
    ("2026-06-01", 'contact add "Ann Lee"'),
    ("2026-06-01", 'contact add "Omar Said" --company Initrode'),
    ("2026-06-01", 'contact add "Priya Shah" --company Globex --kind partner'),
    ("2026-06-01", 'contact add "Old Friend"'),
    ("2026-06-01", 'contact add "Lea Moss"'),
    # stay_in_touch, stale (quiet since July) and fresh (quiet since August).
    ("2026-07-01", 'referral add "Ivy Chen" --from "Old Friend"'),
    ("2026-07-01", 'thank "Old Friend"'),
    ("2026-08-20", 'referral add "Max Roe" --from "Lea Moss"'),
    ("2026-08-20", 'thank "Lea Moss"'),
    # follow_up: a stale one, and two for namesakes.
    ("2026-09-01", f"ask '{BOB_B}' --outcome pending"),
    ("2026-11-18", 'ask "Jane Doe" --outcome promised'),
    ("2026-11-19", f'ask "{SEAN}" --outcome promised'),
    # inform_referrer, and a thank owed to Sean.
    ("2026-11-10", f'referral add "Kim Park" --from "{SEAN}"'),
    ("2026-11-20", 'referral update "Kim Park" --status meeting'),
    # A prospect with two open referrals: contact_referral twice, thank owed twice.
    ("2026-11-20", 'referral add "Bob Stone" --company Umbrella --from "Ann Lee"'),
    ("2026-11-23", 'ask "Omar Said" --referral "Bob Stone@Umbrella"'),
    # give_back: Priya sent two, got none.
    ("2026-11-23", 'referral add "Eli Park" --company Stark --from "Priya Shah"'),
    ("2026-11-24", 'referral add "Fay Wong" --company Wayne --from "Priya Shah"'),
    # ask_close and commitment for the Globex namesake; a commitment scored the same day.
    ("2026-11-23", 'close "Jane Doe (Globex)" --deal "Fleet"'),
    ("2026-11-24", 'score "Jane Doe (Globex)" --liking 5 --reciprocity 4 --credibility 5'),
    ("2026-11-25", 'score "Jane Doe (Acme)" --liking 5 --reciprocity 5 --credibility 4'),
]


def _items(rep: Rep) -> list[dict[str, object]]:
    items: list[dict[str, object]] = json.loads(rep.ok("today --json").stdout)["items"]
    return items


def _printed_commands(rep: Rep) -> list[str]:
    """Every `reftrack …` command the morning list, the summary and stats print."""
    text = "\n".join(
        rep.ok(args).stdout
        for args in ("today", "today --all", "summary", "summary --week this", "stats")
    )
    found = [m.group(0).strip() for m in re.finditer(r"reftrack [^\n]*", text)]
    # "(3 older loops, …: reftrack today --all)": the bracket closes the sentence.
    found = [c[:-1] if c.count(")") > c.count("(") else c for c in found]
    markdown = rep.ok("summary --format markdown").stdout
    found += re.findall(r"`(reftrack [^`]*)`", markdown)
    found += [
        str(loop["command"])
        for loop in json.loads(rep.ok("summary --format json").stdout)["open_loops"]
    ]
    found += [str(item["command"]) for item in _items(rep)]
    # Headings such as "reftrack weekly summary, 2026-W47" are not commands.
    return sorted({c for c in found if not c.startswith("reftrack weekly summary")})


def _copy(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def test_every_printed_command_runs_as_printed_and_clears_its_item(rep: Rep) -> None:
    for day, args in STORY:
        rep.ok(args, REFTRACK_NOW=f"{day}T10:00")
    rep.env["REFTRACK_NOW"] = TODAY
    items = _items(rep)
    assert {item["kind"] for item in items} == set(ReminderKind)
    assert any(item["stale"] for item in items)
    commands = _printed_commands(rep)
    by_command: dict[str, list[dict[str, object]]] = {}
    for item in items:
        by_command.setdefault(str(item["command"]), []).append(item)
    assert set(by_command) <= set(commands)

    snapshot = rep.db.parent / "snapshot.db"
    _copy(rep.db, snapshot)
    for command in commands:
        _copy(snapshot, rep.db)
        argv = shlex.split(command)
        assert argv[0] == "reftrack"
        result = rep.run(argv[1:])
        assert result.exit_code == 0, (command, result.stdout, result.stderr)
        left = [i for i in _items(rep) if i["command"] == command]
        assert left == [], (command, left)
    # Everything the list printed was tried, including `today --all` and the two
    # referrals of Bob Stone by number.
    assert "reftrack today --all" in commands
    assert {
        "reftrack referral update 4 --status contacted",
        "reftrack referral update 5 --status contacted",
    } <= set(commands)
    print(f"{len(commands)} printed commands ran and cleared their items")
