"""The moderation queue: which items wait, in what order, filtered and searched in SQL.

Longest-waiting first. Paging is keyset on (created_at, id), so page 1,000 costs what page 1
costs; the UI's lazy model and the command line both read through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Account, Item, ItemVersion
from app.services.queue import capped_counts
from app.services.queue.deadline_order import deadline_page
from app.services.queue.paging import conditions, page_ids
from app.services.queue.shapes import (  # noqa: F401 - the queue's vocabulary, re-exported
    DECIDED_STATUSES,
    OPEN_STATUSES,
    PENDING_STATUSES,
    QUEUES,
    QUEUES_BY_NAME,
    Cursor,
    ItemDetail,
    ItemSummary,
    Queue,
    QueueFilter,
    summary_from_row,
)

if TYPE_CHECKING:
    from app.models.base import AnySelect

_SUMMARY_COLUMNS = (
    Item.id, Item.external_id, Account.key, Account.name, Account.platform, Item.kind,
    Item.author_name, Item.author_id, Item.text, Item.created_at, Item.edited_at, Item.status,
    Item.flags, Item.suggested_reason, Item.is_question, Item.permalink,
)  # fmt: skip


def _summary(row: Any) -> ItemSummary:
    return summary_from_row(row)


def summary_statement(ids: list[int]) -> AnySelect:
    """The rows of the items `ids` (app/services/queue/quick.py runs it compiled)."""
    return select(*_SUMMARY_COLUMNS).join(Account).where(Item.id.in_(ids))


def accounts_named(keys: Sequence[str]) -> AnySelect:
    """The keys among `keys` that name an account (`queue --account`; quick.py runs it compiled)."""
    return select(Account.key).where(Account.key.in_(keys))


class QueueService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def _where(self, stmt: AnySelect, f: QueueFilter, dialect: str) -> AnySelect:
        found = conditions(f, dialect)
        return stmt.where(and_(*found)) if found else stmt

    def count(self, f: QueueFilter) -> int:
        with self._sessions() as session:
            dialect = session.get_bind().dialect.name
            return session.scalar(self._where(select(func.count()).select_from(Item), f, dialect)) or 0

    def queue_counts(
        self, f: QueueFilter, queues: tuple[Queue, ...] = QUEUES, *, cap: int | None = None
    ) -> dict[str, int]:
        """How many items each queue holds under the filter `f`. With `cap`, under a search a
        count stops above `cap` and is returned as `cap + 1`, "more than `cap`" (capped_counts.py)."""
        with self._sessions() as session:
            return capped_counts.queue_counts(session, f, queues, cap)

    def page(
        self, f: QueueFilter, after: Cursor | None = None, limit: int = 100, *, from_end: bool = False
    ) -> list[ItemSummary]:
        """One page in the queue's order (longest waiting first), after the `after` cursor; with
        `from_end`, the page that ends just before `after` (or the queue's last page), still in
        the queue's order: the same keyset walked the other way, as cheap at either end."""
        with self._sessions() as session:
            walked = replace(f, newest_first=not f.newest_first) if from_end else f
            deadlines: dict[int, datetime] = {}
            if f.by_deadline:
                keys = deadline_page(session, walked, after, limit)
                deadlines = {i: due for due, i in keys}
                ids = [i for _, i in keys]
            else:
                ids = page_ids(session, walked, after, limit)
            if from_end:
                ids = ids[::-1]
            if not ids:
                return []
            found = {row[0]: _summary(row) for row in session.execute(summary_statement(ids))}
        return [replace(found[i], sort_at=deadlines.get(i)) for i in ids if i in found]

    def summaries(self, ids: list[int]) -> dict[int, ItemSummary]:
        if not ids:
            return {}
        with self._sessions() as session:
            return {row[0]: _summary(row) for row in session.execute(summary_statement(ids))}

    def detail(self, item_id: int) -> ItemDetail | None:
        with self._sessions() as session:
            row = session.execute(
                select(
                    *_SUMMARY_COLUMNS,
                    Item.author_url,
                    Item.raw,
                    Item.fetched_at,
                    Item.account_id,
                    Item.parent_external_id,
                    Item.post_external_id,
                )
                .join(Account)
                .where(Item.id == item_id)
            ).first()
            if row is None:
                return None
            account_id, parent_ext, post_ext = row[19], row[20], row[21]

            def by_external(external_id: str | None) -> ItemSummary | None:
                if not external_id:
                    return None
                found = session.execute(
                    select(*_SUMMARY_COLUMNS)
                    .join(Account)
                    .where(Item.account_id == account_id, Item.external_id == external_id)
                ).first()
                return _summary(found) if found else None

            versions = session.execute(
                select(ItemVersion.text, ItemVersion.edited_at, ItemVersion.replaced_at)
                .where(ItemVersion.item_id == item_id)
                .order_by(ItemVersion.id)
            ).all()
            return ItemDetail(
                item=_summary(row),
                author_url=row[16],
                raw=row[17],
                fetched_at=row[18],
                parent=by_external(parent_ext),
                post=by_external(post_ext) if post_ext != parent_ext else None,
                versions=[tuple(v) for v in versions],  # type: ignore[misc]
            )

    def by_author(self, item_id: int, limit: int = 50) -> list[ItemSummary]:
        """The same author's other items on the same account, newest first."""
        with self._sessions() as session:
            me = session.execute(
                select(Item.account_id, Item.author_id, Item.author_name).where(Item.id == item_id)
            ).first()
            if me is None:
                return []
            same = (
                Item.author_id == me.author_id
                if me.author_id
                else or_(Item.author_id.is_(None), Item.author_id == "")
                & (Item.author_name == me.author_name)
            )
            stmt = (
                select(*_SUMMARY_COLUMNS)
                .join(Account)
                .where(Item.account_id == me.account_id, same, Item.id != item_id)
                .order_by(Item.created_at.desc(), Item.id.desc())
                .limit(limit)
                # SQLite's planner would walk the account's time index and test every item of
                # the account for the author (0.27 s warm at a million, seconds cold); the
                # author's own index reads only the author's items.
                .with_hint(Item, "INDEXED BY ix_items_author", "sqlite")
            )
            return [_summary(row) for row in session.execute(stmt)]
