"""Errors a person can act on; only the CLI boundary turns them into exit codes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


class ReftrackError(Exception):
    """A problem to report as one line on stderr (exit 1)."""

    exit_code = 1

    def __init__(self, message: str, fix: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message} ({self.fix})" if self.fix else self.message


class UsageProblem(ReftrackError):
    """Input that cannot be understood: a malformed date, number or key (exit 2)."""

    exit_code = 2


class ContactNotFound(ReftrackError):
    """No contact answers to the name given."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        if suggestions:
            quoted = ", ".join(f"'{s}'" for s in suggestions)
            message = f"no contact '{query}' — did you mean {quoted}?"
        else:
            message = f"no contact '{query}'"
        from reftrack.invocation import reftrack

        super().__init__(message, None if suggestions else f"see `{reftrack()} contact list`")
        self.query = query
        self.suggestions = suggestions


class AmbiguousContact(ReftrackError):
    """More than one contact answers to the name given."""

    def __init__(self, query: str, candidates: list[str]) -> None:
        listed = ", ".join(f"'{c}'" for c in candidates)
        super().__init__(f"'{query}' could be {listed}", "give more of the name")
        self.query = query
        self.candidates = candidates


class DatabaseProblem(ReftrackError):
    """The database cannot be used as it is: not ours, too new, locked, unreachable."""


class ConfigProblem(ReftrackError):
    """The config file or a value in it is not usable."""


def suggestions(names: list[str]) -> str:
    """' — did you mean 'a', 'b' or 'c'?' for a message, or '' for no names."""
    if not names:
        return ""
    quoted = [f"'{name}'" for name in names]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" — did you mean {listed}?"


def did_you_mean(
    word: str, choices: Iterable[str], spelled: Mapping[str, str] | None = None
) -> str:
    """' — did you mean 'x'?' for the choice closest to `word`, or '' when none is close.

    `spelled` maps a compared form (say, lower case) to the form to show.
    """
    # Imported here: only a message being built needs it, never a command that succeeds.
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1)
    return suggestions([(spelled or {}).get(choice, choice) for choice in close])
