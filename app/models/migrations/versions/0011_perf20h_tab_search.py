"""perf20h: on SQLite, the queue's tabs searched through their own full-text index
(items_fts_tabs, each item once per tab it belongs to, and the queue index's vocabulary
items_fts_terms; app/models/tab_search.py), built from the items there: the tab counts under a
search stop reading `items` (#20). PostgreSQL: nothing (it counts through its tsvector index).

Revision ID: 0011_perf20h
Revises: 0010_perf20b
"""

from alembic import op

from app.models.tab_search import create_tab_search, drop_tab_search

revision = "0011_perf20h"
down_revision = "0010_perf20b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        create_tab_search(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        drop_tab_search(op.get_bind())
