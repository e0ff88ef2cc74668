"""The fast write path (stdlib sqlite3) stores what the full one (SQLModel) does, byte for byte.

`ask`, `close` and `thank` in their everyday forms run without SQLModel (issue 12); a form
that adds a contact (`ask --add`, `--referral`) or picks a referral (`thank --for`) takes
the full path. Either way the rows, the journal `undo` walks back and the answers printed
must be the same: each test runs the same commands on two copies of one database, one
forced down the full path (REFTRACK_FULL_READS), and compares every table.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reftrack.kinds import Channel, Outcome
from tests.cli.test_fast_reads import HEAVY, last_line, probe
from tests.cli.test_undo import snapshot
from tests.conftest import Rep

pytestmark = pytest.mark.usefixtures("neighbours")


@pytest.fixture
def neighbours(rep: Rep) -> None:
    """Jane, who referred Pat; Sam at Acme, with a deal closed days ago and no ask yet.

    The rep works in New York: every instant stored is turned to UTC on either path."""
    rep.ok("config set timezone America/New_York")
    rep.ok('contact add "Jane Doe"')
    rep.ok('contact add "Sam Lee" --company Acme')
    rep.ok('ask "Jane Doe" --referral "Pat Kim" --on 2026-11-20')
    rep.ok('close "Sam Lee" --deal Fleet --value 2k --on 2026-11-20')


def both_ways(rep: Rep, tmp_path: Path, commands: list[str]) -> tuple[list[str], list[str]]:
    """Run `commands` on a copy of the rep's database down each path: what each printed."""
    full = tmp_path / "full.db"
    shutil.copyfile(rep.db, full)
    fast_out = [rep.ok(command).stdout for command in commands]
    full_out = [
        rep.ok(command, REFTRACK_DB=str(full), REFTRACK_FULL_READS="1").stdout
        for command in commands
    ]
    assert snapshot(rep.db, journal=True) == snapshot(full, journal=True)
    return fast_out, full_out


EVERYDAY = [
    'ask "Jane Doe" --outcome declined',
    'ask "Sam Lee" --channel email --note "über ☃ [bold]"',
    'ask "Jane Doe" --outcome promised --follow-up 2026-11-30 --on 2026-11-24',
    'ask "Jane Doe" --won --deal Big --value 3.5k',
    'ask "Sam Lee" --lost --outcome declined --json',
    'close "Jane Doe" --lost --crm-id CRM-1 --on 2026-11-23',
    'close "Sam Lee" --deal "Van & trailer" --value 12k --json',
    'thank "Jane Doe" --gift Wine --note "for Pat"',
    'thank "Sam Lee" --call --json',
    'thank "Jane Doe"',
]


def test_everyday_writes_store_and_print_the_same_on_both_paths(rep: Rep, tmp_path: Path) -> None:
    fast_out, full_out = both_ways(rep, tmp_path, EVERYDAY)
    assert fast_out == full_out
    with closing(sqlite3.connect(rep.db)) as connection:  # in id order: the last asks typed
        asks = connection.execute("SELECT * FROM ask ORDER BY id").fetchall()
    assert "über ☃ [bold]" in asks[-4][8]
    assert asks[-1][9] == "2026-11-25 14:00:00.000000"  # 09:00 in New York, stored in UTC


def test_undo_walks_back_fast_writes_as_it_does_full_ones(rep: Rep, tmp_path: Path) -> None:
    """The journal of a fast write (an ask --won is two rows in one operation) is the
    full path's, so `undo` takes back exactly the same, and `log` shows the same."""
    commands = [*EVERYDAY[:4], "undo", "undo", *EVERYDAY[6:], "undo", "log --json"]
    fast_out, full_out = both_ways(rep, tmp_path, commands)
    assert fast_out == full_out
    assert "removed 1 ask" in fast_out[4] and "1 close" in fast_out[4]


def test_forms_that_add_a_contact_or_pick_a_referral_agree_too(rep: Rep, tmp_path: Path) -> None:
    commands = [
        'ask "Ann New" --add --company Bolt',
        'ask "Jane Doe" --referral "Lou Park" --referral "Pat Kim"',
        'thank "Jane Doe" --for "Lou Park"',
        'ask "Ann New" --won --deal Kit',
        "undo",
    ]
    fast_out, full_out = both_ways(rep, tmp_path, commands)
    assert fast_out == full_out


@pytest.mark.parametrize(
    "command, light",
    [
        (["ask", "Jane Doe", "--outcome", "declined"], True),
        (["ask", "Sam Lee", "--won", "--deal", "Kit", "--value", "1k"], True),
        (["close", "Jane Doe", "--deal", "Kit"], True),
        (["thank", "Jane Doe", "--note", "for lunch"], True),
        (["ask", "Jane Doe", "--referral", "Lou Park"], False),
        (["thank", "Jane Doe", "--for", "Pat Kim"], False),
    ],
)
def test_an_everyday_write_imports_no_database_stack(
    rep: Rep, command: list[str], light: bool
) -> None:
    """Issue 12: `ask`, `close` and `thank` cost a fraction of importing SQLModel."""
    code = probe(command, HEAVY)
    env = {**os.environ, **rep.env}
    env.pop("REFTRACK_FULL_READS", None)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    # The full path, for the forms the fast one leaves to it: SQLModel, never Alembic.
    full = sorted(set(HEAVY) - {"alembic"})
    expected = "exit 0 loaded []" if light else f"exit 0 loaded {full}"
    assert last_line(result.stdout) == expected, (result.stdout, result.stderr)


