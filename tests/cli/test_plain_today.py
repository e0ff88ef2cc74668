"""`today` and `goal show` printed without Rich read exactly as Rich prints them (issue 12).

Where Rich would write no terminal code (NO_COLOR, or no terminal) the morning list and the
goal go out as they are (render.lines); the same reads are printed once that way and once
forced through Rich, and must be the same bytes, hostile names included.
"""

from __future__ import annotations

import pytest

from reftrack.render import lines
from tests.conftest import Rep

PLAIN_DAY = [
    ["contact", "add", "Jane Doe", "--company", "Acme"],
    ["contact", "add", "Kit [bold]"],
    ["close", "jane", "--deal", "Kit [bold]", "--value", "2k", "--on", "-2d"],
    ["close", "Kit", "--deal", "Markup"],
    ["ask", "Kit", "--outcome", "promised", "--on", "-20d"],
    ["referral", "add", "Sam Lee (Initech)", "--from", "Kit"],
    ["goal", "set", "--referrals", "8", "--per", "month"],
]
# Text Rich (or rule 11) changes: these days go through Rich either way.
HOSTILE_DAY = [
    ["contact", "add", "Bob\tTab"],
    ["contact", "add", "Eve \u202eevil"],
    ["close", "Bob", "--deal", "Tabs", "--on", "-1d"],
    ["close", "Eve", "--deal", "Bidi", "--on", "-3d"],
]
READS = [["today"], ["today", "--all"], ["goal", "show"], ["goal", "show", "--on", "-1w"]]


def _both_ways(rep: Rep, monkeypatch: pytest.MonkeyPatch, no_color: str) -> list[str]:
    """Each read printed as it goes out, then forced through Rich; the plain outputs."""
    plain = [rep.ok(read, NO_COLOR=no_color).output for read in READS]
    with monkeypatch.context() as forced:
        forced.setattr(lines, "styles_off", lambda: False)
        through_rich = [rep.ok(read, NO_COLOR=no_color).output for read in READS]
    assert plain == through_rich
    return plain


@pytest.mark.parametrize("no_color", ["1", ""])
def test_today_and_the_goal_without_rich_are_what_rich_prints(
    rep: Rep, monkeypatch: pytest.MonkeyPatch, no_color: str
) -> None:
    assert _both_ways(rep, monkeypatch, no_color)[2].startswith("No goal in force")
    for command in PLAIN_DAY:
        rep.ok(command)
    plain = _both_ways(rep, monkeypatch, no_color)
    assert "Kit [bold]" in plain[0] and all(text.isprintable() for text in plain[0].split("\n"))
    for command in HOSTILE_DAY:
        rep.ok(command)
    assert "\\u202e" in _both_ways(rep, monkeypatch, no_color)[0]
