"""perf: on SQLite, the archive's index (archive_items, archive_fts and their triggers; see
app/models/archive_index.py) and the queue's tab counts (queue_counts, app/models/queue_counts.py),
built from what is already there: 107 s for a million items with 500,000 saved copies on the
2-core machine under load. PostgreSQL: nothing (it plans both with statistics).

Revision ID: 0008_perf
Revises: 0008_offline
"""

from alembic import op

from app.models.archive_index import create_archive_index, drop_archive_index
from app.models.queue_counts import create_queue_counts, drop_queue_counts

revision = "0008_perf"
down_revision = "0008_offline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        create_archive_index(op.get_bind())
        create_queue_counts(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        drop_queue_counts(op.get_bind())
        drop_archive_index(op.get_bind())
