"""stats: each account's structured response promise, and an index for response times (#17)

Revision ID: 0008_stats
Revises: 0008_oauth

The promise's columns are NULL until someone sets them (NULL reads as the default: weekdays
08-17, public holidays off, no target), so an account's audit seal stays valid. The index holds
a period's items by account with their question mark and status: every count the statistics
make is an index-only range scan.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_stats"
down_revision = "0008_oauth"
branch_labels = None
depends_on = None

COLUMNS = (
    ("response_target_hours", sa.Float()),
    ("watch_days", sa.String(length=7)),
    ("watch_start", sa.String(length=5)),
    ("watch_end", sa.String(length=5)),
    ("watch_holidays", sa.Boolean()),
)


def upgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        for name, kind in COLUMNS:
            batch_op.add_column(sa.Column(name, kind, nullable=True))
    op.create_index(
        "ix_items_account_created",
        "items",
        ["account_id", "created_at", "is_question", "status"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_items_account_created", table_name="items")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        for name, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
