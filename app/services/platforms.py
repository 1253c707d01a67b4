"""Which connector acts for an item's account. No connector (the intranet, imported items, an
account without credentials) means the removal and the notice are done by hand."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.connectors.base import Connector, ConnectorRegistry
from app.models import Account, Item, Platform
from app.services.credentials import CredentialStore


def load_connector_modules() -> None:
    """Platform modules (app/connectors/<platform>.py) fill FACTORIES when imported."""
    for platform in Platform:
        name = f"app.connectors.{platform.value}"
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name)


def connector_registry() -> ConnectorRegistry:
    """The registry the application uses: every platform module, secrets from the keyring."""
    load_connector_modules()
    store = CredentialStore()

    def secret_for(account: Any) -> str | None:
        return store.get(account.credential_ref) if account.credential_ref else None

    return ConnectorRegistry(secret_for)


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
