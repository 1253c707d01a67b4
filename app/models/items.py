"""Posts and comments fetched from the channels, with every version their authors wrote."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.states import ItemKind, ItemStatus
from app.models.base import Base, UTCDateTime, utcnow

# Statuses still waiting for an administrator's decision.
OPEN_STATUSES = (ItemStatus.NEW, ItemStatus.FLAGGED)


class Item(Base):
    __tablename__ = "items"
    __table_args__ = (
        UniqueConstraint("account_id", "external_id"),
        Index("ix_items_status_created", "status", "created_at", "id"),
        Index("ix_items_created", "created_at", "id"),
        Index("ix_items_author", "account_id", "author_id"),
        # Partial: only flagged rows pay for it at import (each index costs ~5-9 µs a row).
        Index(
            "ix_items_reason_created",
            "suggested_reason",
            "created_at",
            "id",
            sqlite_where=text("suggested_reason IS NOT NULL"),
            postgresql_where=text("suggested_reason IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(16), default=ItemKind.COMMENT)
    external_id: Mapped[str] = mapped_column(String(200))
    # Thread links are kept as the platform's ids, so a reply can arrive before its parent.
    parent_external_id: Mapped[str | None] = mapped_column(String(200))
    post_external_id: Mapped[str | None] = mapped_column(String(200))
    author_name: Mapped[str] = mapped_column(String(500), default="")
    author_id: Mapped[str | None] = mapped_column(String(200))
    author_url: Mapped[str | None] = mapped_column(String(2000))
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    permalink: Mapped[str | None] = mapped_column(String(2000))
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    raw: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(32), default=ItemStatus.NEW)
    # Each flag: {"rule", "reason", "match", "start", "end", "explanation"}.
    flags: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    suggested_reason: Mapped[str | None] = mapped_column(String(32))
    is_question: Mapped[bool] = mapped_column(default=False)
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("administrators.id", ondelete="SET NULL"))
    # When the question's clock stopped (its first published answer, kept or removed; a forward
    # alone tells the asker nothing and stops nothing):
    # kept by triggers in the transaction that stops it (app/models/response_clock.py).
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_response_by: Mapped[str | None] = mapped_column(String(100))
    # Bumped on every decision: two administrators deciding at once cannot both win.
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}


class ItemVersion(Base):
    """An earlier text of an item, kept when its author edits it."""

    __tablename__ = "item_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    replaced_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    raw: Mapped[dict[str, Any] | None] = mapped_column(JSON)
