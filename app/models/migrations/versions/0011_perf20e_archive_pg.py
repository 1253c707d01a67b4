"""perf20e: on PostgreSQL, the archive's own index (archive_items with a Swedish tsvector, kept
by triggers in the writing transaction, read under row-level security like the saved copies;
see app/models/archive_index_pg.py), filled from what is already there. Nothing on SQLite
(it has had its archive_items since 0008_perf).

Revision ID: 0011_perf20e
Revises: 0011_stats17b
"""

from alembic import op

from app.models.archive_index_pg import downgrade_statements, install

revision = "0011_perf20e"
down_revision = "0011_stats17b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    con = op.get_bind()
    if con.dialect.name == "postgresql":
        install(con)


def downgrade() -> None:
    con = op.get_bind()
    if con.dialect.name == "postgresql":
        for statement in downgrade_statements():
            con.exec_driver_sql(statement)
