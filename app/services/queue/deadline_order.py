"""The question queue in the order its promises run out (#17): across accounts, the question
with the least time left against its own account's promise first, the most overdue at the top.

A question's deadline is when its account's promise runs out (watched hours, holidays off:
watched_hours.due_at), or a day after it was posted on an account without a target (the
queue's old one-day mark). Within one account the deadline never decreases as the posting time
grows, so each account's questions come in deadline order by walking its (account, created_at)
index; the page is the merge of one such walk per account, keyset-paged on (deadline, posted,
id) (the cursor carries the deadline and id; the posting time is looked up): the cursor's
deadline becomes posting-time bounds per account (watched_hours.overdue_cutoff and
latest_start), so page 1,000 costs what page 1 costs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, or_, select, tuple_
from sqlalchemy.orm import Session

from app.models import Account, Item
from app.services.queue.paging import conditions

if TYPE_CHECKING:
    from app.services.stats.watched_hours import Promise

NO_TARGET = timedelta(hours=24)
Key = tuple[datetime, int]
Full = tuple[datetime, datetime, int]  # deadline, posted, id: the order, total


def deadline_of(promise: Promise | None) -> Callable[[datetime], datetime]:
    from app.services.stats.watched_hours import due_at  # the holiday calendar: on first use

    if promise is None or promise.target_seconds is None:
        return lambda posted: posted + NO_TARGET
    seconds = promise.target_seconds
    return lambda posted: due_at(promise, posted, seconds)


def _bounds(promise: Promise | None, deadline: datetime) -> tuple[datetime, datetime]:
    """(lo, hi): every question posted before lo runs out before `deadline`, every one posted
    after hi after it."""
    from app.services.stats.watched_hours import latest_start, overdue_cutoff

    if promise is None or promise.target_seconds is None:
        return deadline - NO_TARGET, deadline - NO_TARGET
    seconds = promise.target_seconds
    return overdue_cutoff(promise, deadline, seconds), latest_start(promise, deadline, seconds)


def deadline_page(session: Session, f: Any, after: Key | None, limit: int) -> list[Key]:
    """(deadline, id) of one page under `f` after the cursor `after`; `f.newest_first` walks
    from the latest deadline down. Ties of deadline (a weekend's questions all run out on
    Monday) are ordered by posting time, then id: within one account that is its index order."""
    from app.services.stats.promises import promise_of

    dialect = session.get_bind().dialect.name
    cursor: Full | None = None
    if after is not None:
        posted = session.scalar(select(Item.created_at).where(Item.id == after[1]))
        cursor = (after[0], posted or after[0], after[1])
    found: list[Full] = []
    for account in session.scalars(select(Account)):
        found.extend(_account_page(session, f, dialect, account.id, promise_of(account), cursor, limit))
    found.sort(reverse=f.newest_first)
    return [(due, item_id) for due, _, item_id in found[:limit]]


def _account_page(
    session: Session, f: Any, dialect: str, account_id: int, promise: Promise, after: Full | None, limit: int
) -> list[Full]:
    """One account's next `limit` questions past the cursor, in its index order."""
    deadline = deadline_of(promise)
    down = bool(f.newest_first)
    stmt = select(Item.created_at, Item.id).where(*conditions(f, dialect), Item.account_id == account_id)
    walk = tuple_(Item.created_at, Item.id)
    if after is not None:
        # Posted after hi: runs out after the cursor; between lo and hi: runs out at the
        # cursor's deadline or before (a tie: posting time and id decide); before lo: before.
        lo, hi = _bounds(promise, after[0])
        at_cursor = tuple_(*after[1:])
        if down:
            stmt = stmt.where(or_(Item.created_at < lo, and_(Item.created_at <= hi, walk < at_cursor)))
        else:
            stmt = stmt.where(or_(Item.created_at > hi, and_(Item.created_at >= lo, walk > at_cursor)))
    order = (Item.created_at.desc(), Item.id.desc()) if down else (Item.created_at, Item.id)
    kept: list[Full] = []
    walked: tuple[datetime, int] | None = None
    while len(kept) < limit:
        step = (
            stmt if walked is None else stmt.where(walk < tuple_(*walked) if down else walk > tuple_(*walked))
        )
        rows = session.execute(step.order_by(*order).limit(limit)).all()
        for created, item_id in rows:
            key = (deadline(created), created, item_id)
            if after is None or (key < after if down else key > after):
                kept.append(key)
        if len(rows) < limit:
            break
        walked = (rows[-1][0], rows[-1][1])
    return kept[:limit]
