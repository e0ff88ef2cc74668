"""What cron does to a crontab command before the shell sees it, done the same way here.

ISC/Vixie cron (Debian's and Ubuntu's `cron`, do_command.c) and cronie copy the command
character by character: a backslash is kept and escapes the character after it; an
escaped `%` replaces its backslash (so `\\%` gives `%`), any other escaped character
follows its backslash unchanged; the first unescaped `%` ends the command, and what comes
after it is the job's standard input (each further `%` a newline). Then `/bin/sh -c`.
"""

from __future__ import annotations


def as_cron_runs(command: str) -> tuple[str, str | None]:
    """The command cron hands to `sh -c`, and the job's standard input if a `%` cut it."""
    out: list[str] = []
    escaped = False
    for index, ch in enumerate(command):
        if escaped:
            if ch == "%":
                out[-1] = "%"
            else:
                out.append(ch)
            escaped = False
            continue
        if ch == "%":
            return "".join(out), command[index + 1 :].replace("%", "\n")
        escaped = ch == "\\"
        out.append(ch)
    return "".join(out), None
