"""A team on PostgreSQL: row-level security on every rep's table, and the manager's views.

Each table with a `rep` column lets a role read and write only the rows where `rep` is that
role (`rep = current_user`); the tables' owner stays exempt (enabled, not forced), so it can
migrate, back up and serve the team views, which show per-rep counts and sums only. Group
roles and grants are made by `reftrack team add`, not here: the owner may lack CREATEROLE.
SQLite has no roles: nothing changes there.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 18:00:00
"""

from alembic import op

from reftrack.store import team

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return
    team.guard_tables(connection)
    team.create_views(connection)


def downgrade() -> None:
    """Undo this revision."""
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return
    team.drop_views(connection)
    team.unguard_tables(connection)
