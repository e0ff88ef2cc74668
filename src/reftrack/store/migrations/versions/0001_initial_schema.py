"""The whole schema: contacts, closes, asks, referrals and everything a rep records.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 05:43:22.466174
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rep", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("company", sa.String(), nullable=True),
        sa.Column("email", sa.String(), nullable=True),
        sa.Column("phone", sa.String(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index("ix_contact_rep_name", ["rep", "name"], unique=False)

    op.create_table(
        "day_off",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rep", sa.String(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("rep", "day", name="uq_day_off_rep_day"),
    )
    op.create_table(
        "goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rep", sa.String(), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(), nullable=False),
        sa.Column("rate", sa.Float(), nullable=True),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.create_index("ix_goal_rep_effective_from", ["rep", "effective_from"], unique=False)

    op.create_table(
        "close",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rep", sa.String(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=False),
        sa.Column("result", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("value_cents", sa.Integer(), nullable=True),
        sa.Column("crm_id", sa.String(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("close", schema=None) as batch_op:
        batch_op.create_index(
            "ix_close_contact_closed_on", ["contact_id", "closed_on"], unique=False
        )
        batch_op.create_index("ix_close_rep_closed_on", ["rep", "closed_on"], unique=False)

    op.create_table(
        "given_referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rep", sa.String(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("prospect", sa.String(), nullable=False),
        sa.Column("company", sa.String(), nullable=True),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("given_referral", schema=None) as batch_op:
        batch_op.create_index("ix_given_referral_contact", ["contact_id", "given_on"], unique=False)
        batch_op.create_index("ix_given_referral_rep_given_on", ["rep", "given_on"], unique=False)

    op.create_table(
        "important_date",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rep", sa.String(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contact_id", "label", name="uq_important_date_contact_label"),
    )
    with op.batch_alter_table("important_date", schema=None) as batch_op:
        batch_op.create_index(
            "ix_important_date_rep_month_day", ["rep", "month", "day"], unique=False
        )

    op.create_table(
        "score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rep", sa.String(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("scored_on", sa.Date(), nullable=False),
        sa.Column("liking", sa.Integer(), nullable=True),
        sa.Column("reciprocity", sa.Integer(), nullable=True),
        sa.Column("credibility", sa.Integer(), nullable=True),
        sa.Column("commitment", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("score", schema=None) as batch_op:
        batch_op.create_index(
            "ix_score_contact_scored_on", ["contact_id", "scored_on"], unique=False
        )
        batch_op.create_index("ix_score_rep_scored_on", ["rep", "scored_on"], unique=False)

    op.create_table(
        "share",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rep", sa.String(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("shared_on", sa.Date(), nullable=False),
        sa.Column("content", sa.String(), nullable=False),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("forwarded", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("share", schema=None) as batch_op:
        batch_op.create_index("ix_share_contact", ["contact_id", "shared_on"], unique=False)
        batch_op.create_index("ix_share_rep_shared_on", ["rep", "shared_on"], unique=False)

    op.create_table(
        "ask",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rep", sa.String(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("close_id", sa.Integer(), nullable=True),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("channel", sa.String(), nullable=True),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["close_id"],
            ["close.id"],
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("ask", schema=None) as batch_op:
        batch_op.create_index("ix_ask_contact_asked_on", ["contact_id", "asked_on"], unique=False)
        batch_op.create_index("ix_ask_rep_asked_on", ["rep", "asked_on"], unique=False)
        batch_op.create_index(
            "ix_ask_rep_outcome_follow_up", ["rep", "outcome", "follow_up_on"], unique=False
        )

    op.create_table(
        "referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rep", sa.String(), nullable=False),
        sa.Column("referrer_id", sa.Integer(), nullable=False),
        sa.Column("prospect_id", sa.Integer(), nullable=False),
        sa.Column("ask_id", sa.Integer(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("status_changed_on", sa.Date(), nullable=False),
        sa.Column("informed_on", sa.Date(), nullable=True),
        sa.Column("value_cents", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["ask_id"],
            ["ask.id"],
        ),
        sa.ForeignKeyConstraint(
            ["prospect_id"],
            ["contact.id"],
        ),
        sa.ForeignKeyConstraint(
            ["referrer_id"],
            ["contact.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index("ix_referral_prospect", ["prospect_id"], unique=False)
        batch_op.create_index("ix_referral_referrer", ["referrer_id", "received_on"], unique=False)
        batch_op.create_index("ix_referral_rep_received_on", ["rep", "received_on"], unique=False)
        batch_op.create_index("ix_referral_rep_status", ["rep", "status"], unique=False)

    op.create_table(
        "referral_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rep", sa.String(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["referral_id"], ["referral.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("referral_event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_referral_event_referral", ["referral_id", "happened_on"], unique=False
        )
        batch_op.create_index(
            "ix_referral_event_rep_happened_on", ["rep", "happened_on"], unique=False
        )

    op.create_table(
        "thank_you",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rep", sa.String(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=True),
        sa.Column("thanked_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("gift", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referral.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("thank_you", schema=None) as batch_op:
        batch_op.create_index("ix_thank_you_contact", ["contact_id", "thanked_on"], unique=False)
        batch_op.create_index("ix_thank_you_referral", ["referral_id"], unique=False)
        batch_op.create_index("ix_thank_you_rep_thanked_on", ["rep", "thanked_on"], unique=False)


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("thank_you", schema=None) as batch_op:
        batch_op.drop_index("ix_thank_you_rep_thanked_on")
        batch_op.drop_index("ix_thank_you_referral")
        batch_op.drop_index("ix_thank_you_contact")

    op.drop_table("thank_you")
    with op.batch_alter_table("referral_event", schema=None) as batch_op:
        batch_op.drop_index("ix_referral_event_rep_happened_on")
        batch_op.drop_index("ix_referral_event_referral")

    op.drop_table("referral_event")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index("ix_referral_rep_status")
        batch_op.drop_index("ix_referral_rep_received_on")
        batch_op.drop_index("ix_referral_referrer")
        batch_op.drop_index("ix_referral_prospect")

    op.drop_table("referral")
    with op.batch_alter_table("ask", schema=None) as batch_op:
        batch_op.drop_index("ix_ask_rep_outcome_follow_up")
        batch_op.drop_index("ix_ask_rep_asked_on")
        batch_op.drop_index("ix_ask_contact_asked_on")

    op.drop_table("ask")
    with op.batch_alter_table("share", schema=None) as batch_op:
        batch_op.drop_index("ix_share_rep_shared_on")
        batch_op.drop_index("ix_share_contact")

    op.drop_table("share")
    with op.batch_alter_table("score", schema=None) as batch_op:
        batch_op.drop_index("ix_score_rep_scored_on")
        batch_op.drop_index("ix_score_contact_scored_on")

    op.drop_table("score")
    with op.batch_alter_table("important_date", schema=None) as batch_op:
        batch_op.drop_index("ix_important_date_rep_month_day")

    op.drop_table("important_date")
    with op.batch_alter_table("given_referral", schema=None) as batch_op:
        batch_op.drop_index("ix_given_referral_rep_given_on")
        batch_op.drop_index("ix_given_referral_contact")

    op.drop_table("given_referral")
    with op.batch_alter_table("close", schema=None) as batch_op:
        batch_op.drop_index("ix_close_rep_closed_on")
        batch_op.drop_index("ix_close_contact_closed_on")

    op.drop_table("close")
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_index("ix_goal_rep_effective_from")

    op.drop_table("goal")
    op.drop_table("day_off")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_rep_name")

    op.drop_table("contact")
