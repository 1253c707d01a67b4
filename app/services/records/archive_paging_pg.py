"""The archive's pages on PostgreSQL from its own index (app/models/archive_index_pg.py).

Without a period or an administrator filter a page is a walk of `archive_items`' btree on
(last_at, item_id) from the cursor, and a search is its GIN index on the Swedish tsvector
(the same query the queue builds: every word, the last as a prefix); the page's 200 rows are
joined with their item and account. With a period or an administrator the archive computes from
the events themselves (archive.py). Row-level security applies to the table as it does to the
saved copies; the accounts a person may not read are also left out here (`accounts`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, func, select, text, tuple_
from sqlalchemy.dialects.postgresql import TSVECTOR

from app.models import Account, Decision, Item
from app.models.archive_search_pg import tsquery
from app.models.base import UTCDateTime
from app.services.records.removal_log import REMOVE_ACTION

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session

    from app.models.base import AnySelect

archive_items = Table(
    "archive_items",
    MetaData(),
    Column("item_id", Integer, primary_key=True),
    Column("account_id", Integer),
    Column("last_at", UTCDateTime),
    Column("saved_text", Text),
    Column("reason_code", String),
    Column("decided_by", String),
    Column("diarienummer", String),
    Column("copies", Integer),
    Column("search_vector", TSVECTOR),
)
a = archive_items.c


def uses_index(f: Any, dialect: str) -> bool:
    return dialect == "postgresql" and f.since is None and f.until is None and not f.administrators


def _where(stmt: AnySelect, f: Any, accounts: frozenset[int] | None) -> AnySelect | None:
    """`f`'s text, account and reason filters, and the readable accounts (None: no match)."""
    found = tsquery(f.text)
    if found is not None:  # nothing searchable typed (only signs): no text filter, as before
        query = text("to_tsquery('swedish', :archive_query)").bindparams(archive_query=found)
        stmt = stmt.where(a.search_vector.op("@@")(query))
    if accounts is not None:
        stmt = stmt.where(a.account_id.in_(sorted(accounts)))
    if f.account_keys:
        stmt = stmt.where(a.account_id.in_(select(Account.id).where(Account.key.in_(f.account_keys))))
    if f.reasons:
        stmt = stmt.where(
            select(Decision.id)
            .where(Decision.item_id == a.item_id, Decision.action == REMOVE_ACTION,
                   Decision.reason_code.in_(f.reasons))
            .exists()
        )  # fmt: skip
    return stmt


def page(
    columns: Any, f: Any, after: tuple[datetime, int] | None, limit: int, accounts: frozenset[int] | None
) -> AnySelect | None:
    """One statement for a page: the entry's `columns` (over Item and Account; the sixth, the
    newest saved copy's text, from the index), then what the index keeps of the item's events."""
    columns = [*columns[:5], func.coalesce(a.saved_text, Item.text), *columns[6:]]
    stmt = (
        select(*columns, a.last_at, a.reason_code, a.decided_by, a.diarienummer, a.copies)
        .select_from(archive_items)
        .join(Item, Item.id == a.item_id)
        .join(Account, Account.id == a.account_id)
    )
    narrowed = _where(stmt, f, accounts)
    if narrowed is None:
        return None
    if after is not None:
        narrowed = narrowed.where(tuple_(a.last_at, a.item_id) < tuple_(*after))
    return narrowed.order_by(a.last_at.desc(), a.item_id.desc()).limit(limit)


def count(session: Session, f: Any, accounts: frozenset[int] | None, cap: int | None = None) -> int:
    stmt = _where(select(a.item_id).select_from(archive_items), f, accounts)
    if stmt is None:
        return 0
    if cap is not None:
        stmt = stmt.limit(cap + 1)
    return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
