"""en15d: beside an outbox step's Swedish `result` and `last_error`, the message's source and
parts (JSON), so that the window shows a stored reason in its own language (app/core/messages.py
kept/heard). The Swedish text stays where it was: the command line, exports and the audit trail
read it as before; older rows have no source and are shown as they are. The outbox is no sealed
kind (app/models/seals.py), and its table-wide grants and row-level policies cover new columns.

Revision ID: 0012_en15d
Revises: 0012_stats17c
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_en15d"
down_revision = "0012_stats17c"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("result_said", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("last_error_said", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("last_error_said")
        batch.drop_column("result_said")
