"""JSON output, on the standard library alone.

`--json` of `today` and `goal show` is a read a rep (or a script) waits for: it must not
pay for importing Rich, which only text output needs (issue 12). render/output re-exports
these for the commands that print both ways.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any


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
