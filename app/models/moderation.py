"""What the guideline asks to be kept when an administrator acts: evidence, decisions,
registrations (diarieföring), public notices, and the journal of steps still to do."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class Evidence(Base):
    """A copy of an item and everything about it, saved before any action is taken."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="RESTRICT"), index=True)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    saved_by: Mapped[str] = mapped_column(String(100))
    # Canonical JSON (sorted keys, no extra whitespace); sha256 is taken over its UTF-8 bytes.
    payload: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))


class Decision(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="RESTRICT"), index=True)
    # remove, keep, answer, register, notify, forward, hand_over ...
    action: Mapped[str] = mapped_column(String(32))
    reason_code: Mapped[str | None] = mapped_column(String(32))
    motivation: Mapped[str] = mapped_column(Text, default="")
    mode: Mapped[str | None] = mapped_column(String(16))
    decided_by: Mapped[str] = mapped_column(String(100))
    administrator_id: Mapped[int | None] = mapped_column(ForeignKey("administrators.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    platform_result: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The evidence copy saved for this decision (remove, register), before anything else.
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id", ondelete="RESTRICT"))


class Registration(Base):
    """Diarieföring of an item: why it is registered, and the diarienummer once known."""

    __tablename__ = "registrations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="RESTRICT"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id", ondelete="SET NULL"))
    # removal, atgard, arende, befintligt-arende, sarskilt-intresse, sekretess
    criterion: Mapped[str] = mapped_column(String(32))
    motivation: Mapped[str] = mapped_column(Text, default="")
    diarienummer: Mapped[str | None] = mapped_column(String(100))
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    registered_by: Mapped[str] = mapped_column(String(100))
    exported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Notice(Base):
    """The public text saying that a comment was removed, and why; or an answer."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="removal")  # removal, answer, referral
    template: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    # queued, posted, manual (to be posted by hand), failed
    status: Mapped[str] = mapped_column(String(16), default="queued")
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    platform_ref: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100), default="")


class OutboxStep(Base):
    """One step of a workflow, journaled so that a crash resumes it exactly once."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_pending", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="RESTRICT"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id", ondelete="SET NULL"))
    step: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # pending, running, done, manual (waits for a person), blocked (waits for `granska retry`
    # after a person fixed the cause, e.g. renewed an expired token)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    # A step that must be done first (the public notice waits for the removal).
    depends_on_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"))
    # Who runs it now ("host:pid") and until when the claim holds; a dead claim is resumed.
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    result: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    # Beside the Swedish `result` and `last_error` (what the command line prints): the message's
    # source and parts when Granska said it (app/core/messages.py kept/heard), so that the window
    # says it in its own language; None in older rows and for a library's own words.
    result_said: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    last_error_said: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
