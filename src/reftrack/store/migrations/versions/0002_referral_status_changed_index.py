"""Index referrals by the day their status last changed, for `today`'s inform reminders.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 06:30:00
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(
            "ix_referral_rep_status_changed_on", ["rep", "status_changed_on"], unique=False
        )


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index("ix_referral_rep_status_changed_on")
