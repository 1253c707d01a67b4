"""Removed and registered items made the way Granska makes them: through ModerationService's
removal and registration, with a platform that answers at once in this process (hidden or
deleted, the notice posted; or down, or no connector: removed by hand). The evidence, the
decision, the registration, the notice and the audit log are the real ones.

`bulk_removals` inserts many at once with Core executemany, for the export benchmark and the
archive's large tables: its evidence copies are built by the real evidence document code, but
they are not in the audit log (`granska audit verify` would flag them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from app.core.connector import Capabilities, PlatformResult
from app.core.errors import PlatformError
from app.models import (
    Account,
    Administrator,
    Decision,
    Evidence,
    Item,
    ItemStatus,
    Notice,
    Registration,
)
from app.models.fulltext import defer_sqlite_indexing, index_new_rows, resume_sqlite_indexing
from app.services.accounts.accounts import AccountService
from app.services.accounts.platforms import ConnectorRegistry
from app.services.context import Actor
from app.services.moderation.decisions import decision_scope
from app.services.moderation.facade import ModerationService
from app.services.moderation.reasons import REMOVAL_REASONS
from app.services.records.evidence import (
    ItemSnapshot,
    canonical_json,
    evidence_document,
    sha256_hex,
    snapshot_columns,
    snapshot_from,
)
from tests.helpers.databases import sessions_as

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)
NOTICE_REF = "https://facebook.example/p1?c=notice"

# How the platform answers a removal: done (hidden or deleted, then the notice is posted),
# down (it keeps failing: the item waits on the platform, the notice stays queued) or by hand
# (the account has no connector).
DONE, DOWN, BY_HAND = "done", "down", "by_hand"


class AnsweringPlatform:
    """A connector that answers at once: what `remove(platform=...)` asks of it."""

    platform = "test"
    capabilities = Capabilities(can_fetch=False, can_hide=True, can_delete=True, can_reply=True)

    def __init__(self, down: str | None = None) -> None:
        self._down = down

    def _answer(self, done: str) -> PlatformResult:
        if self._down is not None:
            raise PlatformError(self._down, "transient")
        return PlatformResult(True, done)

    def hide(self, external_id: str) -> PlatformResult:
        return self._answer("Dold på plattformen.")

    def delete(self, external_id: str) -> PlatformResult:
        return self._answer("Raderad på plattformen.")

    def reply(self, external_id: str, text: str) -> PlatformResult:
        return PlatformResult(True, "Publicerat.", ref=NOTICE_REF)


class AnsweringRegistry(ConnectorRegistry):
    def __init__(self, connector: AnsweringPlatform | None) -> None:
        super().__init__()
        self._connector = connector

    def for_account(self, account: Any) -> AnsweringPlatform | None:
        return self._connector


def service(
    sessions: sessionmaker[Session],
    by: str,
    at: datetime,
    platform: str = DONE,
    down: str = "Facebook svarar inte (503)",
) -> ModerationService:
    connector = None if platform == BY_HAND else AnsweringPlatform(down if platform == DOWN else None)
    return ModerationService(
        sessions_as(sessions, by), connectors=AnsweringRegistry(connector), actor=Actor(by, clock=lambda: at)
    )


def ensure_account(
    sessions: sessionmaker[Session], key: str = "fb", platform: str = "facebook", name: str | None = None
) -> int:
    """Through the account register, as `granska accounts add` does (so it is in the audit log)."""
    with sessions() as session:
        found = session.scalar(select(Account.id).where(Account.key == key))
    if found is not None:
        return found
    return AccountService(sessions).add_account(key, platform, name or f"Vadstena kommun ({key})").id


def ensure_administrator(sessions: sessionmaker[Session], username: str, name: str) -> int:
    """Through the administrator register, as `granska admins add` does."""
    with sessions() as session:
        found = session.scalar(select(Administrator.id).where(Administrator.username == username))
    if found is not None:
        return found
    return AccountService(sessions).add_administrator(username, name)


def add_item(
    sessions: sessionmaker[Session],
    text: str = "Ni är idioter allihop.",
    *,
    account: str = "fb",
    external_id: str | None = None,
    created_at: datetime = T0,
    author_name: str = "Anna Andersson",
    author_id: str | None = "u1",
    author_url: str | None = "https://facebook.example/u1",
    permalink: str | None = None,
    raw: dict[str, Any] | None = None,
) -> int:
    account_id = ensure_account(sessions, account)
    with sessions.begin() as session:
        n = session.scalar(select(Item.id).order_by(Item.id.desc()).limit(1)) or 0
        ext = external_id or f"c{n + 1}"
        item = Item(
            account_id=account_id, external_id=ext, kind="comment", parent_external_id="p1",
            post_external_id="p1", author_name=author_name, author_id=author_id,
            author_url=author_url, text=text, created_at=created_at,
            permalink=permalink or f"https://facebook.example/p1?c={ext}",
            raw=raw if raw is not None else {"id": ext, "message": text}, fetched_at=created_at,
        )  # fmt: skip
        session.add(item)
        session.flush()
        return item.id


@dataclass(frozen=True)
class Removal:
    item_id: int
    evidence_id: int
    evidence_sha256: str
    decision_id: int
    registration_id: int | None
    notice_id: int | None


def save_evidence(
    sessions: sessionmaker[Session], item_id: int, *, at: datetime, by: str = "testare"
) -> tuple[int, str]:
    """An evidence copy alone (no decision), as a decision's first step saves it."""
    with decision_scope(sessions_as(sessions, by), item_id, Actor(by, clock=lambda: at)) as scope:
        return scope.save_evidence()


