"""The settings as a table or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from reftrack.render.output import console, keep_whole


def settings_document(values: list[tuple[str, str, str]], path: Path) -> dict[str, Any]:
    """Settings as a JSON object: the file, then each key's value and source."""
    return {
        "path": str(path),
        "settings": {key: {"value": value, "source": source} for key, value, source in values},
    }


def setting_document(key: str, value: str, source: str) -> dict[str, Any]:
    """One setting as a JSON object: its value as typed, and whether it is set or a default."""
    return {"key": key, "value": value, "source": source}


def print_settings(values: list[tuple[str, str, str]], path: Path) -> None:
    """One setting a row, defaults dimmed."""
    out = console()
    out.print(Text(f"# {path}", style="dim"))
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column(style="bold")
    table.add_column()
    table.add_column(style="dim")
    for key, value, source in values:
        table.add_row(key, Text(value), "(default)" if source == "default" else "")
    out.print(keep_whole(table, 0, 2))
