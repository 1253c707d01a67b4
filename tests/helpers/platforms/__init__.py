"""Fake platforms on 127.0.0.1 that answer like the documented APIs, and the glue tests use
to point accounts and connectors at them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from app.connectors.common import ConnectorOptions
from app.connectors.http import RetryPolicy, Timeouts
from app.services.accounts.accounts import AccountService
from app.services.accounts.platforms import ConnectorRegistry
from tests.helpers.platforms.graph import FakeFacebook, FakeInstagram
from tests.helpers.platforms.linkedin import FakeLinkedIn
from tests.helpers.platforms.server import FakePlatform, PlatformServer
from tests.helpers.platforms.x import FakeX
from tests.helpers.platforms.youtube import FakeYouTube

# platform -> (fake class, API path under the server, the account's platform id attribute)
PLATFORMS: dict[str, tuple[type[FakePlatform], str, str]] = {
    "facebook": (FakeFacebook, "/v21.0", "owner_id"),
    "instagram": (FakeInstagram, "/v21.0", "owner_id"),
    "youtube": (FakeYouTube, "/youtube/v3", "channel_id"),
    "x": (FakeX, "/2", "user_id"),
    "linkedin": (FakeLinkedIn, "/rest", "org_urn"),
}


@dataclass
class Sleeps:
    """Records the waits the client asked for instead of sleeping them."""

    waits: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def quick_options(sleeps: Sleeps | None = None, read_timeout: float = 1.0, **kw: Any) -> ConnectorOptions:
    return ConnectorOptions(
        retry=RetryPolicy(attempts=4, base_delay=0.01, max_delay=120.0, total_budget=600.0),
        timeouts=Timeouts(connect=2.0, read=read_timeout),
        sleep=sleeps if sleeps is not None else (lambda _s: None), **kw,
    )  # fmt: skip


@dataclass
class Running:
    platform: str
    fake: Any
    server: PlatformServer

    @property
    def api_base(self) -> str:
        return self.server.url + PLATFORMS[self.platform][1]

    @property
    def external_id(self) -> str:
        return getattr(self.fake, PLATFORMS[self.platform][2])

    def account(self, key: str | None = None, name: str = "Vadstena kommun") -> SimpleNamespace:
        return SimpleNamespace(
            key=key or self.platform,
            name=name,
            platform=self.platform,
            external_id=self.external_id,
            api_base_url=self.api_base,
            credential_ref=None,
        )

    def connector(self, options: ConnectorOptions | None = None, token: str | None = None) -> Any:
        registry = ConnectorRegistry(lambda _a: token or self.fake.token, options or quick_options())
        return registry.for_account(self.account())

    def add_account(self, sessions: Any, key: str | None = None) -> str:
        key = key or self.platform
        AccountService(sessions).add_account(
            key, self.platform, "Vadstena kommun", external_id=self.external_id, api_base_url=self.api_base
        )
        return key


@contextmanager
def running(platform: str, **kw: Any) -> Iterator[Running]:
    fake = PLATFORMS[platform][0](**kw)
    with PlatformServer(fake) as server:
        yield Running(platform, fake, server)
    assert fake.crashes == [], f"the fake platform itself failed: {fake.crashes}"
