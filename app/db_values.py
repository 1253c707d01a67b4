"""Values as the database driver takes them, for code that bypasses SQLAlchemy for speed.

Kept apart from app.models (and free of SQLAlchemy) so that the import's worker process, which
converts values too, starts in a fraction of a second."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def to_driver_datetime(value: datetime | None, dialect_name: str) -> Any:
    """What UTCDateTime would hand the DB driver. SQLite keeps datetimes as text: this is the
    exact text SQLAlchemy writes."""
    if value is None:
        return None
    value = value.astimezone(UTC)
    if dialect_name == "sqlite":
        # isoformat is SQLAlchemy's format exactly (strftime's %Y drops the zeros of year 999)
        # and a tenth of strftime's cost, which counts a million times in an import.
        return value.replace(tzinfo=None).isoformat(" ", "microseconds")
    return value
