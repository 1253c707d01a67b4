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

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, func, select, text, tuple_, union_all
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


# The page as one plain statement, while no one has roles (the check is in the statement: an
# empty page sends the caller the whole way, which asks who I am). The columns of ArchiveEntry.
# A search: PostgreSQL's own plan (walk the time order testing each row's vector, or scan the
# table) is quick for a common word and slow for a word of a few hundred matches (30-50 ms at
# 50k copies); gathering every match through the GIN index first is the opposite (150 ms for a
# common word at 500k). So: up to MANY matches are gathered through the index; when there are
# fewer, the page is the newest of them; when there are that many, the word is common and the
# walk of the time order finds a page soon (one statement, the other branch never runs). 5,000
# was the best of 1,000-10,000 at 500k copies (bench/archive_pg.py --items 1000000).
MANY = 5_000
_COLUMNS = (
    "SELECT i.id, a.key, a.name, a.platform, i.author_name, coalesce(ai.saved_text, i.text), "
    "i.status, i.created_at, ai.last_at, ai.reason_code, ai.decided_by, ai.diarienummer, ai.copies "
)
_NO_ROLES = "NOT EXISTS (SELECT 1 FROM administrators WHERE active AND roles IS NOT NULL AND roles <> '')"
_AFTER = " AND (last_at, item_id) < (%(at)s, %(item)s)"
_LIST = (
    _COLUMNS
    + "FROM archive_items ai JOIN items i ON i.id = ai.item_id JOIN accounts a ON a.id = ai.account_id "
    "WHERE " + _NO_ROLES + "{after} ORDER BY ai.last_at DESC, ai.item_id DESC LIMIT %(limit)s"
)
_MATCH = "search_vector @@ to_tsquery('swedish', %(query)s){after}"
_SEARCH = (
    f"WITH m AS MATERIALIZED (SELECT item_id, last_at FROM archive_items WHERE {_MATCH} LIMIT {{many}}), "
    "n AS (SELECT count(*) AS n FROM m), "
    "k AS (SELECT item_id, last_at FROM m WHERE (SELECT n FROM n) < {many} "
    f"UNION ALL (SELECT item_id, last_at FROM archive_items WHERE {_MATCH} AND (SELECT n FROM n) >= {{many}} "
    "ORDER BY last_at DESC, item_id DESC LIMIT %(limit)s) "
    "ORDER BY last_at DESC, item_id DESC LIMIT %(limit)s) "
    + _COLUMNS
    + "FROM k JOIN archive_items ai ON ai.item_id = k.item_id JOIN items i ON i.id = ai.item_id "
    "JOIN accounts a ON a.id = ai.account_id WHERE " + _NO_ROLES + " ORDER BY k.last_at DESC, k.item_id DESC"
)


def plain_sql(search: bool, after: bool = False) -> str:
    return (_SEARCH if search else _LIST).format(after=_AFTER if after else "", many=MANY)


def plain_page(session: Session, f: Any, after: tuple[datetime, int] | None, limit: int) -> list[Any] | None:
    """The page as the driver's rows (no ORM, no per-value conversion): no account or reason
    filter, and no one has roles. None: not that case, or nothing found; the caller builds it."""
    if f.account_keys or f.reasons:
        return None
    found = tsquery(f.text)
    params: dict[str, Any] = {"limit": limit, "query": found}
    if after is not None:
        params.update(at=after[0], item=after[1])
    result = session.connection().exec_driver_sql(plain_sql(found is not None, after is not None), params)
    try:  # the driver's own tuples (sent through SQLAlchemy: its events see the statement)
        rows = list(result.cursor.fetchall())
    finally:
        result.close()
    return rows or None


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
    keys = _where(select(a.item_id, a.last_at).select_from(archive_items), f, accounts)
    if keys is None:
        return None
    if after is not None:
        keys = keys.where(tuple_(a.last_at, a.item_id) < tuple_(*after))
    newest = keys.order_by(a.last_at.desc(), a.item_id.desc()).limit(limit)
    if tsquery(f.text) is not None:  # up to MANY matches through the GIN index first (_SEARCH)
        matches = keys.limit(MANY).cte("m").prefix_with("MATERIALIZED")
        n = select(func.count()).select_from(matches).scalar_subquery()
        walked = newest.where(n >= MANY).subquery("walked")
        both = union_all(
            select(matches.c.item_id, matches.c.last_at).where(n < MANY),
            select(walked.c.item_id, walked.c.last_at),
        ).subquery("both")
        newest = select(both.c.item_id, both.c.last_at).order_by(both.c.last_at.desc(), both.c.item_id.desc())
        newest = newest.limit(limit)
    k = newest.subquery("k")
    columns = [*columns[:5], func.coalesce(a.saved_text, Item.text), *columns[6:]]
    return (
        select(*columns, a.last_at, a.reason_code, a.decided_by, a.diarienummer, a.copies)
        .select_from(k)
        .join(archive_items, a.item_id == k.c.item_id)
        .join(Item, Item.id == a.item_id)
        .join(Account, Account.id == a.account_id)
        .order_by(k.c.last_at.desc(), k.c.item_id.desc())
    )


def count(session: Session, f: Any, accounts: frozenset[int] | None, cap: int | None = None) -> int:
    stmt = _where(select(a.item_id).select_from(archive_items), f, accounts)
    if stmt is None:
        return 0
    if cap is not None:
        stmt = stmt.limit(cap + 1)
    return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
