"""The text (SQLite) or value (other databases) a datetime column is handed to its driver, for
code that bypasses the ORM for speed. No SQLAlchemy here: the import's lean child process
(app/services/intake/import_child.py) builds its rows with it too."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def to_driver_datetime(value: datetime | None, dialect_name: str) -> Any:
    """What UTCDateTime would hand the DB driver, for code that bypasses the ORM for speed.
    SQLite keeps datetimes as text: this is the exact text SQLAlchemy writes."""
    if value is None:
        return None
    if dialect_name == "sqlite":
        # isoformat is SQLAlchemy's format exactly (strftime's %Y drops the zeros of year 999)
        # and a tenth of strftime's cost, which counts a million times in an import. A time
        # already in UTC (an import's "+00:00") is its own text less the offset: a third less.
        if value.tzinfo is UTC:
            return value.isoformat(" ", "microseconds")[:-6]
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    return value.astimezone(UTC)
