"""Where output goes: a Rich console that knows whether it writes to a terminal."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Span, Text

from reftrack.render.jsonout import emit_json as emit_json
from reftrack.render.jsonout import json_default as json_default
from reftrack.render.jsonout import json_text as json_text
from reftrack.render.safe import visible
from reftrack.render.words import plural as plural  # its home is free of Rich

if TYPE_CHECKING:
    # rich.table is a fifth of what Rich costs to import; `today` and `goal show` print no
    # table, so it is imported where a table is built (issue 12).
    from rich.table import Table


def plain_terminal() -> bool:
    """NO_COLOR is set to any non-empty value (no-color.org): no terminal codes at all."""
    return os.environ.get("NO_COLOR", "") != ""


def visible_text(text: Text) -> Text:
    """A Rich `Text` with its control and bidi characters shown as escapes, styles kept."""
    plain = text.plain
    shown = visible(plain)
    if shown == plain:
        return text
    # Where each character of the old text starts in the new one, so styles still fit.
    starts = [0]
    for character in plain:
        starts.append(starts[-1] + len(visible(character)))
    spans = [Span(starts[s.start], starts[s.end], s.style) for s in text.spans]
    safe = text.copy()
    safe.plain = shown
    safe.spans = spans
    return safe


def _visible_renderable(renderable: Any) -> Any:
    """A renderable whose user text is shown safely, measured as it will be printed."""
    if isinstance(renderable, str):
        return visible(renderable)
    if isinstance(renderable, Text):
        return visible_text(renderable)
    # A table can only be printed once rich.table is imported: no need to import it here.
    tables = sys.modules.get("rich.table")
    if tables is not None and isinstance(renderable, tables.Table):
        for column in renderable.columns:
            column.header = _visible_renderable(column.header)
            column._cells[:] = [_visible_renderable(cell) for cell in column._cells]
        renderable.title = _visible_renderable(renderable.title)
        renderable.caption = _visible_renderable(renderable.caption)
    return renderable


class _Console(Console):
    """A Rich console that shows user text safely (rule 11) and never reads it as markup.

    Every string, `Text` and table cell handed to `print` has its control and bidi characters
    made visible before Rich measures it, so columns stay aligned; `render` then checks every
    segment again, so a renderable of another kind cannot slip a raw one through. Rich's own
    `Text` drops BEL, backspace, VT, FF and CR as it is built: those never reach the terminal
    either. It also leaves a closed pipe (`reftrack log | head`) to the CLI boundary.
    """

    def print(self, *objects: Any, **options: Any) -> None:
        """Print, with every piece of user text made safe first."""
        super().print(*(_visible_renderable(o) for o in objects), **options)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        """Rich's segments, none carrying a raw control or bidi character."""
        for segment in super().render(renderable, options):
            if segment.control or segment.text.isprintable():
                yield segment
            else:
                yield Segment(visible(segment.text), segment.style)

    def on_broken_pipe(self) -> None:
        """Stop writing, and let the boundary end the run quietly (Rich would exit 1)."""
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "the reader of the output went away")


def console(stderr: bool = False) -> Console:
    """A console on stdout (or stderr): styles on a terminal only, none with NO_COLOR."""
    # highlight=False: user data (numbers in names, URLs) is not restyled behind our back.
    # markup=False: no string is ever read as markup, so a label like "[/]" prints as typed.
    # soft_wrap=True: a line (a command to copy) is never broken; tables still fit the width.
    if plain_terminal():
        # Rich's no_color drops colours but keeps bold, dim and reset codes; without a colour
        # system it writes no escape sequence at all, as the docs promise.
        return _Console(
            stderr=stderr,
            highlight=False,
            markup=False,
            soft_wrap=True,
            no_color=True,
            color_system=None,
        )
    return _Console(stderr=stderr, highlight=False, markup=False, soft_wrap=True)


def keep_whole(table: Table, *whole: int) -> Table:
    """Fit a table to the width without cutting a date or a number: the columns `whole` are
    at least as wide as their widest word (a date, an amount), and every column folds its
    text onto more lines instead of ending it with "…"."""
    from rich.cells import cell_len

    for index, column in enumerate(table.columns):
        column.overflow = "fold"
        if index in whole:
            cells = [column.header, *column.cells]
            words = [w for c in cells for w in (c.plain if isinstance(c, Text) else str(c)).split()]
            column.min_width = max(map(cell_len, words), default=0)
    return table


def write_private(path: Path, text: str | bytes) -> None:
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
        if isinstance(text, bytes):
            with os.fdopen(descriptor, "wb") as binary:
                binary.write(text)
        else:
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
