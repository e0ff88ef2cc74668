"""Where output goes: a Rich console that knows whether it writes to a terminal."""

from __future__ import annotations

import errno
import json
import os
import sys
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text


def plain_terminal() -> bool:
    """NO_COLOR is set to any non-empty value (no-color.org): no terminal codes at all."""
    return os.environ.get("NO_COLOR", "") != ""


class _Console(Console):
    """A Rich console that leaves a closed pipe (`reftrack log | head`) to the CLI boundary."""

    def on_broken_pipe(self) -> None:
        """Stop writing, and let the boundary end the run quietly (Rich would exit 1)."""
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "the reader of the output went away")


def console(stderr: bool = False) -> Console:
    """A console on stdout (or stderr): styles on a terminal only, none with NO_COLOR."""
    # highlight=False: user data (numbers in names, URLs) is not restyled behind our back.
    # soft_wrap=True: a line (a command to copy) is never broken; tables still fit the width.
    if plain_terminal():
        # Rich's no_color drops colours but keeps bold, dim and reset codes; without a colour
        # system it writes no escape sequence at all, as the docs promise.
        return _Console(
            stderr=stderr, highlight=False, soft_wrap=True, no_color=True, color_system=None
        )
    return _Console(stderr=stderr, highlight=False, soft_wrap=True)


def keep_whole(table: Table, *whole: int) -> Table:
    """Fit a table to the width without cutting a date or a number: the columns `whole` are
    at least as wide as their widest word (a date, an amount), and every column folds its
    text onto more lines instead of ending it with "…"."""
    for index, column in enumerate(table.columns):
        column.overflow = "fold"
        if index in whole:
            cells = [column.header, *column.cells]
            words = [w for c in cells for w in (c.plain if isinstance(c, Text) else str(c)).split()]
            column.min_width = max(map(cell_len, words), default=0)
    return table


def plural(count: int, noun: str, many: str | None = None) -> str:
    """A count and its noun, agreeing: 1 ask, 2 asks, 0 asks."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def json_default(value: Any) -> Any:
    """Turn dates, enums and dataclasses into JSON values."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    raise TypeError(f"cannot turn {type(value).__name__} into JSON")


def json_text(document: Any) -> str:
    """One JSON document as text, dates in ISO 8601, ending in a newline."""
    return json.dumps(document, default=json_default, ensure_ascii=False, indent=2) + "\n"


def emit_json(document: Any) -> None:
    """Print one JSON document on stdout and nothing else."""
    sys.stdout.write(json_text(document))
    sys.stdout.flush()


def write_private(path: Path, text: str) -> None:
    """Write a report to a file readable by the user alone, replacing it whole."""
    import os
    import tempfile

    from reftrack.errors import ReftrackError

    target = path.expanduser()
    try:
        descriptor, temporary = tempfile.mkstemp(dir=target.parent or ".", prefix=".reftrack-")
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, target)
    except OSError as error:
        raise ReftrackError(f"cannot write {target}: {error.strerror}") from None
