"""`reftrack config …` (and, later, cron and demo): setting reftrack up."""

from __future__ import annotations

from typing import Annotated

import typer

config_app = typer.Typer(
    help="Show and change settings (rep, timezone, workdays, thresholds…).", no_args_is_help=True
)


def _complete_key(incomplete: str) -> list[str]:
    from reftrack.config import KEYS

    return [key for key in KEYS if key.startswith(incomplete)]


Key = Annotated[str, typer.Argument(help="A setting's name.", autocompletion=_complete_key)]


@config_app.command("show")
def show(json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Show every setting, its value and whether it is set or a default."""
    from reftrack.config import config_path, show_values
    from reftrack.render.settings import print_settings, settings_document

    values = show_values()
    if json:
        from reftrack.render.output import emit_json

        emit_json(settings_document(values, config_path()))
    else:
        print_settings(values, config_path())


@config_app.command("get")
def get(key: Key) -> None:
    """Print one setting's value."""
    from reftrack.config import get_value

    print(get_value(key))


@config_app.command("set")
def set_(key: Key, value: Annotated[str, typer.Argument(help="The new value.")]) -> None:
    """Change a setting (the file keeps your comments and layout)."""
    from reftrack.config import set_value

    print(f"{key} = {set_value(key, value)}")


@config_app.command("unset")
def unset(key: Key) -> None:
    """Remove a setting from the file, back to its default."""
    from reftrack.config import unset_value

    print(f"{key} = {unset_value(key)} (default)")


@config_app.command("path")
def path() -> None:
    """Print where the config file is (it may not exist yet)."""
    from reftrack.config import config_path

    print(config_path())
