"""The operation journal: each command that wrote, and each row it changed, for `undo`.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 18:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "operation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rep", sa.String(), nullable=False),
        sa.Column("command", sa.String(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("operation", schema=None) as batch_op:
        batch_op.create_index("ix_operation_rep_id", ["rep", "id"], unique=False)
    op.create_table(
        "operation_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        # The rep again, so that a team database guards these rows as every other (0007).
        sa.Column("rep", sa.String(), nullable=False),
        sa.Column("table_name", sa.String(), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("before", sa.String(), nullable=True),
        sa.Column("after", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["operation_id"], ["operation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("operation_change", schema=None) as batch_op:
        batch_op.create_index("ix_operation_change_operation", ["operation_id", "id"], unique=False)


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("operation_change", schema=None) as batch_op:
        batch_op.drop_index("ix_operation_change_operation")
    op.drop_table("operation_change")
    with op.batch_alter_table("operation", schema=None) as batch_op:
        batch_op.drop_index("ix_operation_rep_id")
    op.drop_table("operation")
