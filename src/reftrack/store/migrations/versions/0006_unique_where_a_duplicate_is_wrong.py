"""Let the database refuse duplicates: one contact per name and company, one goal per day.

Contacts gain `folded_name` and `folded_company` (the name and company as reftrack
compares them: Python's casefold, the same on every database, where SQL's lower() is
not), and a unique index on (rep, folded_name, folded_company). Goals get a unique
index on (rep, effective_from), replacing the plain one.

A database may already hold duplicates (PostgreSQL writers used to race). None is deleted
or merged, since asks and referrals point at them: the oldest of a name and company gets
the fold, each later copy keeps `folded_company` NULL, which a unique index never compares.
Of several goals set for one day, only the latest was ever in force, so the others go.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 18:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _fold_contacts() -> None:
    """Fill the folded columns, leaving `folded_company` NULL on later duplicates."""
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, rep, name, company FROM contact ORDER BY id"))
    seen: set[tuple[str, str, str]] = set()
    values = []
    for id, rep, name, company in rows:
        key = (rep, (name or "").casefold(), (company or "").casefold())
        values.append({"id": id, "name": key[1], "company": None if key in seen else key[2]})
        seen.add(key)
    if values:
        bind.execute(
            sa.text(
                "UPDATE contact SET folded_name = :name, folded_company = :company WHERE id = :id"
            ),
            values,
        )


def upgrade() -> None:
    """Apply this revision."""
    op.add_column("contact", sa.Column("folded_name", sa.String(), nullable=True))
    op.add_column("contact", sa.Column("folded_company", sa.String(), nullable=True))
    _fold_contacts()
    op.create_index(
        "uq_contact_rep_folded", "contact", ["rep", "folded_name", "folded_company"], unique=True
    )
    op.execute(
        "DELETE FROM goal WHERE id NOT IN (SELECT MAX(id) FROM goal GROUP BY rep, effective_from)"
    )
    op.drop_index("ix_goal_rep_effective_from", table_name="goal")
    op.create_index("uq_goal_rep_effective_from", "goal", ["rep", "effective_from"], unique=True)


def downgrade() -> None:
    """Undo this revision (the goals removed as duplicates stay removed)."""
    op.drop_index("uq_goal_rep_effective_from", table_name="goal")
    op.create_index("ix_goal_rep_effective_from", "goal", ["rep", "effective_from"])
    op.drop_index("uq_contact_rep_folded", table_name="contact")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("folded_company")
        batch_op.drop_column("folded_name")
