"""The bad-input catalogue: every command and option that takes what a rep types, fed what it
must refuse. Each case has its exact exit code (2 bad usage, 1 a clear error), one meaningful
line on stderr and nothing on stdout, and leaves the database byte for byte as it was.

The database holds some of everything (contacts, a close, an ask, referral #1, a thank-you, a
given referral, a share, a score, a goal, a day off), so names and numbers are resolved for real.
"""

from __future__ import annotations

import hashlib
import shlex
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reftrack.cli import app
from tests.conftest import PINNED_NOW, Rep

SEED_HISTORY = [
    'contact add "Jane Doe" --company Acme --email jane@acme.test',
    'contact add "Jane Doe" --company Globex',
    'contact add "Bob Stone" --birthday 05-01 --date wedding=06-12',
    "close bob --value 12.5k --deal Fleet --on 2026-11-20",
    'ask bob --referral "Dana Reyes@Initech" --on 2026-11-20',
    "thank bob --for Dana",
    'give bob --to "Eve Park"',
    "share bob --content Whitepaper",
    "score bob --liking 4",
    "goal set --referrals 8 --per month --rate 0.25 --from 2026-11-01",
    "off 2026-12-24",
]

DATA = Path(__file__).resolve().parent.parent / "data"
HUGE = "9" * 30
LONG = "x" * 5000
NUL = "Bob\x00Stone"


def case(args: str | list[str], code: int, says: str = "") -> tuple[list[str], int, str]:
    """One refusal: the words typed, the exit code, and words the message must hold."""
    return (shlex.split(args) if isinstance(args, str) else args, code, says)


