"""Decisions made offline on a workstation's local copy, as the team database received them:
applied through the ordinary decision transaction, or kept as a conflict when someone else had
decided the item meanwhile. The journal entry's id is the key, so a replay interrupted at any
moment (kill -9 included) and run again never applies a decision twice."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class OfflineDecision(Base):
    __tablename__ = "offline_decisions"

    # The journal entry's id on the workstation (a UUID): one row per offline decision, ever.
    client_decision_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="RESTRICT"), index=True)
    # applied | conflict
    outcome: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(32))
    # What the person decided, with which arguments, when, and on a copy from when.
    offline: Mapped[dict[str, Any]] = mapped_column(JSON)
    decided_by: Mapped[str] = mapped_column(String(100))
    decided_offline_at: Mapped[datetime] = mapped_column(UTCDateTime)
    copy_fresh_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The evidence copy saved offline from the local copy (canonical JSON) and its SHA-256.
    evidence_payload: Mapped[str | None] = mapped_column(Text)
    evidence_sha256: Mapped[str | None] = mapped_column(String(64))
    # applied: the decision the replay wrote; conflict: the team database's decision that stands.
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id", ondelete="SET NULL"))
    team_decision: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    message: Mapped[str] = mapped_column(Text, default="")
    replayed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
