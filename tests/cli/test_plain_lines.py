"""A write's answer printed without Rich reads exactly as Rich would print it (issue 12).

`ask`, `close`, `thank`, `give` and the referral lines go out as they are where Rich would
write no terminal code; the same rep's day is run once that way and once with every line
forced through Rich, and the outputs must be the same bytes, hostile names included.
"""

from __future__ import annotations

import shutil
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
