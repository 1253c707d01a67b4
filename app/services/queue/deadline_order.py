"""The question queue in the order its promises run out (#17): across accounts, the question
with the least time left against its own account's promise first, the most overdue at the top.

A question's deadline is when its account's promise runs out (watched hours, holidays off:
watched_hours.due_at), or a day after it was posted on an account without a target (the
queue's old one-day mark). Within one account the deadline never decreases as the posting time
grows, so each account's questions come in deadline order by walking its (account, created_at)
index; the page is the merge of one such walk per account, keyset-paged on (deadline, id): the
cursor's deadline becomes a posting-time bound per account (watched_hours.overdue_cutoff and
latest_start), so page 1,000 costs what page 1 costs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from app.models import Account, Item
from app.services.queue.paging import conditions
from app.services.stats.promises import promise_of
from app.services.stats.watched_hours import Promise, due_at, latest_start, overdue_cutoff

NO_TARGET = timedelta(hours=24)
Key = tuple[datetime, int]


def deadline_of(promise: Promise | None) -> Callable[[datetime], datetime]:
    if promise is None or promise.target_seconds is None:
        return lambda posted: posted + NO_TARGET
    seconds = promise.target_seconds
    return lambda posted: due_at(promise, posted, seconds)


def _bounds(promise: Promise | None, deadline: datetime) -> tuple[datetime, datetime]:
    """(lo, hi): every question posted before lo runs out before `deadline`, every one posted
    after hi after it."""
    if promise is None or promise.target_seconds is None:
        return deadline - NO_TARGET, deadline - NO_TARGET
    seconds = promise.target_seconds
    return overdue_cutoff(promise, deadline, seconds), latest_start(promise, deadline, seconds)


def deadline_page(session: Session, f: Any, after: Key | None, limit: int) -> list[Key]:
    """(deadline, id) of one page under `f` after the cursor `after`; `f.newest_first` walks
    from the latest deadline down."""
    dialect = session.get_bind().dialect.name
    found: list[Key] = []
    for account in session.scalars(select(Account)):
        found.extend(_account_page(session, f, dialect, account.id, promise_of(account), after, limit))
    found.sort(reverse=f.newest_first)
    return found[:limit]


def _account_page(
    session: Session, f: Any, dialect: str, account_id: int, promise: Promise, after: Key | None, limit: int
) -> list[Key]:
    """At least `limit` of one account's questions past the cursor (when it has so many), and
    every question that ties the `limit`-th one's deadline: ids need not follow posting times
    within a tie, so the merge may need any of them."""
    deadline = deadline_of(promise)
    down = bool(f.newest_first)
    stmt = select(Item.created_at, Item.id).where(*conditions(f, dialect), Item.account_id == account_id)
    if after is not None:
        lo, hi = _bounds(promise, after[0])
        stmt = stmt.where(Item.created_at <= hi) if down else stmt.where(Item.created_at >= lo)
    order = (Item.created_at.desc(), Item.id.desc()) if down else (Item.created_at, Item.id)
    walk = tuple_(Item.created_at, Item.id)
    kept: list[Key] = []
    walked: tuple[datetime, int] | None = None
    while True:
        step = (
            stmt if walked is None else stmt.where(walk < tuple_(*walked) if down else walk > tuple_(*walked))
        )
        rows = session.execute(step.order_by(*order).limit(limit)).all()
        for created, item_id in rows:
            key = (deadline(created), item_id)
            if after is None or (key < after if down else key > after):
                kept.append(key)
        if len(rows) < limit:
            return kept
        walked = (rows[-1][0], rows[-1][1])
        if len(kept) >= limit:
            kth = sorted(kept, reverse=down)[limit - 1][0]
            last = deadline(walked[0])
            if (last < kth) if down else (last > kth):
                return kept
