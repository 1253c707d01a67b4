"""stats17: when each question's clock stopped, on the item (kept by triggers), and the
statistics' indexes over it (#17)

Revision ID: 0010_stats17
Revises: 0010_ui15

`items.first_response_at` (and `first_response_by`, who answered) is filled from the answers,
forwards and decisions already there; the triggers of app/models/response_clock.py keep it from
then on. The account index gains the column (waiting and overdue questions counted from the
index alone), and a partial index holds only the items whose clock has stopped (the response
times). On SQLite, `stats_counts` keeps the records' counts per hour and account
(app/models/stats_counts.py).
"""

import sqlalchemy as sa
from alembic import op

import app.models.base

revision = "0010_stats17"
down_revision = "0010_ui15"
branch_labels = None
depends_on = None

STATS = ["account_id", "created_at", "is_question", "status"]
RESPONSE = ["account_id", "created_at", "is_question", "first_response_at", "first_response_by"]


def upgrade() -> None:
    from app.models.response_clock import install

    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("first_response_at", app.models.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("first_response_by", sa.String(length=100), nullable=True))
    install(op.get_bind())
    if op.get_bind().dialect.name == "sqlite":
        from app.models.stats_counts import create_stats_counts

        create_stats_counts(op.get_bind())
    op.drop_index("ix_items_account_created", table_name="items")
    op.create_index("ix_items_account_created", "items", [*STATS, "first_response_at"], unique=False)
    op.create_index(
        "ix_items_first_response",
        "items",
        RESPONSE,
        unique=False,
        sqlite_where=sa.text("first_response_at IS NOT NULL"),
        postgresql_where=sa.text("first_response_at IS NOT NULL"),
    )


def downgrade() -> None:
    from app.models.response_clock import uninstall

    op.drop_index("ix_items_first_response", table_name="items")
    op.drop_index("ix_items_account_created", table_name="items")
    op.create_index("ix_items_account_created", "items", STATS, unique=False)
    uninstall(op.get_bind())
    if op.get_bind().dialect.name == "sqlite":
        from app.models.response_times_kept import drop_response_times
        from app.models.stats_counts import drop_stats_counts

        drop_stats_counts(op.get_bind())
        drop_response_times(op.get_bind())  # made at start since 0011_stats17b; they name the column
    # Not in batch mode: SQLite would copy `items` into a new table, which its triggers refuse.
    op.get_bind().exec_driver_sql("ALTER TABLE items DROP COLUMN first_response_at")
    op.get_bind().exec_driver_sql("ALTER TABLE items DROP COLUMN first_response_by")
