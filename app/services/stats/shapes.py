"""What the statistics hand on: per account, per administrator, and the whole period (plain
frozen data, for the command line, the view and the yearly evaluation)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.services.accounts.accounts import MIN_ADMINISTRATORS
from app.services.stats.watched_hours import Promise


@dataclass(frozen=True)
class AccountFigures:
    key: str
    name: str
    platform: str
    purpose: str
    tone: str
    promise: Promise
    items: int = 0
    questions: int = 0
    answered: int = 0
    median_first_response_hours: float | None = None
    median_first_response_watched_hours: float | None = None
    p90_first_response_watched_hours: float | None = None
    answered_within_promise: int | None = None
    waiting_now: int = 0
    overdue_now: int | None = None
    removed_by_reason: dict[str, int] = field(default_factory=dict)
    removed_registered: int = 0
    registered_by_criterion: dict[str, int] = field(default_factory=dict)
    forwards: int = 0
    hand_overs: int = 0
    police_reports: int = 0
    pending_steps: int = 0
    screenshots_taken: int = 0
    last_screenshot_id: int | None = None
    screenshot_due: date | None = None
    screenshot_overdue: bool = False
    administrators: tuple[str, ...] = ()

    @property
    def removed(self) -> int:
        return sum(self.removed_by_reason.values())

    @property
    def within_promise_share(self) -> float | None:
        if self.answered_within_promise is None or not self.answered:
            return None
        return self.answered_within_promise / self.answered

    @property
    def too_few_administrators(self) -> bool:
        return len(self.administrators) < MIN_ADMINISTRATORS

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key, "name": self.name, "platform": self.platform,
            "promise": self.promise.describe(), "target_hours": self.promise.target_hours,
            "items": self.items, "questions": self.questions, "answered": self.answered,
            "median_first_response_hours": _round(self.median_first_response_hours),
            "median_first_response_watched_hours": _round(self.median_first_response_watched_hours),
            "p90_first_response_watched_hours": _round(self.p90_first_response_watched_hours),
            "answered_within_promise": self.answered_within_promise,
            "answered_within_promise_share": _round(self.within_promise_share, 4),
            "waiting_now": self.waiting_now, "overdue_now": self.overdue_now,
            "removed": self.removed, "removed_by_reason": self.removed_by_reason,
            "removed_registered": self.removed_registered,
            "registered_by_criterion": self.registered_by_criterion,
            "forwards": self.forwards, "hand_overs": self.hand_overs,
            "police_reports": self.police_reports, "pending_steps": self.pending_steps,
            "screenshots_taken": self.screenshots_taken,
            "screenshot_due": self.screenshot_due.isoformat() if self.screenshot_due else None,
            "screenshot_overdue": self.screenshot_overdue,
            "administrators": list(self.administrators),
            "too_few_administrators": self.too_few_administrators,
        }  # fmt: skip


@dataclass(frozen=True)
class AdministratorFigures:
    username: str
    name: str
    decisions: dict[str, int]
    answered: int
    median_first_response_watched_hours: float | None

    def as_json(self) -> dict[str, Any]:
        return {
            "username": self.username, "name": self.name, "decisions": self.decisions,
            "answered": self.answered,
            "median_first_response_watched_hours": _round(self.median_first_response_watched_hours),
        }  # fmt: skip


@dataclass(frozen=True)
class Statistics:
    date_from: date
    date_to: date
    generated_at: datetime
    accounts: tuple[AccountFigures, ...]
    months: tuple[str, ...]  # "2026-01", ...
    volume_by_month: dict[str, dict[str, int]]  # platform -> month -> items
    administrators: tuple[AdministratorFigures, ...] | None  # None: not for my roles

    def account(self, key: str) -> AccountFigures:
        return next(a for a in self.accounts if a.key == key)

    def as_json(self) -> dict[str, Any]:
        return {
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "generated_at": self.generated_at.isoformat(),
            "accounts": [a.as_json() for a in self.accounts],
            "volume_by_month": {
                p: [{"month": m, "items": c.get(m, 0)} for m in self.months]
                for p, c in self.volume_by_month.items()
            },
            "administrators": (
                [a.as_json() for a in self.administrators] if self.administrators is not None else None
            ),
        }


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)
