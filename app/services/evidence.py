"""Step 1 of every removal: "Inlägget/kommentaren ska sparas och all information om det, till
exempel avsändare, innan inlägget/kommentaren avpubliceras."

The copy is one canonical JSON document (sorted keys, no extra whitespace, UTF-8, control
characters escaped by JSON itself, so any text survives byte for byte) and the SHA-256 of its
bytes. It is written in the same transaction as the decision, which commits before any platform
or mail step runs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.models import Account, Evidence, Item, ItemVersion

FORMAT = "granska-evidence/1"


def canonical_json(value: Any) -> str:
    """The one serialization that is hashed: the same data always gives the same bytes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class SavedEvidence:
    id: int
    item_id: int
    saved_at: datetime
    saved_by: str
    sha256: str
    payload: str

    @property
    def document(self) -> dict[str, Any]:
        return json.loads(self.payload)

    @property
    def intact(self) -> bool:
        return sha256_hex(self.payload) == self.sha256


_ITEM_COLUMNS = (
    Item.id,
    Item.external_id,
    Item.kind,
    Item.text,
    Item.created_at,
    Item.edited_at,
    Item.fetched_at,
    Item.permalink,
    Item.status,
    Item.flags,
    Item.suggested_reason,
    Item.raw,
    Item.author_name,
    Item.author_id,
    Item.author_url,
    Item.parent_external_id,
    Item.post_external_id,
    Item.account_id,
)


def _item_document(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "external_id": row.external_id,
        "kind": row.kind,
        "text": row.text,
        "created_at": _iso(row.created_at),
        "edited_at": _iso(row.edited_at),
        "fetched_at": _iso(row.fetched_at),
        "permalink": row.permalink,
        "status": row.status,
        "flags": row.flags or [],
        "suggested_reason": row.suggested_reason,
        "raw": row.raw,
        "author": {"name": row.author_name, "id": row.author_id, "url": row.author_url},
        "parent_external_id": row.parent_external_id,
        "post_external_id": row.post_external_id,
    }


def evidence_document(session: Session, item_id: int, saved_at: datetime, saved_by: str) -> dict[str, Any]:
    """Everything about the item as it is now: text, author, permalink, thread context, raw
    platform payload, times, and the author's earlier versions."""
    row = session.execute(select(*_ITEM_COLUMNS).where(Item.id == item_id)).one()
    account = session.execute(
        select(Account.key, Account.platform, Account.name, Account.page_url, Account.external_id).where(
            Account.id == row.account_id
        )
    ).one()
    thread_ids = {x for x in (row.parent_external_id, row.post_external_id) if x}
    thread: dict[str, Any] = {"parent": None, "post": None}
    if thread_ids:
        found = {
            r.external_id: r
            for r in session.execute(
                select(*_ITEM_COLUMNS).where(
                    Item.account_id == row.account_id, Item.external_id.in_(thread_ids)
                )
            )
        }
        for key, ext in (("parent", row.parent_external_id), ("post", row.post_external_id)):
            if ext in found:
                thread[key] = _item_document(found[ext])
    versions = [
        {"text": v.text, "edited_at": _iso(v.edited_at), "replaced_at": _iso(v.replaced_at), "raw": v.raw}
        for v in session.execute(
            select(ItemVersion.text, ItemVersion.edited_at, ItemVersion.replaced_at, ItemVersion.raw)
            .where(ItemVersion.item_id == item_id)
            .order_by(ItemVersion.id)
        )
    ]
    return {
        "format": FORMAT,
        "saved_at": _iso(saved_at),
        "saved_by": saved_by,
        "account": {
            "key": account.key,
            "platform": account.platform,
            "name": account.name,
            "page_url": account.page_url,
            "external_id": account.external_id,
        },
        "item": _item_document(row),
        "versions": versions,
        "thread": thread,
    }


def save_evidence(session: Session, item_id: int, saved_at: datetime, saved_by: str) -> tuple[int, str]:
    """Insert the evidence copy inside the caller's transaction; returns (id, sha256)."""
    payload = canonical_json(evidence_document(session, item_id, saved_at, saved_by))
    digest = sha256_hex(payload)
    evidence_id = session.execute(
        insert(Evidence)
        .values(item_id=item_id, saved_at=saved_at, saved_by=saved_by, payload=payload, sha256=digest)
        .returning(Evidence.id)
    ).scalar_one()
    return evidence_id, digest


def load_evidence(session: Session, item_id: int) -> list[SavedEvidence]:
    rows = session.execute(
        select(
            Evidence.id,
            Evidence.item_id,
            Evidence.saved_at,
            Evidence.saved_by,
            Evidence.sha256,
            Evidence.payload,
        )
        .where(Evidence.item_id == item_id)
        .order_by(Evidence.id)
    )
    return [SavedEvidence(*r) for r in rows]