CATALOGUE = [
    # contact add / list / show / edit / archive
    case("contact add", 2, "Missing argument"),
    case("contact add ''", 2, "the name is empty"),
    case("contact add '   '", 2, "the name is empty"),
    case("contact add -- -Zed", 2, "cannot start with '-'"),
    case('contact add "Zed" --birthday 13-01', 2, "13"),
    case('contact add "Zed" --birthday 02-30', 2, "02-30"),
    case('contact add "Zed" --birthday ٠٥-٠١', 2, "٠٥-٠١"),
    case('contact add "Zed" --birthday tomorrowish', 2, "tomorrowish"),
    case('contact add "Zed" --email zed', 2, "is not an e-mail address"),
    case('contact add "Zed" --kind enemy', 2, "enemy"),
    case('contact add "Zed" --date =05-01', 2),
    case('contact add "Zed" --date wedding', 2),
    case('contact add "Zed" --date wedding=99-99', 2),
    case("contact list --kind friend", 2, "friend"),
    case("contact list --json --kind friend", 2, "friend"),
    case("contact show nobody", 1, "no contact 'nobody'"),
    case("contact show nobody --json", 1, "no contact 'nobody'"),
    case("contact show jane", 1, "could be"),
    case("contact show ''", 1, "no contact ''"),
    case(["contact", "show", LONG], 1, "no contact"),
    case(["contact", "show", NUL], 1, "no contact"),
    case("contact edit nobody --email a@b.test", 1, "no contact 'nobody'"),
    case("contact edit bob --birthday 02-31", 2, "02-31"),
    case("contact edit bob --email nope", 2, "is not an e-mail address"),
    case("contact edit bob --name ''", 2, "empty"),
    case("contact edit bob --name '  '", 2, "empty"),
    case("contact edit bob --kind enemy", 2, "enemy"),
    case("contact edit bob --remove-date birthdayish", 1, "birthdayish"),
    case("contact edit bob --date =05-01", 2),
    case("contact archive nobody", 1, "no contact 'nobody'"),
    case("contact archive jane", 1, "could be"),
    # close
    case("close", 2, "Missing argument"),
    case("close nobody", 1, "no contact 'nobody'"),
    case("close jane", 1, "could be"),
    case("close bob --value 12x", 2, "is not an amount"),
    case("close bob --value 12,5k", 2, "is not an amount"),
    case("close bob --value 12,50", 2, "is not an amount"),
    case("close bob --value 1,2,3", 2, "is not an amount"),
    case("close bob --value ١٢", 2, "is not an amount"),
    case("close bob --value -5", 2, "is not an amount"),
    case("close bob --value 0", 2, "amounts run from 0.01 to 1,000,000,000,000"),
    case("close bob --value 99999999999999999k", 2, "amounts run from 0.01 to 1,000,000,000,000"),
    case(["close", "bob", "--value", "9" * 5000], 2, "amounts run from 0.01 to 1,000,000,000,000"),
    case("close bob --value ''", 2, "is not an amount"),
    case("close bob --on 2026-02-30", 2, "2026-02-30"),
    case("close bob --on 9999-12-31", 2, "9999-12-31"),
    case("close bob --on +99999d", 2, "too far"),
    case("close bob --on whenever", 2, "whenever"),
    case("close bob --json --on whenever", 2, "whenever"),
    # ask
    case("ask", 2, "whom you asked"),
    case("ask nobody --outcome declined", 1, "no contact 'nobody'"),
    case("ask nobody --outcome declined", 1, "reftrack ask nobody --add"),
    case("ask nobody --company Acme --outcome declined", 2, "--company goes with --add"),
    case("ask nobody --kind partner --outcome declined", 2, "--kind goes with --add"),
    case("ask nobody --add --kind boss --outcome declined", 2, "boss"),
    case("ask '  ' --add --outcome declined", 2, "is not a name"),
    case("ask 'Jane Doe' --add --outcome declined", 1, "could be"),
    case("ask jane --outcome declined", 1, "could be"),
    case("ask bob --outcome maybe", 2, "maybe"),
    case("ask bob --channel pigeon --outcome declined", 2, "pigeon"),
    case("ask bob --on 2026-02-30 --outcome declined", 2, "2026-02-30"),
    case("ask bob --on 0001-01-01 --outcome declined", 2, "0001-01-01"),
    case("ask bob --referral ''", 2, "is not a name"),
    case("ask bob --referral '@Acme'", 2, "is not a name"),
    case("ask bob --referral Zed@", 2, "is not a name"),
    case("ask bob --won --lost --outcome declined", 2, "either --won or --lost"),
    case("ask bob --value 5k --outcome declined", 2, "--won or --lost"),
    case("ask bob --won --value 12,5k --outcome declined", 2, "is not an amount"),
    case("ask bob --outcome promised --follow-up -3d", 2, "cannot come before the ask"),
    case("ask bob --outcome promised --follow-up soonish", 2, "soonish"),
    case("ask bob --outcome declined --follow-up friday", 2, "--follow-up goes with"),
    case("ask bob --referral Zed --follow-up friday", 2, "--follow-up goes with"),
    case("ask bob --referral Bob\\ Stone", 1, "cannot refer themselves"),
    # referral add / list / update / inform
    case("referral add Zed --from nobody", 1, "no contact 'nobody'"),
    case("referral add Zed --from jane", 1, "could be"),
    case("referral add '' --from bob", 2, "is not a name"),
    case("referral add '  ' --from bob", 2, "is not a name"),
    case("referral add Zed --from bob --on 2026-13-01", 2, "13"),
    case("referral add Zed", 2, "--from"),
    case("referral list --status maybe", 2, "maybe"),
    case("referral list --status maybe --json", 2, "maybe"),
    case("referral list --from nobody --json", 1, "no contact 'nobody'"),
    case("referral update bob --status won", 1, "was never referred to you"),
    case("referral update dana", 2, "--status"),
    case("referral update dana --status pending", 2, "pending"),
    case("referral update dana --status new", 1, "already new"),
    case("referral update dana --status meeting --value 5k", 2, "--value goes with --status won"),
    case("referral update dana --status won --value 12,5k", 2, "is not an amount"),
    case("referral update dana --status won --on 2026-01-01", 2, "before the referral arrived"),
    case("referral update '#99' --status won", 1, "no referral #99"),
    case(f"referral update '#{HUGE}' --status won", 2, "run from #1 to #2147483647"),
    case(f"referral update {HUGE} --status won --json", 2, "run from #1 to #2147483647"),
    case("referral update '#0' --status won", 2, "run from #1 to #2147483647"),
    case("referral update '#abc' --status won", 2, "is not a referral number"),
    case("referral update '#-1' --status won", 2, "is not a referral number"),
    case("referral update ١ --status won", 1, "no contact '١'"),
    case("referral inform 7", 1, "no referral #7"),
    case("referral inform 1 7", 1, "no referral #7"),
    case(f"referral inform {HUGE}", 2, "run from #1 to #2147483647"),
    case("referral inform '#2147483648'", 2, "run from #1 to #2147483647"),
    case("referral inform nobody --json", 1, "no contact 'nobody'"),
    case("referral inform dana --on never", 2, "never"),
    # thank / give / share / score
    case("thank nobody", 1, "no contact 'nobody'"),
    case("thank bob --for nobody", 1, "no contact 'nobody'"),
    case(f"thank bob --for '#{HUGE}'", 2, "run from #1 to #2147483647"),
    case("thank bob --for '#x'", 2, "is not a referral number"),
    case("thank bob --gift Wine --call", 2, "not both"),
    case("thank bob --on 2026-04-31", 2, "2026-04-31"),
    case("give bob --to ''", 2, "the --to name is empty"),
    case("give bob --to '   '", 2, "the --to name is empty"),
    case("give nobody --to Zed", 1, "no contact 'nobody'"),
    case("give bob", 2, "--to"),
    case("give bob --to Zed --on someday", 2, "someday"),
    case("share bob", 2, "--content"),
    case("share bob --content ''", 2),
    case("share nobody --content Guide", 1, "no contact 'nobody'"),
    case("share bob --content Guide --on 2026-02-29", 2, "2026-02-29"),
    case("score bob --liking 9", 2, "scores run from 1 to 5"),
    case("score bob --liking 0", 2, "scores run from 1 to 5"),
    case("score bob --liking -1", 2, "scores run from 1 to 5"),
    case(f"score bob --commitment {HUGE}", 2, "scores run from 1 to 5"),
    case("score bob --reciprocity 4.5", 2, "is not a whole number"),
    case("score bob --credibility ٤", 2, "is not a whole number"),
    case("score bob --liking ''", 2, "is not a whole number"),
    case("score bob --json --liking 6", 2, "scores run from 1 to 5"),
    case("score 'Dana Reyes'", 2, "give at least one score"),
    case("score nobody --liking 3", 1, "no contact 'nobody'"),
    # script / template
    case("script --for enemy", 2, "enemy"),
    case("template email nobody", 1, "no contact 'nobody'"),
    case("template letter bob", 2, "letter"),
    case("template intro bob", 2, "--for"),
    case(f"template thanks bob --for '#{HUGE}'", 2, "run from #1 to #2147483647"),
    case("template thanks 'Jane Doe (Acme)' --for Dana", 1, "was not referred by Jane Doe"),
    # undo
    case("undo --limit 0", 2, "undo --list shows 1 to 1,000,000 commands"),
    case("undo --limit x", 2, "'x'"),
    case("undo --list --force", 2, "--list shows the journal; it undoes nothing"),
    case("undo --bogus", 2, "--bogus"),
    # init
    case("init --bogus", 2, "--bogus"),
    case("init --json=yes", 2, "--json"),
    # goal / off / today
    case("goal set --referrals 8 --per month --rate 1e-320", 2, "a rate is 0.01 to 10"),
    case("goal set --referrals 8 --per month --rate 1e-300", 2, "a rate is 0.01 to 10"),
    case("goal set --referrals 8 --per month --rate 0", 2, "a rate is 0.01 to 10"),
    case("goal set --referrals 8 --per month --rate 11", 2, "a rate is 0.01 to 10"),
    case("goal set --referrals 8 --per month --rate -0.5", 2, "a rate is 0.01 to 10"),
    case("goal set --referrals 8 --per month --rate nan", 2, "a rate is 0.01 to 10"),
    case("goal set --referrals 8 --per month --rate inf", 2, "a rate is 0.01 to 10"),
    case("goal set --referrals 8 --per month --rate 1e999", 2, "a rate is 0.01 to 10"),
    case("goal set --referrals 8 --per month --rate ٠.٥", 2, "a rate is 0.01 to 10"),
    case("goal set --referrals -1 --per month", 2, "0 to 1,000,000 referrals"),
    case(f"goal set --referrals {HUGE} --per month", 2, "0 to 1,000,000 referrals"),
    case("goal set --referrals many --per month", 2, "is not a whole number"),
    case("goal set --referrals ١٢ --per month", 2, "is not a whole number"),
    case("goal set --referrals 3 --per decade", 2, "decade"),
    case("goal set --per month", 2, "--referrals"),
    case("goal set --referrals 8 --per month --prorate=yes", 2, "--prorate"),
    case("goal set --referrals 3 --per month --from nope", 2, "nope"),
    case("goal show --on 2026-02-31", 2, "2026-02-31"),
    case("goal show --json --on 2026-02-31", 2, "2026-02-31"),
    case("off add 2026-13-01", 2, "13"),
    case("off 2026-12-26..2026-12-24", 2, "put the earlier date first"),
    case("off 1900-01-01..2199-12-31", 2, "a range runs 1 to 366 days"),
    case("off 2026-01-01..2027-01-02", 2, "a range runs 1 to 366 days"),
    case("off ''", 2),
    case("off rm 2026-12-25", 1, "is not a day off"),
    case("off rm 2026-12-40", 2, "2026-12-40"),
    case("today --on 9999-12-31", 2, "9999-12-31"),
    # snooze / done / unsnooze: keys as `today` shows them
    case("snooze nope --days 2", 1, "no item 'nope' in today's list"),
    case("snooze", 2, "give the key of an item"),
    case("snooze give-1", 2, "give --until DATE or --days N"),
    case("snooze give-1 --days 0", 2, "1 to 365 days"),
    case("snooze give-1 --days 9999999999999999999999999999", 2, "out of range"),
    case("snooze give-1 --days x", 2, "not a whole number"),
    case("snooze give-1 --until yesterday", 2, "is not after today"),
    case("snooze give-1 --until 2026-02-30", 2, "2026-02-30"),
    case("snooze give-1 --until 2099-01-01", 2, "more than a year ahead"),
    case("snooze --list give-1", 2, "--list takes no KEY"),
    case("done nope", 1, "no item 'nope'"),
    case("done ''", 2, "the key is empty"),
    case("unsnooze give-1", 1, "neither snoozed nor dismissed"),
    case("today --json --on -99999d", 2, "too far"),
    # summary / stats / log
    case("summary --week 9999-W52", 2, "9999-W52"),
    case("summary --week 2026-W54", 2, "no week 54"),
    case("summary --week lastish", 2, "lastish"),
    case("summary --format pdf", 2, "pdf"),
    case("summary --format json --week 2026-W99", 2, "has no week 99"),
    case("stats --weeks 0", 2, "stats look back 1 to 520 weeks"),
    case("stats --weeks 521 --json", 2, "stats look back 1 to 520 weeks"),
    case(f"stats --weeks {HUGE}", 2, "stats look back 1 to 520 weeks"),
    case("stats --weeks 2.5", 2, "is not a whole number"),
    case("stats --weeks ٣", 2, "is not a whole number"),
    case("log --since whenever", 2, "whenever"),
    case("log --json --since 2026-02-30", 2, "2026-02-30"),
    # edit / delete / goal rm (ids: c1 close, a1 ask, r1 referral, t1, i1, s1, k1, g1, o1)
    case("edit c99 --value 1", 1, "no such entry 'c99'"),
    case("edit x1 --note a", 2, "is not an entry id"),
    case(f"edit c{HUGE} --value 1", 2, "is not an entry id"),
    case("edit c1", 2, "say what to change"),
    case("edit c1 --note hi", 2, "--note does not apply to c1"),
    case("edit c1 --on 2026-02-30", 2, "2026-02-30"),
    case("edit c1 --value -5", 2, "is not an amount"),
    case("edit c1 --outcome maybe", 2, "is not one of won, lost"),
    case("edit a1 --outcome maybe --json", 2, "is not one of referred"),
    case("edit a1 --name nobody", 1, "no contact 'nobody'"),
    case("edit r1 --status sideways", 2, "sideways"),
    case("edit k1 --liking 6", 2, "scores run from 1 to 5"),
    case("edit g1 --referrals -1", 2, "0 to 1,000,000 referrals"),
    case("edit o1 --on 2026-12-40", 2, "2026-12-40"),
    case("edit i1 --to ''", 2, "empty"),
    case("delete a1", 1, "--cascade"),
    case("delete c99", 1, "no such entry"),
    case("delete nonsense --json", 2, "is not an entry id"),
    case("goal rm g99", 1, "no such entry"),
    case("goal rm 2026-10-01", 1, "no goal is in force"),
    case("goal rm whenever", 2, "neither a goal id nor a date"),
    case("goal rm", 2, "Missing argument"),
    # config / cron / demo
    case("config get nosuchkey", 2, "nosuchkey"),
    case("config set ask_rate_prior 2", 2, "out of range"),
    case("config set ask_rate_prior 0", 2, "out of range"),
    case("config set ask_rate_prior nan", 2, "not a finite number"),
    case("config set prior_weight -- -1", 2, "out of range"),
    case("config set follow_up_days 1e300", 2, "out of range"),
    case(f"config set follow_up_days {HUGE}", 2, "out of range"),
    case("config set follow_up_days 2.5", 2, "not a whole number"),
    case("config set follow_up_days ٣", 2, "not a whole number"),
    case("config set ask_window_days 0", 2, "out of range"),
    case("config set workdays someday", 2, "someday"),
    case("config set timezone Mars/Olympus", 2, "Mars/Olympus"),
    case("config set nosuchkey 1", 2, "nosuchkey"),
    case("cron show --summary 'MON 25:00'", 2, "is not a time of day"),
    case("cron show --today 'someday 08:00'", 2, "someday"),
    case("cron install --summary 'MON 7:99'", 2, "is not a time of day"),
    case("demo --years 0", 2, "the demo spans 1 to 50 years"),
    # team (PostgreSQL only) and the rep option
    case("team", 1, "needs a team database on PostgreSQL"),
    case("team --week 2026-W99", 2, "2026 has no week 99"),
    case("team add bob", 1, "needs a team database on PostgreSQL"),
    case("team add ''", 2, "a rep's name is 1 to 63 bytes"),
    case("--rep '' today", 2, "a rep's name is 1 to 63 bytes"),
    case(["--rep", "a\x1bb", "today"], 2, "a rep's name is 1 to 63 bytes"),
    case(f"demo --years {HUGE}", 2, "the demo spans 1 to 50 years"),
    case("demo --contacts 9", 2, "the demo holds 10 to 100,000 contacts"),
    case("demo --contacts 1e6", 2, "is not a whole number"),
    case("demo --seed -1", 2, "a seed is a whole number from 0 to 999,999,999"),
    case(f"demo --seed {HUGE}", 2, "a seed is a whole number from 0 to 999,999,999"),
    case("demo --years 1 --contacts 10", 1, "already holds data"),
    # calendar / backup / restore
    case("calendar --days 0", 2, "a calendar covers 1 to 92 days ahead"),
    case("calendar --days 93", 2, "a calendar covers 1 to 92 days ahead"),
    case("calendar --days 1.5", 2, "is not a whole number"),
    case("calendar --output /dev/null/x.ics", 1, "cannot write"),
    case("cron show --calendar /nonexistent/r.ics", 2, "the folder /nonexistent does not exist"),
    case("cron install --calendar-at 'MON 25:00'", 2, "is not a time of day"),
    case("backup /dev/null/copy.db", 1, "cannot write /dev/null/copy.db"),
    case("restore", 2, "Missing argument"),
    case("restore /nonexistent/backup.db", 1, "there is no file at /nonexistent/backup.db"),
    case("restore /dev/null --force", 1, "/dev/null is not a file"),
    # import / export
    case("import", 2, "Missing argument"),
    case("import /nonexistent/deals.csv", 1, "there is no file /nonexistent/deals.csv"),
    case(f"import {DATA / 'hubspot-deals.csv'} --from excel", 2, "excel"),
    case(f"import {DATA / 'hubspot-bad.csv'}", 1, "3 bad rows, nothing imported"),
    case(f"import {DATA / 'hubspot-bad.csv'} --dry-run", 1, "line 3: '2026-02-30' is not a date"),
    case(f"import {DATA / 'other-tool.tsv'}", 1, "no column names the contact"),
    case(f"import {DATA / 'other-tool.tsv'} --map Firm=boss", 2, "'boss' is not a field"),
    case(f"import {DATA / 'other-tool.tsv'} --map Boss=name", 2, "no column 'boss'"),
    case("export --format csv", 2, "give --output FILE.zip, or one --kind"),
    case("export --format yaml", 2, "yaml"),
    case("export --kind everything", 2, "everything"),
    case("export --output /nonexistent/dir/x.json", 1, "does not exist"),
    # the command line itself
    case("nosuchcommand", 2, "nosuchcommand"),
    case("contact nosuchthing", 2, "nosuchthing"),
]


