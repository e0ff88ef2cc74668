"""What command bodies share: the runtime of this run, and asking on a terminal only."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from reftrack.domain.contacts import ContactRef
    from reftrack.services.runtime import Runtime


# Where the root group keeps the command line, for the undo journal.
COMMAND_LINE = "reftrack.command_line"


@dataclass
class GlobalOptions:
    """The root options, kept on the Typer context for the command that runs."""

    db: str | None = None
    rep: str | None = None


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
    rep = options.rep if options else ctx.find_root().params.get("rep")
    rt = Runtime.load(db, choose=pick_contact if interactive() else None, rep=rep)
    rt.must_exist = must_exist
    rt.command = ctx.meta.get(COMMAND_LINE) or ctx.command_path
    try:
        yield rt
    finally:
        rt.close()


def typed_root_options(ctx: typer.Context, names: tuple[str, ...] = ("db", "rep")) -> list[str]:
    """The root options of `names` typed on this command line (not from the environment),
    as words for a command to print: `--db PATH --rep NAME`. A --db holding a password
    is left out; it is never printed."""
    root = ctx.find_root()
    words: list[str] = []
    for name in names:
        value = root.params.get(name)
        source = root.get_parameter_source(name)
        typed = source is not None and source.name == "COMMANDLINE"
        if value and typed and not (name == "db" and _holds_password(value)):
            words += [f"--{name}", value]
    return words


def _holds_password(location: str) -> bool:
    from reftrack.services.cron import shown_location

    return shown_location(location)[1]


def as_typed(ctx: typer.Context) -> str:
    """This command line as typed, quoted, with its --db when it holds no password: a
    file path made absolute, since the line is printed to be run after a `cd`."""
    import shlex
    from pathlib import Path

    line = ctx.meta.get(COMMAND_LINE) or ctx.command_path
    root = typed_root_options(ctx, ("db",))
    if root and "://" not in root[1]:
        root[1] = str(Path(root[1]).expanduser().resolve())
    return shlex.join(["reftrack", *root, *shlex.split(line)[1:]])


# Where the word being completed is kept, as typed, for the completion functions below.
_TYPED = "reftrack.typed"


def typed_so_far(ctx: typer.Context, incomplete: str) -> str:
    """The word being completed as typed: Typer hands completion functions "" (see below)."""
    return str(ctx.meta.get(_TYPED, incomplete))


def complete_as_typed(command: Any) -> None:
    """Let this command's completion functions match as they choose, not by exact prefix.

    Typer keeps only the offers that start with the typed word exactly, which drops a
    name matched without regard to case ("ja" → Jane Doe) and one quoted for the shell
    ("Jane Doe" in quotes). So each completion is called with "" (every offer starts
    with that), the typed word waiting in the context for `typed_so_far`.
    """
    for param in getattr(command, "params", ()):
        typer_filtered = getattr(param, "_custom_shell_complete", None)
        if typer_filtered is not None and not getattr(param, "_reftrack_as_typed", False):

            def as_typed(ctx: Any, param: Any, incomplete: str, inner: Any = typer_filtered) -> Any:
                ctx.meta[_TYPED] = incomplete
                return inner(ctx, param, "")

            param._custom_shell_complete = as_typed
            param._reftrack_as_typed = True
    for sub in getattr(command, "commands", {}).values():
        complete_as_typed(sub)


def _shell_words(words: list[str]) -> list[str]:
    """Completions as the shell should insert them.

    Bash puts each offered word on the line as it is, so a name with a space is quoted
    there ("Jane Doe"); zsh and fish quote what they insert themselves.
    """
    if "bash" not in os.environ.get("_REFTRACK_COMPLETE", ""):
        return words
    from reftrack.domain.contacts import shell_word

    return [shell_word(word) for word in words]


def complete_contact(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of contact names; silent when the database cannot be read."""
    try:
        from reftrack.services.completion import complete_names

        with runtime(ctx, must_exist=True) as rt:
            return _shell_words(complete_names(rt, typed_so_far(ctx, incomplete)))
    except Exception:
        # Completion must never print an error into the user's shell line.
        return []


def complete_referral(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of a referral: open referrals' numbers once a digit or # is typed,
    else the prospect's name."""
    typed = typed_so_far(ctx, incomplete).strip()
    if not typed or not (typed[0] == "#" or typed[0].isdigit()):
        return complete_contact(ctx, incomplete)
    try:
        from reftrack.services.referrals import open_referral_numbers

        with runtime(ctx, must_exist=True) as rt:
            numbers = open_referral_numbers(rt)
    except Exception:
        return []
    marker = "#" if typed[0] == "#" else ""
    offered = [f"{marker}{n}" for n in numbers]
    return _shell_words([word for word in offered if word.startswith(typed)])


def _complete_keys(ctx: typer.Context, incomplete: str, put_off: bool) -> list[str]:
    try:
        from reftrack.services.put_off import complete_keys

        with runtime(ctx, must_exist=True) as rt:
            return complete_keys(rt, typed_so_far(ctx, incomplete), put_off)
    except Exception:
        return []


def complete_item_key(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of the keys of today's items."""
    return _complete_keys(ctx, incomplete, put_off=False)


def complete_put_off_key(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of the keys of items snoozed or dismissed."""
    return _complete_keys(ctx, incomplete, put_off=True)
