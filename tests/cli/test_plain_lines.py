"""A write's answer printed without Rich reads exactly as Rich would print it (issue 12).

`ask`, `close`, `thank`, `give` and the referral lines go out as they are where Rich would
write no terminal code; the same rep's day is run once that way and once with every line
forced through Rich, and the outputs must be the same bytes, hostile names included.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reftrack.render import lines
from tests.conftest import Rep

DAY = [
    ["contact", "add", "Jane Doe", "--company", "Acme"],
    ["contact", "add", "Bob\tTab"],
    ["contact", "add", "Eve \u202eevil"],
    ["contact", "add", "Émile  Zola"],
    ["close", "jane", "--deal", "Kit [bold]", "--value", "2k"],
    ["ask", "jane", "--referral", "Sam Lee@Initech", "--referral", "Bob Tab"],
    ["ask", "Eve", "--outcome", "promised"],
    ["ask", "émile", "--outcome", "declined"],
    ["referral", "add", "Sam Lee (Initech)", "--from", "Émile"],
    ["referral", "update", "#3", "--status", "won", "--value", "5k"],
    ["referral", "inform", "#3"],
    ["thank", "jane", "--gift", "wine"],
    ["give", "Eve", "--to", "Kim Park", "--company", "Zeta"],
]


def _day(rep: Rep, **env: str) -> list[str]:
    return [rep.ok(command, **env).output for command in DAY]


@pytest.mark.parametrize("no_color", ["1", ""])
def test_lines_without_rich_are_the_lines_rich_prints(
    rep: Rep, migrated_database: Path, monkeypatch: pytest.MonkeyPatch, no_color: str
) -> None:
    plain = _day(rep, NO_COLOR=no_color)
    second = rep.db.with_name("through-rich.db")
    shutil.copyfile(migrated_database, second)
    monkeypatch.setattr(lines, "styles_off", lambda: False)
    through_rich = _day(rep, NO_COLOR=no_color, REFTRACK_DB=str(second))
    assert plain == through_rich
    assert "Kit [bold]" in "".join(plain)


# ---------------------------------------------------------------- at a terminal, in colour


class _Terminal(io.StringIO):
    """stdout as a terminal: Rich and reftrack both take it for one."""

    def isatty(self) -> bool:
        return True


SAMPLE = [
    lines.line("Tuesday 17 November 2026", style="bold"),
    lines.line(),
    lines.line("Asks today: 1 · streak: 3 working days"),
    lines.line("Nothing overdue.", style="green"),
    lines.line("Behind pace", style="yellow"),
    lines.line("- ", "Ask Émile “[bold]” :smile: 日本語 🎉 for referrals", (" [ask-c12]", "dim")),
    lines.line('    reftrack ask "Émile $HOME\\x"', style="cyan"),
    lines.line("  ", "Contact Sam:", "  ", ("reftrack referral update 3", "cyan")),
    lines.line(("a", "cyan"), ("b", "cyan"), "", ("", "dim"), "c", ("d", "bold")),
    lines.line("heading ", ("part", "dim"), " tail", style="bold"),
    lines.line(("green then yellow", "green"), style="yellow"),
    lines.line("(3 more: reftrack today --all)", style="dim"),
]


@pytest.mark.parametrize(
    "terminal",
    [{"TERM": "xterm"}, {"TERM": "xterm-256color"}, {"TERM": "xterm", "COLORTERM": "truecolor"}],
)
def test_lines_in_colour_without_rich_are_the_bytes_rich_writes(
    monkeypatch: pytest.MonkeyPatch, terminal: dict[str, str]
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLORTERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in terminal.items():
        monkeypatch.setenv(name, value)
    direct = _Terminal()
    monkeypatch.setattr(sys, "stdout", direct)
    assert lines.plain_terminal_codes()
    lines.print_lines(SAMPLE)
    through_rich = _Terminal()
    monkeypatch.setattr(sys, "stdout", through_rich)
    monkeypatch.setattr(lines, "plain_terminal_codes", lambda: False)
    lines.print_lines(SAMPLE)
    assert "\x1b[1m" in through_rich.getvalue()
    assert direct.getvalue() == through_rich.getvalue()


def test_today_at_a_colour_terminal_is_the_bytes_rich_writes(rep: Rep, tmp_path: Path) -> None:
    """The morning list on a pty, written directly and (FORCE_COLOR) by Rich: the same."""
    import pty

    rep.ok("demo --years 1 --contacts 60")

    def at_terminal(**extra: str) -> bytes:
        env = {k: v for k, v in {**os.environ, **rep.env}.items() if k != "NO_COLOR"}
        env.update(TERM="xterm-256color", **extra)
        leader, follower = pty.openpty()
        shown = b""
        try:
            done = subprocess.run(
                [sys.executable, "-m", "reftrack", "today", "--all"],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=follower,
                stderr=subprocess.DEVNULL,
                timeout=60,
            )
            assert done.returncode == 0
            os.set_blocking(leader, False)
            with contextlib.suppress(BlockingIOError, OSError):
                while chunk := os.read(leader, 65536):
                    shown += chunk
        finally:
            os.close(follower)
            os.close(leader)
        return shown

    direct = at_terminal()
    assert b"\x1b[1m" in direct and b"\x1b[36m" in direct
    assert direct == at_terminal(FORCE_COLOR="1")
