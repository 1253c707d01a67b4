"""Records of the moderation workflow beyond the guideline's four (evidence, decision,
registration, notice): escalations to the nearest manager, conflicts of interest, and the head
of the audit chain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class Escalation(Base):
    """A crime (or anything an administrator wants a manager to see) sent by e-mail to the
    nearest manager, who decides on a police report."""

    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="RESTRICT"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id", ondelete="SET NULL"))
    # police_report (a crime reason), manager, head_of_communications
    kind: Mapped[str] = mapped_column(String(32), default="police_report")
    to_email: Mapped[str] = mapped_column(String(320), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # queued, sent, no_recipient
    status: Mapped[str] = mapped_column(String(16), default="queued")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Recusal(Base):
    """An administrator with a private interest handed the item over and may not decide it
    ("Om den som är administratör har privat intresse ... bör någon annan föra dialogen")."""

    __tablename__ = "recusals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    username: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text, default="")
    handed_to: Mapped[str] = mapped_column(String(100), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditHead(Base):
    """One row: the hash and count of the newest audit event. Appending locks this row first,
    so concurrent writers chain one after the other, and cutting events off the end of the log
    shows up as a head that no longer matches."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_hash: Mapped[str] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(Integer, default=0)
