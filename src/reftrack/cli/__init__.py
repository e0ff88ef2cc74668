"""The `reftrack` command: the root app, its global options and the one error boundary."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from reftrack import __version__
from reftrack.cli import contacts, demo, goals, loop, reports, setup
from reftrack.cli.context import GlobalOptions
from reftrack.errors import ReftrackError


class ReftrackGroup(TyperGroup):
    """The root group: turns every error into one line on stderr and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a ReftrackError becomes one line and exit 1 (2 for bad usage)."""
        try:
            return super().invoke(ctx)
        except ReftrackError as error:
            print(f"reftrack: {error}", file=sys.stderr)
            raise typer.Exit(error.exit_code) from None
        except (typer.Exit, typer.Abort, typer.BadParameter, KeyboardInterrupt, EOFError):
            raise
        except Exception as error:
            if os.environ.get("REFTRACK_DEBUG"):
                raise
            # Usage errors and exits are Typer's own exceptions and pass through untouched.
            if type(error).__module__.startswith("typer"):
                raise
            print(
                f"reftrack: unexpected {type(error).__name__}: {error} "
                "(a bug: please report it; REFTRACK_DEBUG=1 shows the traceback)",
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
goals.register(app)
app.add_typer(contacts.app, name="contact")
loop.register(app)
reports.register(app)
app.add_typer(setup.config_app, name="config")
app.add_typer(setup.cron_app, name="cron")
demo.register(app)


def _print_version(value: bool) -> None:
    if value:
        print(f"reftrack {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="REFTRACK_DB",
            metavar="PATH_OR_URL",
            help="The database: a SQLite file path or a SQLAlchemy URL "
            "(default: reftrack.db in your user data directory).",
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
    ctx.obj = GlobalOptions(db=db)


def main() -> None:
    """Run reftrack as a program."""
    app(prog_name="reftrack")
