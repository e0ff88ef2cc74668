"""One commitment rule: `today`, `score list` and `contact show` say the same, --json too."""

from __future__ import annotations

import json

from tests.conftest import Rep


def _views(rep: Rep) -> tuple[list[str], str, str, dict[str, object]]:
    today = [i["kind"] for i in json.loads(rep.ok("today --json").stdout)["items"]]
    (card,) = json.loads(rep.ok("score list --json").stdout)
    return today, rep.ok("score list").stdout, rep.ok("contact show jane").stdout, card


def test_an_ask_clears_the_commitment_everywhere_even_on_the_day_of_the_card(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe" --company Acme')
    rep.ok("score jane --liking 5 --reciprocity 4 --credibility 5 --commitment 2")
    today, listing, shown, card = _views(rep)
    assert today == ["commitment"]
    assert "ask for a referral commitment" in listing
    assert "Ready: ask for a formal referral commitment." in shown
    assert card["ready_for_commitment"] is True and card["commitment_asked_on"] is None

    rep.ok("ask jane --outcome promised")  # the same day as the scorecard
    today, listing, shown, card = _views(rep)
    assert "commitment" not in today
    assert "ask for a referral commitment" not in listing
    assert "commitment asked 2026-11-25" in listing
    assert "Ready:" not in shown
    assert "Asked for a referral commitment on 2026-11-25." in shown
    assert card["ready_for_commitment"] is False
    assert card["commitment_asked_on"] == "2026-11-25"


def test_an_ask_before_the_card_does_not_count(rep: Rep) -> None:
    rep.ok('contact add "Jane Doe" --company Acme')
    rep.ok("ask jane --outcome declined --on -3d")
    rep.ok("score jane --liking 5 --reciprocity 4 --credibility 5 --on -1d")
    today, listing, shown, card = _views(rep)
    assert today == ["commitment"]
    assert "ask for a referral commitment" in listing
    assert "Ready: ask for a formal referral commitment." in shown
    assert card["ready_for_commitment"] is True
