"""One row of the archive's list (app/services/records/archive.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, NamedTuple

Cursor = tuple[datetime, int]


class _EntryRow(NamedTuple):
    item_id: int
    account_key: str
    account_name: str
    platform: str
    author_name: str
    text: str
    status: str
    created: datetime | str  # as the database gave it (SQLite: text, read on `created_at`)
    last_event: datetime | str  # the latest save, removal or registration
    reason_code: str | None
    decided_by: str | None
    diarienummer: str | None
    evidence_count: int


class ArchiveEntry(_EntryRow):
    """One row of the archive's list. A page from SQLite's index keeps the two times as the
    database wrote them and reads them into datetimes when asked (the window asks for the
    rows it paints), so a page costs what the query costs."""

    __slots__ = ()

    @property
    def created_at(self) -> datetime:
        return utc_time(self.created)

    @property
    def last_event_at(self) -> datetime:
        return utc_time(self.last_event)

    @property
    def cursor(self) -> Cursor:
        return (self.last_event_at, self.item_id)

    def _values(self) -> tuple[Any, ...]:
        return (*self[:7], self.created_at, self.last_event_at, *self[9:])

    def __eq__(self, other: object) -> bool:  # the same entry, however its times were read
        if isinstance(other, ArchiveEntry):
            return self._values() == other._values()
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self._values())

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.item_id, "account": self.account_key, "platform": self.platform,
            "author_name": self.author_name, "text": self.text, "status": self.status,
            "created_at": self.created_at.isoformat(),
            "last_event_at": self.last_event_at.isoformat(), "reason": self.reason_code,
            "decided_by": self.decided_by, "diarienummer": self.diarienummer,
            "evidence": self.evidence_count,
        }  # fmt: skip


def utc_time(value: datetime | str) -> datetime:
    """A time from the database in UTC: SQLite's stored text (UTC, as UTCDateTime writes it)
    read, PostgreSQL's timestamptz (in the session's zone) turned to UTC."""
    if isinstance(value, str):
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value if value.tzinfo is UTC else value.astimezone(UTC)
