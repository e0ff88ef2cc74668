"""What command bodies share: the runtime of this run, and asking on a terminal only."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from reftrack.domain.contacts import ContactRef
    from reftrack.services.runtime import Runtime


@dataclass
class GlobalOptions:
    """The root options, kept on the Typer context for the command that runs."""

    db: str | None = None


def interactive() -> bool:
    """Whether a person is there to answer: stdin and stderr are both terminals."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def pick_contact(query: str, candidates: list[ContactRef], ambiguous: bool) -> ContactRef | None:
    """Let the person at the terminal choose among contacts; None when they choose none."""
    from rich.prompt import IntPrompt
    from rich.text import Text

    from reftrack.render.output import console

    err = console(stderr=True)
    if ambiguous:
        err.print(Text(f"'{query}' could be more than one contact:"))
    else:
        err.print(Text(f"No contact '{query}'. Did you mean:"))
    for number, candidate in enumerate(candidates, start=1):
        err.print(Text(f"  {number}) {candidate.label}"))
    err.print("  0) none of these")
    choices = [str(n) for n in range(len(candidates) + 1)]
    number = IntPrompt.ask("Which one?", console=err, choices=choices, show_choices=False)
    return candidates[number - 1] if number else None


@contextmanager
def runtime(ctx: typer.Context, must_exist: bool = False) -> Iterator[Runtime]:
    """The settings, clock and database for this command, closed when it ends.

    With `must_exist` (a command that only reads), a database missing where the user
    pointed is an error, not a new file; the default location is still made, so that a
    newcomer's first `reftrack today` works.
    """
    from reftrack.services.runtime import Runtime

    options = ctx.find_object(GlobalOptions)
    # During shell completion the root callback has not run; its parsed options are still there.
    db = options.db if options else ctx.find_root().params.get("db")
    rt = Runtime.load(db, choose=pick_contact if interactive() else None)
    rt.must_exist = must_exist
    try:
        yield rt
    finally:
        rt.close()


def complete_contact(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of contact names; silent when the database cannot be read."""
    try:
        from reftrack.services.completion import complete_names

        with runtime(ctx, must_exist=True) as rt:
            return complete_names(rt, incomplete)
    except Exception:
        # Completion must never print an error into the user's shell line.
        return []
