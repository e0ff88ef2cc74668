"""The `reftrack` command: the root app, its global options and the one error boundary."""

from __future__ import annotations

import errno
import importlib
import os
import sys
from typing import Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

from reftrack import __version__
from reftrack.cli.coercion import lighten
from reftrack.cli.context import (
    COMMAND_LINE,
    GlobalOptions,
    complete_as_typed,
    typed_root_options,
)
from reftrack.cli.metavars import plain_metavars
from reftrack.errors import ReftrackError
from reftrack.render.safe import error_line

# Every command, in the order --help lists them: (module, attribute). A command is
# built only when it runs, so --help and completion stay light (ARCHITECTURE rule 2).
# Measured against plain Typer composition (issue 9): building every command costs
# about 35 ms a run; lazily, `--help` is 1.23-1.34x `import typer`, eagerly 1.58-1.62x,
# over the 1.5x budget that scripts/bench.py holds it to.
COMMANDS: dict[str, tuple[str, str]] = {
    "today": ("reftrack.cli.goals", "today"),
    "ask": ("reftrack.cli.asking", "ask"),
    "close": ("reftrack.cli.loop", "close"),
    "referral": ("reftrack.cli.loop", "referral_app"),
    "thank": ("reftrack.cli.loop", "thank"),
    "give": ("reftrack.cli.loop", "give"),
    "share": ("reftrack.cli.loop", "share_app"),
    "score": ("reftrack.cli.loop", "score_app"),
    "script": ("reftrack.cli.messages", "script"),
    "template": ("reftrack.cli.messages", "template"),
    "goal": ("reftrack.cli.goals", "goal_app"),
    "off": ("reftrack.cli.goals", "off_app"),
    "snooze": ("reftrack.cli.put_off", "snooze"),
    "done": ("reftrack.cli.put_off", "done"),
    "unsnooze": ("reftrack.cli.put_off", "unsnooze"),
    "summary": ("reftrack.cli.reports", "summary"),
    "stats": ("reftrack.cli.reports", "stats"),
    "log": ("reftrack.cli.reports", "log"),
    "undo": ("reftrack.cli.undo", "undo"),
    "edit": ("reftrack.cli.fixing", "edit"),
    "delete": ("reftrack.cli.fixing", "delete"),
    "contact": ("reftrack.cli.contacts", "app"),
    "import": ("reftrack.cli.transfer", "import_file"),
    "export": ("reftrack.cli.transfer", "export"),
    "config": ("reftrack.cli.setup", "config_app"),
    "cron": ("reftrack.cli.setup", "cron_app"),
    "calendar": ("reftrack.cli.calendar", "calendar"),
    "backup": ("reftrack.cli.backup", "backup"),
    "restore": ("reftrack.cli.backup", "restore"),
    "demo": ("reftrack.cli.demo", "demo"),
    "init": ("reftrack.cli.init", "init"),
    "team": ("reftrack.cli.team", "team_app"),
}


# The first line of each command's help, as `reftrack --help` lists it. Kept here so that
# --help reads no command module: importing them all and building their Typer apps was
# most of what --help cost beyond `import typer` (issue 12). tests/cli/test_help_text.py
# fails when a line here no longer matches the command's own help.
SUMMARIES: dict[str, str] = {
    "today": "Your morning list: whom to ask, follow up, contact, inform and thank, with progress.",
    "ask": "Record an ask for referrals, right after a close (--won/--lost records the close too).",
    "close": "Record a won (or --lost) deal; then ask for referrals.",
    "referral": "Referrals received: add, list, update their status, inform the referrer.",
    "thank": "Thank a contact: a note (default), a --gift or a --call.",
    "give": "Record an introduction you gave a contact: give to get.",
    "share": "Log content sent to contacts as a soft referral; `share list` lists them.",
    "score": (
        "Score a relationship (Liking, Reciprocity, Credibility, Commitment); `score list` ranks."
    ),
    "script": "Good ways to ask for a referral, for the situation you are in.",
    "template": (
        "A ready-to-send message: a forwardable intro email, a thank-you note, an introduction."
    ),
    "goal": "Set a referral goal and see what it asks of you.",
    "off": "Days off (holidays, leave) that are not working days.",
    "snooze": "Put an item of `today` off until a day (--until DATE or --days N).",
    "done": "Dismiss an item of `today` that needs no record (a card sent outside reftrack).",
    "unsnooze": "Bring back an item snoozed or dismissed.",
    "summary": (
        "The weekly review: closes, asks, coverage, referrals, thanks, goal, streak, open loops."
    ),
    "stats": "Charts: asks per day as a calendar heatmap, weekly asks against the goal, the funnel",
    "log": (
        "Everything recorded — closes, asks, referrals, thank-yous, gifts, shares — newest first."
    ),
    "undo": "Take back the whole of the last command that wrote; again, and it walks further back.",
    "edit": "Change a recorded entry: each kind takes the options that make sense for it.",
    "delete": "Delete a recorded entry; one others hang on needs --cascade, which lists them.",
    "contact": "Add, list, show, edit and archive contacts.",
    "import": "Import contacts and closed deals: HubSpot, Salesforce, Pipedrive, any CSV, vCards.",
    "export": "Export everything you recorded: JSON (restored by `reftrack import`) or CSV.",
    "config": "Show and change settings (rep, timezone, workdays, thresholds…).",
    "cron": (
        "Run the weekly summary, the morning list and a calendar refresh from cron, unattended."
    ),
    "calendar": (
        "An iCalendar (.ics) file: each reminder `today` will show in the next days, on its"
    ),
    "backup": "Copy the database to a private file, consistently even while reftrack writes.",
    "restore": "Put a backup in place of the database; the replaced file is kept aside.",
    "demo": "Fill a database with generated history and show today, last week's summary and stats.",
    "init": "Set your name, signature, ideal customer, time zone, working days and a first goal.",
    "team": "The team on PostgreSQL: each rep's week in counts (for managers); `team add REP`.",
}


