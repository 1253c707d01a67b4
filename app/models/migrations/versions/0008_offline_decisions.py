"""offline decisions: what a workstation decided on its local copy while the team database was
away, as the replay received it (applied, or a conflict kept with both decisions)

Revision ID: 0008_offline
Revises: 0008_stats

On PostgreSQL: read as the item's records are read; written only by an administrator assigned
to the item's account, in their own name.
"""

import sqlalchemy as sa
from alembic import op

from app.models.base import UTCDateTime

revision = "0008_offline"
down_revision = "0008_stats"
branch_labels = None
depends_on = None

_ACCOUNT = "granska_item_account(item_id)"
PRIVILEGES = [
    "GRANT SELECT ON offline_decisions TO granska_team",
    "GRANT INSERT ON offline_decisions TO granska_administrator",
    "ALTER TABLE offline_decisions ENABLE ROW LEVEL SECURITY",
    f"CREATE POLICY offline_decisions_read ON offline_decisions FOR SELECT USING (granska_may_read({_ACCOUNT}))",
    "CREATE POLICY offline_decisions_insert ON offline_decisions FOR INSERT "
    f"WITH CHECK (granska_assigned({_ACCOUNT}) AND lower(decided_by) = lower(session_user))",
]


def upgrade() -> None:
    op.create_table(
        "offline_decisions",
        sa.Column("client_decision_id", sa.String(length=64), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("offline", sa.JSON(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_offline_at", UTCDateTime(), nullable=False),
        sa.Column("copy_fresh_at", UTCDateTime(), nullable=True),
        sa.Column("evidence_payload", sa.Text(), nullable=True),
        sa.Column("evidence_sha256", sa.String(length=64), nullable=True),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("team_decision", sa.JSON(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("replayed_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], ondelete="RESTRICT", name=op.f("fk_offline_decisions_item_id_items")
        ),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
            ondelete="SET NULL",
            name=op.f("fk_offline_decisions_decision_id_decisions"),
        ),
        sa.PrimaryKeyConstraint("client_decision_id", name=op.f("pk_offline_decisions")),
    )
    op.create_index(op.f("ix_offline_decisions_item_id"), "offline_decisions", ["item_id"], unique=False)
    con = op.get_bind()
    if con.dialect.name == "postgresql":
        for statement in PRIVILEGES:
            con.exec_driver_sql(statement)


def downgrade() -> None:
    op.drop_index(op.f("ix_offline_decisions_item_id"), table_name="offline_decisions")
    op.drop_table("offline_decisions")
