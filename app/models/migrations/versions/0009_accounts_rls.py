"""accounts under row-level security: an administrator updates (sync state, token bookkeeping,
screenshot interval) only the accounts assigned to them; the kommunikationschef and the
förvaltningschef any; only the förvaltningschef adds one. The column grants stay as they are.

Revision ID: 0009_accounts_rls
Revises: 0008_perf

Everyone still reads every account (the register and the public link list are for all).
"""

from alembic import op

revision = "0009_accounts_rls"
down_revision = "0008_perf"
branch_labels = None
depends_on = None

_MAY_UPDATE = (
    "granska_has_role('forvaltningschef') OR granska_has_role('kommunikationschef') OR granska_assigned(id)"
)
UPGRADE = [
    "ALTER TABLE accounts ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY accounts_read ON accounts FOR SELECT USING (true)",
    "CREATE POLICY accounts_insert ON accounts FOR INSERT WITH CHECK (granska_has_role('forvaltningschef'))",
    f"CREATE POLICY accounts_update ON accounts FOR UPDATE USING ({_MAY_UPDATE}) WITH CHECK ({_MAY_UPDATE})",
]
DOWNGRADE = [
    "DROP POLICY IF EXISTS accounts_update ON accounts",
    "DROP POLICY IF EXISTS accounts_insert ON accounts",
    "DROP POLICY IF EXISTS accounts_read ON accounts",
    "ALTER TABLE accounts DISABLE ROW LEVEL SECURITY",
]


def upgrade() -> None:
    con = op.get_bind()
    if con.dialect.name == "postgresql":
        for statement in UPGRADE:
            con.exec_driver_sql(statement)


def downgrade() -> None:
    con = op.get_bind()
    if con.dialect.name == "postgresql":
        for statement in DOWNGRADE:
            con.exec_driver_sql(statement)
