"""The archive's pages on SQLite from its own index (app/models/archive_index.py).

Without a period or an administrator filter the archive's order is the order of `archive_items`'
key, which is also the rowid of `archive_fts`: a page is a walk of that index from the cursor,
and a search is the raw FTS5 query in rowid order, stopped after a page; the page's rows are
then read by key. With a period or an administrator (the events of that period, by that person)
the archive computes from the events themselves (archive.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, func, select, text

from app.models import Account, Decision, Item
from app.models.archive_index import archive_key
from app.models.base import UTCDateTime
from app.models.fulltext import sqlite_match_expression
from app.services.records.removal_log import REMOVE_ACTION

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session

    from app.models.base import AnySelect

archive_items = Table(
    "archive_items",
    MetaData(),
    Column("item_id", Integer, primary_key=True),
    Column("last_at", UTCDateTime),
    Column("key", Integer),
    Column("saved_text", Text),
    Column("reason_code", String),
    Column("decided_by", String),
    Column("diarienummer", String),
    Column("copies", Integer),
)
_fts = Table("archive_fts", MetaData(), Column("rowid", Integer))


# The page as one plain statement for its keys (below): the columns of ArchiveEntry, in order.
_PAGE = (
    "SELECT i.id, a.key, a.name, a.platform, i.author_name, coalesce(ai.saved_text, i.text), "
    "i.status, i.created_at, ai.last_at, ai.reason_code, ai.decided_by, ai.diarienummer, ai.copies "
    "FROM archive_items ai JOIN items i ON i.id = ai.item_id JOIN accounts a ON a.id = i.account_id "
    "WHERE ai.key IN ({keys}) ORDER BY ai.key DESC"
)
_PLAIN = {
    (False, False): _PAGE.format(keys="SELECT key FROM archive_items ORDER BY key DESC LIMIT ?"),
    (False, True): _PAGE.format(keys="SELECT key FROM archive_items WHERE key < ? ORDER BY key DESC LIMIT ?"),
    (True, False): _PAGE.format(
        keys="SELECT rowid FROM archive_fts WHERE archive_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
    ),
    (True, True): _PAGE.format(
        keys="SELECT rowid FROM archive_fts WHERE archive_fts MATCH ? AND rowid < ? "
        "ORDER BY rowid DESC LIMIT ?"
    ),
}
# roles_in_use (app/services/accounts/roles.py) in SQLite's words.
_ROLES_IN_USE = (
    "SELECT EXISTS (SELECT 1 FROM administrators WHERE active = 1 AND roles IS NOT NULL AND roles != '')"
)


def plain_page(session: Session, f: Any, after: tuple[datetime, int] | None, limit: int) -> list[Any] | None:
    """The page as plain rows from SQLite (plain SQL, no ORM, no per-value conversion; the
    times stay text until read): the common case of no account or reason filter, while no one
    has roles (everyone reads every record). None: not that case, the caller builds the page."""
    if f.account_keys or f.reasons:
        return None
    sql = session.connection().exec_driver_sql
    if sql(_ROLES_IN_USE).scalar():
        return None
    params: list[Any] = []
    if f.text.strip():
        expr = sqlite_match_expression(f.text)
        if expr is None:
            return []
        params.append(expr)
    if after is not None:
        params.append(archive_key(*after))
    params.append(limit)
    result = sql(_PLAIN[bool(f.text.strip()), after is not None], tuple(params))
    try:  # the driver's own tuples (sent through SQLAlchemy: its events see the statement)
        rows = list(result.cursor.fetchall())
    finally:
        result.close()
    return rows


def uses_index(f: Any, dialect: str) -> bool:
    return dialect == "sqlite" and f.since is None and f.until is None and not f.administrators


def _narrowed(stmt: AnySelect, f: Any, key: Any) -> AnySelect:
    """The account and reason filters, joined only when asked for."""
    if not (f.account_keys or f.reasons):
        return stmt
    stmt = stmt.join(Item, Item.id == key.op("&")((1 << 32) - 1))
    if f.account_keys:
        stmt = stmt.where(Item.account_id.in_(select(Account.id).where(Account.key.in_(f.account_keys))))
    if f.reasons:
        stmt = stmt.where(
            select(Decision.id)
            .where(Decision.item_id == Item.id, Decision.action == REMOVE_ACTION,
                   Decision.reason_code.in_(f.reasons))
            .exists()
        )  # fmt: skip
    return stmt


def _keys(f: Any, after: tuple[datetime, int] | None) -> AnySelect | None:
    """The keys of the archive's rows under `f`, newest first (None: nothing can match)."""
    cursor = None if after is None else archive_key(*after)
    if f.text.strip():
        expr = sqlite_match_expression(f.text)
        if expr is None:
            return None
        key = _fts.c.rowid
        stmt = (
            select(key)
            .select_from(_fts)
            .where(text("archive_fts MATCH :archive_query").bindparams(archive_query=expr))
        )
    else:
        key = archive_items.c.key
        stmt = select(key).select_from(archive_items)
    if cursor is not None:
        stmt = stmt.where(key < cursor)
    return _narrowed(stmt, f, key).order_by(key.desc())


def count(session: Session, f: Any, cap: int | None = None) -> int:
    stmt = _keys(f, None)
    if stmt is None:
        return 0
    stmt = stmt.order_by(None) if cap is None else stmt.limit(cap + 1)
    return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def page(columns: Any, f: Any, after: tuple[datetime, int] | None, limit: int) -> AnySelect | None:
    """One statement for a page: the entry's `columns` (over Item and Account; the sixth, the
    newest saved copy's text, taken from the index), then what the index keeps of the item's
    events, for the first `limit` keys under `f` after the cursor (None: nothing can match). The
    keys are a subquery, so the statement's compiled form is cached whatever the page."""
    keys = _keys(f, after)
    if keys is None:
        return None
    a = archive_items.c
    columns = [*columns[:5], func.coalesce(a.saved_text, Item.text), *columns[6:]]
    return (
        select(*columns, a.last_at, a.reason_code, a.decided_by, a.diarienummer, a.copies)
        .select_from(archive_items)
        .join(Item, Item.id == archive_items.c.item_id)
        .join(Account, Account.id == Item.account_id)
        .where(archive_items.c.key.in_(keys.limit(limit).scalar_subquery()))
        .order_by(archive_items.c.key.desc())
    )
