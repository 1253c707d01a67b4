"""Items, administrators and services for the moderation workflow tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from app.models import Account
from app.services.accounts.accounts import AccountService
from app.services.context import Actor
from app.services.intake.importer import ImportService, IncomingItem
from app.services.intake.rules import RuleSet
from app.services.moderation.facade import ModerationService
from tests.helpers.databases import as_person

_ids = itertools.count(1)
_RULES = RuleSet.from_directory()


def ensure_account(
    sessions: Any, key: str = "fb", *, platform: str = "other", api_base: str | None = None
) -> int:
    with sessions() as session:
        found = session.scalar(select(Account.id).where(Account.key == key))
    if found is not None:
        return found
    return AccountService(sessions).add_account(key, platform, key.upper(), api_base_url=api_base).id


def make_item(
    sessions: Any,
    text: str = "Ni är idioter allihop",
    *,
    account: str = "fb",
    api_base: str | None = None,
    external_id: str | None = None,
    parent: str | None = "p1",
    author: str = "Anna Andersson",
    created_at: datetime | None = None,
    raw: dict[str, Any] | None = None,
) -> int:
    """An item imported the way connectors bring them in; returns its id."""
    ensure_account(sessions, account, api_base=api_base)
    external_id = external_id or f"c{next(_ids)}"
    item = IncomingItem(
        account=account,
        external_id=external_id,
        text=text,
        created_at=created_at or datetime(2026, 5, 1, 10, 0, tzinfo=UTC),
        parent_external_id=parent,
        post_external_id=parent,
        author_name=author,
        author_id="u-" + external_id,
        author_url=f"https://social.example/u/{external_id}",
        permalink=f"https://social.example/p/{parent}?c={external_id}",
        raw=raw if raw is not None else {"id": external_id, "message": text},
    )
    ImportService(sessions, rules=_RULES).import_items([item])
    with sessions() as session:
        from app.models import Item

        return session.scalar(
            select(Item.id).where(
                Item.external_id == external_id,
                Item.account_id == select(Account.id).where(Account.key == account).scalar_subquery(),
            )
        )


def add_admin(sessions: Any, username: str, name: str, manager_email: str = "") -> None:
    AccountService(sessions).add_administrator(
        username, name, email=f"{username}@kommun.example", manager_email=manager_email
    )


def service(db: Any, user: str = "testare", **kwargs: Any) -> ModerationService:
    """`user` acting: on PostgreSQL through their own login role (see as_person)."""
    return ModerationService(as_person(db, user).sessions, actor=Actor(username=user), **kwargs)


def count(sessions: Any, model: Any, **where: Any) -> int:
    with sessions() as session:
        stmt = select(func.count()).select_from(model)
        for key, value in where.items():
            stmt = stmt.where(getattr(model, key) == value)
        return session.scalar(stmt) or 0


def item_events(sessions: Any) -> int:
    """Audit events about items (decisions and their steps), leaving out the account register's
    own events that setting up a test writes."""
    from app.models import AuditEvent

    with sessions() as session:
        stmt = select(func.count()).select_from(AuditEvent).where(AuditEvent.item_id.is_not(None))
        return session.scalar(stmt) or 0
