"""Where output goes: a Rich console that knows whether it writes to a terminal."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
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
    """Write a report to a regular file, replacing it whole, readable by the user alone.

    Only a regular file or a new path is written; a device, FIFO, socket, directory or
    kernel file (/proc, /sys), or a link to one, is refused and left as it was. A link to
    a regular file is written through: the file it points to is replaced, the link stays.
    """
    import tempfile

    from reftrack.errors import ReftrackError

    given = path.expanduser()
    target = Path(os.path.realpath(given))
    _check_report_file(given, target)
    try:
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".reftrack-")
    except OSError as error:
        raise ReftrackError(f"--output: cannot write {given}: {error.strerror}") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        # Looked at again just before the swap: it may have become something else meanwhile.
        _check_report_file(given, target)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise ReftrackError(f"--output: cannot write {given}: {error.strerror}") from None
        raise


_KERNEL_FILES = (Path("/proc"), Path("/sys"))
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def _check_report_file(given: Path, target: Path) -> None:
    """Refuse, saying what it is, a `target` that is neither a regular file nor a new path."""
    from reftrack.errors import ReftrackError

    fix = "give a regular file or a new path, or leave out --output and redirect stdout"
    through = f" (a link to {target})" if given.is_symlink() else ""
    root = next((root for root in _KERNEL_FILES if target.is_relative_to(root)), None)
    if root is not None:
        raise ReftrackError(
            f"--output: {given}{through} is a kernel file under {root}, not a file for a report",
            fix,
        )
    try:
        found = os.stat(target)
    except FileNotFoundError:
        if given.is_symlink():
            raise ReftrackError(
                f"--output: {given} is a link to {target}, which does not exist", fix
            ) from None
        if not target.parent.is_dir():
            raise ReftrackError(
                f"--output: cannot write {given}: the directory {given.parent} does not exist",
                "create it first, or give a path in a directory that exists",
            ) from None
        return
    except OSError as error:
        raise ReftrackError(f"--output: cannot write {given}: {error.strerror}") from None
    if not stat.S_ISREG(found.st_mode):
        kind = next((what for test, what in _KINDS if test(found.st_mode)), "a special file")
        raise ReftrackError(f"--output: {given}{through} is {kind}, not a regular file", fix)
