"""What a sync reports: its progress, each account's result, and the running tally."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.errors import ErrorKind
from app.services.intake.item_writer import ImportResult


@dataclass(frozen=True)
class SyncProgress:
    account: str
    fetched: int
    stored: int


@dataclass(frozen=True)
class SyncResult:
    account: str
    ok: bool
    message: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    new_versions: int = 0
    deleted_by_author: int = 0
    restored: int = 0
    error_kind: ErrorKind | None = None
    retry_after: float | None = None
    context: int = 0  # of `created`, the account's own posts: context, not work

    @property
    def new_work(self) -> int:
        """New items that are work (the queue's Nya), not the page's own posts."""
        return self.created - self.context


@dataclass
class Tally:
    result: ImportResult = field(default_factory=ImportResult)
    fetched: int = 0

    def add(self, r: ImportResult) -> None:
        self.result.created += r.created
        self.result.updated += r.updated
        self.result.unchanged += r.unchanged
        self.result.new_versions += r.new_versions
        self.result.context += r.context