def remove(
    sessions: sessionmaker[Session],
    item_id: int,
    reason: str = "personangrepp",
    *,
    motivation: str | None = None,
    by: str = "testare",
    at: datetime | None = None,
    mode: str = "hide",
    platform: str = DONE,
    down: str = "Facebook svarar inte (503)",
    diarienummer: str | None = None,
) -> Removal:
    """A removal as `granska remove` does it; `platform` says how the platform answers, `down`
    what it says while down; `diarienummer` as the registrator then fills it in."""
    at = at or T0 + timedelta(hours=2)
    moderation = service(sessions, by, at, platform, down)
    moderation.remove(item_id, reason, motivation, mode)
    if diarienummer is not None:
        moderation.set_diarienummer(item_id, diarienummer)
    with sessions() as session:
        decision = session.scalars(
            select(Decision)
            .where(Decision.item_id == item_id, Decision.action == "remove")
            .order_by(Decision.id.desc())
            .limit(1)
        ).one()
        evidence = session.get(Evidence, decision.evidence_id)
        assert evidence is not None
        registration_id = session.scalar(
            select(Registration.id).where(Registration.decision_id == decision.id)
        )
        notice_id = session.scalar(select(func.max(Notice.id)).where(Notice.item_id == item_id))
        return Removal(item_id, evidence.id, evidence.sha256, decision.id, registration_id, notice_id)


def register(
    sessions: sessionmaker[Session],
    item_id: int,
    criterion: str = "atgard",
    *,
    motivation: str = "Synpunkten ska handläggas av tekniska förvaltningen.",
    diarienummer: str | None = None,
    by: str = "testare",
    at: datetime | None = None,
) -> tuple[int, int]:
    """Diarieför without removing, as `granska register` does; returns (registration id,
    evidence id)."""
    at = at or T0 + timedelta(hours=3)
    service(sessions, by, at).register(item_id, criterion, motivation, diarienummer)
    with sessions() as session:
        registration_id, decision_id = session.execute(
            select(Registration.id, Registration.decision_id)
            .where(Registration.item_id == item_id)
            .order_by(Registration.id.desc())
            .limit(1)
        ).one()
        evidence_id = session.scalar(select(Decision.evidence_id).where(Decision.id == decision_id))
        return registration_id, evidence_id


