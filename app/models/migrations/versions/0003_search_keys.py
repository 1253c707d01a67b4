"""search keys: an id-led covering index for the queue's search page and counts

Revision ID: 0003_search_keys
Revises: 0002_moderation
"""

from alembic import op

revision = "0003_search_keys"
down_revision = "0002_moderation"
branch_labels = None
depends_on = None

COLUMNS = ["id", "status", "is_question", "account_id", "suggested_reason", "created_at"]


def upgrade() -> None:
    op.create_index("ix_items_search_keys", "items", COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index("ix_items_search_keys", table_name="items")