def _target(name: str) -> Any:
    module, attribute = COMMANDS[name]
    return getattr(importlib.import_module(module), attribute)


# Typer exports BadParameter but not its base, UsageError, which every parse error is.
UsageError: type[Exception] = typer.BadParameter.__mro__[1]


def _usage_line(error: Exception, fallback: str | None = None) -> str:
    """A usage error as one line, like every other error: what is wrong, and where help is.

    click's parser raises some errors (an option missing its value) with no context; the
    command being run is the `fallback` path then.
    """
    message = " ".join(str(getattr(error, "format_message", error.__str__)()).split())
    ctx = getattr(error, "ctx", None)
    path = ctx.command_path if ctx is not None else fallback
    where = f" (see `{path} --help`)" if path else ""
    return error_line(f"{message.rstrip('.')}{where}")


def _quiet_usage(error: Exception, fallback: str | None = None) -> typer.Exit:
    """Print a usage error as one line on stderr; the Exit (code 2) to raise for it."""
    if type(error).__name__ == "NoArgsIsHelpError":
        # A bare `reftrack contact` asks for help, and gets it, not a one-line error.
        raise error
    print(_usage_line(error, fallback), file=sys.stderr)
    return typer.Exit(getattr(error, "exit_code", 2))


# Writing the output failed for a reason of the machine's: a full disk or quota, I/O, a
# stdout closed or gone (ENXIO: a terminal hung up).
_OUTPUT_LOST = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EBADF, errno.ENXIO}


def _stdout_closed() -> typer.Exit:
    """The reader of our output went away (`| head`): stop quietly, with exit 0.

    stdout is pointed at /dev/null so the flush at exit does not fail a second time.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        # Not a real file (a test runner's buffer): nothing is flushed at exit anyway.
        pass
    finally:
        os.close(devnull)
    return typer.Exit(0)


def first_help_line(target: Any) -> str:
    """The first line of a command's help (a Typer group's, or a function's docstring)."""
    text = target.info.help if isinstance(target, typer.Typer) else target.__doc__
    return (text or "").strip().splitlines()[0] if text and text.strip() else ""


def _short_help(first: str, limit: int) -> str:
    """A command's first help line, cut to fit."""
    return first if len(first) <= limit else first[: max(0, limit - 3)].rstrip() + "..."


def command_line(args: list[str]) -> str:
    """The command as typed, quoted, for the undo journal.

    `--db` is left out (a URL may hold a password); `--rep` stays, so the line runs as
    printed for the rep who typed it.
    """
    import shlex

    rest, kept = list(args), []
    while rest and rest[0].startswith("-"):
        word = rest.pop(0)
        if word in ("--db", "--rep"):
            value, rest = rest[:1], rest[1:]
            kept += [word, *value] if word == "--rep" else []
        elif word.startswith("--rep="):
            kept.append(word)
    return shlex.join(["reftrack", *kept, *rest])


