"""Items of `today` put off: snoozed until a day, or dismissed.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 18:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "put_off",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rep", sa.String(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("state", sa.String(), nullable=True),
        sa.Column("put_off_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("rep", "key", name="uq_put_off_rep_key"),
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_table("put_off")
