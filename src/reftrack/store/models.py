"""The tables: every concept of the spec, each row owned by a rep.

Rules about a day (a close on a date, a day off) store the rep's local date;
`recorded_at` is the UTC instant the row was written. Money is whole cents.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Dialect, Index, Integer, String, UniqueConstraint, event, inspect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel
from sqlmodel._compat import SQLModelConfig

from reftrack.errors import DatabaseProblem
from reftrack.kinds import (
    ChangeKind,
    Channel,
    CloseResult,
    ContactKind,
    Outcome,
    Period,
    ReferralEventKind,
    ReferralStatus,
    ThankKind,
)


class EnumText(TypeDecorator[Any]):
    """A `kinds` enum stored as its text value, and read back as the enum.

    Text, not a database ENUM type: the stored values stay readable by any SQL tool,
    and a new member needs no schema change. A value that is not a member is refused
    on the way in, so nothing but the enum's values reaches the table.
    """

    impl = String
    cache_ok = True

    def __init__(self, enum: type[StrEnum]) -> None:
        super().__init__()
        self.enum = enum

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        """The member's text, checked to be one of the enum's values."""
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> StrEnum | None:
        """The stored text as the enum member; a value this version does not know (written
        by hand, or by a newer reftrack) is a problem with the database, in one line."""
        if value is None:
            return None
        try:
            return self.enum(value)
        except ValueError:
            raise DatabaseProblem(
                "the database holds a value this reftrack cannot read: "
                f"{value!r} is not a valid {self.enum.__name__}"
            ) from None


# Money in whole cents, 64-bit: BIGINT on PostgreSQL; SQLite's INTEGER is 64-bit already.
MONEY = BigInteger().with_variant(Integer(), "sqlite")


class Table(SQLModel):
    """The base of every table: rows are built without validation, so none is prepared.

    SQLModel never validates a table row (it constructs it), yet pydantic would build each
    table's validator and serializer as the class is made: most of the cost of importing
    this module. `defer_build` leaves that to a first use that never comes on a command's
    path (issue 12); a `model_validate` would still build it then.
    """

    model_config = SQLModelConfig(from_attributes=True, defer_build=True)


def folded(text: str | None) -> str:
    """Text as names are compared: without case, the same on every database (no lower())."""
    return (text or "").casefold()


class Contact(Table, table=True):
    """A person the rep asks, thanks, refers or is referred to.

    `folded_name` and `folded_company` are the name and company as compared (see `folded`),
    kept by the mapper events below: they find a name by index on any database, and the
    unique index on them lets the database itself refuse a second contact of one name and
    company. A duplicate made before that index existed keeps `folded_company` NULL
    (migration 0006), which the index does not compare.
    """

    __tablename__ = "contact"
    __table_args__ = (
        Index("ix_contact_rep_name", "rep", "name"),
        Index("uq_contact_rep_folded", "rep", "folded_name", "folded_company", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    rep: str
    name: str
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    kind: ContactKind = Field(default=ContactKind.customer, sa_type=EnumText(ContactKind))
    note: str | None = None
    archived: bool = False
    recorded_at: datetime
    folded_name: str | None = None
    folded_company: str | None = None


@event.listens_for(Contact, "before_insert")
def _fold_new(_mapper: Any, _connection: Any, contact: Contact) -> None:
    """Fold a new contact's name and company for lookup and the unique index."""
    contact.folded_name = folded(contact.name)
    contact.folded_company = folded(contact.company)


@event.listens_for(Contact, "before_update")
def _fold_changed(_mapper: Any, _connection: Any, contact: Contact) -> None:
    """Fold again when the name or company changes (a contact left as it was keeps its fold)."""
    state = inspect(contact)
    if state.attrs.name.history.has_changes() or state.attrs.company.history.has_changes():
        _fold_new(_mapper, _connection, contact)


