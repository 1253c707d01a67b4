"""Finding one page of the queue, and the queues' counts, fast at a million items.

Three shapes of query, chosen per request, all keyset-paged on (created_at, id):

- One status (Nya, Flaggade): walk the (status, created_at, id) index in order and stop after a
  page. Cost: one page, whatever the size of the table.
- Several statuses (the question queue, Avgjorda): one such ordered walk per status, merged
  (UNION ALL) and cut to a page. A plain `status IN (...)` would sort every matching row first.
- A search on SQLite: FTS5 is asked how many items match (up to SEARCH_PROBE). A rare word is
  looked up from its matches and only those are sorted; a common word walks the queue's index in
  order and stops after a page, because its matches are dense. Without the choice, a rare word
  that sits only in other queues walks a whole status (seconds at a million items). The matches'
  keys come from an id-led covering index (INDEXED BY: SQLite's planner would read each wide row).

PostgreSQL plans with statistics and gets the plain shapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Integer,
    MetaData,
    String,
    Table,
    func,
    literal_column,
    select,
    text,
    tuple_,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from app.models import Account, Item
from app.models.base import to_driver_datetime
from app.models.fulltext import match_clause, search_terms, sqlite_match_expression

if TYPE_CHECKING:
    from app.models.base import AnySelect

# The id-led covering index (app/models/queue_indexes.py), for the keys of a search's matches.
SEARCH_KEYS = "INDEXED BY ix_items_search_keys"

# Fewer FTS matches than this: sort the matches; more: walk the queue's index in order.
SEARCH_PROBE = 20_000

Cursor = tuple[datetime, int]


def conditions(
    f: Any,
    dialect: str,
    *,
    status: Any = None,
    account: Any = None,
    reason: Any = None,
    search: bool = True,
) -> list[ColumnElement[bool]]:
    """The filter `f` as WHERE conditions on `items` alone (accounts by subquery, no join).
    `status` and `account` may be expressions that keep the planner off an index; the three may
    be another table's columns (the kept counts')."""
    status = Item.status if status is None else status
    account = Item.account_id if account is None else account
    reason = Item.suggested_reason if reason is None else reason
    found: list[ColumnElement[bool]] = []
    if f.statuses:
        found.append(status.in_(f.statuses))
    if f.account_keys:
        found.append(account.in_(select(Account.id).where(Account.key.in_(f.account_keys))))
    if f.platforms:
        found.append(account.in_(select(Account.id).where(Account.platform.in_(f.platforms))))
    if f.reasons:
        found.append(reason.in_(f.reasons))
    if f.questions_only:
        found.append(Item.is_question.is_(True))
    if f.since is not None:
        found.append(Item.created_at >= f.since)
    if f.until is not None:
        found.append(Item.created_at < f.until)
    if search and f.search.strip():
        clause = match_clause(dialect, f.search, Item.id)
        if clause is not None:
            found.append(clause)
    return found


def _ordered(stmt: AnySelect, created: Any, f: Any, after: Any) -> AnySelect:
    key = tuple_(created, Item.id)
    if after is not None:
        stmt = stmt.where(key < tuple_(*after) if f.newest_first else key > tuple_(*after))
    if f.newest_first:
        return stmt.order_by(created.desc(), Item.id.desc())
    return stmt.order_by(created, Item.id)


def search_probe(query: str) -> Any:
    """SQLite: how many items the search matches, counted up to SEARCH_PROBE (a few ms); None
    when nothing searchable was typed. quick.py runs it compiled."""
    expr = sqlite_match_expression(query)
    if expr is None:
        return None
    probe = "SELECT count(*) FROM (SELECT rowid FROM items_fts WHERE items_fts MATCH :fts_query LIMIT :cap)"
    return text(probe).bindparams(fts_query=expr, cap=SEARCH_PROBE)


def few_matches(session: Session, query: str) -> bool:
    """SQLite: does the search match fewer than SEARCH_PROBE items? (a few ms to find out)"""
    probe = search_probe(query)
    if probe is None:
        return False
    n = session.execute(probe).scalar() or 0
    return n < SEARCH_PROBE


def page_ids(session: Session, f: Any, after: Cursor | None, limit: int) -> list[int]:
    """The ids of one page of the queue under `f`, in the queue's order."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite" and search_terms(f.search) and few_matches(session, f.search):
        return list(session.scalars(matches_page(f, dialect, after, limit)))
    return list(session.scalars(ordered_page(f, dialect, after, limit)))


