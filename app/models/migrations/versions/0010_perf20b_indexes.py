"""perf20b: the stored comments of a post found by index (sync's author-deletion check, #20)

Revision ID: 0010_perf20b
Revises: 0009_accounts_rls
"""

from alembic import op

revision = "0010_perf20b"
down_revision = "0009_accounts_rls"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_items_post", "items", ["account_id", "post_external_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_items_post", table_name="items")
