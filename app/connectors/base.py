"""The one small protocol every platform connector implements, and the errors it raises.

Connectors are plain HTTP clients (httpx); they know nothing of the database. The services
(remove, notify, sync) decide what to do with their results.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from app.services.errors import EnvironmentFault
from app.services.importer import IncomingItem


@dataclass(frozen=True)
class Capabilities:
    """What the platform lets a page owner do to others' comments; the UI offers only these."""

    can_fetch: bool = True
    can_hide: bool = False
    can_unhide: bool = False
    can_delete: bool = False
    can_reply: bool = False


@dataclass(frozen=True)
class PlatformResult:
    ok: bool
    message: str = ""
    ref: str | None = None  # e.g. the id or link of a posted reply


@dataclass
class FetchResult:
    items: list[IncomingItem] = field(default_factory=list)
    # Items the platform reports as deleted by their authors (external ids).
    deleted: list[str] = field(default_factory=list)
    # Opaque state for the next incremental sync (cursors, last seen time).
    state: dict[str, Any] = field(default_factory=dict)


class PlatformError(EnvironmentFault):
    """A platform call failed. `kind` sorts it: auth, rate_limit, transient, permission,
    not_found, bad_response. `retry_after` is in seconds when the platform said."""

    def __init__(self, message: str, kind: str = "transient", retry_after: float | None = None):
        super().__init__(message)
        self.kind = kind
        self.retry_after = retry_after

    @property
    def retryable(self) -> bool:
        return self.kind in ("rate_limit", "transient")


class Connector(Protocol):
    platform: str
    capabilities: Capabilities

    def fetch(self, state: dict[str, Any] | None,
              progress: Callable[[int], None] | None = None) -> FetchResult: ...

    def hide(self, external_id: str) -> PlatformResult: ...

    def unhide(self, external_id: str) -> PlatformResult: ...

    def delete(self, external_id: str) -> PlatformResult: ...

    def reply(self, external_id: str, text: str) -> PlatformResult: ...


# Filled by the platform modules: platform name -> factory(account, secret) -> Connector.
ConnectorFactory = Callable[[Any, str], Connector]
FACTORIES: dict[str, ConnectorFactory] = {}


class ConnectorRegistry:
    """Finds the connector for an account, or None when the account has none (intranet,
    imported items, or no credentials): then a removal is done by hand."""

    def __init__(self, secret_for: Callable[[Any], str | None] | None = None) -> None:
        self._secret_for = secret_for

    def for_account(self, account: Any) -> Connector | None:
        factory = FACTORIES.get(account.platform)
        if factory is None or self._secret_for is None:
            return None
        secret = self._secret_for(account)
        if not secret:
            return None
        return factory(account, secret)
