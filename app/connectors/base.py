"""Which platforms have a connector, and the registry that builds one for an account."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.core.connector import Connector, ConnectorFactory

# Filled by the platform modules: platform name -> factory(account, secret) -> Connector.
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
