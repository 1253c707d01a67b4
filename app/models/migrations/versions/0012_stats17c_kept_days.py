"""stats17c: on SQLite the kept statistics counts also per UTC day (#17)

Revision ID: 0012_stats17c
Revises: 0011_perf20e

A year's removals, decisions and registrations summed tens of thousands of hourly rows of
`stats_counts`; `stats_counts_days` holds the same per day, kept by triggers on the hourly rows
(app/models/stats_counts.py). Installed and filled here rather than by the start-up repair, so
an upgraded database opens without the repair's warning. Nothing on PostgreSQL.
"""

from alembic import op

revision = "0012_stats17c"
down_revision = "0011_perf20e"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        from app.models.stats_counts import create_stats_counts

        create_stats_counts(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        con = op.get_bind()
        for name in ("stats_counts_days_ai", "stats_counts_days_au"):
            con.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        con.exec_driver_sql("DROP TABLE IF EXISTS stats_counts_days")
