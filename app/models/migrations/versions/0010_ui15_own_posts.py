"""own posts: the municipality's own posts still waiting in Nya/Flaggade become context
(status `context`, not a question), as the importer now stores them; no queue tab shows or
counts them. A post is the account's own unless the platform names another author
(app/core/incoming.py, IncomingItem.is_own_post). On SQLite the tab counts follow through their
triggers (app/models/queue_counts.py), in the same transaction.

Revision ID: 0010_ui15
Revises: 0009_accounts_rls
"""

from alembic import op

revision = "0010_ui15"
down_revision = "0009_accounts_rls"
branch_labels = None
depends_on = None

_SOMEONE_ELSES = (
    "items.author_id IS NOT NULL AND items.author_id <> '' AND EXISTS (SELECT 1 FROM accounts a "
    "WHERE a.id = items.account_id AND a.external_id IS NOT NULL AND a.external_id <> '' "
    "AND a.external_id <> items.author_id)"
)


def upgrade() -> None:
    op.execute(
        "UPDATE items SET status = 'context', is_question = false "
        "WHERE kind = 'post' AND status IN ('new', 'flagged') "
        # Stored without its import line: a post with an author id (connectors name one) or one
        # that is its own thread's post; a bare line with only a name may be anyone's words.
        "AND ((author_id IS NOT NULL AND author_id <> '') OR post_external_id = external_id) "
        f"AND NOT ({_SOMEONE_ELSES})"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE items SET status = CASE WHEN suggested_reason IS NULL THEN 'new' ELSE 'flagged' END "
        "WHERE status = 'context'"
    )
