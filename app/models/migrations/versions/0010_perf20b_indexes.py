"""perf20b: the stored comments of a post found by index (sync's author-deletion check), and
the tab counts' own index dropped: it held the same columns as ix_items_search_keys, and no
query uses it since SQLite keeps the counts in a table (#20)

Revision ID: 0010_perf20b
Revises: 0010_perf20c

tests/models/test_query_plans.py reads the plan of every hot query on SQLite and PostgreSQL.
"""

from alembic import op

revision = "0010_perf20b"
down_revision = "0010_perf20c"
branch_labels = None
depends_on = None

QUEUE_COUNTS_COLUMNS = ["status", "is_question", "account_id", "suggested_reason", "created_at"]


def upgrade() -> None:
    op.create_index("ix_items_post", "items", ["account_id", "post_external_id"], unique=False)
    op.drop_index("ix_items_queue_counts", table_name="items")


def downgrade() -> None:
    op.create_index("ix_items_queue_counts", "items", QUEUE_COUNTS_COLUMNS, unique=False)
    op.drop_index("ix_items_post", table_name="items")
