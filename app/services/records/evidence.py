"""Step 1 of every removal: "Inlägget/kommentaren ska sparas och all information om det, till
exempel avsändare, innan inlägget/kommentaren avpubliceras."

The copy is one canonical JSON document (sorted keys, no extra whitespace, UTF-8, control
characters escaped by JSON itself, so any text survives byte for byte) and the SHA-256 of its
bytes. It is written in the same transaction as the decision, which commits before any platform
or mail step runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, exists, func, select
from sqlalchemy.orm import Session

from app.core.canonical import canonical_json, sha256_hex
from app.models import Account, Evidence, Item, ItemVersion
from app.services.moderation.writer import Writer

FORMAT = "granska-evidence/1"

# Set while a decision is made offline on the local copy (app/services/offline/journal.py): the
# evidence then says it was saved from the copy, and from when the copy is.
_LOCAL_COPY: ContextVar[datetime | None] = ContextVar("granska_evidence_local_copy", default=None)


@contextmanager
def from_local_copy(fresh_at: datetime) -> Iterator[None]:
    """Evidence saved inside this block was taken from the local copy as of `fresh_at`."""
    token = _LOCAL_COPY.set(fresh_at)
    try:
        yield
    finally:
        _LOCAL_COPY.reset(token)


def local_copy_of(document: dict[str, Any]) -> datetime | None:
    """When the copy the evidence was saved from is from (None: saved on the team database)."""
    source = document.get("from_local_copy")
    if not isinstance(source, dict) or not source.get("fresh_at"):
        return None
    return datetime.fromisoformat(str(source["fresh_at"]))


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
        document: dict[str, Any] = json.loads(self.payload)
        return document

    @property
    def intact(self) -> bool:
        return sha256_hex(self.payload) == self.sha256


_items = Item.__table__
_parent = _items.alias("parent_item")
_post = _items.alias("post_item")
_accounts = Account.__table__
_versions = ItemVersion.__table__
_evidence = Evidence.__table__
_ITEM_FIELDS = (
    "id",
    "external_id",
    "kind",
    "text",
    "created_at",
    "edited_at",
    "fetched_at",
    "permalink",
    "status",
    "flags",
    "suggested_reason",
    "raw",
    "author_name",
    "author_id",
    "author_url",
    "parent_external_id",
    "post_external_id",
)
# The thread's post and parent comment, as context: what they said, who, when, where.
_THREAD_FIELDS = (
    "id",
    "external_id",
    "kind",
    "text",
    "created_at",
    "edited_at",
    "permalink",
    "author_name",
    "author_id",
    "author_url",
)
_ACCOUNT_FIELDS = ("key", "platform", "name", "page_url", "external_id")


def snapshot_columns() -> list[Any]:
    """The item, its thread (parent and post) and its account, for one SELECT with
    `snapshot_from()`: everything the evidence copy needs, read in the decision's transaction."""
    cols: list[Any] = [_items.c[f] for f in _ITEM_FIELDS]
    cols += [_items.c.account_id, _items.c.assigned_to_id]
    cols += [_parent.c[f] for f in _THREAD_FIELDS]
    cols += [_post.c[f] for f in _THREAD_FIELDS]
    cols += [_accounts.c[f] for f in _ACCOUNT_FIELDS]
    cols.append(exists().where(_versions.c.item_id == _items.c.id))
    return cols


SNAPSHOT_WIDTH = len(_ITEM_FIELDS) + 2 + 2 * len(_THREAD_FIELDS) + len(_ACCOUNT_FIELDS) + 1


def snapshot_from() -> Any:
    # The post is joined only when it is not also the parent (the usual case of a comment on a
    # post): one row less to read; from_row fills it in.
    return (
        _items.join(_accounts, _accounts.c.id == _items.c.account_id)
        .outerjoin(_parent, and_(_parent.c.account_id == _items.c.account_id,
                                 _parent.c.external_id == _items.c.parent_external_id))
        .outerjoin(_post, and_(_post.c.account_id == _items.c.account_id,
                               _post.c.external_id == _items.c.post_external_id,
                               _post.c.external_id != func.coalesce(_items.c.parent_external_id, "")))
    )  # fmt: skip


