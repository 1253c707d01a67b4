"""perf20c: on PostgreSQL, a Swedish tsvector over every saved copy (evidence), a generated
column with a GIN index, so the archive's search uses an index as SQLite's archive_fts does
(app/models/archive_search_pg.py). Nothing on SQLite.

Revision ID: 0010_perf20c
Revises: 0010_stats17
"""

from alembic import op

from app.models.archive_search_pg import DOWNGRADE, UPGRADE

revision = "0010_perf20c"
down_revision = "0010_stats17"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in UPGRADE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in DOWNGRADE:
            op.execute(statement)
