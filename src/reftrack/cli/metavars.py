"""Help's metavars as click shows them: `NAME`, `--deal TEXT`, `--format [json|csv]`."""

from __future__ import annotations

from typing import Any


def _no_type(ctx: Any) -> None:
    return None


def _usage_name(param: Any) -> Any:
    """`NAME` when required, `[NAME]` when not, `...` when it takes several (as click)."""

    def shown() -> str:
        name = str(param.metavar) if param.required else f"[{param.metavar}]"
        return name + ("..." if param.nargs != 1 else "")

    return shown


def _option_metavar(param: Any) -> str:
    """`[json|csv]` for a choice (as click shows one), `N` for a whole number, else `TEXT`."""
    described = getattr(param, "type_descriptor", None)
    if described is not None and described.is_choice and described.choices:
        return "[" + "|".join(str(choice) for choice in described.choices) + "]"
    return "N" if param.bare_type() == "int" else "TEXT"


def plain_metavars(command: Any) -> None:
    """Help shows `NAME` and `--deal TEXT`, as click does, not Typer's `name <str>`.

    An argument is shown by its metavar (or its name in capitals) alone; an option that
    takes text and names no metavar is shown with `TEXT`, a whole number with `N`, and one
    of a few words with them all, `[json|csv]`.
    """
    for param in getattr(command, "params", []):
        if param.param_type_name == "argument":
            if param.metavar is None:
                param.metavar = (param.name or "value").upper()
            param.display_type_rich = _no_type
            param._usage_display_name = _usage_name(param)
        elif param.param_type_name == "option" and param.metavar is None and not param.is_flag:
            param.metavar = _option_metavar(param)
    for sub in getattr(command, "commands", {}).values():
        plain_metavars(sub)