class ReftrackGroup(TyperGroup):
    """The root group: builds commands lazily, and turns every error into one line on stderr."""

    def list_commands(self, ctx: Any) -> list[str]:
        """Every command, in the order of the table above."""
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """Build (once) and return the command called `cmd_name`."""
        if cmd_name in self.commands or cmd_name not in COMMANDS:
            return self.commands.get(cmd_name)
        target = _target(cmd_name)
        if isinstance(target, typer.Typer):
            target.rich_markup_mode = None
            command = typer.main.get_command(target)
        else:
            single = typer.Typer(rich_markup_mode=None, add_completion=False)
            single.command(cmd_name)(target)
            command = typer.main.get_command(single)
        command.name = cmd_name
        plain_metavars(command)
        complete_as_typed(command)
        lighten(command, ctx)
        self.commands[cmd_name] = command
        return command

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """List the commands with their first help line, importing none of them."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, _short_help(SUMMARIES[name], limit)) for name in COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """Resolve a command; a typo gets the nearest names."""
        name = args[0] if args else ""
        if name and name not in COMMANDS and not name.startswith("-"):
            import difflib

            close = difflib.get_close_matches(name, list(COMMANDS), n=3)
            hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            raise typer.BadParameter(
                f"No such command {name!r}.{hint}", ctx=ctx, param_hint="COMMAND"
            )
        return super().resolve_command(ctx, args)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        """Parse the root options; a usage error is one line and exit 2."""
        try:
            return super().make_context(*args, **kwargs)
        except UsageError as error:
            raise _quiet_usage(error) from None

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Refuse an argument that is not text: bytes that are no UTF-8 cannot be stored."""
        for arg in args:
            if any("\ud800" <= ch <= "\udfff" for ch in arg):
                typed = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                raise typer.BadParameter(
                    f"'{typed}' is not valid UTF-8 text; type it again in a UTF-8 terminal",
                    ctx=ctx,
                )
        ctx.meta[COMMAND_LINE] = command_line(args)
        lighten(self, ctx)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a ReftrackError becomes one line and exit 1 (2 for bad usage)."""
        try:
            return super().invoke(ctx)
        except ReftrackError as error:
            print(error_line(str(error)), file=sys.stderr)
            raise typer.Exit(error.exit_code) from None
        except UsageError as error:
            # Typer words a choice it cannot coerce as pydantic does ("Value error, 'x' is not
            # one of …"); the rep needs only the second half, which names what is accepted.
            if isinstance(error, typer.BadParameter):
                error.message = error.message.removeprefix("Value error, ")
            running = " ".join(filter(None, [ctx.command_path, ctx.invoked_subcommand]))
            raise _quiet_usage(error, running) from None
        except BrokenPipeError:
            raise _stdout_closed() from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt, EOFError):
            raise
        except Exception as error:
            if os.environ.get("REFTRACK_DEBUG"):
                raise
            # Usage errors and exits are Typer's own exceptions and pass through untouched.
            if type(error).__module__.startswith("typer"):
                raise
            if isinstance(error, OSError) and error.errno in _OUTPUT_LOST:
                # The output could not be written (a full disk, a terminal gone): the
                # machine's trouble, in one line, not a bug.
                print(error_line(f"could not write the output: {error.strerror}"), file=sys.stderr)
                raise typer.Exit(1) from None
            if type(error).__module__ in ("sqlite3", "sqlalchemy.exc"):
                # A driver error some path let through (locked past the wait, say): a
                # problem with the database, told in the driver's first line, not a bug.
                first = (str(error).strip().splitlines() or [type(error).__name__])[0]
                print(error_line(f"the database could not be used: {first}"), file=sys.stderr)
                raise typer.Exit(1) from None
            print(
                error_line(
                    f"unexpected {type(error).__name__}: {error} "
                    "(a bug: please report it; REFTRACK_DEBUG=1 shows the traceback)"
                ),
                file=sys.stderr,
            )
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=ReftrackGroup,
    name="reftrack",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        print(f"reftrack {__version__}")
        raise typer.Exit()


def _check_rep(value: str | None) -> str | None:
    """A rep's name, by the one rule (`domain/reps.py`) the config and `team add` use too."""
    from reftrack.domain.reps import REP_RULE, rep_problem

    if value is not None and rep_problem(value) is not None:
        raise typer.BadParameter(REP_RULE)
    return value


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="REFTRACK_DB",
            metavar="PATH_OR_URL",
            help="The database: a SQLite file path, taken as spelled, or a "
            "postgresql+psycopg:// URL (default: reftrack.db in your user data directory).",
        ),
    ] = None,
    rep: Annotated[
        str | None,
        typer.Option(
            "--rep",
            envvar="REFTRACK_REP",
            metavar="NAME",
            callback=_check_rep,
            help="The rep whose records to use (default: config `rep`; on PostgreSQL, "
            "the role you connect as).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Make asking for referrals a daily habit.

    Right after a close: `reftrack ask NAME`. Each morning: `reftrack today`.
    """
    from reftrack import invocation

    ctx.obj = GlobalOptions(db=db, rep=rep)
    # Every command printed for the rep to run carries the --db and --rep typed here.
    invocation.typed_by(lambda: typed_root_options(ctx))


def main() -> None:
    """Run reftrack as a program."""
    try:
        app(prog_name="reftrack")
    except OSError as error:
        # Outside any command (`--version` into a full disk): one line, as inside one.
        if isinstance(error, BrokenPipeError) or error.errno not in _OUTPUT_LOST:
            raise
        print(error_line(f"could not write the output: {error.strerror}"), file=sys.stderr)
        raise SystemExit(1) from None
    finally:
        # What is still buffered goes out now, where a closed pipe can be told apart.
        try:
            if sys.stdout is not None:  # None: started with stdout closed (`>&-`)
                sys.stdout.flush()
        except BrokenPipeError:
            raise SystemExit(_stdout_closed().exit_code) from None
