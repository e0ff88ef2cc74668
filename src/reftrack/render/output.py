"""Where output goes: a Rich console that knows whether it writes to a terminal."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from rich.console import Console


def console(stderr: bool = False) -> Console:
    """A console on stdout (or stderr): colour on a terminal only, never with NO_COLOR."""
    # highlight=False: user data (numbers in names, URLs) is not restyled behind our back.
    # soft_wrap=True: a line (a command to copy) is never broken; tables still fit the width.
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    raise TypeError(f"cannot turn {type(value).__name__} into JSON")


def emit_json(document: Any) -> None:
    """Print one JSON document on stdout and nothing else."""
    sys.stdout.write(json.dumps(document, default=_plain, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()
