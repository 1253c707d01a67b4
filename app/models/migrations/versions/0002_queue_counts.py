"""queue counts: a covering index for the queue window's tab counts

Revision ID: 0002_queue_counts
Revises: 0002_moderation
"""

from alembic import op

revision = "0002_queue_counts"
down_revision = "0002_moderation"  # re-chained after issue #4
branch_labels = None
depends_on = None

COLUMNS = ["status", "is_question", "account_id", "suggested_reason", "created_at"]


def upgrade() -> None:
    op.create_index("ix_items_queue_counts", "items", COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index("ix_items_queue_counts", table_name="items")
