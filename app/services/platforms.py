"""Which connector acts for an item's account. No connector (the intranet, imported items, an
account without credentials) means the removal and the notice are done by hand."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.connectors.base import ConnectorRegistry
from app.core.connector import Connector
from app.models import Account, Item


def connector_registry() -> ConnectorRegistry:
    """The registry the application uses: every platform module (importing app.connectors
    registers them), tokens from the OS keyring (app/services/connections.py)."""
    import app.connectors  # noqa: F401
    from app.services.connections import keyring_registry

    return keyring_registry()


class ConnectorLookup:
    """Cached per account for the life of the service: building a connector may read the
    keyring, which takes a tenth of a second."""

    def __init__(self, sessions: sessionmaker[Session], registry: ConnectorRegistry | None) -> None:
        self._sessions = sessions
        self._registry = registry
        self._cache: dict[int, Connector | None] = {}

    @property
    def enabled(self) -> bool:
        return self._registry is not None

    def account_for_item(self, item_id: int) -> Any:
        with self._sessions() as session:
            return session.scalar(
                select(Account).join(Item, Item.account_id == Account.id).where(Item.id == item_id)
            )

    def for_item(self, item_id: int) -> Connector | None:
        """Raises EnvironmentFault (e.g. the keyring is locked): the caller retries later."""
        if self._registry is None:
            return None
        account = self.account_for_item(item_id)
        if account is None:
            return None
        if account.id not in self._cache:
            self._cache[account.id] = self._registry.for_account(account)
        return self._cache[account.id]
