"""Removed and registered items written straight into the tables, the way the removal workflow
(issue #4) leaves them: evidence first (canonical JSON of the item, SHA-256 over its UTF-8
bytes), then the decision, the registration (criterion "removal") and the public notice.

`bulk_removals` inserts many at once with Core executemany, for the export benchmark."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

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
from app.services.reasons import REMOVAL_REASONS

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def evidence_payload(item: Item, account: Account, saved_at: datetime, saved_by: str) -> str:
    return canonical_json({
        "item": {
            "id": item.id, "external_id": item.external_id, "kind": item.kind,
            "text": item.text, "created_at": _iso(item.created_at),
            "edited_at": _iso(item.edited_at), "fetched_at": _iso(item.fetched_at),
            "permalink": item.permalink, "raw": item.raw, "status": item.status,
            "author": {"name": item.author_name, "id": item.author_id, "url": item.author_url},
        },
        "account": {"key": account.key, "name": account.name, "platform": account.platform},
        "thread": {"parent_external_id": item.parent_external_id,
                   "post_external_id": item.post_external_id},
        "saved_at": _iso(saved_at), "saved_by": saved_by,
    })  # fmt: skip


def ensure_account(sessions: sessionmaker[Session], key: str = "fb", platform: str = "facebook",
                   name: str | None = None) -> int:  # fmt: skip
    with sessions.begin() as session:
        found = session.scalar(select(Account.id).where(Account.key == key))
        if found is not None:
            return found
        account = Account(key=key, platform=platform, name=name or f"Vadstena kommun ({key})")
        session.add(account)
        session.flush()
        return account.id


def ensure_administrator(sessions: sessionmaker[Session], username: str, name: str) -> int:
    with sessions.begin() as session:
        found = session.scalar(select(Administrator.id).where(Administrator.username == username))
        if found is not None:
            return found
        admin = Administrator(username=username, name=name)
        session.add(admin)
        session.flush()
        return admin.id


def add_item(sessions: sessionmaker[Session], text: str = "Ni är idioter allihop.", *,
             account: str = "fb", external_id: str | None = None, created_at: datetime = T0,
             author_name: str = "Anna Andersson", author_id: str | None = "u1",
             author_url: str | None = "https://facebook.example/u1",
             permalink: str | None = None, raw: dict[str, Any] | None = None) -> int:  # fmt: skip
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


def save_evidence(sessions: sessionmaker[Session], item_id: int, *, at: datetime,
                  by: str = "testare") -> tuple[int, str]:  # fmt: skip
    with sessions.begin() as session:
        item = session.get(Item, item_id)
        assert item is not None
        account = session.get(Account, item.account_id)
        payload = evidence_payload(item, account, at, by)
        evidence = Evidence(item_id=item_id, saved_at=at, saved_by=by, payload=payload,
                            sha256=sha256_text(payload))  # fmt: skip
        session.add(evidence)
        session.flush()
        return evidence.id, evidence.sha256


def remove(sessions: sessionmaker[Session], item_id: int, reason: str = "personangrepp", *,
           motivation: str | None = None, by: str = "testare", at: datetime | None = None,
           mode: str = "hide", status: str = ItemStatus.REMOVED,
           platform_result: str | None = "Dold på plattformen", register: bool = True,
           diarienummer: str | None = None, notice: bool = True, notice_status: str = "posted",
           notice_ref: str | None = "https://facebook.example/p1?c=notice",
           administrator_id: int | None = None) -> Removal:  # fmt: skip
    at = at or T0 + timedelta(hours=2)
    evidence_id, digest = save_evidence(sessions, item_id, at=at, by=by)
    label = REMOVAL_REASONS[reason]
    with sessions.begin() as session:
        decision = Decision(
            item_id=item_id, action="remove", reason_code=reason,
            motivation=label.motivation if motivation is None else motivation, mode=mode,
            decided_by=by, administrator_id=administrator_id, decided_at=at,
            platform_result=platform_result,
        )  # fmt: skip
        session.add(decision)
        session.flush()
        registration = notice_row = None
        if register:
            registration = Registration(
                item_id=item_id, decision_id=decision.id, criterion="removal",
                motivation=decision.motivation, diarienummer=diarienummer, registered_at=at,
                registered_by=by,
            )  # fmt: skip
            session.add(registration)
        if notice:
            notice_row = Notice(
                item_id=item_id, kind="removal", template=reason, text=label.notice,
                status=notice_status, posted_at=at if notice_status == "posted" else None,
                platform_ref=notice_ref if notice_status == "posted" else None,
                created_at=at, created_by=by,
            )  # fmt: skip
            session.add(notice_row)
        item = session.get(Item, item_id)
        assert item is not None
        item.status = status
        session.flush()
        return Removal(item_id, evidence_id, digest, decision.id,
                       registration.id if registration else None,
                       notice_row.id if notice_row else None)  # fmt: skip


def register(sessions: sessionmaker[Session], item_id: int, criterion: str = "atgard", *,
             motivation: str = "Synpunkten ska handläggas av tekniska förvaltningen.",
             diarienummer: str | None = None, by: str = "testare",
             at: datetime | None = None) -> tuple[int, int]:  # fmt: skip
    """Diarieför without removing; returns (registration id, evidence id)."""
    at = at or T0 + timedelta(hours=3)
    evidence_id, _digest = save_evidence(sessions, item_id, at=at, by=by)
    with sessions.begin() as session:
        decision = Decision(item_id=item_id, action="register", motivation=motivation,
                            decided_by=by, decided_at=at)  # fmt: skip
        session.add(decision)
        session.flush()
        registration = Registration(item_id=item_id, decision_id=decision.id, criterion=criterion,
                                    motivation=motivation, diarienummer=diarienummer,
                                    registered_at=at, registered_by=by)  # fmt: skip
        session.add(registration)
        item = session.get(Item, item_id)
        assert item is not None
        item.status = ItemStatus.REGISTERED
        session.flush()
        return registration.id, evidence_id


def bulk_removals(sessions: sessionmaker[Session], n: int, *, start: datetime = T0,
                  step: timedelta = timedelta(minutes=3), texts: Sequence[str] = (),
                  accounts: Sequence[tuple[str, str]] = (("fb", "facebook"), ("ig", "instagram")),
                  batch: int = 10_000) -> None:  # fmt: skip
    """n removed comments with evidence, decision, registration and notice, via executemany."""
    account_ids = [ensure_account(sessions, key, platform) for key, platform in accounts]
    reasons = list(REMOVAL_REASONS.values())
    texts = list(texts) or [
        "Du är en idiot och borde skämmas, {n}.",
        "=HYPERLINK(\"http://evil.example\",\"klicka\") köp billigt {n}",
        "Kommunen ljuger om skolan igen! {n} 😡",
        "Ring mig på 070-123 45 67 så fixar vi det, {n}",
    ]
    with sessions.begin() as session:
        connection = session.connection()
        sqlite = connection.dialect.name == "sqlite"
        first = (session.scalar(select(Item.id).order_by(Item.id.desc()).limit(1)) or 0) + 1
        first_decision = (
            session.scalar(select(Decision.id).order_by(Decision.id.desc()).limit(1)) or 0
        ) + 1
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
                items.append({
                    "id": item_id, "account_id": account_ids[i % len(account_ids)],
                    "kind": "comment", "external_id": ext, "parent_external_id": "p1",
                    "post_external_id": "p1", "author_name": author, "author_id": f"u{i % 997}",
                    "author_url": f"https://facebook.example/u{i % 997}", "text": text,
                    "created_at": created, "edited_at": None,
                    "permalink": f"https://facebook.example/p1?c={ext}", "fetched_at": created,
                    "raw": {"id": ext, "message": text}, "status": ItemStatus.REMOVED,
                    "flags": None, "suggested_reason": None, "is_question": False,
                    "assigned_to_id": None, "row_version": 2,
                })
                payload = canonical_json({"item": {"id": item_id, "external_id": ext,
                                                   "text": text, "author": {"name": author}},
                                          "saved_at": decided.isoformat()})
                evidence.append({"item_id": item_id, "saved_at": decided, "saved_by": "testare",
                                 "payload": payload, "sha256": sha256_text(payload)})
                decisions.append({
                    "id": first_decision + i, "item_id": item_id, "action": "remove",
                    "reason_code": reason.code, "motivation": reason.motivation, "mode": "hide",
                    "decided_by": "testare", "administrator_id": None, "decided_at": decided,
                    "platform_result": "Dold på plattformen", "details": None,
                })
                registrations.append({
                    "item_id": item_id, "decision_id": first_decision + i, "criterion": "removal",
                    "motivation": reason.motivation, "diarienummer": None,
                    "registered_at": decided, "registered_by": "testare", "exported_at": None,
                })
                notices.append({
                    "item_id": item_id, "kind": "removal", "template": reason.code,
                    "text": reason.notice, "status": "posted", "posted_at": decided,
                    "platform_ref": f"https://facebook.example/p1?c=n{item_id}",
                    "created_at": decided, "created_by": "testare",
                })  # fmt: skip
            connection.execute(insert(Item.__table__), items)
            if sqlite:
                indexed = index_new_rows(connection, indexed)
            connection.execute(insert(Evidence.__table__), evidence)
            connection.execute(insert(Decision.__table__), decisions)
            connection.execute(insert(Registration.__table__), registrations)
            connection.execute(insert(Notice.__table__), notices)
        if sqlite:
            resume_sqlite_indexing(connection)
        elif connection.dialect.name == "postgresql":
            # Explicit ids do not move PostgreSQL's sequences; later inserts would collide.
            for table in ("items", "decisions"):
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
