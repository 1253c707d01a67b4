"""The moderation queue: which items wait, in what order, filtered and searched in SQL.

Longest-waiting first. Paging is keyset on (created_at, id), so page 1,000 costs what page 1
costs; the UI's lazy model and the command line both read through here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, func, or_, select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from app.models import Account, Item, ItemVersion
from app.models.fulltext import match_clause

Cursor = tuple[datetime, int]


@dataclass(frozen=True)
class QueueFilter:
    statuses: tuple[str, ...] = ()
    account_keys: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()  # suggested removal reason (the flag)
    questions_only: bool = False
    since: datetime | None = None
    until: datetime | None = None
    search: str = ""
    newest_first: bool = False


@dataclass(frozen=True)
class ItemSummary:
    id: int
    external_id: str
    account_key: str
    account_name: str
    platform: str
    kind: str
    author_name: str
    author_id: str | None
    text: str
    created_at: datetime
    edited_at: datetime | None
    status: str
    flags: list[dict[str, Any]] = field(default_factory=list)
    suggested_reason: str | None = None
    is_question: bool = False
    permalink: str | None = None

    @property
    def cursor(self) -> Cursor:
        return (self.created_at, self.id)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "external_id": self.external_id,
            "account": self.account_key,
            "platform": self.platform,
            "kind": self.kind,
            "author_name": self.author_name,
            "author_id": self.author_id,
            "text": self.text,
            "created_at": self.created_at.isoformat(),
            "edited_at": self.edited_at.isoformat() if self.edited_at else None,
            "status": self.status,
            "flags": self.flags,
            "suggested_reason": self.suggested_reason,
            "is_question": self.is_question,
            "permalink": self.permalink,
        }


@dataclass(frozen=True)
class ItemDetail:
    item: ItemSummary
    author_url: str | None
    raw: dict[str, Any] | None
    fetched_at: datetime
    parent: ItemSummary | None
    post: ItemSummary | None
    versions: list[tuple[str, datetime | None, datetime]]  # (text, edited_at, replaced_at)


_SUMMARY_COLUMNS = (
    Item.id, Item.external_id, Account.key, Account.name, Account.platform, Item.kind,
    Item.author_name, Item.author_id, Item.text, Item.created_at, Item.edited_at, Item.status,
    Item.flags, Item.suggested_reason, Item.is_question, Item.permalink,
)  # fmt: skip


def _summary(row: Any) -> ItemSummary:
    return ItemSummary(*row[:12], flags=row[12] or [], suggested_reason=row[13],
                       is_question=bool(row[14]), permalink=row[15])  # fmt: skip


class QueueService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def _where(self, stmt: Select[Any], f: QueueFilter, dialect: str) -> Select[Any]:
        conditions = []
        if f.statuses:
            conditions.append(Item.status.in_(f.statuses))
        if f.account_keys:
            conditions.append(Account.key.in_(f.account_keys))
        if f.platforms:
            conditions.append(Account.platform.in_(f.platforms))
        if f.reasons:
            conditions.append(Item.suggested_reason.in_(f.reasons))
        if f.questions_only:
            conditions.append(Item.is_question.is_(True))
        if f.since is not None:
            conditions.append(Item.created_at >= f.since)
        if f.until is not None:
            conditions.append(Item.created_at < f.until)
        if f.search.strip():
            clause = match_clause(dialect, f.search, Item.id)
            if clause is not None:
                conditions.append(clause)
        return stmt.where(and_(*conditions)) if conditions else stmt

    def count(self, f: QueueFilter) -> int:
        with self._sessions() as session:
            dialect = session.get_bind().dialect.name
            stmt = select(func.count()).select_from(Item).join(Account)
            return session.scalar(self._where(stmt, f, dialect)) or 0

    def page(self, f: QueueFilter, after: Cursor | None = None, limit: int = 100) -> list[ItemSummary]:
        with self._sessions() as session:
            dialect = session.get_bind().dialect.name
            stmt = self._where(select(*_SUMMARY_COLUMNS).join(Account), f, dialect)
            key = tuple_(Item.created_at, Item.id)
            if after is not None:
                stmt = stmt.where(key < tuple_(*after) if f.newest_first else key > tuple_(*after))
            order = (
                (Item.created_at.desc(), Item.id.desc())
                if f.newest_first
                else (Item.created_at, Item.id)
            )
            stmt = stmt.order_by(*order).limit(limit)
            return [_summary(row) for row in session.execute(stmt)]

    def summaries(self, ids: list[int]) -> dict[int, ItemSummary]:
        if not ids:
            return {}
        with self._sessions() as session:
            stmt = select(*_SUMMARY_COLUMNS).join(Account).where(Item.id.in_(ids))
            return {row[0]: _summary(row) for row in session.execute(stmt)}

    def detail(self, item_id: int) -> ItemDetail | None:
        with self._sessions() as session:
            row = session.execute(
                select(*_SUMMARY_COLUMNS, Item.author_url, Item.raw, Item.fetched_at,
                       Item.account_id, Item.parent_external_id, Item.post_external_id)
                .join(Account)
                .where(Item.id == item_id)
            ).first()  # fmt: skip
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
            )
            return [_summary(row) for row in session.execute(stmt)]
