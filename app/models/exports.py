"""What Granska handed out: removal logs for the registrator and evidence packages.

Each export keeps the row ids it printed, so the registrator's diarienummer can be read back
from the same spreadsheet, and so it can always be told which items left the program, when, and
with whom."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class Export(Base):
    __tablename__ = "exports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Also written into the file's properties (identifier), so a file can be traced back.
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # removals, package
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))
    period_from: Mapped[date | None] = mapped_column(Date)
    period_to: Mapped[date | None] = mapped_column(Date)
    account_keys: Mapped[list[str] | None] = mapped_column(JSON)
    filename: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str] = mapped_column(String(64))
    removal_rows: Mapped[int] = mapped_column(Integer, default=0)
    registration_rows: Mapped[int] = mapped_column(Integer, default=0)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ExportRow(Base):
    """One row (or one evidence file) of an export, under the id printed in the file."""

    __tablename__ = "export_rows"
    __table_args__ = (
        UniqueConstraint("export_id", "row_key"),
        Index("ix_export_rows_row_key", "row_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    export_id: Mapped[int] = mapped_column(ForeignKey("exports.id", ondelete="CASCADE"))
    # B<decision id> on Borttagna, D<registration id> on Diarieförda, E<evidence id> in a package.
    row_key: Mapped[str] = mapped_column(String(32))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="RESTRICT"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id", ondelete="SET NULL"))
    registration_id: Mapped[int | None] = mapped_column(ForeignKey("registrations.id", ondelete="SET NULL"))
