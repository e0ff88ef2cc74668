"""How a command reftrack prints starts: `reftrack`, then the root options the rep typed.

A rep who typed `reftrack --db team.db --rep ana close jane` is shown
`reftrack --db team.db --rep ana ask jane` next, so that the hint, pasted, runs on the
same database for the same rep. Options that came from the environment (REFTRACK_DB,
REFTRACK_REP) are not repeated: a pasted command inherits them as well. A --db holding a
password is never printed. The CLI says once per run what was typed (`typed_by`); every
command reftrack prints for the rep to run starts with `reftrack()`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

# The typed root options as words, computed on first need: most runs print no command.
# One run of the program is one command line, so a module's global is its right home;
# the CLI sets it at the start of every run (in-process test runs included).
_typed: Callable[[], Sequence[str]] | None = None


def typed_by(words: Callable[[], Sequence[str]] | None) -> None:
    """Say where this run's typed root options come from (None: nothing typed)."""
    global _typed
    _typed = words


def reftrack() -> str:
    """`reftrack` and the root options typed on this run, quoted for a shell."""
    import shlex

    return shlex.join(["reftrack", *(_typed() if _typed else ())])
