"""The fields `edit` changes, kind by kind: the option, the name shown, the column, the parser.

Each parser is the one creation uses (dates, amounts, scores, names), so an edit is
validated as the entry was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlmodel import Session

from reftrack.domain.contacts import clean_name, clean_optional
from reftrack.domain.numbers import RATE, SCORE, TARGET, decimal_number, shown, whole_number
from reftrack.domain.records import parse_amount
from reftrack.errors import UsageProblem
from reftrack.kinds import Channel, CloseResult, EntryKind, Outcome, Period, ReferralStatus
from reftrack.services.names import resolve_contact
from reftrack.services.runtime import Runtime

# What the rep typed for an option: its text, or True/False for a flag.
Typed = str | bool
Parse = Callable[[Session, Runtime, str, Typed], Any]


@dataclass(frozen=True)
class Field:
    """One editable field: the option that sets it, its name in the output, its column."""

    option: str
    name: str
    column: str
    parse: Parse


def _date(session: Session, rt: Runtime, option: str, typed: Typed) -> Any:
    return rt.date(str(typed), option)


def _contact(session: Session, rt: Runtime, option: str, typed: Typed) -> Any:
    return resolve_contact(session, rt, str(typed)).id


def _text(session: Session, rt: Runtime, option: str, typed: Typed) -> Any:
    return clean_optional(str(typed))


def _name(session: Session, rt: Runtime, option: str, typed: Typed) -> Any:
    return clean_name(str(typed), f"{option} name")


def _amount(session: Session, rt: Runtime, option: str, typed: Typed) -> Any:
    return parse_amount(str(typed), option)


def _score(session: Session, rt: Runtime, option: str, typed: Typed) -> Any:
    return whole_number(str(typed), option, SCORE)


def _flag(session: Session, rt: Runtime, option: str, typed: Typed) -> Any:
    return bool(typed)


def _choice(enum: type[StrEnum]) -> Parse:
    def parse(session: Session, rt: Runtime, option: str, typed: Typed) -> Any:
        word = str(typed).strip().lower()
        try:
            return enum(word)
        except ValueError:
            accepted = ", ".join(member.value for member in enum)
            raise UsageProblem(
                f"{option}: '{shown(str(typed))}' is not one of {accepted}"
            ) from None

    return parse


_ON = Field("--on", "date", "", _date)
_NOTE = Field("--note", "note", "note", _text)
_WHO = Field("--name", "contact", "contact_id", _contact)
GIFT = Field("--gift", "gift", "gift", _text)

FIELDS: dict[EntryKind, tuple[Field, ...]] = {
    EntryKind.close: (
        _ON,
        _WHO,
        Field("--outcome", "result", "result", _choice(CloseResult)),
        Field("--deal", "deal", "title", _text),
        Field("--value", "value", "value_cents", _amount),
        Field("--crm-id", "crm_id", "crm_id", _text),
    ),
    EntryKind.ask: (
        _ON,
        _WHO,
        Field("--outcome", "outcome", "outcome", _choice(Outcome)),
        Field("--channel", "channel", "channel", _choice(Channel)),
        Field("--follow-up", "follow_up_on", "follow_up_on", _date),
        _NOTE,
    ),
    EntryKind.referral: (
        _ON,
        Field("--name", "prospect", "prospect_id", _contact),
        Field("--from", "referrer", "referrer_id", _contact),
        Field("--status", "status", "status", _choice(ReferralStatus)),
        Field("--value", "value", "value_cents", _amount),
        _NOTE,
    ),
    EntryKind.event: (_ON, Field("--status", "status", "status", _choice(ReferralStatus)), _NOTE),
    EntryKind.thank: (_ON, _WHO, GIFT, _NOTE),
    EntryKind.give: (
        _ON,
        _WHO,
        Field("--to", "to", "prospect", _name),
        Field("--company", "company", "company", _text),
        _NOTE,
    ),
    EntryKind.share: (
        _ON,
        _WHO,
        Field("--content", "content", "content", _name),
        Field("--url", "url", "url", _text),
        Field("--forwarded", "forwarded", "forwarded", _flag),
    ),
    EntryKind.score: (
        _ON,
        _WHO,
        Field("--liking", "liking", "liking", _score),
        Field("--reciprocity", "reciprocity", "reciprocity", _score),
        Field("--credibility", "credibility", "credibility", _score),
        Field("--commitment", "commitment", "commitment", _score),
        _NOTE,
    ),
    EntryKind.day_off: (_ON, _NOTE),
    EntryKind.goal: (
        _ON,
        Field(
            "--referrals", "target", "target", lambda s, r, o, t: whole_number(str(t), o, TARGET)
        ),
        Field("--per", "period", "period", _choice(Period)),
        Field("--rate", "rate", "rate", lambda s, r, o, t: decimal_number(str(t), o, RATE)),
    ),
}
