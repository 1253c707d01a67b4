"""The row a new item is inserted as, built the same way in this process and in the import's
child process (app/services/intake/import_child.py): plain values only (no enum members, no
SQLAlchemy), so a row crosses to the parent with marshal as it is."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from app.core.driver_time import to_driver_datetime
from app.core.incoming import IncomingItem
from app.core.states import ItemKind, ItemStatus
from app.services.intake.rules import Verdict

# json.dumps builds a new encoder on every call with ensure_ascii=False: build it once.
json_text = json.JSONEncoder(ensure_ascii=False).encode

INSERT_COLUMNS = (
    "account_id", "kind", "external_id", "parent_external_id", "post_external_id",
    "author_name", "author_id", "author_url", "text", "created_at", "edited_at", "permalink",
    "fetched_at", "raw", "status", "flags", "suggested_reason", "is_question", "row_version",
)  # fmt: skip
STATUS = INSERT_COLUMNS.index("status")
WIDTH = len(INSERT_COLUMNS)
_NEW, _FLAGGED, _CONTEXT = ItemStatus.NEW.value, ItemStatus.FLAGGED.value, ItemStatus.CONTEXT.value
_PLAIN_KIND = {ItemKind.POST: ItemKind.POST.value, ItemKind.COMMENT: ItemKind.COMMENT.value}


def raw_text(item: IncomingItem) -> str | None:
    """`raw` as it arrived when its text is known, else encoded once here."""
    if item.raw_json is not None:
        return item.raw_json
    return None if item.raw is None else json_text(item.raw)


def new_row(
    account_id: int,
    account_external_id: str | None,
    item: IncomingItem,
    verdict: Verdict,
    now_db: Any,
    dialect: str,
) -> tuple[Any, ...]:
    """The values of INSERT_COLUMNS for `item`, new to the account `account_id`."""
    if verdict.flags:
        reason = verdict.suggested_reason
        status, flags = (_FLAGGED if reason else _NEW), json_text(verdict.flag_dicts)
    else:  # most items: nothing to look through (~0.5 µs an item less, #20)
        reason, status, flags = None, _NEW, None
    is_question = verdict.is_question
    kind = item.kind or _PLAIN_KIND[item.resolved_kind]  # type: ignore[index]
    # Only a post can be the account's own (is_own_post): a comment is asked nothing more.
    if kind == ItemKind.POST and item.is_own_post(account_external_id):
        # Context, not work: no queue tab shows or counts it, and it asks nobody a question.
        status, is_question = _CONTEXT, False
    edited_at = item.edited_at
    return (
        account_id, kind, item.external_id, item.parent_external_id,
        item.post_external_id, item.author_name, item.author_id, item.author_url, item.text,
        to_driver_datetime(item.created_at, dialect),
        None if edited_at is None else to_driver_datetime(edited_at, dialect),
        item.permalink, now_db, raw_text(item),
        status, flags, reason, is_question, 1,
    )  # fmt: skip


def item_of_row(row: tuple[Any, ...]) -> IncomingItem:
    """The item a SQLite row of `new_row` stands for, as far as an update reads it (the
    account and platform are not in the row; times come back in UTC, the same instants)."""
    edited_at, raw = row[10], row[13]
    return IncomingItem(
        "", row[2], row[8], _from_driver(row[9]), None, row[1], row[3], row[4], row[5], row[6],
        row[7], row[11], None if edited_at is None else _from_driver(edited_at),
        None if raw is None else json.loads(raw), raw,
    )  # fmt: skip


def _from_driver(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)