def _key(args: list[str]) -> str:
    joined = " ".join(args)
    return joined if len(joined) <= 60 else joined[:57] + "..."


def fingerprint(path: Path) -> dict[str, str]:
    """A hash of the database file and of its write-ahead log, if one is there."""
    files = [path, path.with_name(path.name + "-wal")]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.exists()}


@pytest.fixture(scope="session")
def history(tmp_path_factory: pytest.TempPathFactory, migrated_database: Path) -> Path:
    """A database holding some of everything, recorded once and copied for each case."""
    folder = tmp_path_factory.mktemp("history")
    database = folder / "reftrack.db"
    shutil.copyfile(migrated_database, database)
    env = {
        "REFTRACK_DB": str(database),
        "REFTRACK_CONFIG": str(folder / "config.toml"),
        "REFTRACK_NOW": PINNED_NOW,
        "TZ": "UTC",
        "NO_COLOR": "1",
    }
    runner = CliRunner()
    for args in SEED_HISTORY:
        result = runner.invoke(app, shlex.split(args), env=env, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
    # One file, nothing left in a write-ahead log: each case starts from the same bytes.
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return database


def meaningful_lines(stderr: str) -> list[str]:
    """The lines that say what is wrong, without Typer's usage framing around them."""
    framing = ("Usage:", "Try '")
    return [line for line in stderr.splitlines() if line.strip() and not line.startswith(framing)]


def the_message(stderr: str) -> str:
    """The one line that says what is wrong: reftrack's own, or Typer's `Error:` line."""
    lines = meaningful_lines(stderr)
    ours = [line for line in lines if line.startswith("reftrack: ")]
    if ours:
        assert lines == ours[:1], stderr
        return ours[0]
    # Typer's own refusal (a missing option lists the choices below it, indented).
    errors = [line for line in lines if line.startswith("Error:")]
    assert len(errors) == 1 and lines[0] == errors[0], stderr
    return errors[0]


@pytest.mark.parametrize("args, code, says", CATALOGUE, ids=[_key(c[0]) for c in CATALOGUE])
def test_bad_input_is_refused_with_its_exit_code_and_changes_nothing(
    rep: Rep, history: Path, args: list[str], code: int, says: str
) -> None:
    shutil.copyfile(history, rep.db)
    before = fingerprint(rep.db)
    config_before = rep.config.read_bytes() if rep.config.exists() else None

    result = rep.run(args)

    assert result.exit_code == code, (args, result.stdout, result.stderr)
    assert result.stdout == "", (args, result.stdout)
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    assert says in the_message(result.stderr), (args, says, result.stderr)
    assert fingerprint(rep.db) == before, args
    assert (rep.config.read_bytes() if rep.config.exists() else None) == config_before
    assert not any(p.name.endswith(".bak") for p in rep.db.parent.iterdir())


def test_the_catalogue_reaches_every_command() -> None:
    from reftrack.cli import COMMANDS

    reached = {args[0] for args, _, _ in CATALOGUE}
    assert set(COMMANDS) <= reached, set(COMMANDS) - reached
