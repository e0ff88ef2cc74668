"""What commands share: the options declared once, JSON-or-text output, and groups.

Kept import-light (typer and kinds only) so `--help` and completion stay fast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from reftrack.cli.context import complete_contact

Name = Annotated[
    str,
    typer.Argument(help="The contact (a unique prefix will do).", autocompletion=complete_contact),
]
On = Annotated[
    str | None,
    typer.Option(
        help="When it happened (default today): YYYY-MM-DD, yesterday, -2d, friday…", metavar="DATE"
    ),
]
Day = Annotated[
    str | None, typer.Option("--on", help="The day to look at (default today).", metavar="DATE")
]
Note = Annotated[str | None, typer.Option(help="A note to keep with it.")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
Value = Annotated[
    str | None, typer.Option(help="The deal value, e.g. 12500 or 12.5k.", metavar="AMOUNT")
]


def emit(json: bool, document: Callable[[], Any], text: Callable[[], None]) -> None:
    """Print a command's result: one JSON document with --json, else the rep's text."""
    if json:
        from reftrack.render.jsonout import emit_json

        emit_json(document())
    else:
        text()


def amount(text: str | None) -> int | None:
    """A typed deal value in cents, or None when none was typed."""
    from reftrack.domain.records import parse_amount

    return parse_amount(text) if text is not None else None


class AddByDefault(TyperGroup):
    """A group whose `add` subcommand needs no name: `share NAME …` is `share add NAME …`.

    `share list` is a real subcommand; a contact called "list" is `share add list`.
    """

    default_command = "add"

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Put `add` in front when the first word names no subcommand and asks for no help."""
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """Complete subcommand names, and what the default subcommand's first argument takes."""
        results = list(super().shell_complete(ctx, incomplete))
        default = self.commands.get(self.default_command)
        argument = (
            next((p for p in default.params if p.param_type_name == "argument"), None)
            if default
            else None
        )
        if argument is not None:
            results += argument.shell_complete(ctx, incomplete)
        return results
