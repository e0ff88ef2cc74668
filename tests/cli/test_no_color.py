"""NO_COLOR on a terminal: no colour and no terminal codes at all, in every view.

A few commands run on a real pseudo-terminal; the whole list runs in-process with Rich told
the output is a terminal (TTY_COMPATIBLE=1), which takes the same path at a fraction of the
cost of a process each.
"""

from __future__ import annotations

import os
import sys

import pytest

from tests.conftest import Rep

pexpect = pytest.importorskip("pexpect")

# Every command that prints styled text on a terminal (headings, dim dates, bold names).
STYLED = [
    "today",
    "today --all",
    "stats --weeks 4",
    "summary --week this",
    "log",
    "contact show jane",
    "contact list",
    "referral list",
    "goal show",
    "score list",
    "share list",
    "off list",
    "config show",
    "cron show",
    "script",
    "template email jane",
    "contact add Zed --company Zeta",
    "close zed --deal Kit",
    "ask zed --outcome pending",
    "score zed --liking 4",
    "referral update carla --status contacted",
    "demo --years 1 --contacts 20",
    "referral update nobody --status won",
]


def terminal_output(rep: Rep, command: str, **env: str) -> str:
    """What `reftrack COMMAND` writes to a real terminal (stdout and stderr together)."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "reftrack", *command.split()],
        env={**os.environ, **rep.env, "COLUMNS": "100", **env},
        encoding="utf-8",
        timeout=60,
    )
    text = child.read()
    child.close()
    return str(text)


@pytest.fixture
def busy(rep: Rep) -> Rep:
    rep.ok('contact add "Jane Doe" --company Acme --birthday 11-27')
    rep.ok("close jane --deal Fleet --value 12k")
    rep.ok('ask jane --referral "Bob Stone@Initech" --referral Carla')
    rep.ok("referral update bob --status meeting")
    rep.ok("goal set --referrals 8 --per month")
    rep.ok("score jane --liking 5 --reciprocity 4 --credibility 5 --commitment 1")
    rep.ok("share jane --content Benchmark")
    rep.ok("off 2026-12-24")
    return rep


def test_without_no_color_a_terminal_gets_styles(busy: Rep) -> None:
    # The check below means something only if a terminal does get codes otherwise.
    env = {k: v for k, v in busy.env.items() if k != "NO_COLOR"}
    busy.env = env
    assert "\x1b[" in terminal_output(busy, "today", NO_COLOR="")


@pytest.mark.parametrize(
    "command", ["today", "stats --weeks 4", "log", "referral update nobody --status won"]
)
def test_no_color_means_no_terminal_codes_on_a_real_terminal(busy: Rep, command: str) -> None:
    text = terminal_output(busy, command, NO_COLOR="1")
    assert text.strip(), command
    assert "\x1b" not in text, (command, text[:400])


def test_any_non_empty_no_color_value_counts(busy: Rep) -> None:
    assert "\x1b" not in terminal_output(busy, "goal show", NO_COLOR="0")


def test_every_styled_view_is_plain_with_no_color(busy: Rep) -> None:
    assert "\x1b[" in busy.run("today", TTY_COMPATIBLE="1", NO_COLOR="").stdout
    for command in STYLED:
        result = busy.run(command, TTY_COMPATIBLE="1", NO_COLOR="1")
        text = result.stdout + result.stderr
        assert text.strip(), command
        assert "\x1b" not in text, (command, text[:400])