def bulk_removals(
    sessions: sessionmaker[Session],
    n: int,
    *,
    start: datetime = T0,
    step: timedelta = timedelta(minutes=3),
    texts: Sequence[str] = (),
    accounts: Sequence[tuple[str, str]] = (("fb", "facebook"), ("ig", "instagram")),
    batch: int = 10_000,
) -> None:
    """n removed comments with evidence, decision, registration and notice, via executemany."""
    account_ids = [ensure_account(sessions, key, platform) for key, platform in accounts]
    reasons = list(REMOVAL_REASONS.values())
    texts = list(texts) or [
        "Du är en idiot och borde skämmas, {n}.",
        '=HYPERLINK("http://evil.example","klicka") köp billigt {n}',
        "Kommunen ljuger om skolan igen! {n} 😡",
        "Ring mig på 070-123 45 67 så fixar vi det, {n}",
    ]
    with sessions.begin() as session:
        connection = session.connection()
        sqlite = connection.dialect.name == "sqlite"
        first = (session.scalar(select(Item.id).order_by(Item.id.desc()).limit(1)) or 0) + 1
        first_decision = (session.scalar(select(func.max(Decision.id))) or 0) + 1
        first_evidence = (session.scalar(select(func.max(Evidence.id))) or 0) + 1
        indexed = defer_sqlite_indexing(connection) if sqlite else 0
        for offset in range(0, n, batch):
            items, evidence, decisions, registrations, notices = [], [], [], [], []
            for i in range(offset, min(n, offset + batch)):
                item_id = first + i
                created = start + step * i
                decided = created + timedelta(minutes=40)
                text = texts[i % len(texts)].format(n=i)
                reason = reasons[i % len(reasons)]
                ext = f"bulk{item_id}"
                author = f"Användare {i % 997}"
                items.append(
                    {
                        "id": item_id,
                        "account_id": account_ids[i % len(account_ids)],
                        "kind": "comment",
                        "external_id": ext,
                        "parent_external_id": "p1",
                        "post_external_id": "p1",
                        "author_name": author,
                        "author_id": f"u{i % 997}",
                        "author_url": f"https://facebook.example/u{i % 997}",
                        "text": text,
                        "created_at": created,
                        "edited_at": None,
                        "permalink": f"https://facebook.example/p1?c={ext}",
                        "fetched_at": created,
                        "raw": {"id": ext, "message": text},
                        "status": ItemStatus.REMOVED,
                        "flags": None,
                        "suggested_reason": None,
                        "is_question": False,
                        "assigned_to_id": None,
                        "row_version": 2,
                    }
                )
                decisions.append(
                    {
                        "id": first_decision + i,
                        "item_id": item_id,
                        "action": "remove",
                        "reason_code": reason.code,
                        "motivation": reason.motivation,
                        "mode": "hide",
                        "decided_by": "testare",
                        "administrator_id": None,
                        "decided_at": decided,
                        "platform_result": "Dold på plattformen.",
                        "details": None,
                        "evidence_id": first_evidence + i,
                    }
                )
                registrations.append(
                    {
                        "item_id": item_id,
                        "decision_id": first_decision + i,
                        "criterion": "removal",
                        "motivation": reason.motivation,
                        "diarienummer": None,
                        "registered_at": decided,
                        "registered_by": "testare",
                        "exported_at": None,
                    }
                )
                notices.append({
                    "item_id": item_id, "kind": "removal", "template": reason.code,
                    "text": reason.notice, "status": "posted", "posted_at": decided,
                    "platform_ref": f"https://facebook.example/p1?c=n{item_id}",
                    "created_at": decided, "created_by": "testare",
                })  # fmt: skip
            connection.execute(insert(Item.__table__), items)
            if sqlite:
                indexed = index_new_rows(connection, indexed)
            # The evidence copies as a removal saves them (the real document, hashed the same way).
            decided_at = {d["item_id"]: d["decided_at"] for d in decisions}
            item_ids = snapshot_columns()[0]
            for row in connection.execute(
                select(*snapshot_columns())
                .select_from(snapshot_from())
                .where(item_ids.between(first + offset, first + offset + len(items) - 1))
            ):
                snapshot = ItemSnapshot.from_row(row)
                item_id = snapshot.item["id"]
                at = decided_at[item_id]
                payload = canonical_json(evidence_document(snapshot, [], at, "testare"))
                evidence.append(
                    {
                        "id": first_evidence + item_id - first,
                        "item_id": item_id,
                        "saved_at": at,
                        "saved_by": "testare",
                        "payload": payload,
                        "sha256": sha256_hex(payload),
                    }
                )
            connection.execute(insert(Evidence.__table__), evidence)
            connection.execute(insert(Decision.__table__), decisions)
            connection.execute(insert(Registration.__table__), registrations)
            connection.execute(insert(Notice.__table__), notices)
        if sqlite:
            resume_sqlite_indexing(connection)
        elif connection.dialect.name == "postgresql":
            # Explicit ids do not move PostgreSQL's sequences; later inserts would collide.
            for table in ("items", "decisions", "evidence"):
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                )
