"""p20 fts-lean: on SQLite, the queue's full-text index (items_fts) and the tabs' own
(items_fts_tabs) declared again with columnsize=0 and rebuilt from the items: FTS5 then keeps
no %_docsize row per entry, which nothing reads (no bm25, no rank; the checks count otherwise,
app/models/fulltext.py and tab_search.py), and every write into them costs less (#20). The
same words match the same items. PostgreSQL: nothing (its tsvector keeps no such sizes).

Revision ID: 0013_p20_fts_lean
Revises: 0012_en15d
"""

from alembic import op

from app.models.fulltext import SQLITE_FTS, begin_sqlite_transaction, drop_fulltext
from app.models.tab_search import create_tab_search, drop_tab_search

revision = "0013_p20_fts_lean"
down_revision = "0012_en15d"
branch_labels = None
depends_on = None


# What the older code declared (its checks counted entries in %_docsize).
OLDER_TABS = (
    "CREATE VIRTUAL TABLE items_fts_tabs USING fts5(text, author_name, tags, content='', "
    "tokenize='unicode61 remove_diacritics 0')"
)


def _rebuild(items_fts: list[str], tabs: str | None) -> None:
    """Both indexes dropped and built again from the items: the queue's from `items_fts`, the
    tabs' as the code declares it now, or from `tabs`."""
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    # One transaction: a refused or killed upgrade leaves the indexes as they were.
    begin_sqlite_transaction(connection)
    drop_tab_search(connection)
    drop_fulltext(op)
    for statement in items_fts:
        connection.exec_driver_sql(statement)
    if tabs is not None:
        connection.exec_driver_sql(tabs)  # create_tab_search's own CREATE ... IF NOT EXISTS keeps it
    create_tab_search(connection)


def upgrade() -> None:
    _rebuild(SQLITE_FTS, None)


def downgrade() -> None:
    _rebuild([s.replace(" columnsize=0,", "") for s in SQLITE_FTS], OLDER_TABS)