def _add_close(session: object, rep: str, contact_id: int) -> None:
    from datetime import UTC, date, datetime

    from reftrack.kinds import CloseResult
    from reftrack.store import fast_writes

    fast_writes.insert(
        session,
        "close",
        rep=rep,
        contact_id=contact_id,
        closed_on=date(2026, 11, 25),
        result=CloseResult.won,
        title=None,
        value_cents=None,
        crm_id=None,
        recorded_at=datetime(2026, 11, 25, 9, tzinfo=UTC),
    )


def test_a_fast_write_that_fails_leaves_nothing(rep: Rep) -> None:
    from reftrack.services.runtime import Runtime
    from reftrack.store import fast_writes

    before = snapshot(rep.db, journal=True)
    runtime = Runtime.load(str(rep.db))
    with pytest.raises(RuntimeError), runtime.write() as session:
        assert isinstance(session, fast_writes.FastWriteSession)
        _add_close(session, runtime.rep, 1)
        raise RuntimeError("the power went")
    assert snapshot(rep.db, journal=True) == before


def test_a_write_to_a_missing_contact_id_is_one_line_and_writes_nothing(rep: Rep) -> None:
    """The fast path keeps the database's foreign keys on, as the full path does."""
    from reftrack.errors import DatabaseProblem
    from reftrack.services.runtime import Runtime
    from reftrack.store import fast_writes

    before = snapshot(rep.db, journal=True)
    runtime = Runtime.load(str(rep.db))
    with pytest.raises(DatabaseProblem, match="FOREIGN KEY"), runtime.write() as session:
        assert isinstance(session, fast_writes.FastWriteSession)
        _add_close(session, runtime.rep, 999_999)
    assert snapshot(rep.db, journal=True) == before


# Text a rep might type: any printable character, accents, emoji, quotes and markup.
TYPED = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda text: text.strip() == text and not text.startswith("-")
)
DAY = st.dates(min_value=date(2026, 10, 1), max_value=date(2026, 11, 25))


@st.composite
def everyday_writes(draw: st.DrawFn) -> list[list[str]]:
    """A few asks, closes and thank-yous with whatever options and text a rep could give."""
    commands = []
    for _ in range(draw(st.integers(1, 4))):
        who = draw(st.sampled_from(["Jane Doe", "Sam Lee"]))
        on = ["--on", draw(DAY).isoformat()]
        kind = draw(st.sampled_from(["ask", "close", "thank"]))
        if kind == "ask":
            options = draw(
                st.lists(
                    st.sampled_from(
                        [
                            ["--outcome", draw(st.sampled_from([o.value for o in Outcome]))],
                            ["--channel", draw(st.sampled_from([c.value for c in Channel]))],
                            ["--note", draw(TYPED)],
                            ["--won", "--deal", draw(TYPED)],
                        ]
                    ),
                    max_size=3,
                    unique_by=lambda option: option[0],
                )
            )
        elif kind == "close":
            options = [["--deal", draw(TYPED)], ["--value", f"{draw(st.integers(0, 10**7))}"]]
            options += [["--lost"], ["--crm-id", draw(TYPED)]][: draw(st.integers(0, 2))]
        else:
            options = [[draw(st.sampled_from(["--gift", "--note"])), draw(TYPED)]]
        commands.append([kind, who, *on, *(word for option in options for word in option)])
    return commands


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(commands=everyday_writes())
def test_any_everyday_write_stores_the_same_on_both_paths(
    rep: Rep, tmp_path: Path, commands: list[list[str]]
) -> None:
    start = tmp_path / "start.db"
    if not start.exists():
        shutil.copyfile(rep.db, start)
    shutil.copyfile(start, rep.db)
    full = tmp_path / "full.db"
    shutil.copyfile(start, full)
    for command in commands:
        fast, slow = (
            rep.run(command),
            rep.run(command, REFTRACK_DB=str(full), REFTRACK_FULL_READS="1"),
        )
        assert (fast.exit_code, fast.stdout, fast.stderr) == (
            slow.exit_code,
            slow.stdout,
            slow.stderr,
        )
    assert snapshot(rep.db, journal=True) == snapshot(full, journal=True)


@pytest.mark.parametrize(
    ("values", "says"),
    [
        ({"outcome": "maybe"}, "maybe"),  # not an Outcome: refused as the full path refuses it
        ({"channel": None, "outcome": None, "note": None}, "give exactly its columns"),
        ({"mood": "good"}, "mood"),
    ],
)
def test_a_fast_insert_takes_every_column_and_only_the_enums_values(
    rep: Rep, values: dict[str, object], says: str
) -> None:
    from datetime import UTC, date, datetime

    from reftrack.services.runtime import Runtime
    from reftrack.store import fast_writes

    before = snapshot(rep.db, journal=True)
    row: dict[str, object] = {
        "rep": "me",
        "contact_id": 1,
        "close_id": None,
        "asked_on": date(2026, 11, 25),
        "outcome": "pending",
        "channel": None,
        "follow_up_on": None,
        "note": None,
        "recorded_at": datetime(2026, 11, 25, 9, tzinfo=UTC),
    }
    row.update(values)
    if "channel" in values and values.get("outcome") is None:
        del row["recorded_at"]  # a column left out
    runtime = Runtime.load(str(rep.db))
    with pytest.raises((ValueError, TypeError), match=says), runtime.write() as session:
        assert isinstance(session, fast_writes.FastWriteSession)
        fast_writes.insert(session, "ask", **row)
    assert snapshot(rep.db, journal=True) == before
