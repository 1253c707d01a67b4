"""team privileges: on PostgreSQL, group roles, grants, row-level security and the login
functions that make the database enforce the roles itself (see app/models/team_privileges.py)

Revision ID: 0006_team_privileges
Revises: 0005_team_roles

Nothing on SQLite: a workstation's file has one user, who the OS already let in.
"""

from alembic import op

revision = "0006_team_privileges"
down_revision = "0005_team_roles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    con = op.get_bind()
    if con.dialect.name == "postgresql":
        from app.models.team_privileges import install

        install(con)


def downgrade() -> None:
    con = op.get_bind()
    if con.dialect.name == "postgresql":
        from app.models.team_privileges import uninstall

        uninstall(con)
