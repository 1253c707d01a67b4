"""Fixtures for the moderation workflow: the platform double, an SMTP server on 127.0.0.1 and a
clock the test moves."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest

from app.services.mail import SETTINGS_KEY, Mailer, MailSettings
from app.services.settings import SettingsService
from tests.helpers.platform import FakePlatform, fake_registry


class Clock:
    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 6, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def platform() -> Iterator[FakePlatform]:
    with FakePlatform() as fake:
        yield fake


@pytest.fixture
def registry() -> Any:
    return fake_registry()


class SmtpInbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp() -> Iterator[tuple[SmtpInbox, MailSettings]]:
    from aiosmtpd.controller import Controller

    inbox = SmtpInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield (
            inbox,
            MailSettings(host="127.0.0.1", port=port, security="none", sender="granska@kommun.example"),
        )
    finally:
        controller.stop()


def configure_mail(sessions: Any, settings: MailSettings, head_of_communications: str = "") -> Mailer:
    values = {
        "host": settings.host,
        "port": settings.port,
        "security": settings.security,
        "sender": settings.sender,
        "head_of_communications": head_of_communications,
    }
    SettingsService(sessions).set(SETTINGS_KEY, values)
    return Mailer(settings)
