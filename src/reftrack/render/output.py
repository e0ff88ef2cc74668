"""Where output goes: a Rich console that knows whether it writes to a terminal."""

from __future__ import annotations

import errno
import json
import sys
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from rich.console import Console


class _Console(Console):
    """A Rich console that leaves a closed pipe (`reftrack log | head`) to the CLI boundary."""

    def on_broken_pipe(self) -> None:
        """Stop writing, and let the boundary end the run quietly (Rich would exit 1)."""
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "the reader of the output went away")


def console(stderr: bool = False) -> Console:
    """A console on stdout (or stderr): colour on a terminal only, never with NO_COLOR."""
    # highlight=False: user data (numbers in names, URLs) is not restyled behind our back.
    # soft_wrap=True: a line (a command to copy) is never broken; tables still fit the width.
    return _Console(stderr=stderr, highlight=False, soft_wrap=True)


def json_default(value: Any) -> Any:
    """Turn dates, enums and dataclasses into JSON values."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    raise TypeError(f"cannot turn {type(value).__name__} into JSON")


def emit_json(document: Any) -> None:
    """Print one JSON document on stdout and nothing else."""
    sys.stdout.write(
        json.dumps(document, default=json_default, ensure_ascii=False, indent=2) + "\n"
    )
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