class ImportantDate(Table, table=True):
    """A yearly date of a contact worth remembering: a birthday, an anniversary."""

    __tablename__ = "important_date"
    __table_args__ = (
        UniqueConstraint("contact_id", "label", name="uq_important_date_contact_label"),
        Index("ix_important_date_rep_month_day", "rep", "month", "day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    rep: str
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    label: str
    month: int
    day: int
    year: int | None = None


class Close(Table, table=True):
    """A deal that ended, won or lost."""

    __tablename__ = "close"
    __table_args__ = (
        Index("ix_close_rep_closed_on", "rep", "closed_on"),
        Index("ix_close_contact_closed_on", "contact_id", "closed_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    rep: str
    contact_id: int = Field(foreign_key="contact.id")
    closed_on: date
    result: CloseResult = Field(sa_type=EnumText(CloseResult))
    title: str | None = None
    value_cents: int | None = Field(default=None, sa_type=MONEY)
    crm_id: str | None = None
    recorded_at: datetime


class Ask(Table, table=True):
    """One request for referrals, to one contact, on one day."""

    __tablename__ = "ask"
    __table_args__ = (
        Index("ix_ask_rep_asked_on", "rep", "asked_on"),
        Index("ix_ask_contact_asked_on", "contact_id", "asked_on"),
        Index("ix_ask_rep_outcome_follow_up", "rep", "outcome", "follow_up_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    rep: str
    contact_id: int = Field(foreign_key="contact.id")
    close_id: int | None = Field(default=None, foreign_key="close.id")
    asked_on: date
    outcome: Outcome = Field(default=Outcome.pending, sa_type=EnumText(Outcome))
    channel: Channel | None = Field(default=None, sa_type=EnumText(Channel))
    follow_up_on: date | None = None
    note: str | None = None
    recorded_at: datetime


class Referral(Table, table=True):
    """A prospect introduced to the rep by a referrer, followed through the pipeline."""

    __tablename__ = "referral"
    __table_args__ = (
        Index("ix_referral_rep_received_on", "rep", "received_on"),
        Index("ix_referral_rep_status", "rep", "status"),
        Index("ix_referral_rep_status_changed_on", "rep", "status_changed_on"),
        Index("ix_referral_referrer", "referrer_id", "received_on"),
        Index("ix_referral_prospect", "prospect_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    rep: str
    referrer_id: int = Field(foreign_key="contact.id")
    prospect_id: int = Field(foreign_key="contact.id")
    ask_id: int | None = Field(default=None, foreign_key="ask.id")
    received_on: date
    status: ReferralStatus = Field(default=ReferralStatus.new, sa_type=EnumText(ReferralStatus))
    status_changed_on: date
    informed_on: date | None = None
    value_cents: int | None = Field(default=None, sa_type=MONEY)
    note: str | None = None
    recorded_at: datetime


class ReferralEvent(Table, table=True):
    """The dated history of a referral: each status change and each report to its referrer."""

    __tablename__ = "referral_event"
    __table_args__ = (
        Index("ix_referral_event_referral", "referral_id", "happened_on"),
        Index("ix_referral_event_rep_happened_on", "rep", "happened_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    rep: str
    referral_id: int = Field(foreign_key="referral.id", ondelete="CASCADE")
    happened_on: date
    kind: ReferralEventKind = Field(sa_type=EnumText(ReferralEventKind))
    status: ReferralStatus | None = Field(default=None, sa_type=EnumText(ReferralStatus))
    note: str | None = None
    recorded_at: datetime


class ThankYou(Table, table=True):
    """A note, gift or call thanking a contact, maybe for one referral."""

    __tablename__ = "thank_you"
    __table_args__ = (
        Index("ix_thank_you_rep_thanked_on", "rep", "thanked_on"),
        Index("ix_thank_you_contact", "contact_id", "thanked_on"),
        Index("ix_thank_you_referral", "referral_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    rep: str
    contact_id: int = Field(foreign_key="contact.id")
    referral_id: int | None = Field(default=None, foreign_key="referral.id")
    thanked_on: date
    kind: ThankKind = Field(default=ThankKind.note, sa_type=EnumText(ThankKind))
    gift: str | None = None
    note: str | None = None
    recorded_at: datetime


class GivenReferral(Table, table=True):
    """An introduction the rep gave to a contact: reciprocity, giving to get."""

    __tablename__ = "given_referral"
    __table_args__ = (
        Index("ix_given_referral_rep_given_on", "rep", "given_on"),
        Index("ix_given_referral_contact", "contact_id", "given_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    rep: str
    contact_id: int = Field(foreign_key="contact.id")
    prospect: str
    company: str | None = None
    given_on: date
    note: str | None = None
    recorded_at: datetime


class Share(Table, table=True):
    """A piece of content sent to a contact as a soft referral, and whether they passed it on."""

    __tablename__ = "share"
    __table_args__ = (
        Index("ix_share_rep_shared_on", "rep", "shared_on"),
        Index("ix_share_contact", "contact_id", "shared_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    rep: str
    contact_id: int = Field(foreign_key="contact.id")
    shared_on: date
    content: str
    url: str | None = None
    forwarded: bool = False
    recorded_at: datetime


class Score(Table, table=True):
    """A dated scorecard of a relationship: liking, reciprocity, credibility, commitment (1–5)."""

    __tablename__ = "score"
    __table_args__ = (
        Index("ix_score_contact_scored_on", "contact_id", "scored_on"),
        Index("ix_score_rep_scored_on", "rep", "scored_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    rep: str
    contact_id: int = Field(foreign_key="contact.id")
    scored_on: date
    liking: int | None = None
    reciprocity: int | None = None
    credibility: int | None = None
    commitment: int | None = None
    note: str | None = None
    recorded_at: datetime


class Goal(Table, table=True):
    """A referral target per period, in force from a day until a later goal replaces it.

    One goal per rep and first day: setting another on that day replaces it.
    """

    __tablename__ = "goal"
    __table_args__ = (Index("uq_goal_rep_effective_from", "rep", "effective_from", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    rep: str
    target: int
    period: Period = Field(sa_type=EnumText(Period))
    rate: float | None = None
    effective_from: date
    recorded_at: datetime


class DayOff(Table, table=True):
    """A day that is not a working day: a holiday, leave."""

    __tablename__ = "day_off"
    __table_args__ = (UniqueConstraint("rep", "day", name="uq_day_off_rep_day"),)

    id: int | None = Field(default=None, primary_key=True)
    rep: str
    day: date
    note: str | None = None
    recorded_at: datetime


class Operation(Table, table=True):
    """One command that wrote, as the operation journal keeps it for `undo`."""

    __tablename__ = "operation"
    __table_args__ = (Index("ix_operation_rep_id", "rep", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    rep: str
    command: str
    recorded_at: datetime
    undone_at: datetime | None = None


class OperationChange(Table, table=True):
    """One row a journaled command inserted, updated or deleted, with its values around it.

    `before` and `after` are the row's columns as JSON, as the database held them: `before`
    is empty for an insert, `after` for a delete.
    """

    __tablename__ = "operation_change"
    __table_args__ = (Index("ix_operation_change_operation", "operation_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    operation_id: int = Field(foreign_key="operation.id", ondelete="CASCADE")
    # The operation's rep again: a team database guards each table by its own rep column.
    rep: str
    table_name: str
    row_id: int
    kind: ChangeKind = Field(sa_type=EnumText(ChangeKind))
    before: str | None = None
    after: str | None = None


class PutOff(Table, table=True):
    """A `today` item put off: snoozed until a day, or dismissed (`until` empty).

    `state` is what the item looked like when dismissed (a balance, a date's year): a
    dismissed item comes back once that changes. One row per item key and rep.
    """

    __tablename__ = "put_off"
    __table_args__ = (UniqueConstraint("rep", "key", name="uq_put_off_rep_key"),)

    id: int | None = Field(default=None, primary_key=True)
    rep: str
    key: str
    until: date | None = None
    state: str | None = None
    put_off_on: date
    recorded_at: datetime
