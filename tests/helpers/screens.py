"""Pictures, clocks and accounts for the screenshot tests."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update

from app.models import Account
from app.services.accounts.accounts import AccountService
from app.services.context import Actor
from app.services.screenshots.capture import CapturedImage


def png_of(colour: tuple[int, int, int] = (10, 20, 30), width: int = 4, height: int = 3) -> bytes:
    return CapturedImage(bytes(colour) * (width * height), width, height).png()


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def actor(self, username: str = "anna") -> Actor:
        return Actor(username=username, clock=self)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def add_account(
    sessions,
    key: str,
    platform: str = "facebook",
    *,
    created: str = "2020-01-01T12:00:00+00:00",
    url: str | None = None,
    active: bool = True,
    interval: int | None = None,
) -> None:
    AccountService(sessions).add_account(key, platform, key.upper(), page_url=url, active=active)
    values: dict = {"created_at": utc(created)}
    if interval is not None:
        values["screenshot_interval_days"] = interval
    with sessions.begin() as session:
        session.execute(update(Account).where(Account.key == key).values(**values))
