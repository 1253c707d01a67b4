"""team credentials: platform tokens encrypted in the team database, the account's key sealed
to each assigned administrator's public key (see app/models/team_keys.py)

Revision ID: 0007_team_credentials
Revises: 0006_team_privileges

On PostgreSQL: everyone reads the sealed copies and public keys (useless without a private
key) and writes only their own public key; only an administrator assigned to the account
writes its token and seals its key; the förvaltningschef removes a copy when unassigning.
"""

import sqlalchemy as sa
from alembic import op

from app.models.base import UTCDateTime

revision = "0007_team_credentials"
down_revision = "0006_team_privileges"
branch_labels = None
depends_on = None

_MINE = "administrator_id IN (SELECT id FROM administrators WHERE lower(username) = lower(session_user))"
PRIVILEGES = [
    "GRANT SELECT ON person_keys, account_secrets, account_key_copies TO granska_team",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO granska_team",
    "GRANT INSERT, UPDATE ON person_keys TO granska_team",
    "GRANT INSERT, UPDATE, DELETE ON account_secrets TO granska_administrator",
    "GRANT INSERT, UPDATE, DELETE ON account_key_copies TO granska_administrator",
    "GRANT DELETE ON account_key_copies TO granska_forvaltningschef",
    "GRANT UPDATE (credential_ref) ON accounts TO granska_administrator",
    "ALTER TABLE person_keys ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY person_keys_read ON person_keys FOR SELECT USING (true)",
    f"CREATE POLICY person_keys_own ON person_keys FOR INSERT WITH CHECK ({_MINE})",
    f"CREATE POLICY person_keys_own_update ON person_keys FOR UPDATE USING ({_MINE}) WITH CHECK ({_MINE})",
    "ALTER TABLE account_secrets ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY account_secrets_read ON account_secrets FOR SELECT USING (true)",
    "CREATE POLICY account_secrets_write ON account_secrets FOR ALL USING (granska_assigned(account_id)) "
    "WITH CHECK (granska_assigned(account_id))",
    "ALTER TABLE account_key_copies ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY key_copies_read ON account_key_copies FOR SELECT USING (true)",
    "CREATE POLICY key_copies_write ON account_key_copies FOR ALL USING (granska_assigned(account_id)) "
    "WITH CHECK (granska_assigned(account_id))",
    "CREATE POLICY key_copies_unassign ON account_key_copies FOR DELETE "
    "USING (granska_has_role('forvaltningschef'))",
]


def upgrade() -> None:
    op.create_table(
        "person_keys",
        sa.Column("administrator_id", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["administrator_id"],
            ["administrators.id"],
            ondelete="CASCADE",
            name=op.f("fk_person_keys_administrator_id_administrators"),
        ),
        sa.PrimaryKeyConstraint("administrator_id", name=op.f("pk_person_keys")),
    )
    op.create_table(
        "account_secrets",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("ciphertext", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            ondelete="CASCADE",
            name=op.f("fk_account_secrets_account_id_accounts"),
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_account_secrets")),
    )
    op.create_table(
        "account_key_copies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("administrator_id", sa.Integer(), nullable=False),
        sa.Column("sealed_key", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            ondelete="CASCADE",
            name=op.f("fk_account_key_copies_account_id_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["administrator_id"],
            ["administrators.id"],
            ondelete="CASCADE",
            name=op.f("fk_account_key_copies_administrator_id_administrators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_key_copies")),
        sa.UniqueConstraint("account_id", "administrator_id", name=op.f("uq_account_key_copies_account_id")),
    )
    con = op.get_bind()
    if con.dialect.name == "postgresql":
        for statement in PRIVILEGES:
            con.exec_driver_sql(statement)


def downgrade() -> None:
    op.drop_table("account_key_copies")
    op.drop_table("account_secrets")
    op.drop_table("person_keys")
