"""oauth sign-in: each account's own client id, authorization and token endpoints, API version,
the scopes granted and when the token last worked (the tokens themselves stay in the credential
store: the OS keyring, or the team database's encrypted store)

Revision ID: 0008_oauth
Revises: 0008_team

On PostgreSQL an assigned administrator may record what a sign-in or a refresh learned (the
scopes granted, the time the token last worked); the endpoints are edited like the account.
"""

import sqlalchemy as sa
from alembic import op

from app.models.base import UTCDateTime

revision = "0008_oauth"
down_revision = "0008_team"
branch_labels = None
depends_on = None

COLUMNS = (
    "oauth_client_id",
    "oauth_auth_url",
    "oauth_token_url",
    "api_version",
    "granted_scopes",
    "token_ok_at",
)


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("oauth_client_id", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("oauth_auth_url", sa.String(length=2000), nullable=True))
        batch.add_column(sa.Column("oauth_token_url", sa.String(length=2000), nullable=True))
        batch.add_column(sa.Column("api_version", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("granted_scopes", sa.Text(), nullable=True))
        batch.add_column(sa.Column("token_ok_at", UTCDateTime(), nullable=True))
    con = op.get_bind()
    if con.dialect.name == "postgresql":
        con.exec_driver_sql("GRANT UPDATE (granted_scopes, token_ok_at) ON accounts TO granska_administrator")


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        for column in reversed(COLUMNS):
            batch.drop_column(column)