_TIMES = ("created_at", "edited_at", "fetched_at")
_AUTHOR = ("author_name", "author_id", "author_url")


def _part(fields: tuple[str, ...], values: Any) -> dict[str, Any] | None:
    """One item of the snapshot as the evidence document writes it (None: not in the thread)."""
    v = dict(zip(fields, values, strict=True))
    if v["id"] is None:
        return None
    doc = {k: (_iso(x) if k in _TIMES else x) for k, x in v.items() if k not in _AUTHOR}
    if "flags" in doc:
        doc["flags"] = doc["flags"] or []
    doc["author"] = {"name": v["author_name"], "id": v["author_id"], "url": v["author_url"]}
    return doc


@dataclass(frozen=True)
class ItemSnapshot:
    item: dict[str, Any]
    parent: dict[str, Any] | None
    post: dict[str, Any] | None
    account: dict[str, Any]
    has_versions: bool
    account_id: int
    assigned_to_id: int | None

    @classmethod
    def from_row(cls, row: Any) -> ItemSnapshot:
        """From the first SNAPSHOT_WIDTH columns of a row selected with snapshot_columns()."""
        n, t = len(_ITEM_FIELDS), len(_THREAD_FIELDS)
        item = _part(_ITEM_FIELDS, row[:n])
        assert item is not None
        account_id, assigned_to_id = row[n], row[n + 1]
        parent = _part(_THREAD_FIELDS, row[n + 2 : n + 2 + t])
        post = _part(_THREAD_FIELDS, row[n + 2 + t : n + 2 + 2 * t])
        if (
            post is None
            and item["post_external_id"]
            and item["post_external_id"] == item["parent_external_id"]
        ):
            post = parent
        a = n + 2 + 2 * t
        account = dict(zip(_ACCOUNT_FIELDS, row[a : a + len(_ACCOUNT_FIELDS)], strict=True))
        return cls(item, parent, post, account, bool(row[SNAPSHOT_WIDTH - 1]), account_id, assigned_to_id)


_VERSIONS = (
    select(_versions.c.text, _versions.c.edited_at, _versions.c.replaced_at, _versions.c.raw)
    .where(_versions.c.item_id == bindparam("item_id"))
    .order_by(_versions.c.id)
)


def evidence_document(
    snapshot: ItemSnapshot, versions: list[dict[str, Any]], saved_at: datetime, saved_by: str
) -> dict[str, Any]:
    """Everything about the item as it is now: text, author, permalink, thread context, raw
    platform payload, times, and the author's earlier versions."""
    document = {
        "format": FORMAT,
        "saved_at": _iso(saved_at),
        "saved_by": saved_by,
        "account": snapshot.account,
        "item": snapshot.item,
        "versions": versions,
        "thread": {"parent": snapshot.parent, "post": snapshot.post},
    }
    fresh = _LOCAL_COPY.get()
    if fresh is not None:  # what the item looked like when the copy was made, not necessarily now
        document["from_local_copy"] = {"fresh_at": _iso(fresh)}
    return document


def save_evidence(
    con: Connection, writer: Writer, snapshot: ItemSnapshot, saved_at: datetime, saved_by: str
) -> tuple[int, str]:
    """Insert the evidence copy inside the caller's transaction; returns (id, sha256)."""
    item_id = snapshot.item["id"]
    versions = []
    if snapshot.has_versions:
        versions = [
            {"text": v.text, "edited_at": _iso(v.edited_at), "replaced_at": _iso(v.replaced_at), "raw": v.raw}
            for v in con.execute(_VERSIONS, {"item_id": item_id})
        ]
    payload = canonical_json(evidence_document(snapshot, versions, saved_at, saved_by))
    digest = sha256_hex(payload)
    row = {
        "item_id": item_id,
        "saved_at": saved_at,
        "saved_by": saved_by,
        "payload": payload,
        "sha256": digest,
    }
    return writer.insert(_evidence, row), digest


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
