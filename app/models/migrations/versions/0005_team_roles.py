"""team roles: each administrator's roles in the register (administratör, registrator,
kommunikationschef, förvaltningschef)

Revision ID: 0005_team_roles
Revises: 0004_audit

The column starts empty (NULL) for everyone: a database where nobody has a role keeps working
as the single-user workstation it was. An empty value leaves existing seals valid.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_team_roles"
down_revision = "0004_audit"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("administrators", schema=None) as batch_op:
        batch_op.add_column(sa.Column("roles", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("administrators", schema=None) as batch_op:
        batch_op.drop_column("roles")
