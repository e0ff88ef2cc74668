"""What the rep is told when a prospect who already has an open referral is referred again."""

from __future__ import annotations

from collections.abc import Sequence

from reftrack.domain.records import ReferralView


def open_before_ids(view: ReferralView, earlier: Sequence[ReferralView]) -> list[int]:
    """The numbers of the prospect's open referrals recorded before this one."""
    return [r.id for r in earlier if r.prospect.id == view.prospect.id and r.id < view.id]


def already_open_line(view: ReferralView, earlier: Sequence[ReferralView]) -> str | None:
    """The line saying the prospect already has an open referral, and which number is new.

    Plain text: shown in yellow by the caller, which may print it without Rich.
    """
    same = [r for r in earlier if r.id in open_before_ids(view, earlier)]
    if not same:
        return None
    which = ", ".join(f"#{r.id} from {r.referrer.label}" for r in same)
    noun = "an open referral" if len(same) == 1 else "open referrals"
    return f"  {view.prospect.label} already has {noun} {which}; this is #{view.id}."