def matches_page(f: Any, dialect: str, after: Cursor | None, limit: int) -> AnySelect:
    """SQLite, a search with few matches: one page's ids sorted from the matches. `|| ''` keeps
    SQLite off the status and time indexes, which would otherwise walk a whole status looking
    for a rare word. quick.py runs the same statement, compiled."""
    created = type_coerce(Item.created_at.op("||")(literal_column("''")), String)
    status = type_coerce(Item.status.op("||")(literal_column("''")), String)
    stmt = select(Item.id).where(*conditions(f, dialect, status=status))
    stmt = stmt.with_hint(Item, SEARCH_KEYS, "sqlite")
    cursor = None if after is None else (to_driver_datetime(after[0], dialect), after[1])
    return _ordered(stmt, created, f, cursor).limit(limit)


def ordered_page(f: Any, dialect: str, after: Cursor | None, limit: int) -> AnySelect:
    """One page's ids without a search: the ordered walk of one status, or of each one merged.
    app/services/queue/quick.py runs the same statements, compiled (quick_compile.py)."""
    statuses: Sequence[str] = f.statuses
    if len(statuses) <= 1:
        stmt = _ordered(select(Item.id).where(*conditions(f, dialect)), Item.created_at, f, after)
        return stmt.limit(limit)
    branches = []
    for code in statuses:
        one = replace(f, statuses=(code,))
        branch = select(Item.id.label("id"), Item.created_at.label("created_at")).where(
            *conditions(one, dialect)
        )
        branches.append(_ordered(branch, Item.created_at, f, after).limit(limit).subquery())
    merged = union_all(*[select(b.c.id, b.c.created_at) for b in branches]).subquery()
    created_at, item_id = merged.c.created_at, merged.c.id
    order = (created_at.desc(), item_id.desc()) if f.newest_first else (created_at, item_id)
    return select(item_id).order_by(*order).limit(limit)


def status_counts(session: Session, f: Any) -> dict[tuple[str, bool], int]:
    """Items per (status, is_question) under `f`: from the kept counts, or under a period through
    the time index, or under a search, a lookup of each match in ix_items_search_keys."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite" and not search_terms(f.search) and f.since is None and f.until is None:
        return _kept_counts(session, f)
    # `+ 0`: an account's own index would read every row of the account; the scan of the
    # covering index reads only the index.
    stmt: AnySelect = (
        select(Item.status, Item.is_question, literal_column("count(*)"))
        .where(*conditions(f, dialect, account=Item.account_id + 0))
        .group_by(Item.status, Item.is_question)
    )
    if dialect == "sqlite" and search_terms(f.search):
        # Under a search: look up each match's keys in the id-led index, not scan every item.
        stmt = stmt.with_hint(Item, SEARCH_KEYS, "sqlite")
    return {(status, bool(question)): int(n) for status, question, n in session.execute(stmt)}


_counts = Table(
    "queue_counts",
    MetaData(),
    Column("status", String),
    Column("is_question", Boolean),
    Column("account_id", Integer),
    Column("suggested_reason", String),
    Column("n", Integer),
)


def kept_counts_statement(f: Any) -> AnySelect:
    """Items per (status, is_question) from the counts the triggers keep (app/models/
    queue_counts.py): a few dozen rows. (app/services/queue/quick.py runs it compiled.)"""
    c = _counts.c
    found = conditions(
        f, "sqlite", status=c.status, account=c.account_id, reason=c.suggested_reason, search=False
    )
    return (
        select(c.status, c.is_question, func.sum(c.n))
        .where(*found)
        .group_by(c.status, c.is_question)
        .having(func.sum(c.n) > 0)
    )


def _kept_counts(session: Session, f: Any) -> dict[tuple[str, bool], int]:
    stmt = kept_counts_statement(f)
    return {(status, bool(question)): int(n) for status, question, n in session.execute(stmt)}
